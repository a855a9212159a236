/* Zend glue of ShopSetup\MysqlConnection. */
#ifdef HAVE_CONFIG_H
# include "config.h"
#endif

#include "php.h"
#include "zend_exceptions.h"

#include "php_shopsetup_errors.h"
#include "php_shopsetup_mysql.h"
#include "php_shopsetup_native.h"
#include "php_shopsetup_store.h"
#include "php_shopsetup_plan.h"
#include "php_shopsetup_rows.h"
#include "shopsetup_mysql.h"

typedef struct {
	shopsetup_mysql db;
	bool connected;
	zend_object std;
} php_shopsetup_mysql_object;

zend_class_entry *php_shopsetup_mysql_connection_ce;
static zend_object_handlers php_shopsetup_mysql_handlers;

static php_shopsetup_mysql_object *php_shopsetup_mysql_from(zend_object *obj)
{
	return (php_shopsetup_mysql_object *) ((char *) obj - XtOffsetOf(php_shopsetup_mysql_object, std));
}

static zend_object *php_shopsetup_mysql_create(zend_class_entry *ce)
{
	php_shopsetup_mysql_object *intern = zend_object_alloc(sizeof(php_shopsetup_mysql_object), ce);
	zend_object_std_init(&intern->std, ce);
	object_properties_init(&intern->std, ce);
	intern->std.handlers = &php_shopsetup_mysql_handlers;
	return &intern->std;
}

static void php_shopsetup_mysql_free(zend_object *obj)
{
	php_shopsetup_mysql_object *intern = php_shopsetup_mysql_from(obj);
	shopsetup_mysql_close(&intern->db);
	zend_object_std_dtor(obj);
}

static bool php_shopsetup_mysql_store_of(zend_object *object, shopsetup_store *out);

void php_shopsetup_mysql_minit(zend_class_entry *ce)
{
	php_shopsetup_mysql_connection_ce = ce;
	php_shopsetup_mysql_connection_ce->create_object = php_shopsetup_mysql_create;
	memcpy(&php_shopsetup_mysql_handlers, zend_get_std_object_handlers(), sizeof(zend_object_handlers));
	php_shopsetup_mysql_handlers.offset = XtOffsetOf(php_shopsetup_mysql_object, std);
	php_shopsetup_mysql_handlers.free_obj = php_shopsetup_mysql_free;
	php_shopsetup_mysql_handlers.clone_obj = NULL;
	php_shopsetup_store_register_native(ce, php_shopsetup_mysql_store_of);
}

static shopsetup_mysql *php_shopsetup_mysql_get(zval *object)
{
	php_shopsetup_mysql_object *intern = php_shopsetup_mysql_from(Z_OBJ_P(object));
	if (!intern->connected) {
		zend_throw_exception(php_shopsetup_database_exception_ce, "The connection is closed", SHOPSETUP_E_DB);
		return NULL;
	}
	return &intern->db;
}

ZEND_METHOD(ShopSetup_MysqlConnection, __construct)
{
	HashTable *options;
	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_ARRAY_HT(options)
	ZEND_PARSE_PARAMETERS_END();

	php_shopsetup_mysql_object *intern = php_shopsetup_mysql_from(Z_OBJ_P(ZEND_THIS));
	if (intern->connected) {
		zend_throw_error(NULL, "Cannot call ShopSetup\\MysqlConnection::__construct() twice");
		RETURN_THROWS();
	}
	shopsetup_mysql_options opts = { 0 };
	zval *verify = zend_hash_str_find_deref(options, "ssl_verify_server_cert", sizeof("ssl_verify_server_cert") - 1);
	if (!php_shopsetup_option_string(options, "host", &opts.host)
		|| !php_shopsetup_option_string(options, "user", &opts.user)
		|| !php_shopsetup_option_string(options, "password", &opts.password)
		|| !php_shopsetup_option_string(options, "database", &opts.database)
		|| !php_shopsetup_option_string(options, "socket", &opts.socket)
		|| !php_shopsetup_option_string(options, "prefix", &opts.prefix)
		|| !php_shopsetup_option_string(options, "ssl_key", &opts.ssl_key)
		|| !php_shopsetup_option_string(options, "ssl_cert", &opts.ssl_cert)
		|| !php_shopsetup_option_string(options, "ssl_ca", &opts.ssl_ca)
		|| !php_shopsetup_option_string(options, "ssl_capath", &opts.ssl_capath)
		|| !php_shopsetup_option_string(options, "ssl_cipher", &opts.ssl_cipher)
		|| !php_shopsetup_option_string(options, "lock_name", &opts.lock_name)
		|| !php_shopsetup_option_uint(options, "port", PHP_SHOPSETUP_PORT_MAX, &opts.port)
		|| !php_shopsetup_option_uint(options, "connect_timeout", PHP_SHOPSETUP_TIMEOUT_MAX, &opts.connect_timeout)
		|| !php_shopsetup_option_uint(options, "lock_timeout", PHP_SHOPSETUP_TIMEOUT_MAX, &opts.lock_timeout)) {
		RETURN_THROWS();
	}
	if (opts.user == NULL || opts.database == NULL) {
		zend_argument_value_error(1, "must contain \"user\" and \"database\"");
		RETURN_THROWS();
	}
	zval *ssl = zend_hash_str_find_deref(options, "ssl", sizeof("ssl") - 1);
	opts.ssl = ssl != NULL && zend_is_true(ssl);
	opts.ssl_verify_server_cert = verify != NULL && zend_is_true(verify);
	zval *lock_timeout = zend_hash_str_find_deref(options, "lock_timeout", sizeof("lock_timeout") - 1);
	opts.lock_timeout_set = lock_timeout != NULL && Z_TYPE_P(lock_timeout) != IS_NULL;

	shopsetup_error err = { 0 };
	if (shopsetup_mysql_connect(&intern->db, &opts, &err) != SHOPSETUP_OK) {
		php_shopsetup_throw(&err);
		RETURN_THROWS();
	}
	intern->connected = true;
}

/* The connection's C store; false with an exception when it is closed. */
static bool php_shopsetup_mysql_store_of(zend_object *object, shopsetup_store *out)
{
	php_shopsetup_mysql_object *intern = php_shopsetup_mysql_from(object);
	if (!intern->connected) {
		zend_throw_exception(php_shopsetup_database_exception_ce, "The connection is closed", SHOPSETUP_E_DB);
		return false;
	}
	*out = shopsetup_mysql_store(&intern->db);
	return true;
}

PHP_SHOPSETUP_NATIVE_STORE_METHODS(ShopSetup_MysqlConnection, php_shopsetup_mysql_store_of)

ZEND_METHOD(ShopSetup_MysqlConnection, serverInfo)
{
	ZEND_PARSE_PARAMETERS_NONE();
	shopsetup_mysql *db = php_shopsetup_mysql_get(ZEND_THIS);
	if (db == NULL) {
		RETURN_THROWS();
	}
	RETURN_STRING(mysql_get_server_info(db->conn));
}

ZEND_METHOD(ShopSetup_MysqlConnection, connectionId)
{
	ZEND_PARSE_PARAMETERS_NONE();
	shopsetup_mysql *db = php_shopsetup_mysql_get(ZEND_THIS);
	if (db == NULL) {
		RETURN_THROWS();
	}
	RETURN_LONG((zend_long) mysql_thread_id(db->conn));
}

ZEND_METHOD(ShopSetup_MysqlConnection, close)
{
	ZEND_PARSE_PARAMETERS_NONE();
	php_shopsetup_mysql_object *intern = php_shopsetup_mysql_from(Z_OBJ_P(ZEND_THIS));
	shopsetup_mysql_close(&intern->db);
	intern->connected = false;
}
