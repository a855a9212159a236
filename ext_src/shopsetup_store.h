/*
 * What the setup driver asks of a database (pure C core): find rows by keys, insert and update
 * rows through sinks, lock, begin, commit, roll back. A store only moves rows on its database;
 * every rule (which rows, which keys, what a new id is read back by) is the driver's.
 */
#ifndef SHOPSETUP_STORE_H
#define SHOPSETUP_STORE_H

#include "shopsetup_core.h"
#include "shopsetup_plan.h"

typedef enum {
	SHOPSETUP_MATCH_NONE = 0,         /* no key: every row the conditions select */
	SHOPSETUP_MATCH_EQUAL,            /* the key column equals one of the keys */
	SHOPSETUP_MATCH_CASELESS_PREFIX,  /* the key column, lower-cased, starts with one of the keys (lower-case) */
	SHOPSETUP_MATCH_BELOW,            /* the key column sorts before the one key */
} shopsetup_match;

/* Keys of one type: ints, or strings when strings is not NULL. */
typedef struct {
	const int64_t *ints;
	const shopsetup_slice *strings;
	size_t count;
} shopsetup_keys;

/* A column of a query's result and where a row reader stores it (an int64_t or a shopsetup_slice). */
typedef struct {
	const char *name;
	shopsetup_col_type type;
	size_t offset;
} shopsetup_column;

typedef struct {
	const char *table;
	const shopsetup_column *columns;
	size_t ncolumns;
	const shopsetup_col *conditions;  /* column = value, all of them */
	size_t nconditions;
	const char *key;                  /* NULL with SHOPSETUP_MATCH_NONE */
	shopsetup_match match;
	shopsetup_keys keys;
} shopsetup_query;

/* One row of a result: ncolumns values, typed as the query's columns. */
typedef shopsetup_status (*shopsetup_found_fn)(void *ctx, const shopsetup_col *row, shopsetup_error *err);
/* One of the query's keys, by index, that the database holds equal to a stored value. */
typedef shopsetup_status (*shopsetup_key_fn)(void *ctx, size_t key, shopsetup_error *err);

typedef enum {
	SHOPSETUP_WRITE_INSERT,
	SHOPSETUP_WRITE_UPDATE,  /* rows keyed by their "id" column */
} shopsetup_write;

typedef struct {
	/* Serialises the setups of one site. */
	shopsetup_status (*lock)(void *self, shopsetup_error *err);
	void (*unlock)(void *self);
	shopsetup_status (*begin)(void *self, shopsetup_error *err);
	shopsetup_status (*commit)(void *self, shopsetup_error *err);
	void (*rollback)(void *self);
	shopsetup_status (*find)(void *self, const shopsetup_query *query, shopsetup_found_fn on_row, void *ctx, shopsetup_error *err);
	/* The query's keys (SHOPSETUP_MATCH_EQUAL) that match a row by the database's own comparison. */
	shopsetup_status (*find_keys)(void *self, const shopsetup_query *query, shopsetup_key_fn on_key, void *ctx, shopsetup_error *err);
	/* A sink of rows for table; close() writes what is pending when status is SHOPSETUP_OK, then frees the sink. */
	shopsetup_status (*open)(void *self, shopsetup_write kind, const char *table, shopsetup_sink *sink, shopsetup_error *err);
	shopsetup_status (*close)(void *self, shopsetup_sink *sink, shopsetup_status status, shopsetup_error *err);
	/* Statements sent since lock(). */
	size_t (*statements)(void *self);
	/* The kind of cluster the database is a node of ("galera"), or NULL; the member itself may be NULL. */
	const char *(*cluster)(void *self);
} shopsetup_store_ops;

typedef struct {
	const shopsetup_store_ops *ops;
	void *self;
} shopsetup_store;

#endif
