/* Reading the PHP values the plugin passes: rows as arrays or objects, Moodle's integer strings, iterables. */
#ifdef HAVE_CONFIG_H
# include "config.h"
#endif

#include "php.h"
#include "zend_interfaces.h"

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
