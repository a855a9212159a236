/* ShopSetup\MysqlConnection. */
#ifndef PHP_SHOPSETUP_MYSQL_H
#define PHP_SHOPSETUP_MYSQL_H

#include "php.h"

extern zend_class_entry *php_shopsetup_mysql_connection_ce;

void php_shopsetup_mysql_minit(zend_class_entry *ce);

#endif
