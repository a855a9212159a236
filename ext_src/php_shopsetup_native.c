/*
 * ShopSetup\Store's methods on the extension's own stores (MysqlConnection): PHP values in, one
 * operation of the C store, PHP values out. Plan::run() never calls them: it drives the C store
 * directly; they make a native store usable wherever a ShopSetup\Store is.
 */
#ifdef HAVE_CONFIG_H
# include "config.h"
#endif

#include "php.h"
#include "zend_exceptions.h"

#include "php_shopsetup_errors.h"
#include "php_shopsetup_native.h"
#include "php_shopsetup_rows.h"

/* Columns of one find() at most, and the longest identifier MySQL and PostgreSQL take. */
#define PHP_SHOPSETUP_NATIVE_COLUMNS 16
#define PHP_SHOPSETUP_NAME_MAX 63

/* Table and column names go into SQL as they are: lower-case letters, digits and _ only. */
static bool php_shopsetup_native_name(const zend_string *name, uint32_t arg)
{
	bool ok = ZSTR_LEN(name) > 0 && ZSTR_LEN(name) <= PHP_SHOPSETUP_NAME_MAX;
	for (size_t i = 0; i < ZSTR_LEN(name) && ok; i++) {
		char c = ZSTR_VAL(name)[i];
		ok = (c >= 'a' && c <= 'z') || c == '_' || (i > 0 && c >= '0' && c <= '9');
	}
	if (!ok) {
		zend_argument_value_error(arg, "must hold names of lower-case letters, digits and _ (at most %d)", PHP_SHOPSETUP_NAME_MAX);
	}
	return ok;
}

static void php_shopsetup_native_status(shopsetup_status status, shopsetup_error *err)
{
	if (status != SHOPSETUP_OK) {
		php_shopsetup_throw_status(status, err);
	}
}

void php_shopsetup_native_lock(shopsetup_store store)
{
	shopsetup_error err = { 0 };
	php_shopsetup_native_status(store.ops->lock(store.self, &err), &err);
}

void php_shopsetup_native_begin(shopsetup_store store)
{
	shopsetup_error err = { 0 };
	php_shopsetup_native_status(store.ops->begin(store.self, &err), &err);
}

void php_shopsetup_native_commit(shopsetup_store store)
{
	shopsetup_error err = { 0 };
	php_shopsetup_native_status(store.ops->commit(store.self, &err), &err);
}

/* One value of a condition or a row: an int or a string, named. */
static bool php_shopsetup_native_col(zend_string *name, zval *value, uint32_t arg, shopsetup_col *out)
{
	if (name == NULL || !php_shopsetup_native_name(name, arg)) {
		if (name == NULL) {
			zend_argument_value_error(arg, "must map column names to values");
		}
		return false;
	}
	ZVAL_DEREF(value);
	if (Z_TYPE_P(value) == IS_LONG) {
		*out = SHOPSETUP_COL_I(ZSTR_VAL(name), Z_LVAL_P(value));
	} else if (Z_TYPE_P(value) == IS_STRING) {
		*out = SHOPSETUP_COL_S(ZSTR_VAL(name), ((shopsetup_slice){ Z_STRVAL_P(value), Z_STRLEN_P(value) }));
	} else {
		zend_argument_type_error(arg, "values must be of type int or string, %s given", zend_zval_type_name(value));
		return false;
	}
	return true;
}

static bool php_shopsetup_native_cols(HashTable *values, uint32_t arg, shopsetup_col *out, size_t max, size_t *count)
{
	zend_string *name;
	zval *value;
	*count = 0;
	ZEND_HASH_FOREACH_STR_KEY_VAL(values, name, value) {
		if (*count == max) {
			zend_argument_value_error(arg, "must not hold more than %zu columns", max);
			return false;
		}
		if (!php_shopsetup_native_col(name, value, arg, &out[(*count)++])) {
			return false;
		}
	} ZEND_HASH_FOREACH_END();
	return true;
}

/* Keys all ints or all strings; *ints and *strings are emalloc'd, freed by the caller. */
static bool php_shopsetup_native_keys(HashTable *list, uint32_t arg, bool strings_only, shopsetup_keys *keys)
{
	uint32_t n = zend_hash_num_elements(list), i = 0;
	int64_t *ints = NULL;
	shopsetup_slice *strings = NULL;
	zval *first = zend_hash_get_current_data(list);
	bool as_strings = strings_only || (first != NULL && Z_TYPE_P(first) == IS_STRING);
	if (as_strings) {
		strings = safe_emalloc(n + 1, sizeof(*strings), 0);
	} else {
		ints = safe_emalloc(n + 1, sizeof(*ints), 0);
	}
	zval *key;
	ZEND_HASH_FOREACH_VAL(list, key) {
		ZVAL_DEREF(key);
		if (as_strings && Z_TYPE_P(key) == IS_STRING) {
			strings[i++] = (shopsetup_slice){ Z_STRVAL_P(key), Z_STRLEN_P(key) };
		} else if (!as_strings && Z_TYPE_P(key) == IS_LONG) {
			ints[i++] = Z_LVAL_P(key);
		} else {
			zend_argument_type_error(arg, "must hold only %s", strings_only ? "strings" : "ints or only strings");
			efree(as_strings ? (void *) strings : (void *) ints);
			return false;
		}
	} ZEND_HASH_FOREACH_END();
	*keys = (shopsetup_keys){ ints, strings, n };
	return true;
}

static void php_shopsetup_native_keys_free(shopsetup_keys *keys)
{
	if (keys->ints != NULL) {
		efree((void *) keys->ints);
	}
	if (keys->strings != NULL) {
		efree((void *) keys->strings);
	}
}

typedef struct {
	zval *rows;
	size_t ncolumns;
} php_shopsetup_native_found;

static shopsetup_status php_shopsetup_native_row(void *ctx, const shopsetup_col *row, shopsetup_error *err)
{
	php_shopsetup_native_found *found = ctx;
	zval list;
	array_init_size(&list, (uint32_t) found->ncolumns);
	for (size_t c = 0; c < found->ncolumns; c++) {
		add_next_index_stringl(&list, row[c].s.ptr ? row[c].s.ptr : "", row[c].s.len);
	}
	add_next_index_zval(found->rows, &list);
	return SHOPSETUP_OK;
}

void php_shopsetup_native_find(shopsetup_store store, INTERNAL_FUNCTION_PARAMETERS)
{
	zend_string *table, *key;
	HashTable *columns, *conditions, *keys;
	zend_long match;
	ZEND_PARSE_PARAMETERS_START(6, 6)
		Z_PARAM_STR(table)
		Z_PARAM_ARRAY_HT(columns)
		Z_PARAM_ARRAY_HT(conditions)
		Z_PARAM_STR(key)
		Z_PARAM_LONG(match)
		Z_PARAM_ARRAY_HT(keys)
	ZEND_PARSE_PARAMETERS_END();

	if (match < SHOPSETUP_MATCH_NONE || match > SHOPSETUP_MATCH_BELOW) {
		zend_argument_value_error(5, "must be one of the Store::MATCH_* constants");
		RETURN_THROWS();
	}
	/* every value read as text, as Moodle's $DB returns them */
	shopsetup_column names[PHP_SHOPSETUP_NATIVE_COLUMNS];
	size_t ncolumns = 0;
	zval *column;
	ZEND_HASH_FOREACH_VAL(columns, column) {
		ZVAL_DEREF(column);
		if (ncolumns == PHP_SHOPSETUP_NATIVE_COLUMNS || Z_TYPE_P(column) != IS_STRING || !php_shopsetup_native_name(Z_STR_P(column), 2)) {
			if (!EG(exception)) {
				zend_argument_value_error(2, "must list 1 to %d column names", PHP_SHOPSETUP_NATIVE_COLUMNS);
			}
			RETURN_THROWS();
		}
		names[ncolumns++] = (shopsetup_column){ Z_STRVAL_P(column), SHOPSETUP_COL_STR, 0 };
	} ZEND_HASH_FOREACH_END();
	shopsetup_col where[PHP_SHOPSETUP_NATIVE_COLUMNS];
	size_t nwhere;
	shopsetup_keys list;
	if (ncolumns == 0) {
		zend_argument_value_error(2, "must list 1 to %d column names", PHP_SHOPSETUP_NATIVE_COLUMNS);
		RETURN_THROWS();
	}
	if (!php_shopsetup_native_name(table, 1) || !php_shopsetup_native_cols(conditions, 3, where, PHP_SHOPSETUP_NATIVE_COLUMNS, &nwhere)
		|| (match != SHOPSETUP_MATCH_NONE && !php_shopsetup_native_name(key, 4))
		|| !php_shopsetup_native_keys(keys, 6, match == SHOPSETUP_MATCH_CASELESS_PREFIX, &list)) {
		RETURN_THROWS();
	}
	shopsetup_query query = { ZSTR_VAL(table), names, ncolumns, where, nwhere,
		match == SHOPSETUP_MATCH_NONE ? NULL : ZSTR_VAL(key), (shopsetup_match) match, list };
	shopsetup_error err = { 0 };
	array_init(return_value);
	php_shopsetup_native_found found = { return_value, ncolumns };
	shopsetup_status status = match != SHOPSETUP_MATCH_NONE && list.count == 0 ? SHOPSETUP_OK
		: store.ops->find(store.self, &query, php_shopsetup_native_row, &found, &err);
	php_shopsetup_native_keys_free(&list);
	if (status != SHOPSETUP_OK) {
		zval_ptr_dtor(return_value);
		ZVAL_NULL(return_value);
		php_shopsetup_throw_status(status, &err);
	}
}

typedef struct {
	zval *found;
	const shopsetup_keys *keys;
} php_shopsetup_native_found_keys;

static shopsetup_status php_shopsetup_native_key(void *ctx, size_t key, shopsetup_error *err)
{
	php_shopsetup_native_found_keys *found = ctx;
	add_next_index_stringl(found->found, found->keys->strings[key].ptr, found->keys->strings[key].len);
	return SHOPSETUP_OK;
}

void php_shopsetup_native_find_keys(shopsetup_store store, INTERNAL_FUNCTION_PARAMETERS)
{
	zend_string *table, *key;
	HashTable *conditions, *keys;
	ZEND_PARSE_PARAMETERS_START(4, 4)
		Z_PARAM_STR(table)
		Z_PARAM_ARRAY_HT(conditions)
		Z_PARAM_STR(key)
		Z_PARAM_ARRAY_HT(keys)
	ZEND_PARSE_PARAMETERS_END();

	shopsetup_col where[PHP_SHOPSETUP_NATIVE_COLUMNS];
	size_t nwhere;
	shopsetup_keys list;
	if (!php_shopsetup_native_name(table, 1) || !php_shopsetup_native_cols(conditions, 2, where, PHP_SHOPSETUP_NATIVE_COLUMNS, &nwhere)
		|| !php_shopsetup_native_name(key, 3) || !php_shopsetup_native_keys(keys, 4, true, &list)) {
		RETURN_THROWS();
	}
	static const shopsetup_column none[] = { { "id", SHOPSETUP_COL_INT, 0 } };
	shopsetup_query query = { ZSTR_VAL(table), none, 0, where, nwhere, ZSTR_VAL(key), SHOPSETUP_MATCH_EQUAL, list };
	shopsetup_error err = { 0 };
	array_init(return_value);
	php_shopsetup_native_found_keys found = { return_value, &list };
	shopsetup_status status = list.count == 0 ? SHOPSETUP_OK
		: store.ops->find_keys(store.self, &query, php_shopsetup_native_key, &found, &err);
	php_shopsetup_native_keys_free(&list);
	if (status != SHOPSETUP_OK) {
		zval_ptr_dtor(return_value);
		ZVAL_NULL(return_value);
		php_shopsetup_throw_status(status, &err);
	}
}

/* Each row through the sink, the columns of the first row in every row. */
static shopsetup_status php_shopsetup_native_rows(const shopsetup_sink *sink, const char *table, HashTable *rows,
	shopsetup_error *err)
{
	zval *row;
	shopsetup_col first[PHP_SHOPSETUP_NATIVE_COLUMNS], cols[PHP_SHOPSETUP_NATIVE_COLUMNS];
	size_t nfirst = 0, ncols;
	bool seen = false;
	ZEND_HASH_FOREACH_VAL(rows, row) {
		ZVAL_DEREF(row);
		if (Z_TYPE_P(row) != IS_ARRAY) {
			zend_argument_type_error(2, "must be a list of arrays, %s given", zend_zval_type_name(row));
			return SHOPSETUP_E_DB;
		}
		if (!php_shopsetup_native_cols(Z_ARRVAL_P(row), 2, cols, PHP_SHOPSETUP_NATIVE_COLUMNS, &ncols)) {
			return SHOPSETUP_E_DB;
		}
		bool same = !seen || ncols == nfirst;
		for (size_t c = 0; c < ncols && same && seen; c++) {
			same = strcmp(cols[c].name, first[c].name) == 0;
		}
		if (!same || ncols == 0) {
			zend_argument_value_error(2, "rows must all have the same columns, in the same order");
			return SHOPSETUP_E_DB;
		}
		if (!seen) {
			memcpy(first, cols, ncols * sizeof(*cols));
			nfirst = ncols;
			seen = true;
		}
		if (!sink->row(sink->ctx, table, cols, ncols, err)) {
			return err->code != SHOPSETUP_OK ? err->code : SHOPSETUP_E_DB;
		}
	} ZEND_HASH_FOREACH_END();
	return SHOPSETUP_OK;
}

void php_shopsetup_native_write(shopsetup_store store, shopsetup_write kind, INTERNAL_FUNCTION_PARAMETERS)
{
	zend_string *table;
	HashTable *rows;
	ZEND_PARSE_PARAMETERS_START(2, 2)
		Z_PARAM_STR(table)
		Z_PARAM_ARRAY_HT(rows)
	ZEND_PARSE_PARAMETERS_END();

	if (!php_shopsetup_native_name(table, 1)) {
		RETURN_THROWS();
	}
	shopsetup_error err = { 0 };
	shopsetup_sink sink;
	shopsetup_status status = store.ops->open(store.self, kind, ZSTR_VAL(table), &sink, &err);
	if (status == SHOPSETUP_OK) {
		status = php_shopsetup_native_rows(&sink, ZSTR_VAL(table), rows, &err);
		status = store.ops->close(store.self, &sink, status, &err);
	}
	if (status != SHOPSETUP_OK && !EG(exception)) {
		php_shopsetup_throw_status(status, &err);
	}
}

/* ---- the connections' options ---- */

bool php_shopsetup_option_string(HashTable *options, const char *name, const char **out)
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

bool php_shopsetup_option_uint(HashTable *options, const char *name, unsigned max, unsigned *out)
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
