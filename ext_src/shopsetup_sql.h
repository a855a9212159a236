/*
 * What the SQL stores share (pure C core): lookups with chunked IN lists, keys matched by the
 * server's own comparison, multi-row INSERTs and batched UPDATEs, every statement sized under the
 * connection's limit. A store gives its dialect (identifier quote, string literals, case-insensitive
 * columns) and a way to run a statement; the statements are built here, once for every database.
 */
#ifndef SHOPSETUP_SQL_H
#define SHOPSETUP_SQL_H

#include "shopsetup_core.h"
#include "shopsetup_store.h"

#define SHOPSETUP_SQL_PREFIX_MAX 32

/* One row of a result as text: values[c] is NULL for SQL NULL. */
typedef shopsetup_status (*shopsetup_sql_row_fn)(void *ctx, char *const *values, const size_t *lengths, size_t nvalues,
	shopsetup_error *err);

typedef struct {
	/* Runs one statement; with on_row, hands each row of its result on. */
	shopsetup_status (*run)(void *conn, const char *sql, size_t len, const char *step, shopsetup_sql_row_fn on_row, void *ctx,
		shopsetup_error *err);
	/* Appends s as a string literal, escaped by the client library. */
	bool (*string)(void *conn, shopsetup_buf *sql, const char *s, size_t len);
	/* Whether the column already compares case-insensitively (else lookups lower-case it). */
	shopsetup_status (*caseless)(void *conn, const char *table, const char *column, bool *caseless, shopsetup_error *err);
} shopsetup_sql_ops;

typedef struct {
	const shopsetup_sql_ops *ops;
	void *conn;
	char quote;              /* of identifiers: ` or " */
	const char *keys_seed;   /* the first row of findKeys' derived table, typed for string keys ... */
	const char *int_keys_seed; /* ... and for int keys */
	bool values_keys;        /* that table is a VALUES list (seed "VALUES (-1, ...)"), else UNION ALL SELECTs */
	bool prefix_by_length;   /* case-insensitive prefixes as left(LOWER(col), n) IN (...): no index to range over */
	bool update_from_values; /* batched updates as UPDATE ... FROM (VALUES ...), else CASE id WHEN ... */
	size_t in_chunk;         /* keys per IN list (0: 1,000) */
	char prefix[SHOPSETUP_SQL_PREFIX_MAX + 1];
	size_t statement_limit;  /* bytes per statement */
	bool key_caseless;       /* the key column of the lookup being built compares case-insensitively */
} shopsetup_sql;

/* Whether prefix is at most SHOPSETUP_SQL_PREFIX_MAX characters of [A-Za-z0-9_]. */
bool shopsetup_sql_prefix_is_safe(const char *prefix);
/* Whether every character of text is a letter, a digit or one of extra, and it has at most max. */
bool shopsetup_sql_word_is_safe(const char *text, size_t max, const char *extra);

bool shopsetup_sql_table(const shopsetup_sql *sql, shopsetup_buf *buf, const char *table);

shopsetup_status shopsetup_sql_find(shopsetup_sql *sql, const shopsetup_query *query, shopsetup_found_fn on_row, void *ctx,
	shopsetup_error *err);
shopsetup_status shopsetup_sql_find_keys(shopsetup_sql *sql, const shopsetup_query *query, shopsetup_key_fn on_key, void *ctx,
	shopsetup_error *err);

/* A sink of multi-row INSERTs, or of UPDATEs keyed by id (kind); sink->ctx is its own. */
shopsetup_status shopsetup_sql_open(shopsetup_sql *sql, shopsetup_write kind, const char *table, shopsetup_sink *sink,
	shopsetup_error *err);
shopsetup_status shopsetup_sql_close(shopsetup_sink *sink, shopsetup_status status, shopsetup_error *err);

#endif
