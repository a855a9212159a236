/*
 * Helpers shared by the libFuzzer harnesses of the pure C core (fuzz/fuzz_*.c).
 *
 * Header-only so that each harness is one translation unit linked against the core objects.
 * Everything is static; every symbol is prefixed shopsetup_fuzz_.
 */
#ifndef SHOPSETUP_FUZZ_H
#define SHOPSETUP_FUZZ_H

#include "shopsetup_core.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * Guards for defects that are known and being fixed elsewhere (see fuzz/README.md). Build with
 * -DSHOPSETUP_FUZZ_KNOWN_DEFECTS=1 (.ci/fuzz.sh --known-defects) to drop the guards and let the
 * harnesses hit them.
 */
#ifndef SHOPSETUP_FUZZ_KNOWN_DEFECTS
#define SHOPSETUP_FUZZ_KNOWN_DEFECTS 0
#endif

/* Aborts with a message: libFuzzer records the input as a crash. */
#define SHOPSETUP_FUZZ_CHECK(cond, ...) \
	do { \
		if (!(cond)) { \
			fprintf(stderr, "shopsetup fuzz: check failed at %s:%d: %s\n  ", __FILE__, __LINE__, #cond); \
			fprintf(stderr, __VA_ARGS__); \
			fputc('\n', stderr); \
			abort(); \
		} \
	} while (0)

/*
 * A heap copy of exactly the input's bytes (so that ASan sees a read past its end), freed by the
 * caller: libFuzzer's own buffer may be larger.
 */
static inline void *shopsetup_fuzz_copy(const uint8_t *data, size_t size)
{
	void *copy = malloc(size ? size : 1);
	SHOPSETUP_FUZZ_CHECK(copy != NULL, "out of memory");
	memcpy(copy, data, size);
	return copy;
}

/* Reads typed values off the fuzz input; past the end everything reads as zero / empty. */
typedef struct {
	const unsigned char *p;
	size_t left;
} shopsetup_fuzz_reader;

static inline shopsetup_fuzz_reader shopsetup_fuzz_reader_init(const uint8_t *data, size_t size)
{
	return (shopsetup_fuzz_reader){ data, size };
}

static inline uint8_t shopsetup_fuzz_u8(shopsetup_fuzz_reader *r)
{
	if (r->left == 0) {
		return 0;
	}
	r->left--;
	return *r->p++;
}

static inline uint64_t shopsetup_fuzz_u64(shopsetup_fuzz_reader *r, size_t nbytes)
{
	uint64_t v = 0;
	for (size_t i = 0; i < nbytes; i++) {
		v = (v << 8) | shopsetup_fuzz_u8(r);
	}
	return v;
}

/*
 * An int64 that is small most of the time and extreme sometimes: the first byte picks the shape
 * (small non-negative, small negative, near the limits, any 64-bit value).
 */
static inline int64_t shopsetup_fuzz_i64(shopsetup_fuzz_reader *r)
{
	uint8_t shape = shopsetup_fuzz_u8(r);
	switch (shape & 7) {
		case 0: case 1: case 2: case 3:
			return (int64_t) (shape >> 3);
		case 4:
			return (int64_t) shopsetup_fuzz_u64(r, 2);
		case 5:
			return -(int64_t) shopsetup_fuzz_u64(r, 1);
		case 6:
			return INT64_MAX - (int64_t) shopsetup_fuzz_u64(r, 1);
		default:
			return (int64_t) shopsetup_fuzz_u64(r, 8);
	}
}

/* A length-prefixed byte string (length byte, at most max), borrowed from the input. */
static inline shopsetup_slice shopsetup_fuzz_bytes(shopsetup_fuzz_reader *r, size_t max)
{
	size_t len = shopsetup_fuzz_u8(r);
	if (len > max) {
		len %= max + 1;
	}
	if (len > r->left) {
		len = r->left;
	}
	shopsetup_slice s = { (const char *) r->p, len };
	r->p += len;
	r->left -= len;
	return s;
}

/* Splits on a separator byte: the next field up to sep (not included) or the end of the input. */
static inline shopsetup_slice shopsetup_fuzz_field(shopsetup_fuzz_reader *r, unsigned char sep)
{
	const unsigned char *end = memchr(r->p, sep, r->left);
	size_t len = end ? (size_t) (end - r->p) : r->left;
	shopsetup_slice s = { (const char *) r->p, len };
	r->p += len;
	r->left -= len;
	if (end != NULL) {
		r->p++;
		r->left--;
	}
	return s;
}

/* Reference UTF-8 check (RFC 3629), written independently of the core's re2c scanner. */
static inline bool shopsetup_fuzz_utf8_valid(const char *s, size_t len, size_t *bad_offset)
{
	const unsigned char *p = (const unsigned char *) s;
	size_t i = 0;
	while (i < len) {
		unsigned char b = p[i];
		size_t n;
		uint32_t cp, min;
		if (b < 0x80) {
			i++;
			continue;
		} else if ((b & 0xE0) == 0xC0) {
			n = 1, cp = b & 0x1F, min = 0x80;
		} else if ((b & 0xF0) == 0xE0) {
			n = 2, cp = b & 0x0F, min = 0x800;
		} else if ((b & 0xF8) == 0xF0) {
			n = 3, cp = b & 0x07, min = 0x10000;
		} else {
			goto bad;
		}
		if (len - i <= n) {
			goto bad;
		}
		for (size_t k = 1; k <= n; k++) {
			if ((p[i + k] & 0xC0) != 0x80) {
				goto bad;
			}
			cp = (cp << 6) | (p[i + k] & 0x3F);
		}
		if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
			goto bad;
		}
		i += n + 1;
	}
	return true;
bad:
	if (bad_offset != NULL) {
		*bad_offset = i;
	}
	return false;
}

/* Reads every byte of a slice so that ASan sees a bad pointer or length; returns a checksum. */
static inline unsigned shopsetup_fuzz_touch(shopsetup_slice s)
{
	volatile unsigned sum = 0;
	for (size_t i = 0; i < s.len; i++) {
		sum += (unsigned char) s.ptr[i];
	}
	return sum;
}

#endif
