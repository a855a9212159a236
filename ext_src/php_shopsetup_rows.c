/* Reading the PHP values the plugin passes: rows as arrays or objects, Moodle's integer strings, iterables. */
#ifdef HAVE_CONFIG_H
# include "config.h"
#endif

#include "php.h"
#include "zend_interfaces.h"

#include "php_shopsetup_errors.h"
#include "php_shopsetup_rows.h"

HashTable *php_shopsetup_row_table(zval *row)
{
	ZVAL_DEREF(row);
	if (Z_TYPE_P(row) == IS_ARRAY) {
		return Z_ARRVAL_P(row);
	}
	if (Z_TYPE_P(row) == IS_OBJECT) {
		return Z_OBJ_HT_P(row)->get_properties(Z_OBJ_P(row));
	}
	return NULL;
}

bool php_shopsetup_zval_int(zval *value, int64_t *out)
{
	ZVAL_DEREF(value);
	if (Z_TYPE_P(value) == IS_LONG) {
		*out = Z_LVAL_P(value);
		return true;
	}
	/* Moodle's DML returns integers as strings. */
	zend_long lval;
	if (Z_TYPE_P(value) == IS_STRING
		&& is_numeric_string(Z_STRVAL_P(value), Z_STRLEN_P(value), &lval, NULL, false) == IS_LONG) {
		*out = lval;
		return true;
	}
	return false;
}

/* A column of a row; objects of declared classes keep their properties as INDIRECT slots. */
zval *php_shopsetup_row_find(HashTable *row, const char *name)
{
	zval *value = zend_hash_str_find_ind(row, name, strlen(name));
	if (value != NULL) {
		ZVAL_DEREF(value);
	}
	return value;
}

bool php_shopsetup_row_int(HashTable *row, const char *name, int64_t *out)
{
	zval *value = php_shopsetup_row_find(row, name);
	return value != NULL && php_shopsetup_zval_int(value, out);
}

/* Calls fn for each value of an array or Traversable; stops when fn returns false or throws. */
bool php_shopsetup_iterate(zval *iterable, bool (*fn)(zval *key, zval *value, void *ctx), void *ctx)
{
	if (Z_TYPE_P(iterable) == IS_ARRAY) {
		zend_string *skey;
		zend_ulong ikey;
		zval *value;
		ZEND_HASH_FOREACH_KEY_VAL(Z_ARRVAL_P(iterable), ikey, skey, value) {
			zval key;
			if (skey) {
				ZVAL_STR(&key, skey);
			} else {
				ZVAL_LONG(&key, (zend_long) ikey);
			}
			if (!fn(&key, value, ctx)) {
				return false;
			}
		} ZEND_HASH_FOREACH_END();
		return true;
	}
	zend_class_entry *ce = Z_OBJCE_P(iterable);
	zend_object_iterator *it = ce->get_iterator(ce, iterable, 0);
	bool ok = it != NULL && !EG(exception);
	if (it != NULL && it->funcs->rewind) {
		it->funcs->rewind(it);
	}
	while (ok && !EG(exception) && it->funcs->valid(it) == SUCCESS && !EG(exception)) {
		zval *value = it->funcs->get_current_data(it);
		zval key;
		ZVAL_NULL(&key);
		if (EG(exception) || value == NULL) {
			break;
		}
		if (it->funcs->get_current_key) {
			it->funcs->get_current_key(it, &key);
		}
		ok = fn(&key, value, ctx);
		zval_ptr_dtor(&key);
		if (ok) {
			it->funcs->move_forward(it);
		}
	}
	if (it != NULL) {
		zend_iterator_dtor(it);
	}
	return ok && !EG(exception);
}

static void php_shopsetup_throw_nomem(void)
{
	shopsetup_error err;
	php_shopsetup_throw_status(shopsetup_nomem(&err), &err);
}

static bool php_shopsetup_read_column(const php_shopsetup_column *column, zval *value, char *item, php_shopsetup_rows *rows)
{
	int64_t number = 0;
	switch (column->type) {
		case PHP_SHOPSETUP_COLUMN_INT:
			if (value == NULL || !php_shopsetup_zval_int(value, &number)) {
				return false;
			}
			*(int64_t *) (item + column->offset) = number;
			return true;
		case PHP_SHOPSETUP_COLUMN_FLAG:
			if (value != NULL && !php_shopsetup_zval_int(value, &number)) {
				return false;
			}
			*(bool *) (item + column->offset) = number != 0;
			return true;
		case PHP_SHOPSETUP_COLUMN_STRING: {
			if (value == NULL || Z_TYPE_P(value) != IS_STRING) {
				return false;
			}
			zend_string **kept = shopsetup_vec_push(&rows->strings);
			if (kept == NULL) {
				php_shopsetup_throw_nomem();
				return false;
			}
			*kept = zend_string_copy(Z_STR_P(value));
			*(shopsetup_slice *) (item + column->offset) = php_shopsetup_slice(*kept);
			return true;
		}
	}
	return false;
}

typedef struct {
	const php_shopsetup_row_spec *spec;
	php_shopsetup_rows *rows;
} php_shopsetup_read_ctx;

static bool php_shopsetup_read_row(zval *key, zval *value, void *ctx_ptr)
{
	const php_shopsetup_read_ctx *ctx = ctx_ptr;
	const php_shopsetup_row_spec *spec = ctx->spec;
	char *item = shopsetup_vec_push(&ctx->rows->items);
	if (item == NULL) {
		php_shopsetup_throw_nomem();
		return false;
	}
	ZVAL_DEREF(value);
	HashTable *row = php_shopsetup_row_table(value);
	bool ok = row != NULL || spec->scalar;
	for (size_t c = 0; c < spec->count && ok; c++) {
		zval *column = row != NULL ? php_shopsetup_row_find(row, spec->columns[c].name) : value;
		ok = php_shopsetup_read_column(&spec->columns[c], column, item, ctx->rows);
	}
	if (!ok && !EG(exception)) {
		zend_argument_type_error(spec->arg, "%s", spec->expected);
	}
	return ok;
}

bool php_shopsetup_read_rows(zval *iterable, const php_shopsetup_row_spec *spec, php_shopsetup_rows *rows)
{
	php_shopsetup_read_ctx ctx = { spec, rows };
	shopsetup_vec_init(&rows->items, spec->item_size);
	shopsetup_vec_init(&rows->strings, sizeof(zend_string *));
	return php_shopsetup_iterate(iterable, php_shopsetup_read_row, &ctx);
}

void php_shopsetup_rows_free(php_shopsetup_rows *rows)
{
	for (size_t i = 0; i < rows->strings.count; i++) {
		zend_string_release(*SHOPSETUP_VEC_AT(&rows->strings, zend_string *, i));
	}
	shopsetup_vec_free(&rows->strings);
	shopsetup_vec_free(&rows->items);
}
