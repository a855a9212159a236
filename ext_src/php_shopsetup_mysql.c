/* Zend glue of ShopSetup\MysqlConnection: its options and its connection (the rest: NativeConnection). */
#ifdef HAVE_CONFIG_H
# include "config.h"
#endif

#include "php.h"

#include "php_shopsetup_connection.h"
#include "php_shopsetup_errors.h"
#include "php_shopsetup_mysql.h"
#include "php_shopsetup_native.h"
#include "shopsetup_mysql.h"

zend_class_entry *php_shopsetup_mysql_connection_ce;

static shopsetup_store php_shopsetup_mysql_store_ops(void *db)
{
	return shopsetup_mysql_store(db);
}

static void php_shopsetup_mysql_close_db(void *db)
{
	shopsetup_mysql_close(db);
}

static const char *php_shopsetup_mysql_server_info(void *db)
{
	return mysql_get_server_info(((shopsetup_mysql *) db)->conn);
}

static int64_t php_shopsetup_mysql_connection_id(void *db)
{
	return (int64_t) mysql_thread_id(((shopsetup_mysql *) db)->conn);
}

static const php_shopsetup_connection_ops php_shopsetup_mysql_ops = {
	sizeof(shopsetup_mysql), php_shopsetup_mysql_store_ops, php_shopsetup_mysql_close_db,
	php_shopsetup_mysql_server_info, php_shopsetup_mysql_connection_id,
};

static zend_object *php_shopsetup_mysql_create(zend_class_entry *ce)
{
	return php_shopsetup_connection_create(ce, &php_shopsetup_mysql_ops);
}

void php_shopsetup_mysql_minit(zend_class_entry *ce)
{
	php_shopsetup_mysql_connection_ce = ce;
	php_shopsetup_connection_register(ce, php_shopsetup_mysql_create);
}

ZEND_METHOD(ShopSetup_MysqlConnection, __construct)
{
	HashTable *options;
	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_ARRAY_HT(options)
	ZEND_PARSE_PARAMETERS_END();

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
		|| !php_shopsetup_option_string(options, "lock_table", &opts.lock_table)
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

	shopsetup_mysql *db = php_shopsetup_connection_begin(Z_OBJ_P(ZEND_THIS), "MysqlConnection");
	if (db == NULL) {
		RETURN_THROWS();
	}
	shopsetup_error err = { 0 };
	if (shopsetup_mysql_connect(db, &opts, &err) != SHOPSETUP_OK) {
		php_shopsetup_connection_failed(Z_OBJ_P(ZEND_THIS));
		php_shopsetup_throw(&err);
		RETURN_THROWS();
	}
}
