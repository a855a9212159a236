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
/* A column of a row, dereferenced; NULL when absent. */
zval *php_shopsetup_row_find(HashTable *row, const char *name);
/* Ints, or integer strings as Moodle's DML returns them. */
bool php_shopsetup_zval_int(zval *value, int64_t *out);
bool php_shopsetup_row_int(HashTable *row, const char *name, int64_t *out);
/* Calls fn for each entry of an array or Traversable; false when fn stopped or something threw. */
bool php_shopsetup_iterate(zval *iterable, bool (*fn)(zval *key, zval *value, void *ctx), void *ctx);

/* How a row's columns fill a core struct. */
typedef enum {
	PHP_SHOPSETUP_COLUMN_INT,    /* int64_t */
	PHP_SHOPSETUP_COLUMN_FLAG,   /* bool, from an optional int */
	PHP_SHOPSETUP_COLUMN_STRING, /* shopsetup_slice of a string kept alive by the rows */
} php_shopsetup_column_type;

typedef struct {
	const char *name;
	php_shopsetup_column_type type;
	size_t offset;
} php_shopsetup_column;

typedef struct {
	const php_shopsetup_column *columns;
	size_t count;
	size_t item_size;
	bool scalar;          /* a bare value (not a row) stands for the only column */
	uint32_t arg;         /* the argument, for the TypeError */
	const char *expected; /* what the TypeError says it must contain */
} php_shopsetup_row_spec;

#define PHP_SHOPSETUP_COLUMNS(columns) (columns), sizeof(columns) / sizeof((columns)[0])

typedef struct {
	shopsetup_vec items;   /* item_size each */
	shopsetup_vec strings; /* zend_string *, borrowed by the items */
} php_shopsetup_rows;

/* Reads every row of an array or Traversable into rows (to free in any case); false with an exception. */
bool php_shopsetup_read_rows(zval *iterable, const php_shopsetup_row_spec *spec, php_shopsetup_rows *rows);
void php_shopsetup_rows_free(php_shopsetup_rows *rows);

#endif
