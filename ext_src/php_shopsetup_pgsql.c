/* Zend glue of ShopSetup\PgsqlConnection. */
#ifdef HAVE_CONFIG_H
# include "config.h"
#endif

#include "php.h"
#include "zend_exceptions.h"

#ifdef HAVE_SHOPSETUP_PGSQL

#include "php_shopsetup_errors.h"
#include "php_shopsetup_native.h"
#include "php_shopsetup_pgsql.h"
#include "php_shopsetup_rows.h"
#include "php_shopsetup_store.h"
#include "shopsetup_pgsql.h"

typedef struct {
	shopsetup_pgsql db;
	bool connected;
	zend_object std;
} php_shopsetup_pgsql_object;

zend_class_entry *php_shopsetup_pgsql_connection_ce;
static zend_object_handlers php_shopsetup_pgsql_handlers;

static php_shopsetup_pgsql_object *php_shopsetup_pgsql_from(zend_object *obj)
{
	return (php_shopsetup_pgsql_object *) ((char *) obj - XtOffsetOf(php_shopsetup_pgsql_object, std));
}

static zend_object *php_shopsetup_pgsql_create(zend_class_entry *ce)
{
	php_shopsetup_pgsql_object *intern = zend_object_alloc(sizeof(php_shopsetup_pgsql_object), ce);
	zend_object_std_init(&intern->std, ce);
	object_properties_init(&intern->std, ce);
	intern->std.handlers = &php_shopsetup_pgsql_handlers;
	return &intern->std;
}

static void php_shopsetup_pgsql_free(zend_object *obj)
{
	php_shopsetup_pgsql_object *intern = php_shopsetup_pgsql_from(obj);
	shopsetup_pgsql_close(&intern->db);
	zend_object_std_dtor(obj);
}

/* The connection's C store; false with an exception when it is closed. */
static bool php_shopsetup_pgsql_store_of(zend_object *object, shopsetup_store *out)
{
	php_shopsetup_pgsql_object *intern = php_shopsetup_pgsql_from(object);
	if (!intern->connected) {
		zend_throw_exception(php_shopsetup_database_exception_ce, "The connection is closed", SHOPSETUP_E_DB);
		return false;
	}
	*out = shopsetup_pgsql_store(&intern->db);
	return true;
}

void php_shopsetup_pgsql_minit(zend_class_entry *ce)
{
	php_shopsetup_pgsql_connection_ce = ce;
	php_shopsetup_pgsql_connection_ce->create_object = php_shopsetup_pgsql_create;
	memcpy(&php_shopsetup_pgsql_handlers, zend_get_std_object_handlers(), sizeof(zend_object_handlers));
	php_shopsetup_pgsql_handlers.offset = XtOffsetOf(php_shopsetup_pgsql_object, std);
	php_shopsetup_pgsql_handlers.free_obj = php_shopsetup_pgsql_free;
	php_shopsetup_pgsql_handlers.clone_obj = NULL;
	php_shopsetup_store_register_native(ce, php_shopsetup_pgsql_store_of);
}

/* lock_key: a list of two ints, each one a PostgreSQL int4. */
static bool php_shopsetup_pgsql_lock_key(HashTable *options, shopsetup_pgsql_options *opts)
{
	zval *value = zend_hash_str_find_deref(options, "lock_key", sizeof("lock_key") - 1);
	if (value == NULL || Z_TYPE_P(value) == IS_NULL) {
		return true;
	}
	zval *first, *second;
	int64_t keys[2];
	if (Z_TYPE_P(value) != IS_ARRAY || zend_hash_num_elements(Z_ARRVAL_P(value)) != 2
		|| (first = zend_hash_index_find_deref(Z_ARRVAL_P(value), 0)) == NULL
		|| (second = zend_hash_index_find_deref(Z_ARRVAL_P(value), 1)) == NULL
		|| !php_shopsetup_zval_int(first, &keys[0]) || !php_shopsetup_zval_int(second, &keys[1])
		|| keys[0] < INT32_MIN || keys[0] > INT32_MAX || keys[1] < INT32_MIN || keys[1] > INT32_MAX) {
		zend_argument_value_error(1, "option \"lock_key\" must be a list of two ints from %d to %d", INT32_MIN, INT32_MAX);
		return false;
	}
	opts->lock_key[0] = (int32_t) keys[0];
	opts->lock_key[1] = (int32_t) keys[1];
	opts->lock_key_set = true;
	return true;
}

ZEND_METHOD(ShopSetup_PgsqlConnection, __construct)
{
	HashTable *options;
	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_ARRAY_HT(options)
	ZEND_PARSE_PARAMETERS_END();

	php_shopsetup_pgsql_object *intern = php_shopsetup_pgsql_from(Z_OBJ_P(ZEND_THIS));
	if (intern->connected) {
		zend_throw_error(NULL, "Cannot call ShopSetup\\PgsqlConnection::__construct() twice");
		RETURN_THROWS();
	}
	shopsetup_pgsql_options opts = { 0 };
	if (!php_shopsetup_option_string(options, "host", &opts.host)
		|| !php_shopsetup_option_string(options, "user", &opts.user)
		|| !php_shopsetup_option_string(options, "password", &opts.password)
		|| !php_shopsetup_option_string(options, "database", &opts.database)
		|| !php_shopsetup_option_string(options, "socket", &opts.socket)
		|| !php_shopsetup_option_string(options, "prefix", &opts.prefix)
		|| !php_shopsetup_option_string(options, "schema", &opts.schema)
		|| !php_shopsetup_option_string(options, "sslmode", &opts.sslmode)
		|| !php_shopsetup_option_string(options, "sslrootcert", &opts.sslrootcert)
		|| !php_shopsetup_option_string(options, "sslcert", &opts.sslcert)
		|| !php_shopsetup_option_string(options, "sslkey", &opts.sslkey)
		|| !php_shopsetup_option_uint(options, "port", PHP_SHOPSETUP_PORT_MAX, &opts.port)
		|| !php_shopsetup_option_uint(options, "connect_timeout", PHP_SHOPSETUP_TIMEOUT_MAX, &opts.connect_timeout)
		|| !php_shopsetup_option_uint(options, "lock_timeout", PHP_SHOPSETUP_TIMEOUT_MAX, &opts.lock_timeout)
		|| !php_shopsetup_pgsql_lock_key(options, &opts)) {
		RETURN_THROWS();
	}
	if (opts.user == NULL || opts.database == NULL) {
		zend_argument_value_error(1, "must contain \"user\" and \"database\"");
		RETURN_THROWS();
	}
	zval *lock_timeout = zend_hash_str_find_deref(options, "lock_timeout", sizeof("lock_timeout") - 1);
	opts.lock_timeout_set = lock_timeout != NULL && Z_TYPE_P(lock_timeout) != IS_NULL;

	shopsetup_error err = { 0 };
	if (shopsetup_pgsql_connect(&intern->db, &opts, &err) != SHOPSETUP_OK) {
		php_shopsetup_throw(&err);
		RETURN_THROWS();
	}
	intern->connected = true;
}

PHP_SHOPSETUP_NATIVE_STORE_METHODS(ShopSetup_PgsqlConnection, php_shopsetup_pgsql_store_of)

static shopsetup_pgsql *php_shopsetup_pgsql_get(zval *object)
{
	php_shopsetup_pgsql_object *intern = php_shopsetup_pgsql_from(Z_OBJ_P(object));
	if (!intern->connected) {
		zend_throw_exception(php_shopsetup_database_exception_ce, "The connection is closed", SHOPSETUP_E_DB);
		return NULL;
	}
	return &intern->db;
}

ZEND_METHOD(ShopSetup_PgsqlConnection, serverInfo)
{
	ZEND_PARSE_PARAMETERS_NONE();
	shopsetup_pgsql *db = php_shopsetup_pgsql_get(ZEND_THIS);
	if (db == NULL) {
		RETURN_THROWS();
	}
	const char *version = PQparameterStatus(db->conn, "server_version");
	RETURN_STRING(version != NULL ? version : "");
}

ZEND_METHOD(ShopSetup_PgsqlConnection, connectionId)
{
	ZEND_PARSE_PARAMETERS_NONE();
	shopsetup_pgsql *db = php_shopsetup_pgsql_get(ZEND_THIS);
	if (db == NULL) {
		RETURN_THROWS();
	}
	RETURN_LONG((zend_long) PQbackendPID(db->conn));
}

ZEND_METHOD(ShopSetup_PgsqlConnection, close)
{
	ZEND_PARSE_PARAMETERS_NONE();
	php_shopsetup_pgsql_object *intern = php_shopsetup_pgsql_from(Z_OBJ_P(ZEND_THIS));
	shopsetup_pgsql_close(&intern->db);
	intern->connected = false;
}

#endif
