/* Zend glue of shopsetup: module, functions, exceptions. The rules live in the pure C core. */
#ifdef HAVE_CONFIG_H
# include "config.h"
#endif

#include "php.h"
#include "ext/standard/info.h"
#include "zend_attributes.h"
#include "zend_exceptions.h"
#include <mysql.h>
#ifdef HAVE_SHOPSETUP_PGSQL
# include <libpq-fe.h>
#endif

#include "php_shopsetup.h"
#include "php_shopsetup_connection.h"
#include "php_shopsetup_errors.h"
#include "php_shopsetup_mysql.h"
#include "php_shopsetup_pgsql.h"
#include "php_shopsetup_plan.h"
#include "php_shopsetup_rows.h"
#include "php_shopsetup_store.h"
#include "shopsetup_mysql.h"
#include "shopsetup_config.h"
#include "shopsetup_driver.h"
#include "shopsetup_text.h"
#if PHP_VERSION_ID < 80200
/* #[\SensitiveParameter] arrived in PHP 8.2; before it, arguments have no attributes to register. */
# define zend_add_parameter_attribute(func, offset, name, argc) ((void) 0)
#endif
#include "../php_stubs/shopsetup_arginfo.h"

static shopsetup_status php_shopsetup_params_pair(void *ctx, const char *key, size_t key_len, const char *value, size_t value_len)
{
	HashTable *ht = ctx;
	if (zend_symtable_str_find(ht, key, key_len) != NULL) {
		return SHOPSETUP_E_PARAMS_DUPLICATE_KEY;
	}
	zval zv;
	ZVAL_STRINGL_FAST(&zv, value, value_len);
	zend_symtable_str_update(ht, key, key_len, &zv);
	return SHOPSETUP_OK;
}

PHP_FUNCTION(ShopSetup_decode_params)
{
	zend_string *input;
	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_STR(input)
	ZEND_PARSE_PARAMETERS_END();

	shopsetup_error err;
	array_init(return_value);
	if (shopsetup_params_decode_each(ZSTR_VAL(input), ZSTR_LEN(input), php_shopsetup_params_pair, Z_ARRVAL_P(return_value), &err)
			!= SHOPSETUP_OK) {
		zval_ptr_dtor(return_value);
		ZVAL_NULL(return_value);
		php_shopsetup_throw(&err);
		RETURN_THROWS();
	}
}

/* Copies a PHP array of handler parameters into the core's table; values must be strings or ints. */
static bool php_shopsetup_params_from_array(HashTable *ht, shopsetup_params *params)
{
	zend_string *key;
	zend_ulong index;
	zval *value;
	shopsetup_error err;

	shopsetup_params_init(params);
	ZEND_HASH_FOREACH_KEY_VAL(ht, index, key, value) {
		char index_buf[MAX_LENGTH_OF_LONG + 1];
		const char *key_ptr;
		size_t key_len;
		if (key != NULL) {
			key_ptr = ZSTR_VAL(key);
			key_len = ZSTR_LEN(key);
		} else {
			key_len = (size_t) snprintf(index_buf, sizeof(index_buf), ZEND_ULONG_FMT, index);
			key_ptr = index_buf;
		}
		ZVAL_DEREF(value);
		zend_string *str;
		if (Z_TYPE_P(value) == IS_STRING) {
			str = zend_string_copy(Z_STR_P(value));
		} else if (Z_TYPE_P(value) == IS_LONG) {
			str = zend_long_to_str(Z_LVAL_P(value));
		} else {
			shopsetup_buf printable = { 0 };
			zend_throw_exception_ex(php_shopsetup_params_exception_ce, SHOPSETUP_E_CONFIG_VALUE, "Handler parameter \"%s\": must be a string, %s given",
				shopsetup_utf8_printable(&printable, (shopsetup_slice){ key_ptr, key_len }), zend_zval_type_name(value));
			shopsetup_buf_free(&printable);
			shopsetup_params_free(params);
			return false;
		}
		shopsetup_status status = shopsetup_params_add(params, key_ptr, key_len, ZSTR_VAL(str), ZSTR_LEN(str), &err);
		zend_string_release(str);
		if (status != SHOPSETUP_OK) {
			php_shopsetup_throw(&err);
			shopsetup_params_free(params);
			return false;
		}
	} ZEND_HASH_FOREACH_END();
	return true;
}

/* Reads an optional int from the context array; false (with an exception) when of the wrong type. */
static bool php_shopsetup_context_long(HashTable *ctx, const char *name, bool required, int64_t *out)
{
	zval *value = zend_hash_str_find_deref(ctx, name, strlen(name));
	if (value == NULL || Z_TYPE_P(value) == IS_NULL) {
		if (required) {
			zend_argument_value_error(2, "must contain key \"%s\"", name);
			return false;
		}
		return true;
	}
	if (Z_TYPE_P(value) != IS_LONG) {
		zend_argument_type_error(2, "key \"%s\" must be of type int, %s given", name, zend_zval_type_name(value));
		return false;
	}
	*out = Z_LVAL_P(value);
	return true;
}

static bool php_shopsetup_context_string(HashTable *ctx, const char *name, shopsetup_slice *out)
{
	zval *value = zend_hash_str_find_deref(ctx, name, strlen(name));
	if (value == NULL || Z_TYPE_P(value) == IS_NULL) {
		return true;
	}
	if (Z_TYPE_P(value) != IS_STRING) {
		zend_argument_type_error(2, "key \"%s\" must be of type string, %s given", name, zend_zval_type_name(value));
		return false;
	}
	*out = php_shopsetup_slice(Z_STR_P(value));
	return true;
}

static void php_shopsetup_add_slice(zval *array, const char *key, shopsetup_slice value)
{
	add_assoc_stringl_ex(array, key, strlen(key), value.ptr ? value.ptr : "", value.len);
}

static bool php_shopsetup_config_context_from(HashTable *ctx_ht, shopsetup_config_context *ctx)
{
	zval *renewable = zend_hash_str_find_deref(ctx_ht, "renewable", sizeof("renewable") - 1);
	ctx->renewable = renewable != NULL && zend_is_true(renewable);
	return php_shopsetup_context_long(ctx_ht, "now", true, &ctx->now)
		&& php_shopsetup_context_long(ctx_ht, "coursestart", false, &ctx->course_start)
		&& php_shopsetup_context_string(ctx_ht, "orderref", &ctx->order_ref)
		&& php_shopsetup_context_string(ctx_ht, "courseshortname", &ctx->course_name)
		&& php_shopsetup_context_string(ctx_ht, "delegationrole", &ctx->delegation_role);
}

static void php_shopsetup_config_to_array(const shopsetup_config *config, zval *out)
{
	array_init(out);
	php_shopsetup_add_slice(out, "coursename", config->coursename);
	php_shopsetup_add_slice(out, "supervisor", config->supervisor);
	if (config->has_customersupport) {
		php_shopsetup_add_slice(out, "customersupport", config->customersupport);
	} else {
		add_assoc_null(out, "customersupport");
	}
	add_assoc_long(out, "starttime", (zend_long) config->starttime);
	add_assoc_long(out, "endtime", (zend_long) config->endtime);
	if (config->duration_days >= 0) {
		add_assoc_long(out, "duration", (zend_long) config->duration_days);
	} else {
		add_assoc_null(out, "duration");
	}
	add_assoc_bool(out, "autoenrolsupervisor", config->autoenrolsupervisor);
	zval roles;
	array_init_size(&roles, (uint32_t) config->requiredroles.count);
	for (size_t i = 0; i < config->requiredroles.count; i++) {
		shopsetup_slice *role = SHOPSETUP_VEC_AT(&config->requiredroles, shopsetup_slice, i);
		add_next_index_stringl(&roles, role->ptr, role->len);
	}
	add_assoc_zval(out, "requiredroles", &roles);
	php_shopsetup_add_slice(out, "tutorrole", config->tutorrole);
	php_shopsetup_add_slice(out, "mirrorrole", config->mirrorrole);
	php_shopsetup_add_slice(out, "crossrole", config->crossrole);
	php_shopsetup_add_slice(out, "superviseexisting", config->superviseexisting);
	add_assoc_stringl(out, "groupname", config->groupname.ptr ? config->groupname.ptr : "", config->groupname.len);
	zval warnings;
	array_init_size(&warnings, (uint32_t) config->warnings.count);
	for (size_t i = 0; i < config->warnings.count; i++) {
		add_next_index_string(&warnings, *SHOPSETUP_VEC_AT(&config->warnings, char *, i));
	}
	add_assoc_zval(out, "warnings", &warnings);

}

PHP_FUNCTION(ShopSetup_handler_config)
{
	HashTable *params_ht, *ctx_ht;
	ZEND_PARSE_PARAMETERS_START(2, 2)
		Z_PARAM_ARRAY_HT(params_ht)
		Z_PARAM_ARRAY_HT(ctx_ht)
	ZEND_PARSE_PARAMETERS_END();

	shopsetup_config_context ctx = { 0 };
	shopsetup_params params;
	if (!php_shopsetup_config_context_from(ctx_ht, &ctx) || !php_shopsetup_params_from_array(params_ht, &params)) {
		RETURN_THROWS();
	}
	shopsetup_config config;
	shopsetup_error err;
	if (shopsetup_config_build(&params, &ctx, &config, &err) != SHOPSETUP_OK) {
		shopsetup_params_free(&params);
		php_shopsetup_throw(&err);
		RETURN_THROWS();
	}

	php_shopsetup_config_to_array(&config, return_value);
	shopsetup_config_free(&config);
	shopsetup_params_free(&params);
}

PHP_FUNCTION(ShopSetup_validate_email)
{
	zend_string *email;
	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_STR(email)
	ZEND_PARSE_PARAMETERS_END();

	RETURN_BOOL(shopsetup_email_is_valid(ZSTR_VAL(email), ZSTR_LEN(email)));
}

PHP_FUNCTION(ShopSetup_normalize_email)
{
	zend_string *email;
	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_STR(email)
	ZEND_PARSE_PARAMETERS_END();

	zend_string *normal = zend_string_alloc(ZSTR_LEN(email), 0);
	size_t len = shopsetup_email_normalize(ZSTR_VAL(email), ZSTR_LEN(email), ZSTR_VAL(normal));
	if (!shopsetup_email_is_valid(ZSTR_VAL(normal), len)) {
		zend_string_efree(normal);
		RETURN_NULL();
	}
	ZSTR_VAL(normal)[len] = '\0';
	ZSTR_LEN(normal) = len;
	RETURN_NEW_STR(normal);
}

/* Reads a string field of a person array; an absent field reads as empty. */
static bool php_shopsetup_person_field(HashTable *person, const char *name, uint32_t arg, shopsetup_slice *out)
{
	zval *value = zend_hash_str_find_deref(person, name, strlen(name));
	*out = (shopsetup_slice){ "", 0 };
	if (value == NULL || Z_TYPE_P(value) == IS_NULL) {
		return true;
	}
	if (Z_TYPE_P(value) != IS_STRING) {
		zend_argument_type_error(arg, "field \"%s\" must be of type string, %s given", name, zend_zval_type_name(value));
		return false;
	}
	*out = php_shopsetup_slice(Z_STR_P(value));
	return true;
}

/* A pool holding the taken names; false with an exception. */
static bool php_shopsetup_username_pool_from(HashTable *people, HashTable *taken, shopsetup_username_pool *pool)
{
	if (!shopsetup_username_pool_init(pool, zend_hash_num_elements(people) + (taken ? zend_hash_num_elements(taken) : 0))) {
		zend_throw_exception(php_shopsetup_exception_ce, "out of memory", SHOPSETUP_E_NOMEM);
		return false;
	}
	zval *name;
	if (taken == NULL) {
		return true;
	}
	ZEND_HASH_FOREACH_VAL(taken, name) {
		ZVAL_DEREF(name);
		if (Z_TYPE_P(name) != IS_STRING) {
			zend_argument_type_error(2, "must contain only strings, %s given", zend_zval_type_name(name));
		} else if (!shopsetup_username_pool_take(pool, php_shopsetup_slice(Z_STR_P(name)))) {
			zend_throw_exception(php_shopsetup_exception_ce, "out of memory", SHOPSETUP_E_NOMEM);
		} else {
			continue;
		}
		shopsetup_username_pool_free(pool);
		return false;
	} ZEND_HASH_FOREACH_END();
	return true;
}

PHP_FUNCTION(ShopSetup_make_usernames)
{
	HashTable *people, *taken = NULL;
	ZEND_PARSE_PARAMETERS_START(1, 2)
		Z_PARAM_ARRAY_HT(people)
		Z_PARAM_OPTIONAL
		Z_PARAM_ARRAY_HT(taken)
	ZEND_PARSE_PARAMETERS_END();

	shopsetup_username_pool pool;
	shopsetup_buf base = { 0 };
	if (!php_shopsetup_username_pool_from(people, taken, &pool)) {
		RETURN_THROWS();
	}

	array_init_size(return_value, zend_hash_num_elements(people));
	zend_string *key;
	zend_ulong index;
	zval *person;
	ZEND_HASH_FOREACH_KEY_VAL(people, index, key, person) {
		ZVAL_DEREF(person);
		if (Z_TYPE_P(person) != IS_ARRAY) {
			zend_argument_type_error(1, "must contain arrays, %s given", zend_zval_type_name(person));
			goto fail;
		}
		shopsetup_slice firstname, lastname, email;
		if (!php_shopsetup_person_field(Z_ARRVAL_P(person), "firstname", 1, &firstname)
			|| !php_shopsetup_person_field(Z_ARRVAL_P(person), "lastname", 1, &lastname)
			|| !php_shopsetup_person_field(Z_ARRVAL_P(person), "email", 1, &email)) {
			goto fail;
		}
		size_t len;
		const char *name = shopsetup_username_pool_claim_for(&pool, firstname, lastname, email, &base, &len);
		if (name == NULL) {
			goto nomem;
		}
		zval username;
		ZVAL_STRINGL(&username, name, len);
		if (key != NULL) {
			zend_hash_update(Z_ARRVAL_P(return_value), key, &username);
		} else {
			zend_hash_index_update(Z_ARRVAL_P(return_value), index, &username);
		}
	} ZEND_HASH_FOREACH_END();
	shopsetup_buf_free(&base);
	shopsetup_username_pool_free(&pool);
	return;

nomem:
	zend_throw_exception(php_shopsetup_exception_ce, "out of memory", SHOPSETUP_E_NOMEM);
fail:
	shopsetup_buf_free(&base);
	shopsetup_username_pool_free(&pool);
	zval_ptr_dtor(return_value);
	ZVAL_UNDEF(return_value);
	RETURN_THROWS();
}

static void *php_shopsetup_emalloc(size_t size)
{
	return emalloc(size);
}

static void *php_shopsetup_ecalloc(size_t count, size_t size)
{
	return ecalloc(count, size);
}

static void *php_shopsetup_erealloc(void *ptr, size_t size)
{
	return erealloc(ptr, size);
}

static void php_shopsetup_efree(void *ptr)
{
	if (ptr != NULL) {
		efree(ptr);
	}
}

PHP_MINIT_FUNCTION(shopsetup)
{
	/* Plans live within a request: PHP's allocator counts them against memory_limit. */
	shopsetup_alloc = (shopsetup_allocator){ php_shopsetup_emalloc, php_shopsetup_ecalloc, php_shopsetup_erealloc,
		php_shopsetup_efree };
	php_shopsetup_exception_ce = register_class_ShopSetup_Exception(zend_ce_exception);
	php_shopsetup_params_exception_ce = register_class_ShopSetup_ParamsException(php_shopsetup_exception_ce);
	php_shopsetup_roster_exception_ce = register_class_ShopSetup_RosterException(php_shopsetup_exception_ce);
	php_shopsetup_plan_exception_ce = register_class_ShopSetup_PlanException(php_shopsetup_exception_ce);
	php_shopsetup_database_exception_ce = register_class_ShopSetup_DatabaseException(php_shopsetup_exception_ce);
	register_class_ShopSetup_Effect();
	php_shopsetup_store_minit(register_class_ShopSetup_Store());
	php_shopsetup_plan_minit(register_class_ShopSetup_Plan());
	php_shopsetup_connection_minit(register_class_ShopSetup_NativeConnection(php_shopsetup_store_ce));
	php_shopsetup_mysql_minit(register_class_ShopSetup_MysqlConnection(php_shopsetup_native_connection_ce));
#ifdef HAVE_SHOPSETUP_PGSQL
	php_shopsetup_pgsql_minit(register_class_ShopSetup_PgsqlConnection(php_shopsetup_native_connection_ce));
#endif
	return shopsetup_mysql_library_init() ? SUCCESS : FAILURE;
}

PHP_MSHUTDOWN_FUNCTION(shopsetup)
{
	shopsetup_mysql_library_end();
	return SUCCESS;
}

PHP_MINFO_FUNCTION(shopsetup)
{
	php_info_print_table_start();
	php_info_print_table_header(2, "shopsetup support", "enabled");
	php_info_print_table_row(2, "Version", PHP_SHOPSETUP_VERSION);
#ifdef HAVE_SHOPSETUP_PGSQL
	php_info_print_table_row(2, "Native stores", "MySQL/MariaDB (MysqlConnection), PostgreSQL (PgsqlConnection)");
#else
	php_info_print_table_row(2, "Native stores", "MySQL/MariaDB (MysqlConnection); PostgreSQL not built (libpq was not found at build time)");
#endif
#ifdef MARIADB_PACKAGE_VERSION
	php_info_print_table_row(2, "MySQL/MariaDB client library", "MariaDB Connector/C " MARIADB_PACKAGE_VERSION " (compiled)");
#else
	php_info_print_table_row(2, "MySQL/MariaDB client library", "MySQL client " MYSQL_SERVER_VERSION " (compiled)");
#endif
	php_info_print_table_row(2, "MySQL/MariaDB client library in use", mysql_get_client_info());
#ifdef HAVE_SHOPSETUP_PGSQL
	char libpq_version[32];
	int libpq = PQlibVersion();
	snprintf(libpq_version, sizeof(libpq_version), "libpq %d.%d", libpq / 10000, libpq % 10000);
	php_info_print_table_row(2, "PostgreSQL client library in use", libpq_version);
#endif
	php_info_print_table_end();
}

zend_module_entry shopsetup_module_entry = {
	STANDARD_MODULE_HEADER,
	"shopsetup",
	ext_functions,
	PHP_MINIT(shopsetup),
	PHP_MSHUTDOWN(shopsetup),
	NULL,
	NULL,
	PHP_MINFO(shopsetup),
	PHP_SHOPSETUP_VERSION,
	STANDARD_MODULE_PROPERTIES
};

#ifdef COMPILE_DL_SHOPSETUP
# ifdef ZTS
ZEND_TSRMLS_CACHE_DEFINE()
# endif
ZEND_GET_MODULE(shopsetup)
#endif
