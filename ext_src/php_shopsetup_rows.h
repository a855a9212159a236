/* Reading the PHP values the plugin passes into core types. */
#ifndef PHP_SHOPSETUP_ROWS_H
#define PHP_SHOPSETUP_ROWS_H

#include "php.h"
#include "shopsetup_core.h"

/* Borrowed view of a PHP string. */
static inline shopsetup_slice php_shopsetup_slice(const zend_string *s)
{
	return (shopsetup_slice){ ZSTR_VAL(s), ZSTR_LEN(s) };
}

/* Rows given by PHP code may be arrays or objects (Moodle's records). */
HashTable *php_shopsetup_row_table(zval *row);
/* Ints, or integer strings as Moodle's DML returns them. */
bool php_shopsetup_zval_int(zval *value, int64_t *out);
/* Calls fn for each entry of an array or Traversable; false when fn stopped or something threw. */
bool php_shopsetup_iterate(zval *iterable, bool (*fn)(zval *key, zval *value, void *ctx), void *ctx);

#endif
