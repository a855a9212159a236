/*
 * ShopSetup\Store: the driver's store operations answered by a PHP object's methods (the Moodle
 * plugin's store over $DB), and the run's report as PHP arrays, for every store.
 *
 * The first exception a method throws is kept, the driver sees an error and rolls back (rollback()
 * and unlock() are still called), then the exception is thrown again to the caller as it was. An
 * exit() or die() in a method is kept the same way and resumed after the rollback: the script ends.
 */
#ifdef HAVE_CONFIG_H
# include "config.h"
#endif

#include "php.h"
#include "zend_exceptions.h"
#include "zend_interfaces.h"

#include "php_shopsetup_errors.h"
#include "php_shopsetup_rows.h"
#include "php_shopsetup_store.h"

zend_class_entry *php_shopsetup_store_ce;

void php_shopsetup_store_minit(zend_class_entry *ce)
{
	php_shopsetup_store_ce = ce;
}

/* Rows pass to PHP in chunks of this many. */
#define PHP_SHOPSETUP_STORE_CHUNK 1000

/* ---- calling the object's methods ---- */

static shopsetup_status php_shopsetup_store_failed(php_shopsetup_store *store, const char *method, shopsetup_error *err)
{
	return shopsetup_error_set(err, SHOPSETUP_E_DB, 0, method, strlen(method), "the store threw an exception");
}

/* Keeps the first exception; EG(exception) is cleared so that the driver can still roll back. */
static void php_shopsetup_store_catch(php_shopsetup_store *store)
{
	if (store->thrown == NULL) {
		store->thrown = EG(exception);
		GC_ADDREF(store->thrown);
	}
	zend_clear_exception();
}

static shopsetup_status php_shopsetup_store_call(php_shopsetup_store *store, const char *method, uint32_t argc, zval *argv,
	zval *retval, shopsetup_error *err)
{
	ZVAL_UNDEF(retval);
	if (store->thrown != NULL) {
		return php_shopsetup_store_failed(store, method, err);
	}
	zend_function *fn = zend_hash_str_find_ptr_lc(&store->object->ce->function_table, method, strlen(method));
	if (fn == NULL) {
		return shopsetup_error_set(err, SHOPSETUP_E_DB, 0, method, strlen(method), "the store has no such method");
	}
	zend_call_known_instance_method(fn, store->object, retval, argc, argv);
	if (EG(exception)) {
		zval_ptr_dtor(retval);
		ZVAL_UNDEF(retval);
		php_shopsetup_store_catch(store);
		return php_shopsetup_store_failed(store, method, err);
	}
	return SHOPSETUP_OK;
}

static shopsetup_status php_shopsetup_store_call0(void *self, const char *method, shopsetup_error *err)
{
	zval retval;
	shopsetup_status status = php_shopsetup_store_call(self, method, 0, NULL, &retval, err);
	zval_ptr_dtor(&retval);
	return status;
}

/* unlock() and rollback() run after a failure too, and must not fail. */
static void php_shopsetup_store_cleanup(php_shopsetup_store *store, const char *method)
{
	zend_object *thrown = store->thrown;
	shopsetup_error ignored = { 0 };
	store->thrown = NULL;
	php_shopsetup_store_call0(store, method, &ignored);
	if (store->thrown != NULL && thrown != NULL) {
		OBJ_RELEASE(store->thrown);
	}
	if (thrown != NULL) {
		store->thrown = thrown;
	}
}

static shopsetup_status php_shopsetup_store_lock(void *self, shopsetup_error *err)
{
	return php_shopsetup_store_call0(self, "lock", err);
}

static void php_shopsetup_store_unlock(void *self)
{
	php_shopsetup_store_cleanup(self, "unlock");
}

static shopsetup_status php_shopsetup_store_begin(void *self, shopsetup_error *err)
{
	return php_shopsetup_store_call0(self, "begin", err);
}

static shopsetup_status php_shopsetup_store_commit(void *self, shopsetup_error *err)
{
	return php_shopsetup_store_call0(self, "commit", err);
}

static void php_shopsetup_store_rollback(void *self)
{
	php_shopsetup_store_cleanup(self, "rollback");
}

static size_t php_shopsetup_store_statements(void *self)
{
	zval retval;
	shopsetup_error ignored = { 0 };
	int64_t count = 0;
	if (php_shopsetup_store_call(self, "statements", 0, NULL, &retval, &ignored) == SHOPSETUP_OK
		&& (!php_shopsetup_zval_int(&retval, &count) || count < 0)) {
		count = 0;
	}
	zval_ptr_dtor(&retval);
	return (size_t) count;
}

/* ---- values ---- */

static void php_shopsetup_value_to_zval(const shopsetup_col *value, zval *out)
{
	if (value->type == SHOPSETUP_COL_INT) {
		ZVAL_LONG(out, (zend_long) value->i);
	} else {
		ZVAL_STRINGL(out, value->s.ptr ? value->s.ptr : "", value->s.len);
	}
}

static void php_shopsetup_keys_to_array(const shopsetup_keys *keys, zval *out)
{
	array_init_size(out, (uint32_t) keys->count);
	for (size_t i = 0; i < keys->count; i++) {
		if (keys->strings != NULL) {
			add_next_index_stringl(out, keys->strings[i].ptr ? keys->strings[i].ptr : "", keys->strings[i].len);
		} else {
			add_next_index_long(out, (zend_long) keys->ints[i]);
		}
	}
}

static void php_shopsetup_cols_to_array(const shopsetup_col *cols, size_t ncols, zval *out)
{
	array_init_size(out, (uint32_t) ncols);
	for (size_t c = 0; c < ncols; c++) {
		zval value;
		php_shopsetup_value_to_zval(&cols[c], &value);
		zend_hash_str_update(Z_ARRVAL_P(out), cols[c].name, strlen(cols[c].name), &value);
	}
}

/* ---- find ---- */

typedef struct {
	const shopsetup_query *query;
	shopsetup_found_fn on_row;
	void *ctx;
	shopsetup_error *err;
	shopsetup_status status;
} php_shopsetup_find_ctx;

static bool php_shopsetup_found_row(zval *key, zval *value, void *ctx_ptr)
{
	php_shopsetup_find_ctx *ctx = ctx_ptr;
	const shopsetup_query *query = ctx->query;
	shopsetup_col values[8];
	ZVAL_DEREF(value);
	if (Z_TYPE_P(value) != IS_ARRAY || zend_hash_num_elements(Z_ARRVAL_P(value)) != query->ncolumns
		|| query->ncolumns > SHOPSETUP_COUNT(values)) {
		ctx->status = shopsetup_error_set(ctx->err, SHOPSETUP_E_DB, 0, query->table, strlen(query->table),
			"the store's find() must yield lists of %zu values", query->ncolumns);
		return false;
	}
	size_t c = 0;
	zval *item;
	ZEND_HASH_FOREACH_VAL(Z_ARRVAL_P(value), item) {
		const shopsetup_column *column = &query->columns[c];
		values[c] = (shopsetup_col){ column->name, column->type, 0, { "", 0 } };
		ZVAL_DEREF(item);
		bool ok = Z_TYPE_P(item) == IS_NULL;
		if (!ok && column->type == SHOPSETUP_COL_INT) {
			ok = php_shopsetup_zval_int(item, &values[c].i);
		} else if (!ok && Z_TYPE_P(item) == IS_STRING) {
			values[c].s = (shopsetup_slice){ Z_STRVAL_P(item), Z_STRLEN_P(item) };
			ok = true;
		}
		if (!ok) {
			ctx->status = shopsetup_error_set(ctx->err, SHOPSETUP_E_DB, 0, query->table, strlen(query->table),
				"the store's find() gave %s for column %s, which holds %s", zend_zval_type_name(item), column->name,
				column->type == SHOPSETUP_COL_INT ? "integers" : "strings");
			return false;
		}
		c++;
	} ZEND_HASH_FOREACH_END();
	ctx->status = ctx->on_row(ctx->ctx, values, ctx->err);
	return ctx->status == SHOPSETUP_OK;
}

static shopsetup_status php_shopsetup_store_find(void *self, const shopsetup_query *query, shopsetup_found_fn on_row, void *ctx,
	shopsetup_error *err)
{
	php_shopsetup_store *store = self;
	zval args[6], rows;
	ZVAL_STRING(&args[0], query->table);
	array_init_size(&args[1], (uint32_t) query->ncolumns);
	for (size_t c = 0; c < query->ncolumns; c++) {
		add_next_index_string(&args[1], query->columns[c].name);
	}
	php_shopsetup_cols_to_array(query->conditions, query->nconditions, &args[2]);
	ZVAL_STRING(&args[3], query->key ? query->key : "");
	ZVAL_LONG(&args[4], (zend_long) query->match);
	php_shopsetup_keys_to_array(&query->keys, &args[5]);
	shopsetup_status status = php_shopsetup_store_call(store, "find", 6, args, &rows, err);
	for (int i = 0; i < 6; i++) {
		zval_ptr_dtor(&args[i]);
	}
	if (status != SHOPSETUP_OK) {
		return status;
	}
	php_shopsetup_find_ctx found = { query, on_row, ctx, err, SHOPSETUP_OK };
	if (Z_TYPE(rows) != IS_ARRAY && !(Z_TYPE(rows) == IS_OBJECT && Z_OBJCE(rows)->get_iterator != NULL)) {
		status = shopsetup_error_set(err, SHOPSETUP_E_DB, 0, query->table, strlen(query->table), "the store's find() must return an iterable");
	} else if (!php_shopsetup_iterate(&rows, php_shopsetup_found_row, &found)) {
		status = found.status;
		if (EG(exception)) {
			php_shopsetup_store_catch(store);
			status = php_shopsetup_store_failed(store, "find", err);
		}
	}
	zval_ptr_dtor(&rows);
	return status;
}

static shopsetup_status php_shopsetup_store_find_keys(void *self, const shopsetup_query *query, shopsetup_key_fn on_key, void *ctx,
	shopsetup_error *err)
{
	php_shopsetup_store *store = self;
	if (query->keys.strings == NULL) {
		return shopsetup_error_set(err, SHOPSETUP_E_DB, 0, query->table, strlen(query->table), "findKeys() takes string keys");
	}
	shopsetup_hash index;
	if (!shopsetup_hash_init(&index, query->keys.count)) {
		return shopsetup_nomem(err);
	}
	for (size_t i = 0; i < query->keys.count; i++) {
		if (!shopsetup_hash_put(&index, query->keys.strings[i], (uint32_t) i, NULL, NULL)) {
			shopsetup_hash_free(&index);
			return shopsetup_nomem(err);
		}
	}
	zval args[4], keys;
	ZVAL_STRING(&args[0], query->table);
	php_shopsetup_cols_to_array(query->conditions, query->nconditions, &args[1]);
	ZVAL_STRING(&args[2], query->key);
	php_shopsetup_keys_to_array(&query->keys, &args[3]);
	shopsetup_status status = php_shopsetup_store_call(store, "findKeys", 4, args, &keys, err);
	for (int i = 0; i < 4; i++) {
		zval_ptr_dtor(&args[i]);
	}
	if (status == SHOPSETUP_OK && Z_TYPE(keys) != IS_ARRAY) {
		status = shopsetup_error_set(err, SHOPSETUP_E_DB, 0, query->table, strlen(query->table), "the store's findKeys() must return an array");
	}
	if (status == SHOPSETUP_OK) {
		zval *key;
		ZEND_HASH_FOREACH_VAL(Z_ARRVAL(keys), key) {
			uint32_t i;
			ZVAL_DEREF(key);
			if (Z_TYPE_P(key) != IS_STRING || !shopsetup_hash_get(&index, (shopsetup_slice){ Z_STRVAL_P(key), Z_STRLEN_P(key) }, &i)) {
				status = shopsetup_error_set(err, SHOPSETUP_E_DB, 0, query->table, strlen(query->table),
					"the store's findKeys() returned a key that was not asked");
				break;
			}
			if ((status = on_key(ctx, i, err)) != SHOPSETUP_OK) {
				break;
			}
		} ZEND_HASH_FOREACH_END();
	}
	zval_ptr_dtor(&keys);
	shopsetup_hash_free(&index);
	return status;
}

/* ---- sinks: rows handed to insert() or update() a chunk at a time ---- */

typedef struct {
	php_shopsetup_store *store;
	const char *method;
	const char *table;
	zval rows;
} php_shopsetup_store_sink;

static shopsetup_status php_shopsetup_sink_flush(php_shopsetup_store_sink *sink, shopsetup_error *err)
{
	if (zend_hash_num_elements(Z_ARRVAL(sink->rows)) == 0) {
		return SHOPSETUP_OK;
	}
	zval args[2], retval;
	ZVAL_STRING(&args[0], sink->table);
	ZVAL_COPY_VALUE(&args[1], &sink->rows);
	shopsetup_status status = php_shopsetup_store_call(sink->store, sink->method, 2, args, &retval, err);
	zval_ptr_dtor(&args[0]);
	zval_ptr_dtor(&args[1]);
	zval_ptr_dtor(&retval);
	array_init(&sink->rows);
	return status;
}

static bool php_shopsetup_sink_row(void *ctx, const char *table, const shopsetup_col *cols, size_t ncols, shopsetup_error *err)
{
	php_shopsetup_store_sink *sink = ctx;
	zval row;
	php_shopsetup_cols_to_array(cols, ncols, &row);
	add_next_index_zval(&sink->rows, &row);
	return zend_hash_num_elements(Z_ARRVAL(sink->rows)) < PHP_SHOPSETUP_STORE_CHUNK || php_shopsetup_sink_flush(sink, err) == SHOPSETUP_OK;
}

static shopsetup_status php_shopsetup_store_open(void *self, shopsetup_write kind, const char *table, shopsetup_sink *out,
	shopsetup_error *err)
{
	php_shopsetup_store_sink *sink = emalloc(sizeof(*sink));
	sink->store = self;
	sink->method = kind == SHOPSETUP_WRITE_INSERT ? "insert" : "update";
	sink->table = table;
	array_init(&sink->rows);
	*out = (shopsetup_sink){ php_shopsetup_sink_row, sink };
	return SHOPSETUP_OK;
}

static shopsetup_status php_shopsetup_store_close(void *self, shopsetup_sink *out, shopsetup_status status, shopsetup_error *err)
{
	php_shopsetup_store_sink *sink = out->ctx;
	if (status == SHOPSETUP_OK) {
		status = php_shopsetup_sink_flush(sink, err);
	}
	zval_ptr_dtor(&sink->rows);
	efree(sink);
	return status;
}

static const shopsetup_store_ops php_shopsetup_store_ops = {
	php_shopsetup_store_lock, php_shopsetup_store_unlock, php_shopsetup_store_begin, php_shopsetup_store_commit,
	php_shopsetup_store_rollback, php_shopsetup_store_find, php_shopsetup_store_find_keys, php_shopsetup_store_open,
	php_shopsetup_store_close, php_shopsetup_store_statements, NULL,
};

/* The extension's own store classes: MysqlConnection, and one day others. */
#define PHP_SHOPSETUP_NATIVE_MAX 4
static struct {
	zend_class_entry *ce;
	php_shopsetup_native_store_fn store_of;
} php_shopsetup_natives[PHP_SHOPSETUP_NATIVE_MAX];
static int php_shopsetup_native_count;

void php_shopsetup_store_register_native(zend_class_entry *ce, php_shopsetup_native_store_fn store_of)
{
	ZEND_ASSERT(php_shopsetup_native_count < PHP_SHOPSETUP_NATIVE_MAX);
	php_shopsetup_natives[php_shopsetup_native_count].ce = ce;
	php_shopsetup_natives[php_shopsetup_native_count++].store_of = store_of;
}

bool php_shopsetup_store_of(zend_object *object, php_shopsetup_store *wrapper, shopsetup_store *out, php_shopsetup_store **php_store)
{
	for (int i = 0; i < php_shopsetup_native_count; i++) {
		if (object->ce == php_shopsetup_natives[i].ce) {
			*php_store = NULL;
			return php_shopsetup_natives[i].store_of(object, out);
		}
	}
	*php_store = wrapper;
	*out = php_shopsetup_store_wrap(wrapper, object);
	return true;
}

shopsetup_store php_shopsetup_store_wrap(php_shopsetup_store *store, zend_object *object)
{
	store->object = object;
	store->thrown = NULL;
	return (shopsetup_store){ &php_shopsetup_store_ops, store };
}

/* ---- the report ---- */

void php_shopsetup_match_report_to_array(const shopsetup_plan *plan, const shopsetup_match_report *report, zval *out)
{
	zval suspended, ambiguous;
	array_init(out);
	add_assoc_long(out, "matched", (zend_long) report->matched);
	array_init(&suspended);
	for (size_t i = 0; i < report->suspended.count; i++) {
		uint32_t p = *SHOPSETUP_VEC_AT(&report->suspended, uint32_t, i);
		shopsetup_slice email = SHOPSETUP_VEC_AT(&plan->people, shopsetup_person, p)->fields[SHOPSETUP_FIELD_EMAIL];
		add_next_index_stringl(&suspended, email.ptr, email.len);
	}
	add_assoc_zval(out, "suspended", &suspended);
	array_init(&ambiguous);
	for (size_t i = 0; i < report->ambiguous.count; i++) {
		const shopsetup_ambiguity *amb = SHOPSETUP_VEC_AT(&report->ambiguous, shopsetup_ambiguity, i);
		const shopsetup_person *person = SHOPSETUP_VEC_AT(&plan->people, shopsetup_person, amb->person);
		zval entry, ids;
		array_init(&entry);
		array_init(&ids);
		for (size_t k = 0; k < amb->ids.count; k++) {
			add_next_index_long(&ids, (zend_long) *SHOPSETUP_VEC_AT(&amb->ids, int64_t, k));
		}
		add_assoc_stringl(&entry, "email", person->fields[SHOPSETUP_FIELD_EMAIL].ptr, person->fields[SHOPSETUP_FIELD_EMAIL].len);
		add_assoc_zval(&entry, "ids", &ids);
		add_assoc_long(&entry, "chosen", (zend_long) person->userid);
		add_next_index_zval(&ambiguous, &entry);
	}
	add_assoc_zval(out, "ambiguous", &ambiguous);
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

static void php_shopsetup_ids(zval *out, const char *key, const shopsetup_vec *ids, size_t offset, size_t stride)
{
	zval list;
	array_init_size(&list, (uint32_t) ids->count);
	for (size_t i = 0; i < ids->count; i++) {
		int64_t id;
		memcpy(&id, (const char *) ids->items + i * stride + offset, sizeof(id));
		add_next_index_long(&list, (zend_long) id);
	}
	add_assoc_zval(out, key, &list);
}

/* Builds the PHP report into ctx (a zval) before COMMIT: a memory-limit error here rolls the setup back. */
static shopsetup_status php_shopsetup_run_report(void *ctx, const shopsetup_plan *plan, const shopsetup_run_report *report,
	shopsetup_error *err)
{
	zval *out = ctx;
	zval users, created, matched, unsupervised, match, group, enrolments;
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

	php_shopsetup_ids(out, "role_assignments", &report->roles_added, offsetof(shopsetup_id_pair, id), sizeof(shopsetup_id_pair));
	php_shopsetup_ids(out, "group_members", &report->members_added, 0, sizeof(int64_t));
	php_shopsetup_ids(out, "products", &report->products_added, offsetof(shopsetup_id_pair, id), sizeof(shopsetup_id_pair));
	php_shopsetup_ids(out, "dirty_users", &report->dirty_users, 0, sizeof(int64_t));
	add_assoc_long(out, "effects", (zend_long) report->effects);
	add_assoc_long(out, "statements", report->statements > (size_t) ZEND_LONG_MAX ? ZEND_LONG_MAX : (zend_long) report->statements);
	zval tables;
	array_init_size(&tables, (uint32_t) report->ntables);
	for (size_t i = 0; i < report->ntables; i++) {
		add_next_index_string(&tables, report->tables[i]);
	}
	add_assoc_zval(out, "tables", &tables);
	if (report->cluster != NULL) {
		add_assoc_string(out, "cluster", report->cluster);
	} else {
		add_assoc_null(out, "cluster");
	}
#ifdef ZEND_HAS_OOM
	/* PHP builds that delay the memory-limit error to the next opcode: any allocation of the run may have gone over it. */
	if (ZEND_HAS_OOM()) {
		return shopsetup_error_set(err, SHOPSETUP_E_NOMEM, 0, NULL, 0, "out of memory: the setup was rolled back");
	}
#endif
	return SHOPSETUP_OK;
}

/* exit() or die() in a store method: PHP's unwind, kept like an exception until the rollback is done. */
static bool php_shopsetup_is_exit(const zend_object *thrown)
{
	return zend_is_unwind_exit(thrown) || zend_is_graceful_exit(thrown);
}

/* Throws again what a store method threw: an exception as it was, an exit as a new unwind of its kind. */
static void php_shopsetup_store_rethrow(php_shopsetup_store *php_store)
{
	zend_object *thrown = php_store->thrown;
	php_store->thrown = NULL;
	if (php_shopsetup_is_exit(thrown)) {
		bool graceful = zend_is_graceful_exit(thrown);
		OBJ_RELEASE(thrown);
		if (graceful) {
			zend_throw_graceful_exit();
		} else {
			zend_throw_unwind_exit();
		}
		return;
	}
	zval value;
	ZVAL_OBJ(&value, thrown);
	zend_throw_exception_object(&value);
}

/* Throws what the PHP store threw, else the driver's error. */
static void php_shopsetup_store_throw(php_shopsetup_store *php_store, shopsetup_status status, shopsetup_error *err)
{
	if (php_store != NULL && php_store->thrown != NULL) {
		php_shopsetup_store_rethrow(php_store);
		return;
	}
	php_shopsetup_throw_status(status, err);
}

void php_shopsetup_run(shopsetup_store store, php_shopsetup_store *php_store, shopsetup_plan *plan, zval *return_value)
{
	shopsetup_run_report report;
	shopsetup_error err = { 0 };
	shopsetup_run_report_init(&report);
	ZVAL_NULL(return_value);
	shopsetup_before_commit build_report = { php_shopsetup_run_report, return_value };
	shopsetup_status status = shopsetup_driver_run(store, plan, &report, build_report, &err);
	shopsetup_run_report_free(&report);
	if (status != SHOPSETUP_OK) {
		zval_ptr_dtor(return_value);
		ZVAL_NULL(return_value);
		php_shopsetup_store_throw(php_store, status, &err);
	} else if (php_store != NULL && php_store->thrown != NULL && php_shopsetup_is_exit(php_store->thrown)) {
		/* committed, then unlock() exited: the script ends as it asked */
		php_shopsetup_store_rethrow(php_store);
	} else if (php_store != NULL && php_store->thrown != NULL) {
		/* committed: what unlock() threw cannot undo it */
		php_error_docref(NULL, E_WARNING, "The setup was committed, then the store's unlock() threw %s",
			ZSTR_VAL(php_store->thrown->ce->name));
		OBJ_RELEASE(php_store->thrown);
		php_store->thrown = NULL;
	}
}

void php_shopsetup_preview(shopsetup_store store, php_shopsetup_store *php_store, shopsetup_plan *plan, zval *return_value)
{
	shopsetup_match_report match;
	shopsetup_error err = { 0 };
	shopsetup_vec_init(&match.suspended, sizeof(uint32_t));
	shopsetup_vec_init(&match.ambiguous, sizeof(shopsetup_ambiguity));
	match.matched = 0;
	shopsetup_status status = shopsetup_driver_preview(store, plan, &match, &err);
	if (status == SHOPSETUP_OK) {
		php_shopsetup_match_report_to_array(plan, &match, return_value);
	} else {
		php_shopsetup_store_throw(php_store, status, &err);
	}
	shopsetup_match_report_free(&match);
}
