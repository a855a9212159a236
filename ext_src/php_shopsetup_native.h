/* ShopSetup\Store's methods on the extension's own stores (their C store behind PHP values). */
#ifndef PHP_SHOPSETUP_NATIVE_H
#define PHP_SHOPSETUP_NATIVE_H

#include "php.h"
#include "shopsetup_store.h"

/* Each one calls one operation of the C store; a failure is thrown as a ShopSetup exception. */
void php_shopsetup_native_lock(shopsetup_store store);
void php_shopsetup_native_begin(shopsetup_store store);
void php_shopsetup_native_commit(shopsetup_store store);
/* The methods' own parameters, parsed here: find() and findKeys() as Store declares them. */
void php_shopsetup_native_find(shopsetup_store store, INTERNAL_FUNCTION_PARAMETERS);
void php_shopsetup_native_find_keys(shopsetup_store store, INTERNAL_FUNCTION_PARAMETERS);
/* insert() (SHOPSETUP_WRITE_INSERT) or update() (SHOPSETUP_WRITE_UPDATE) of Store. */
void php_shopsetup_native_write(shopsetup_store store, shopsetup_write kind, INTERNAL_FUNCTION_PARAMETERS);

/* The connections' options: absent or null leaves *out as it is; a wrong type throws (false). */
bool php_shopsetup_option_string(HashTable *options, const char *name, const char **out);
bool php_shopsetup_option_uint(HashTable *options, const char *name, unsigned max, unsigned *out);

#define PHP_SHOPSETUP_PORT_MAX 65535
/* A day: longer than any wait worth having, far below what the libraries' unsigned seconds hold. */
#define PHP_SHOPSETUP_TIMEOUT_MAX 86400

/*
 * The Store methods of a connection class: each one the C store's operation, through store_of
 * (the object's C store, or false with an exception when it is closed).
 */
#define PHP_SHOPSETUP_NATIVE_STORE_OR_THROW(store_of, store) \
	shopsetup_store store; \
	if (!store_of(Z_OBJ_P(ZEND_THIS), &store)) { \
		RETURN_THROWS(); \
	}

#define PHP_SHOPSETUP_NATIVE_STORE_METHODS(class_name, store_of) \
	ZEND_METHOD(class_name, lock) \
	{ \
		ZEND_PARSE_PARAMETERS_NONE(); \
		PHP_SHOPSETUP_NATIVE_STORE_OR_THROW(store_of, store); \
		php_shopsetup_native_lock(store); \
	} \
	ZEND_METHOD(class_name, unlock) \
	{ \
		ZEND_PARSE_PARAMETERS_NONE(); \
		PHP_SHOPSETUP_NATIVE_STORE_OR_THROW(store_of, store); \
		store.ops->unlock(store.self); \
	} \
	ZEND_METHOD(class_name, begin) \
	{ \
		ZEND_PARSE_PARAMETERS_NONE(); \
		PHP_SHOPSETUP_NATIVE_STORE_OR_THROW(store_of, store); \
		php_shopsetup_native_begin(store); \
	} \
	ZEND_METHOD(class_name, commit) \
	{ \
		ZEND_PARSE_PARAMETERS_NONE(); \
		PHP_SHOPSETUP_NATIVE_STORE_OR_THROW(store_of, store); \
		php_shopsetup_native_commit(store); \
	} \
	ZEND_METHOD(class_name, rollback) \
	{ \
		ZEND_PARSE_PARAMETERS_NONE(); \
		PHP_SHOPSETUP_NATIVE_STORE_OR_THROW(store_of, store); \
		store.ops->rollback(store.self); \
	} \
	ZEND_METHOD(class_name, find) \
	{ \
		PHP_SHOPSETUP_NATIVE_STORE_OR_THROW(store_of, store); \
		php_shopsetup_native_find(store, INTERNAL_FUNCTION_PARAM_PASSTHRU); \
	} \
	ZEND_METHOD(class_name, findKeys) \
	{ \
		PHP_SHOPSETUP_NATIVE_STORE_OR_THROW(store_of, store); \
		php_shopsetup_native_find_keys(store, INTERNAL_FUNCTION_PARAM_PASSTHRU); \
	} \
	ZEND_METHOD(class_name, insert) \
	{ \
		PHP_SHOPSETUP_NATIVE_STORE_OR_THROW(store_of, store); \
		php_shopsetup_native_write(store, SHOPSETUP_WRITE_INSERT, INTERNAL_FUNCTION_PARAM_PASSTHRU); \
	} \
	ZEND_METHOD(class_name, update) \
	{ \
		PHP_SHOPSETUP_NATIVE_STORE_OR_THROW(store_of, store); \
		php_shopsetup_native_write(store, SHOPSETUP_WRITE_UPDATE, INTERNAL_FUNCTION_PARAM_PASSTHRU); \
	} \
	ZEND_METHOD(class_name, statements) \
	{ \
		ZEND_PARSE_PARAMETERS_NONE(); \
		PHP_SHOPSETUP_NATIVE_STORE_OR_THROW(store_of, store); \
		size_t count = store.ops->statements(store.self); \
		RETURN_LONG(count > (size_t) ZEND_LONG_MAX ? ZEND_LONG_MAX : (zend_long) count); \
	}

#endif
