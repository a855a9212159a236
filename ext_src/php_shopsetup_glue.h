/* Shared pieces of the Zend glue: class entries and the error-code-to-exception bridge. */
#ifndef PHP_SHOPSETUP_GLUE_H
#define PHP_SHOPSETUP_GLUE_H

#include "php.h"
#include "shopsetup_core.h"
#include "shopsetup_plan.h"

extern zend_class_entry *php_shopsetup_exception_ce;
extern zend_class_entry *php_shopsetup_params_exception_ce;
extern zend_class_entry *php_shopsetup_roster_exception_ce;
extern zend_class_entry *php_shopsetup_plan_exception_ce;
extern zend_class_entry *php_shopsetup_database_exception_ce;
extern zend_class_entry *php_shopsetup_plan_ce;
extern zend_class_entry *php_shopsetup_mysql_connection_ce;

/* Throws the ShopSetup exception that matches err->code. */
void php_shopsetup_throw(const shopsetup_error *err);

void php_shopsetup_plan_minit(void);

/* A ShopSetup\Plan object: the core plan plus Zend's object header. */
typedef struct {
	shopsetup_plan plan;
	bool initialised; /* plan holds memory to free */
	bool ready;       /* the constructor succeeded */
	zend_object std;
} php_shopsetup_plan_object;

/* The plan of a constructed ShopSetup\Plan, or NULL with an exception. */
shopsetup_plan *php_shopsetup_plan_get(zval *object);
void php_shopsetup_match_report_to_array(const shopsetup_plan *plan, const shopsetup_match_report *report, zval *out);

/* Rows given by PHP code may be arrays or objects (Moodle's records). */
HashTable *php_shopsetup_row_table(zval *row);
/* Ints, or integer strings as Moodle's DML returns them. */
bool php_shopsetup_zval_int(zval *value, int64_t *out);
bool php_shopsetup_row_int(HashTable *row, const char *name, int64_t *out);
/* Calls fn for each entry of an array or Traversable; false when fn stopped or something threw. */
bool php_shopsetup_iterate(zval *iterable, bool (*fn)(zval *key, zval *value, void *ctx), void *ctx);
void php_shopsetup_mysql_minit(void);

/* Borrowed view of a PHP string. */
static inline shopsetup_slice php_shopsetup_slice(const zend_string *s)
{
	return (shopsetup_slice){ ZSTR_VAL(s), ZSTR_LEN(s) };
}

#endif
