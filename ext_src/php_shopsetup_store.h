/* ShopSetup\Store: a store of the setup driver written in PHP, and the run's report as PHP arrays. */
#ifndef PHP_SHOPSETUP_STORE_H
#define PHP_SHOPSETUP_STORE_H

#include "php.h"
#include "shopsetup_driver.h"

extern zend_class_entry *php_shopsetup_store_ce;

void php_shopsetup_store_minit(zend_class_entry *ce);

/* The driver's view of a PHP object implementing ShopSetup\Store. */
typedef struct {
	zend_object *object;
	zend_object *thrown;  /* the first exception one of its methods threw */
} php_shopsetup_store;

shopsetup_store php_shopsetup_store_wrap(php_shopsetup_store *store, zend_object *object);

/* A store class of the extension: its objects' C store, or false with an exception. */
typedef bool (*php_shopsetup_native_store_fn)(zend_object *object, shopsetup_store *out);
void php_shopsetup_store_register_native(zend_class_entry *ce, php_shopsetup_native_store_fn store_of);

/*
 * The driver's view of any ShopSetup\Store: an extension's own store directly (*php_store NULL),
 * else the PHP object through its methods (*php_store set to wrapper). False with an exception.
 */
bool php_shopsetup_store_of(zend_object *object, php_shopsetup_store *wrapper, shopsetup_store *out, php_shopsetup_store **php_store);

/*
 * Runs the plan over store and sets return_value to the report; on failure throws what the PHP
 * store threw, else the exception of the error, and leaves return_value NULL.
 */
void php_shopsetup_run(shopsetup_store store, php_shopsetup_store *php_store, shopsetup_plan *plan, zval *return_value);
/* The same for shopsetup_driver_preview(): return_value is the match report. */
void php_shopsetup_preview(shopsetup_store store, php_shopsetup_store *php_store, shopsetup_plan *plan, zval *return_value);

void php_shopsetup_match_report_to_array(const shopsetup_plan *plan, const shopsetup_match_report *report, zval *out);

#endif
