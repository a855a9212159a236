/* ShopSetup\Exception and its subclasses: the one place where core error codes become exceptions. */
#ifndef PHP_SHOPSETUP_ERRORS_H
#define PHP_SHOPSETUP_ERRORS_H

#include "php.h"
#include "shopsetup_core.h"

extern zend_class_entry *php_shopsetup_exception_ce;
extern zend_class_entry *php_shopsetup_params_exception_ce;
extern zend_class_entry *php_shopsetup_roster_exception_ce;
extern zend_class_entry *php_shopsetup_plan_exception_ce;
extern zend_class_entry *php_shopsetup_database_exception_ce;

/* Throws the ShopSetup exception that matches err->code. */
void php_shopsetup_throw(const shopsetup_error *err);
/* The same for a status whose error may not be filled in (out of memory, internal error). */
void php_shopsetup_throw_status(shopsetup_status status, shopsetup_error *err);

#endif
