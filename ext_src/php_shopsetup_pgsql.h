/* ShopSetup\PgsqlConnection (built when libpq was found: HAVE_SHOPSETUP_PGSQL). */
#ifndef PHP_SHOPSETUP_PGSQL_H
#define PHP_SHOPSETUP_PGSQL_H

#include "php.h"

extern zend_class_entry *php_shopsetup_pgsql_connection_ce;

void php_shopsetup_pgsql_minit(zend_class_entry *ce);

#endif
