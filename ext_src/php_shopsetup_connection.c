/* Zend glue of ShopSetup\NativeConnection (php_shopsetup_connection.h). */
#ifdef HAVE_CONFIG_H
# include "config.h"
#endif

#include "php.h"
#include "zend_exceptions.h"

#include "php_shopsetup_connection.h"
#include "php_shopsetup_errors.h"
#include "php_shopsetup_native.h"
#include "php_shopsetup_store.h"

zend_class_entry *php_shopsetup_native_connection_ce;
static zend_object_handlers php_shopsetup_connection_handlers;

static php_shopsetup_connection_object *php_shopsetup_connection_from(zend_object *obj)
{
	return (php_shopsetup_connection_object *) ((char *) obj - XtOffsetOf(php_shopsetup_connection_object, std));
}

zend_object *php_shopsetup_connection_create(zend_class_entry *ce, const php_shopsetup_connection_ops *ops)
{
	php_shopsetup_connection_object *intern = zend_object_alloc(sizeof(php_shopsetup_connection_object), ce);
	zend_object_std_init(&intern->std, ce);
	object_properties_init(&intern->std, ce);
	intern->std.handlers = &php_shopsetup_connection_handlers;
	intern->ops = ops;
	return &intern->std;
}

static void php_shopsetup_connection_close_db(php_shopsetup_connection_object *intern)
{
	if (intern->db != NULL) {
		intern->ops->close(intern->db);
		efree(intern->db);
		intern->db = NULL;
	}
}

static void php_shopsetup_connection_free(zend_object *obj)
{
	php_shopsetup_connection_close_db(php_shopsetup_connection_from(obj));
	zend_object_std_dtor(obj);
}

/* The connection's C store; false with an exception when it is closed (or not a connection of ours). */
static bool php_shopsetup_connection_store_of(zend_object *object, shopsetup_store *out)
{
	php_shopsetup_connection_object *intern = php_shopsetup_connection_from(object);
	if (intern->ops == NULL || intern->db == NULL) {
		zend_throw_exception(php_shopsetup_database_exception_ce, "The connection is closed", SHOPSETUP_E_DB);
		return false;
	}
	*out = intern->ops->store(intern->db);
	return true;
}

/* A class of PHP code extending NativeConnection: an object of ours with no connection, ever. */
static zend_object *php_shopsetup_connection_create_base(zend_class_entry *ce)
{
	return php_shopsetup_connection_create(ce, NULL);
}

void php_shopsetup_connection_minit(zend_class_entry *base)
{
	php_shopsetup_native_connection_ce = base;
	base->create_object = php_shopsetup_connection_create_base;
	memcpy(&php_shopsetup_connection_handlers, zend_get_std_object_handlers(), sizeof(zend_object_handlers));
	php_shopsetup_connection_handlers.offset = XtOffsetOf(php_shopsetup_connection_object, std);
	php_shopsetup_connection_handlers.free_obj = php_shopsetup_connection_free;
	php_shopsetup_connection_handlers.clone_obj = NULL;
}

void php_shopsetup_connection_register(zend_class_entry *ce, zend_object *(*create)(zend_class_entry *ce))
{
	ce->create_object = create;
	php_shopsetup_store_register_native(ce, php_shopsetup_connection_store_of);
}

void *php_shopsetup_connection_begin(zend_object *object, const char *class_name)
{
	php_shopsetup_connection_object *intern = php_shopsetup_connection_from(object);
	if (intern->db != NULL) {
		zend_throw_error(NULL, "Cannot call ShopSetup\\%s::__construct() twice", class_name);
		return NULL;
	}
	intern->db = ecalloc(1, intern->ops->size);
	return intern->db;
}

void php_shopsetup_connection_failed(zend_object *object)
{
	php_shopsetup_connection_object *intern = php_shopsetup_connection_from(object);
	efree(intern->db);
	intern->db = NULL;
}

#define PHP_SHOPSETUP_STORE_OR_THROW(store) \
	shopsetup_store store; \
	if (!php_shopsetup_connection_store_of(Z_OBJ_P(ZEND_THIS), &store)) { \
		RETURN_THROWS(); \
	}

ZEND_METHOD(ShopSetup_NativeConnection, lock)
{
	ZEND_PARSE_PARAMETERS_NONE();
	PHP_SHOPSETUP_STORE_OR_THROW(store);
	php_shopsetup_native_lock(store);
}

ZEND_METHOD(ShopSetup_NativeConnection, unlock)
{
	ZEND_PARSE_PARAMETERS_NONE();
	PHP_SHOPSETUP_STORE_OR_THROW(store);
	store.ops->unlock(store.self);
}

ZEND_METHOD(ShopSetup_NativeConnection, begin)
{
	ZEND_PARSE_PARAMETERS_NONE();
	PHP_SHOPSETUP_STORE_OR_THROW(store);
	php_shopsetup_native_begin(store);
}

ZEND_METHOD(ShopSetup_NativeConnection, commit)
{
	ZEND_PARSE_PARAMETERS_NONE();
	PHP_SHOPSETUP_STORE_OR_THROW(store);
	php_shopsetup_native_commit(store);
}

ZEND_METHOD(ShopSetup_NativeConnection, rollback)
{
	ZEND_PARSE_PARAMETERS_NONE();
	PHP_SHOPSETUP_STORE_OR_THROW(store);
	store.ops->rollback(store.self);
}

ZEND_METHOD(ShopSetup_NativeConnection, find)
{
	PHP_SHOPSETUP_STORE_OR_THROW(store);
	php_shopsetup_native_find(store, INTERNAL_FUNCTION_PARAM_PASSTHRU);
}

ZEND_METHOD(ShopSetup_NativeConnection, findKeys)
{
	PHP_SHOPSETUP_STORE_OR_THROW(store);
	php_shopsetup_native_find_keys(store, INTERNAL_FUNCTION_PARAM_PASSTHRU);
}

ZEND_METHOD(ShopSetup_NativeConnection, insert)
{
	PHP_SHOPSETUP_STORE_OR_THROW(store);
	php_shopsetup_native_write(store, SHOPSETUP_WRITE_INSERT, INTERNAL_FUNCTION_PARAM_PASSTHRU);
}

ZEND_METHOD(ShopSetup_NativeConnection, update)
{
	PHP_SHOPSETUP_STORE_OR_THROW(store);
	php_shopsetup_native_write(store, SHOPSETUP_WRITE_UPDATE, INTERNAL_FUNCTION_PARAM_PASSTHRU);
}

ZEND_METHOD(ShopSetup_NativeConnection, statements)
{
	ZEND_PARSE_PARAMETERS_NONE();
	PHP_SHOPSETUP_STORE_OR_THROW(store);
	size_t count = store.ops->statements(store.self);
	RETURN_LONG(count > (size_t) ZEND_LONG_MAX ? ZEND_LONG_MAX : (zend_long) count);
}

ZEND_METHOD(ShopSetup_NativeConnection, serverInfo)
{
	ZEND_PARSE_PARAMETERS_NONE();
	PHP_SHOPSETUP_STORE_OR_THROW(store);
	php_shopsetup_connection_object *intern = php_shopsetup_connection_from(Z_OBJ_P(ZEND_THIS));
	RETURN_STRING(intern->ops->server_info(intern->db));
}

ZEND_METHOD(ShopSetup_NativeConnection, connectionId)
{
	ZEND_PARSE_PARAMETERS_NONE();
	PHP_SHOPSETUP_STORE_OR_THROW(store);
	php_shopsetup_connection_object *intern = php_shopsetup_connection_from(Z_OBJ_P(ZEND_THIS));
	RETURN_LONG((zend_long) intern->ops->connection_id(intern->db));
}

ZEND_METHOD(ShopSetup_NativeConnection, close)
{
	ZEND_PARSE_PARAMETERS_NONE();
	php_shopsetup_connection_close_db(php_shopsetup_connection_from(Z_OBJ_P(ZEND_THIS)));
}
