/*
 * libFuzzer harness: usernames (ext_src/shopsetup_username.c), driven like make_usernames():
 * taken names first, then one base per person claimed from the pool.
 *
 * Input: fields separated by 0xFF bytes (never part of valid UTF-8): a count byte of taken names,
 * then the taken names, then (firstname, lastname, email) triples until the input ends.
 *
 * Checked: a base is 1 to 94 bytes of [a-z0-9_.@-], neither starting nor ending with '-' or '.';
 * a claimed name is the base or the base plus decimal digits, at most 100 bytes, never a taken
 * name (nor its ASCII-lower-cased form), never claimed twice.
 */
#include "shopsetup_fuzz.h"
#include "shopsetup_text.h"

#define SHOPSETUP_FUZZ_SEP 0xFF
#define SHOPSETUP_FUZZ_MAX_NAMES 64

static bool shopsetup_fuzz_username_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '@' || c == '-';
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* The fields point into a copy of exactly size bytes. */
	uint8_t *copy = shopsetup_fuzz_copy(data, size);
	shopsetup_fuzz_reader r = shopsetup_fuzz_reader_init(copy, size);

	size_t ntaken = shopsetup_fuzz_u8(&r) % 16;
	shopsetup_slice taken[16];
	for (size_t i = 0; i < ntaken; i++) {
		taken[i] = shopsetup_fuzz_field(&r, SHOPSETUP_FUZZ_SEP);
	}

	shopsetup_username_pool pool;
	SHOPSETUP_FUZZ_CHECK(shopsetup_username_pool_init(&pool, ntaken + 4), "out of memory");
	for (size_t i = 0; i < ntaken; i++) {
		SHOPSETUP_FUZZ_CHECK(shopsetup_username_pool_take(&pool, taken[i]), "out of memory");
	}

	shopsetup_buf base = { 0 };
	const char *claimed[SHOPSETUP_FUZZ_MAX_NAMES];
	size_t claimed_len[SHOPSETUP_FUZZ_MAX_NAMES], nclaimed = 0;
	while (r.left > 0 && nclaimed < SHOPSETUP_FUZZ_MAX_NAMES) {
		shopsetup_slice first = shopsetup_fuzz_field(&r, SHOPSETUP_FUZZ_SEP);
		shopsetup_slice last = shopsetup_fuzz_field(&r, SHOPSETUP_FUZZ_SEP);
		shopsetup_slice email = shopsetup_fuzz_field(&r, SHOPSETUP_FUZZ_SEP);

		/* Bases are appended after whatever the buffer holds; start from a non-empty prefix sometimes. */
		size_t start = nclaimed % 3 == 2 ? 3 : 0;
		base.len = 0;
		if (start) {
			SHOPSETUP_FUZZ_CHECK(shopsetup_buf_append(&base, "x-.", 3), "out of memory");
		}
		SHOPSETUP_FUZZ_CHECK(shopsetup_username_base(first, last, email, &base) == SHOPSETUP_OK, "out of memory");
		SHOPSETUP_FUZZ_CHECK(memcmp(base.ptr, "x-.", start) == 0, "the base overwrote what was before it");
		shopsetup_slice b = { base.ptr + start, base.len - start };
		SHOPSETUP_FUZZ_CHECK(b.len >= 1 && b.len <= SHOPSETUP_USERNAME_MAX - 6, "base length %zu", b.len);
		SHOPSETUP_FUZZ_CHECK(base.ptr[base.len] == '\0', "base not terminated");
		for (size_t i = 0; i < b.len; i++) {
			SHOPSETUP_FUZZ_CHECK(shopsetup_fuzz_username_char(b.ptr[i]), "byte 0x%02x at %zu in base \"%.*s\"",
				(unsigned char) b.ptr[i], i, (int) b.len, b.ptr);
		}
		SHOPSETUP_FUZZ_CHECK(b.ptr[0] != '-' && b.ptr[0] != '.' && b.ptr[b.len - 1] != '-' && b.ptr[b.len - 1] != '.',
			"base \"%.*s\" starts or ends with '-' or '.'", (int) b.len, b.ptr);

		size_t len;
		const char *name = shopsetup_username_pool_claim(&pool, b, &len);
		SHOPSETUP_FUZZ_CHECK(name != NULL, "claim failed");
		SHOPSETUP_FUZZ_CHECK(len <= SHOPSETUP_USERNAME_MAX && len >= b.len && memcmp(name, b.ptr, b.len) == 0
			&& name[len] == '\0', "name \"%.*s\" for base \"%.*s\"", (int) len, name, (int) b.len, b.ptr);
		for (size_t i = b.len; i < len; i++) {
			SHOPSETUP_FUZZ_CHECK(name[i] >= '0' && name[i] <= '9', "suffix of \"%s\"", name);
		}
		for (size_t i = 0; i < ntaken; i++) {
			bool same = taken[i].len == len;
			for (size_t k = 0; same && k < len; k++) {
				same = shopsetup_ascii_lower(taken[i].ptr[k]) == name[k];
			}
			SHOPSETUP_FUZZ_CHECK(!same, "claimed \"%s\", which is taken", name);
		}
		for (size_t i = 0; i < nclaimed; i++) {
			SHOPSETUP_FUZZ_CHECK(claimed_len[i] != len || memcmp(claimed[i], name, len) != 0, "\"%s\" claimed twice", name);
		}
		claimed[nclaimed] = name;
		claimed_len[nclaimed++] = len;
	}
	shopsetup_buf_free(&base);
	shopsetup_username_pool_free(&pool);
	free(copy);
	return 0;
}
