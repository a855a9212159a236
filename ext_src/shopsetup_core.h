/*
 * shopsetup: pure C core shared by every module (no zval, no Zend allocator).
 *
 * Memory comes from shopsetup_alloc (below); every function that can fail returns a
 * shopsetup_status and fills a shopsetup_error when one is given.
 */
#ifndef SHOPSETUP_CORE_H
#define SHOPSETUP_CORE_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

typedef enum {
	SHOPSETUP_OK = 0,
	SHOPSETUP_E_NOMEM,
	/* handler parameters */
	SHOPSETUP_E_PARAMS_ESCAPE,
	SHOPSETUP_E_PARAMS_EMPTY_KEY,
	SHOPSETUP_E_PARAMS_DUPLICATE_KEY,
	SHOPSETUP_E_PARAMS_NUL,
	SHOPSETUP_E_PARAMS_UTF8,
	/* handler configuration */
	SHOPSETUP_E_CONFIG_MISSING,
	SHOPSETUP_E_CONFIG_VALUE,
	/* roster */
	SHOPSETUP_E_ROSTER_INVALID,
	SHOPSETUP_E_ROSTER_SEATS,
	/* plan stages */
	SHOPSETUP_E_PLAN_STATE,
	SHOPSETUP_E_PLAN_INPUT,
	/* database */
	SHOPSETUP_E_DB,
} shopsetup_status;

#define SHOPSETUP_ERROR_DETAIL_MAX 256
/* The largest time the core accepts: far beyond any real date, far below int64 overflow when two are added. */
#define SHOPSETUP_EPOCH_MAX 100000000000LL

typedef struct {
	shopsetup_status code;
	size_t offset;                            /* byte offset, where the code has one */
	char subject[SHOPSETUP_ERROR_DETAIL_MAX]; /* key, field or statement the error is about */
	char detail[SHOPSETUP_ERROR_DETAIL_MAX];  /* what is wrong with it */
	bool retriable;                           /* the database refused for now (deadlock, lock wait, certification): a new transaction may succeed */
} shopsetup_error;

shopsetup_status shopsetup_error_set(shopsetup_error *err, shopsetup_status code, size_t offset,
	const char *subject, size_t subject_len, const char *detail_fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 6, 7)))
#endif
	;
/* Fills err with SHOPSETUP_E_NOMEM. */
shopsetup_status shopsetup_nomem(shopsetup_error *err);

/*
 * The core allocates through these. They default to the C library's; the Zend glue installs
 * PHP's request allocator, so a plan counts against memory_limit and its memory is reused from
 * one plan to the next instead of being faulted in again.
 */
typedef struct {
	void *(*malloc)(size_t size);
	void *(*calloc)(size_t count, size_t size);
	void *(*realloc)(void *ptr, size_t size);
	void (*free)(void *ptr);
} shopsetup_allocator;

extern shopsetup_allocator shopsetup_alloc;

#define shopsetup_malloc(size) (shopsetup_alloc.malloc(size))
#define shopsetup_calloc(count, size) (shopsetup_alloc.calloc((count), (size)))
#define shopsetup_realloc(ptr, size) (shopsetup_alloc.realloc((ptr), (size)))
#define shopsetup_free(ptr) (shopsetup_alloc.free(ptr))

/* A borrowed byte string. */
typedef struct {
	const char *ptr;
	size_t len;
} shopsetup_slice;

#define SHOPSETUP_SLICE(lit) ((shopsetup_slice){ (lit), sizeof(lit) - 1 })

static inline bool shopsetup_slice_eq(shopsetup_slice a, shopsetup_slice b)
{
	return a.len == b.len && (a.len == 0 || __builtin_memcmp(a.ptr, b.ptr, a.len) == 0);
}

/* A growable byte buffer; ptr is always NUL-terminated once something was appended. */
typedef struct {
	char *ptr;
	size_t len;
	size_t cap;
} shopsetup_buf;

bool shopsetup_buf_reserve(shopsetup_buf *buf, size_t extra);
bool shopsetup_buf_append(shopsetup_buf *buf, const char *data, size_t len);
bool shopsetup_buf_appendc(shopsetup_buf *buf, char c);
bool shopsetup_buf_append_int(shopsetup_buf *buf, int64_t value);
bool shopsetup_buf_printf(shopsetup_buf *buf, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;
void shopsetup_buf_free(shopsetup_buf *buf);

/* Copies len bytes into a new NUL-terminated malloc'd string. */
char *shopsetup_strndup(const char *s, size_t len);

/* A growable array of fixed-size items. */
typedef struct {
	void *items;
	size_t count;
	size_t cap;
	size_t item_size;
} shopsetup_vec;

void shopsetup_vec_init(shopsetup_vec *vec, size_t item_size);
bool shopsetup_vec_reserve(shopsetup_vec *vec, size_t count);
void *shopsetup_vec_push(shopsetup_vec *vec); /* zeroed slot, NULL when out of memory */
void shopsetup_vec_free(shopsetup_vec *vec);
#define SHOPSETUP_VEC_AT(vec, type, i) (&((type *) (vec)->items)[i])

/*
 * Open-addressing hash index from byte strings to uint32 values. Keys are
 * borrowed: they must outlive the index.
 */
typedef struct {
	const char *key;   /* NULL: the slot is free */
	uint32_t key_len;
	uint32_t value;
	uint64_t hash;
} shopsetup_hash_slot;

typedef struct {
	shopsetup_hash_slot *slots;
	size_t mask;
	size_t count;
} shopsetup_hash;

/* Sized for expected keys at most three quarters full; grows when needed. */
bool shopsetup_hash_init(shopsetup_hash *hash, size_t expected);
/* Returns the existing value in *found_value and false in *inserted when the key is present. */
bool shopsetup_hash_put(shopsetup_hash *hash, shopsetup_slice key, uint32_t value, bool *inserted, uint32_t *found_value);
bool shopsetup_hash_get(const shopsetup_hash *hash, shopsetup_slice key, uint32_t *value);
/* Replaces the value of a key the index holds; false when it holds none. */
bool shopsetup_hash_set(shopsetup_hash *hash, shopsetup_slice key, uint32_t value);
void shopsetup_hash_free(shopsetup_hash *hash);
uint64_t shopsetup_hash_bytes(const char *data, size_t len);
/* The same hash fed piece by piece: final(update(update(START, a), b)) == bytes(a b). */
#define SHOPSETUP_HASH_START 0xcbf29ce484222325ULL /* FNV-1a, then a final avalanche */
uint64_t shopsetup_hash_update(uint64_t h, const char *data, size_t len);
uint64_t shopsetup_hash_final(uint64_t h);

/* Append-only string storage whose strings never move (blocks are chained, never reallocated). */
typedef struct shopsetup_pool_block shopsetup_pool_block;
typedef struct {
	shopsetup_pool_block *head;
} shopsetup_pool;

/* Copies len bytes plus a NUL; NULL when out of memory. */
const char *shopsetup_pool_dup(shopsetup_pool *pool, const char *s, size_t len);
void shopsetup_pool_free(shopsetup_pool *pool);

static inline char shopsetup_ascii_lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
}

/* Trims ASCII white space (space, tab, CR, LF, VT, FF) at both ends, as PHP's trim() does minus NUL. */
shopsetup_slice shopsetup_trim(shopsetup_slice s);

#endif
