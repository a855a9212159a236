/* Shared pieces of the Zend glue: class entries and the error-code-to-exception bridge. */
#ifndef PHP_SHOPSETUP_GLUE_H
#define PHP_SHOPSETUP_GLUE_H

#include "php.h"
#include "shopsetup_core.h"

extern zend_class_entry *php_shopsetup_exception_ce;
extern zend_class_entry *php_shopsetup_params_exception_ce;
extern zend_class_entry *php_shopsetup_roster_exception_ce;
extern zend_class_entry *php_shopsetup_plan_exception_ce;
extern zend_class_entry *php_shopsetup_database_exception_ce;
extern zend_class_entry *php_shopsetup_plan_ce;
extern zend_class_entry *php_shopsetup_mysql_connection_ce;

/* Throws the ShopSetup exception that matches err->code. */
void php_shopsetup_throw(const shopsetup_error *err);

void php_shopsetup_plan_minit(void);
void php_shopsetup_mysql_minit(void);

/* Borrowed view of a PHP string. */
static inline shopsetup_slice php_shopsetup_slice(const zend_string *s)
{
	return (shopsetup_slice){ ZSTR_VAL(s), ZSTR_LEN(s) };
}

#endif
