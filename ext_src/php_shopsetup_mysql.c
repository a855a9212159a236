/* Zend glue of ShopSetup\MysqlConnection. */
#ifdef HAVE_CONFIG_H
# include "config.h"
#endif

#include "php.h"
#include "zend_exceptions.h"

#include "php_shopsetup_errors.h"
#include "php_shopsetup_mysql.h"
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

void php_shopsetup_mysql_minit(zend_class_entry *ce)
{
	php_shopsetup_mysql_connection_ce = ce;
	php_shopsetup_mysql_connection_ce->create_object = php_shopsetup_mysql_create;
	memcpy(&php_shopsetup_mysql_handlers, zend_get_std_object_handlers(), sizeof(zend_object_handlers));
	php_shopsetup_mysql_handlers.offset = XtOffsetOf(php_shopsetup_mysql_object, std);
	php_shopsetup_mysql_handlers.free_obj = php_shopsetup_mysql_free;
	php_shopsetup_mysql_handlers.clone_obj = NULL;
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

static bool php_shopsetup_option_string(HashTable *options, const char *name, const char **out)
{
	zval *value = zend_hash_str_find_deref(options, name, strlen(name));
	if (value == NULL || Z_TYPE_P(value) == IS_NULL) {
		return true;
	}
	if (Z_TYPE_P(value) != IS_STRING || zend_str_has_nul_byte(Z_STR_P(value))) {
		zend_argument_value_error(1, "option \"%s\" must be a string without NUL bytes", name);
		return false;
	}
	*out = Z_STRVAL_P(value);
	return true;
}

#define PHP_SHOPSETUP_PORT_MAX 65535
/* A day: longer than any wait worth having, far below what the library's unsigned seconds hold. */
#define PHP_SHOPSETUP_TIMEOUT_MAX 86400

static bool php_shopsetup_option_uint(HashTable *options, const char *name, unsigned max, unsigned *out)
{
	zval *value = zend_hash_str_find_deref(options, name, strlen(name));
	int64_t number;
	if (value == NULL || Z_TYPE_P(value) == IS_NULL) {
		return true;
	}
	if (!php_shopsetup_zval_int(value, &number) || number < 0 || number > max) {
		zend_argument_value_error(1, "option \"%s\" must be an int from 0 to %u", name, max);
		return false;
	}
	*out = (unsigned) number;
	return true;
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

static void php_shopsetup_pairs(zval *out, const char *key, const shopsetup_vec *pairs)
{
	zval map;
	array_init_size(&map, (uint32_t) pairs->count);
	for (size_t i = 0; i < pairs->count; i++) {
		const shopsetup_id_pair *pair = SHOPSETUP_VEC_AT(pairs, shopsetup_id_pair, i);
		add_index_long(&map, (zend_ulong) pair->userid, (zend_long) pair->id);
	}
	add_assoc_zval(out, key, &map);
}

/* Builds the PHP report into ctx (a zval) before COMMIT: a memory-limit error here rolls the setup back. */
static shopsetup_status php_shopsetup_run_report(void *ctx, const shopsetup_plan *plan, const shopsetup_run_report *report,
	shopsetup_error *err)
{
	zval *out = ctx;
	zval users, created, matched, unsupervised, match, group, enrolments, roles, members, products;
	array_init(out);

	array_init(&created);
	for (size_t i = 0; i < report->users_created.count; i++) {
		const shopsetup_person *person = SHOPSETUP_VEC_AT(&plan->people, shopsetup_person, *SHOPSETUP_VEC_AT(&report->users_created, uint32_t, i));
		add_assoc_long_ex(&created, person->fields[SHOPSETUP_FIELD_EMAIL].ptr, person->fields[SHOPSETUP_FIELD_EMAIL].len,
			(zend_long) person->userid);
	}
	array_init(&matched);
	array_init(&unsupervised);
	for (size_t p = 0; p < plan->people.count; p++) {
		const shopsetup_person *person = SHOPSETUP_VEC_AT(&plan->people, shopsetup_person, p);
		shopsetup_slice email = person->fields[SHOPSETUP_FIELD_EMAIL];
		if (person->status == SHOPSETUP_PERSON_MATCHED || person->status == SHOPSETUP_PERSON_SUSPENDED) {
			add_assoc_long_ex(&matched, email.ptr, email.len, (zend_long) person->userid);
		}
		if (person->userid != plan->facts.operatorid && !shopsetup_plan_supervises(plan, person)) {
			add_assoc_long_ex(&unsupervised, email.ptr, email.len, (zend_long) person->userid);
		}
	}
	php_shopsetup_match_report_to_array(plan, &report->match, &match);
	array_init(&users);
	add_assoc_zval(&users, "created", &created);
	add_assoc_zval(&users, "matched", &matched);
	add_assoc_zval(&users, "unsupervised", &unsupervised);
	zval *suspended = zend_hash_str_find(Z_ARRVAL(match), "suspended", sizeof("suspended") - 1);
	zval *ambiguous = zend_hash_str_find(Z_ARRVAL(match), "ambiguous", sizeof("ambiguous") - 1);
	Z_ADDREF_P(suspended);
	Z_ADDREF_P(ambiguous);
	add_assoc_zval(&users, "suspended", suspended);
	add_assoc_zval(&users, "ambiguous", ambiguous);
	zval_ptr_dtor(&match);
	add_assoc_zval(out, "users", &users);

	php_shopsetup_pairs(out, "contexts_created", &report->contexts_created);

	array_init(&group);
	add_assoc_long(&group, "id", (zend_long) report->groupid);
	add_assoc_bool(&group, "created", report->group_created);
	add_assoc_zval(out, "group", &group);

	array_init(&enrolments);
	php_shopsetup_pairs(&enrolments, "created", &report->enrolments_created);
	php_shopsetup_pairs(&enrolments, "updated", &report->enrolments_updated);
	add_assoc_long(&enrolments, "unchanged", (zend_long) report->enrolments_unchanged);
	add_assoc_zval(out, "enrolments", &enrolments);

	array_init_size(&roles, (uint32_t) report->roles_added.count);
	for (size_t i = 0; i < report->roles_added.count; i++) {
		add_next_index_long(&roles, (zend_long) *SHOPSETUP_VEC_AT(&report->roles_added, int64_t, i));
	}
	add_assoc_zval(out, "role_assignments", &roles);

	array_init_size(&members, (uint32_t) report->members_added.count);
	for (size_t i = 0; i < report->members_added.count; i++) {
		add_next_index_long(&members, (zend_long) *SHOPSETUP_VEC_AT(&report->members_added, int64_t, i));
	}
	add_assoc_zval(out, "group_members", &members);

	array_init_size(&products, (uint32_t) report->products_added.count);
	for (size_t i = 0; i < report->products_added.count; i++) {
		add_next_index_long(&products, (zend_long) SHOPSETUP_VEC_AT(&report->products_added, shopsetup_id_pair, i)->id);
	}
	add_assoc_zval(out, "products", &products);
	add_assoc_long(out, "statements", (zend_long) report->statements);
#ifdef ZEND_HAS_OOM
	/* PHP builds that delay the memory-limit error to the next opcode: any allocation of the run may have gone over it. */
	if (ZEND_HAS_OOM()) {
		return shopsetup_error_set(err, SHOPSETUP_E_NOMEM, 0, NULL, 0, "out of memory: the setup was rolled back");
	}
#endif
	return SHOPSETUP_OK;
}

ZEND_METHOD(ShopSetup_MysqlConnection, run)
{
	zval *plan_zv;
	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_OBJECT_OF_CLASS(plan_zv, php_shopsetup_plan_ce)
	ZEND_PARSE_PARAMETERS_END();

	shopsetup_mysql *db = php_shopsetup_mysql_get(ZEND_THIS);
	shopsetup_plan *plan = db ? php_shopsetup_plan_get(plan_zv) : NULL;
	if (plan == NULL) {
		RETURN_THROWS();
	}
	shopsetup_run_report report;
	shopsetup_error err = { 0 };
	shopsetup_run_report_init(&report);
	shopsetup_before_commit build_report = { php_shopsetup_run_report, return_value };
	shopsetup_status status = shopsetup_mysql_run(db, plan, &report, build_report, &err);
	shopsetup_run_report_free(&report);
	if (status != SHOPSETUP_OK) {
		zval_ptr_dtor(return_value);
		ZVAL_NULL(return_value);
		php_shopsetup_throw(&err);
		RETURN_THROWS();
	}
}

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
