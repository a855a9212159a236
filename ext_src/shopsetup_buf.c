/* Buffers, vectors, the hash index and error filling for the pure C core. */
#include "shopsetup_core.h"
#include "shopsetup_text.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

shopsetup_allocator shopsetup_alloc = { malloc, calloc, realloc, free };

shopsetup_status shopsetup_error_set(shopsetup_error *err, shopsetup_status code, size_t offset,
	const char *subject, size_t subject_len, const char *detail_fmt, ...)
{
	if (err == NULL) {
		return code;
	}
	err->code = code;
	err->offset = offset;
	err->retriable = false;
	subject_len = shopsetup_utf8_cut(subject, subject_len, sizeof(err->subject) - 1);
	if (subject_len > 0) {
		memcpy(err->subject, subject, subject_len);
	}
	err->subject[subject_len] = '\0';
	err->detail[0] = '\0';
	if (detail_fmt != NULL) {
		va_list ap;
		va_start(ap, detail_fmt);
		int len = vsnprintf(err->detail, sizeof(err->detail), detail_fmt, ap);
		va_end(ap);
		if (len >= (int) sizeof(err->detail)) {
			err->detail[shopsetup_utf8_cut(err->detail, (size_t) len, sizeof(err->detail) - 1)] = '\0';
		}
	}
	return code;
}

shopsetup_status shopsetup_nomem(shopsetup_error *err)
{
	return shopsetup_error_set(err, SHOPSETUP_E_NOMEM, 0, NULL, 0, "out of memory");
}

bool shopsetup_buf_reserve(shopsetup_buf *buf, size_t extra)
{
	if (extra >= SIZE_MAX / 2 - buf->len) {
		return false;
	}
	size_t need = buf->len + extra + 1;
	if (need <= buf->cap) {
		return true;
	}
	size_t cap = buf->cap ? buf->cap : 64;
	while (cap < need) {
		cap *= 2;
	}
	char *ptr = shopsetup_realloc(buf->ptr, cap);
	if (ptr == NULL) {
		return false;
	}
	buf->ptr = ptr;
	buf->cap = cap;
	return true;
}

bool shopsetup_buf_append(shopsetup_buf *buf, const char *data, size_t len)
{
	if (!shopsetup_buf_reserve(buf, len)) {
		return false;
	}
	if (len > 0) {
		memcpy(buf->ptr + buf->len, data, len);
	}
	buf->len += len;
	buf->ptr[buf->len] = '\0';
	return true;
}

bool shopsetup_buf_appendc(shopsetup_buf *buf, char c)
{
	return shopsetup_buf_append(buf, &c, 1);
}

bool shopsetup_buf_append_int(shopsetup_buf *buf, int64_t value)
{
	char digits[24];
	char *end = digits + sizeof(digits), *p = end;
	uint64_t u = value < 0 ? (uint64_t) 0 - (uint64_t) value : (uint64_t) value;
	do {
		*--p = (char) ('0' + u % 10);
		u /= 10;
	} while (u != 0);
	if (value < 0) {
		*--p = '-';
	}
	return shopsetup_buf_append(buf, p, (size_t) (end - p));
}

bool shopsetup_buf_printf(shopsetup_buf *buf, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int needed = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (needed < 0 || !shopsetup_buf_reserve(buf, (size_t) needed)) {
		return false;
	}
	va_start(ap, fmt);
	vsnprintf(buf->ptr + buf->len, (size_t) needed + 1, fmt, ap);
	va_end(ap);
	buf->len += (size_t) needed;
	return true;
}

void shopsetup_buf_free(shopsetup_buf *buf)
{
	shopsetup_free(buf->ptr);
	buf->ptr = NULL;
	buf->len = buf->cap = 0;
}

char *shopsetup_strndup(const char *s, size_t len)
{
	char *copy = shopsetup_malloc(len + 1);
	if (copy != NULL) {
		if (len > 0) {
			memcpy(copy, s, len);
		}
		copy[len] = '\0';
	}
	return copy;
}

void shopsetup_vec_init(shopsetup_vec *vec, size_t item_size)
{
	vec->items = NULL;
	vec->count = vec->cap = 0;
	vec->item_size = item_size;
}

bool shopsetup_vec_reserve(shopsetup_vec *vec, size_t count)
{
	if (count <= vec->cap) {
		return true;
	}
	if (count > SIZE_MAX / vec->item_size) {
		return false;
	}
	void *items = shopsetup_realloc(vec->items, count * vec->item_size);
	if (items == NULL) {
		return false;
	}
	vec->items = items;
	vec->cap = count;
	return true;
}

void *shopsetup_vec_push(shopsetup_vec *vec)
{
	if (vec->count == vec->cap && !shopsetup_vec_reserve(vec, vec->cap ? vec->cap * 2 : 16)) {
		return NULL;
	}
	void *slot = (char *) vec->items + vec->count * vec->item_size;
	memset(slot, 0, vec->item_size);
	vec->count++;
	return slot;
}

void shopsetup_vec_free(shopsetup_vec *vec)
{
	shopsetup_free(vec->items);
	vec->items = NULL;
	vec->count = vec->cap = 0;
}

uint64_t shopsetup_hash_update(uint64_t h, const char *data, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char) data[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

uint64_t shopsetup_hash_final(uint64_t h)
{
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	return h;
}

uint64_t shopsetup_hash_bytes(const char *data, size_t len)
{
	return shopsetup_hash_final(shopsetup_hash_update(SHOPSETUP_HASH_START, data, len));
}

bool shopsetup_hash_init(shopsetup_hash *hash, size_t expected)
{
	size_t size = 16;
	while (size * 3 < expected * 4) {
		if (size > SIZE_MAX / 8 / sizeof(shopsetup_hash_slot)) {
			return false;
		}
		size *= 2;
	}
	hash->slots = shopsetup_calloc(size, sizeof(shopsetup_hash_slot));
	hash->mask = size - 1;
	hash->count = 0;
	return hash->slots != NULL;
}

static bool shopsetup_hash_grow(shopsetup_hash *hash)
{
	shopsetup_hash bigger;
	if (!shopsetup_hash_init(&bigger, 2 * (hash->mask + 1) * 3 / 4)) {
		return false;
	}
	for (size_t i = 0; i <= hash->mask; i++) {
		shopsetup_hash_slot *old = &hash->slots[i];
		if (old->key == NULL) {
			continue;
		}
		size_t j = old->hash & bigger.mask;
		while (bigger.slots[j].key != NULL) {
			j = (j + 1) & bigger.mask;
		}
		bigger.slots[j] = *old;
	}
	bigger.count = hash->count;
	shopsetup_free(hash->slots);
	*hash = bigger;
	return true;
}

/* The slot holding key, or the free slot where it belongs. */
static shopsetup_hash_slot *shopsetup_hash_find(const shopsetup_hash *hash, shopsetup_slice key, uint64_t h)
{
	size_t i = h & hash->mask;
	for (;;) {
		shopsetup_hash_slot *slot = &hash->slots[i];
		if (slot->key == NULL || (slot->hash == h && slot->key_len == key.len && memcmp(slot->key, key.ptr, key.len) == 0)) {
			return slot;
		}
		i = (i + 1) & hash->mask;
	}
}

bool shopsetup_hash_put(shopsetup_hash *hash, shopsetup_slice key, uint32_t value, bool *inserted, uint32_t *found_value)
{
	if (key.len > UINT32_MAX) {
		return false;
	}
	if ((hash->count + 1) * 4 > (hash->mask + 1) * 3 && !shopsetup_hash_grow(hash)) {
		return false;
	}
	uint64_t h = shopsetup_hash_bytes(key.ptr, key.len);
	shopsetup_hash_slot *slot = shopsetup_hash_find(hash, key, h);
	bool fresh = slot->key == NULL;
	if (fresh) {
		*slot = (shopsetup_hash_slot){ key.ptr ? key.ptr : "", (uint32_t) key.len, value, h };
		hash->count++;
	}
	if (inserted != NULL) {
		*inserted = fresh;
	}
	if (found_value != NULL) {
		*found_value = slot->value;
	}
	return true;
}

bool shopsetup_hash_get(const shopsetup_hash *hash, shopsetup_slice key, uint32_t *value)
{
	if (hash->slots == NULL) {
		return false;
	}
	const shopsetup_hash_slot *slot = shopsetup_hash_find(hash, key, shopsetup_hash_bytes(key.ptr, key.len));
	if (slot->key == NULL) {
		return false;
	}
	if (value != NULL) {
		*value = slot->value;
	}
	return true;
}

bool shopsetup_hash_set(shopsetup_hash *hash, shopsetup_slice key, uint32_t value)
{
	if (hash->slots == NULL) {
		return false;
	}
	shopsetup_hash_slot *slot = shopsetup_hash_find(hash, key, shopsetup_hash_bytes(key.ptr, key.len));
	if (slot->key == NULL) {
		return false;
	}
	slot->value = value;
	return true;
}

void shopsetup_hash_free(shopsetup_hash *hash)
{
	shopsetup_free(hash->slots);
	hash->slots = NULL;
	hash->mask = hash->count = 0;
}

static bool shopsetup_is_space(char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r'); /* tab, LF, VT, FF, CR */
}

shopsetup_slice shopsetup_trim(shopsetup_slice s)
{
	while (s.len > 0 && shopsetup_is_space(s.ptr[0])) {
		s.ptr++;
		s.len--;
	}
	while (s.len > 0 && shopsetup_is_space(s.ptr[s.len - 1])) {
		s.len--;
	}
	return s;
}

struct shopsetup_pool_block {
	shopsetup_pool_block *next;
	size_t used;
	size_t cap;
	char data[];
};

#define SHOPSETUP_POOL_BLOCK (64 * 1024)

const char *shopsetup_pool_dup(shopsetup_pool *pool, const char *s, size_t len)
{
	shopsetup_pool_block *block = pool->head;
	if (len >= SIZE_MAX - SHOPSETUP_POOL_BLOCK - sizeof(*block)) {
		return NULL;
	}
	if (block == NULL || block->cap - block->used < len + 1) {
		size_t cap = len + 1 > SHOPSETUP_POOL_BLOCK ? len + 1 : SHOPSETUP_POOL_BLOCK;
		block = shopsetup_malloc(sizeof(*block) + cap);
		if (block == NULL) {
			return NULL;
		}
		block->used = 0;
		block->cap = cap;
		block->next = pool->head;
		pool->head = block;
	}
	char *copy = block->data + block->used;
	if (len > 0) {
		memcpy(copy, s, len);
	}
	copy[len] = '\0';
	block->used += len + 1;
	return copy;
}

void shopsetup_pool_free(shopsetup_pool *pool)
{
	shopsetup_pool_block *block = pool->head;
	while (block != NULL) {
		shopsetup_pool_block *next = block->next;
		shopsetup_free(block);
		block = next;
	}
	pool->head = NULL;
}
