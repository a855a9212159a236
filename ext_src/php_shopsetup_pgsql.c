/* Zend glue of ShopSetup\PgsqlConnection: its options and its connection (the rest: NativeConnection). */
#ifdef HAVE_CONFIG_H
# include "config.h"
#endif

#include "php.h"

#ifdef HAVE_SHOPSETUP_PGSQL

#include "php_shopsetup_connection.h"
#include "php_shopsetup_errors.h"
#include "php_shopsetup_native.h"
#include "php_shopsetup_pgsql.h"
#include "php_shopsetup_rows.h"
#include "shopsetup_pgsql.h"

zend_class_entry *php_shopsetup_pgsql_connection_ce;

static shopsetup_store php_shopsetup_pgsql_store_ops(void *db)
{
	return shopsetup_pgsql_store(db);
}

static void php_shopsetup_pgsql_close_db(void *db)
{
	shopsetup_pgsql_close(db);
}

static const char *php_shopsetup_pgsql_server_info(void *db)
{
	const char *version = PQparameterStatus(((shopsetup_pgsql *) db)->conn, "server_version");
	return version != NULL ? version : "";
}

static int64_t php_shopsetup_pgsql_connection_id(void *db)
{
	return (int64_t) PQbackendPID(((shopsetup_pgsql *) db)->conn);
}

static const php_shopsetup_connection_ops php_shopsetup_pgsql_ops = {
	sizeof(shopsetup_pgsql), php_shopsetup_pgsql_store_ops, php_shopsetup_pgsql_close_db,
	php_shopsetup_pgsql_server_info, php_shopsetup_pgsql_connection_id,
};

static zend_object *php_shopsetup_pgsql_create(zend_class_entry *ce)
{
	return php_shopsetup_connection_create(ce, &php_shopsetup_pgsql_ops);
}

void php_shopsetup_pgsql_minit(zend_class_entry *ce)
{
	php_shopsetup_pgsql_connection_ce = ce;
	php_shopsetup_connection_register(ce, php_shopsetup_pgsql_create);
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

	shopsetup_pgsql *db = php_shopsetup_connection_begin(Z_OBJ_P(ZEND_THIS), "PgsqlConnection");
	if (db == NULL) {
		RETURN_THROWS();
	}
	shopsetup_error err = { 0 };
	if (shopsetup_pgsql_connect(db, &opts, &err) != SHOPSETUP_OK) {
		php_shopsetup_connection_failed(Z_OBJ_P(ZEND_THIS));
		php_shopsetup_throw(&err);
		RETURN_THROWS();
	}
}

#endif
