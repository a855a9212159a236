/* Usernames for new accounts: transliteration to Moodle's [a-z0-9_.@-] and collision suffixes. */
#include "shopsetup_text.h"
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A base leaves room for a suffix of up to 6 digits. */
#define SHOPSETUP_USERNAME_BASE_MAX (SHOPSETUP_USERNAME_MAX - 6)

/*
 * ASCII for U+00C0..U+02AF (Latin-1 Supplement, Latin Extended-A and -B, IPA Extensions) and
 * U+1E00..U+1EFF (Latin Extended Additional): ICU's Latin-ASCII transliteration, lower-cased and
 * kept to [a-z], plus schwa -> e, open o -> o, ezh -> z, gamma -> g. "" drops the character.
 */
#define SHOPSETUP_LATIN_FIRST 0x00C0
#define SHOPSETUP_LATIN_LAST 0x02AF
static const char shopsetup_username_latin[][3] = {
	/* U+00C0 */ "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
	/* U+00D0 */ "d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "ss",
	/* U+00E0 */ "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
	/* U+00F0 */ "d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "y",
	/* U+0100 */ "a", "a", "a", "a", "a", "a", "c", "c", "c", "c", "c", "c", "c", "c", "d", "d",
	/* U+0110 */ "d", "d", "e", "e", "e", "e", "e", "e", "e", "e", "e", "e", "g", "g", "g", "g",
	/* U+0120 */ "g", "g", "g", "g", "h", "h", "h", "h", "i", "i", "i", "i", "i", "i", "i", "i",
	/* U+0130 */ "i", "i", "ij", "ij", "j", "j", "k", "k", "q", "l", "l", "l", "l", "l", "l", "l",
	/* U+0140 */ "l", "l", "l", "n", "n", "n", "n", "n", "n", "n", "n", "n", "o", "o", "o", "o",
	/* U+0150 */ "o", "o", "oe", "oe", "r", "r", "r", "r", "r", "r", "s", "s", "s", "s", "s", "s",
	/* U+0160 */ "s", "s", "t", "t", "t", "t", "t", "t", "u", "u", "u", "u", "u", "u", "u", "u",
	/* U+0170 */ "u", "u", "u", "u", "w", "w", "y", "y", "y", "z", "z", "z", "z", "z", "z", "s",
	/* U+0180 */ "b", "b", "b", "b", "", "", "o", "c", "c", "d", "d", "d", "d", "", "e", "e",
	/* U+0190 */ "e", "f", "f", "g", "g", "hv", "i", "i", "k", "k", "l", "", "", "n", "n", "",
	/* U+01A0 */ "o", "o", "oi", "oi", "p", "p", "", "", "", "", "", "t", "t", "t", "t", "u",
	/* U+01B0 */ "u", "", "v", "y", "y", "z", "z", "z", "", "", "", "", "", "", "", "",
	/* U+01C0 */ "", "", "", "", "dz", "dz", "dz", "lj", "lj", "lj", "nj", "nj", "nj", "a", "a", "i",
	/* U+01D0 */ "i", "o", "o", "u", "u", "u", "u", "u", "u", "u", "u", "u", "u", "e", "a", "a",
	/* U+01E0 */ "a", "a", "ae", "ae", "g", "g", "g", "g", "k", "k", "o", "o", "o", "o", "z", "z",
	/* U+01F0 */ "j", "dz", "dz", "dz", "g", "g", "", "", "n", "n", "a", "a", "ae", "ae", "o", "o",
	/* U+0200 */ "a", "a", "a", "a", "e", "e", "e", "e", "i", "i", "i", "i", "o", "o", "o", "o",
	/* U+0210 */ "r", "r", "r", "r", "u", "u", "u", "u", "s", "s", "t", "t", "", "", "h", "h",
	/* U+0220 */ "", "d", "", "", "z", "z", "a", "a", "e", "e", "o", "o", "o", "o", "o", "o",
	/* U+0230 */ "o", "o", "y", "y", "l", "n", "t", "j", "db", "qp", "a", "c", "c", "l", "t", "s",
	/* U+0240 */ "z", "", "", "b", "u", "", "e", "e", "j", "j", "", "", "r", "r", "y", "y",
	/* U+0250 */ "", "", "", "b", "o", "c", "d", "d", "", "e", "", "e", "", "", "", "j",
	/* U+0260 */ "g", "g", "g", "g", "", "", "h", "h", "i", "", "i", "l", "l", "l", "", "",
	/* U+0270 */ "", "m", "n", "n", "n", "", "oe", "", "", "", "", "", "r", "r", "r", "",
	/* U+0280 */ "r", "", "s", "", "", "", "", "", "t", "u", "", "v", "", "", "", "y",
	/* U+0290 */ "z", "z", "z", "", "", "", "", "", "", "b", "", "g", "h", "j", "", "l",
	/* U+02A0 */ "q", "", "", "dz", "", "dz", "ts", "", "", "", "ls", "lz", "", "", "", "",
};

#define SHOPSETUP_LATIN_ADD_FIRST 0x1E00
#define SHOPSETUP_LATIN_ADD_LAST 0x1EFF
static const char shopsetup_username_latin_add[][3] = {
	/* U+1E00 */ "a", "a", "b", "b", "b", "b", "b", "b", "c", "c", "d", "d", "d", "d", "d", "d",
	/* U+1E10 */ "d", "d", "d", "d", "e", "e", "e", "e", "e", "e", "e", "e", "e", "e", "f", "f",
	/* U+1E20 */ "g", "g", "h", "h", "h", "h", "h", "h", "h", "h", "h", "h", "i", "i", "i", "i",
	/* U+1E30 */ "k", "k", "k", "k", "k", "k", "l", "l", "l", "l", "l", "l", "l", "l", "m", "m",
	/* U+1E40 */ "m", "m", "m", "m", "n", "n", "n", "n", "n", "n", "n", "n", "o", "o", "o", "o",
	/* U+1E50 */ "o", "o", "o", "o", "p", "p", "p", "p", "r", "r", "r", "r", "r", "r", "r", "r",
	/* U+1E60 */ "s", "s", "s", "s", "s", "s", "s", "s", "s", "s", "t", "t", "t", "t", "t", "t",
	/* U+1E70 */ "t", "t", "u", "u", "u", "u", "u", "u", "u", "u", "u", "u", "v", "v", "v", "v",
	/* U+1E80 */ "w", "w", "w", "w", "w", "w", "w", "w", "w", "w", "x", "x", "x", "x", "y", "y",
	/* U+1E90 */ "z", "z", "z", "z", "z", "z", "h", "t", "w", "y", "a", "s", "s", "s", "ss", "",
	/* U+1EA0 */ "a", "a", "a", "a", "a", "a", "a", "a", "a", "a", "a", "a", "a", "a", "a", "a",
	/* U+1EB0 */ "a", "a", "a", "a", "a", "a", "a", "a", "e", "e", "e", "e", "e", "e", "e", "e",
	/* U+1EC0 */ "e", "e", "e", "e", "e", "e", "e", "e", "i", "i", "i", "i", "o", "o", "o", "o",
	/* U+1ED0 */ "o", "o", "o", "o", "o", "o", "o", "o", "o", "o", "o", "o", "o", "o", "o", "o",
	/* U+1EE0 */ "o", "o", "o", "o", "u", "u", "u", "u", "u", "u", "u", "u", "u", "u", "u", "u",
	/* U+1EF0 */ "u", "u", "y", "y", "y", "y", "y", "y", "y", "y", "ll", "ll", "v", "v", "y", "y",
};

_Static_assert(sizeof(shopsetup_username_latin) / 3 == SHOPSETUP_LATIN_LAST - SHOPSETUP_LATIN_FIRST + 1,
	"latin table size");
_Static_assert(sizeof(shopsetup_username_latin_add) / 3 == SHOPSETUP_LATIN_ADD_LAST - SHOPSETUP_LATIN_ADD_FIRST + 1,
	"latin extended additional table size");

#define SHOPSETUP_UTF8_INVALID UINT32_MAX

/* Decodes one well-formed UTF-8 sequence; an ill-formed byte gives SHOPSETUP_UTF8_INVALID and length 1. */
static size_t shopsetup_username_decode(const unsigned char *s, size_t len, uint32_t *cp)
{
	unsigned char b = s[0];
	size_t need;
	unsigned char lo = 0x80, hi = 0xBF; /* range of the second byte */
	*cp = SHOPSETUP_UTF8_INVALID;
	if (b < 0x80) {
		*cp = b;
		return 1;
	} else if (b >= 0xC2 && b <= 0xDF) {
		need = 1;
		*cp = b & 0x1F;
	} else if (b >= 0xE0 && b <= 0xEF) {
		need = 2;
		*cp = b & 0x0F;
		lo = b == 0xE0 ? 0xA0 : 0x80; /* no overlongs */
		hi = b == 0xED ? 0x9F : 0xBF; /* no surrogates */
	} else if (b >= 0xF0 && b <= 0xF4) {
		need = 3;
		*cp = b & 0x07;
		lo = b == 0xF0 ? 0x90 : 0x80;
		hi = b == 0xF4 ? 0x8F : 0xBF; /* <= U+10FFFF */
	} else {
		return 1;
	}
	if (len <= need || s[1] < lo || s[1] > hi) {
		*cp = SHOPSETUP_UTF8_INVALID;
		return 1;
	}
	for (size_t i = 1; i <= need; i++) {
		if ((s[i] & 0xC0) != 0x80) {
			*cp = SHOPSETUP_UTF8_INVALID;
			return 1;
		}
		*cp = (*cp << 6) | (s[i] & 0x3F);
	}
	return need + 1;
}

/* The ASCII letters for a Latin code point, NULL when it is not in the tables. */
static const char *shopsetup_username_latin_ascii(uint32_t cp)
{
	if (cp >= SHOPSETUP_LATIN_FIRST && cp <= SHOPSETUP_LATIN_LAST) {
		return shopsetup_username_latin[cp - SHOPSETUP_LATIN_FIRST];
	}
	if (cp >= SHOPSETUP_LATIN_ADD_FIRST && cp <= SHOPSETUP_LATIN_ADD_LAST) {
		return shopsetup_username_latin_add[cp - SHOPSETUP_LATIN_ADD_FIRST];
	}
	return NULL;
}

/* White space and hyphens, which become a single '-'. */
static bool shopsetup_username_is_separator(uint32_t cp)
{
	switch (cp) {
		case ' ': case '\t': case '\n': case '\r': case '\v': case '\f': case '-':
		case 0x00A0: case 0x1680: case 0x202F: case 0x205F: case 0x3000:
			return true;
		default:
			/* U+2000..U+200A spaces, U+2010..U+2015 hyphens and dashes */
			return (cp >= 0x2000 && cp <= 0x200A) || (cp >= 0x2010 && cp <= 0x2015);
	}
}

static bool shopsetup_username_is_allowed(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '@';
}

/*
 * Appends s cleaned to [a-z0-9_.@-]: Latin letters transliterated, runs of separators as one '-',
 * everything else (apostrophes included) dropped, no '-' or '.' at either end.
 */
static bool shopsetup_username_clean(shopsetup_slice s, shopsetup_buf *out)
{
	/* Every code point gives at most as many bytes as it takes, so one reservation is enough. */
	if (!shopsetup_buf_reserve(out, s.len)) {
		return false;
	}
	const unsigned char *p = (const unsigned char *) s.ptr;
	size_t start = out->len, len = out->len;
	for (size_t i = 0; i < s.len;) {
		uint32_t cp;
		i += shopsetup_username_decode(p + i, s.len - i, &cp);
		if (cp < 0x80) {
			cp = (uint32_t) shopsetup_ascii_lower((char) cp);
		}
		if (shopsetup_username_is_separator(cp)) {
			if (len > start && out->ptr[len - 1] != '-') {
				out->ptr[len++] = '-';
			}
		} else if (cp < 0x80 && shopsetup_username_is_allowed((unsigned char) cp)) {
			if (cp != '.' || len > start) {
				out->ptr[len++] = (char) cp;
			}
		} else {
			const char *ascii = shopsetup_username_latin_ascii(cp);
			for (; ascii != NULL && *ascii != '\0'; ascii++) {
				out->ptr[len++] = *ascii;
			}
		}
	}
	while (len > start && (out->ptr[len - 1] == '-' || out->ptr[len - 1] == '.')) {
		len--;
	}
	out->len = len;
	out->ptr[len] = '\0';
	return true;
}

shopsetup_status shopsetup_username_base(shopsetup_slice firstname, shopsetup_slice lastname,
	shopsetup_slice email, shopsetup_buf *out)
{
	size_t start = out->len;
	if (!shopsetup_username_clean(firstname, out)) {
		return SHOPSETUP_E_NOMEM;
	}
	bool have_first = out->len > start;
	if (have_first && !shopsetup_buf_appendc(out, '.')) {
		return SHOPSETUP_E_NOMEM;
	}
	size_t last_start = out->len;
	if (!shopsetup_username_clean(lastname, out)) {
		return SHOPSETUP_E_NOMEM;
	}
	if (have_first && out->len == last_start) {
		out->len--; /* no dangling dot */
	}
	if (out->len == start) {
		shopsetup_slice local = email;
		for (size_t i = email.len; i > 0; i--) {
			if (email.ptr[i - 1] == '@') {
				local.len = i - 1;
				break;
			}
		}
		if (!shopsetup_username_clean(local, out)) {
			return SHOPSETUP_E_NOMEM;
		}
	}
	if (out->len == start && !shopsetup_buf_append(out, "user", 4)) {
		return SHOPSETUP_E_NOMEM;
	}
	if (out->len - start > SHOPSETUP_USERNAME_BASE_MAX) {
		out->len = start + SHOPSETUP_USERNAME_BASE_MAX;
		/* Parts never start with '-' or '.', so this stops before start. */
		while (out->ptr[out->len - 1] == '-' || out->ptr[out->len - 1] == '.') {
			out->len--;
		}
	}
	out->ptr[out->len] = '\0';
	return SHOPSETUP_OK;
}

/* Keeps a malloc'd string until the pool is freed; frees it and returns false when that fails. */
static bool shopsetup_username_pool_own(shopsetup_username_pool *pool, char *s)
{
	char **slot = shopsetup_vec_push(&pool->owned);
	if (slot == NULL) {
		shopsetup_free(s);
		return false;
	}
	*slot = s;
	return true;
}

bool shopsetup_username_pool_init(shopsetup_username_pool *pool, size_t expected)
{
	memset(pool, 0, sizeof(*pool));
	shopsetup_vec_init(&pool->owned, sizeof(char *));
	if (!shopsetup_hash_init(&pool->taken, expected) || !shopsetup_hash_init(&pool->next_suffix, 16)) {
		shopsetup_hash_free(&pool->taken);
		shopsetup_hash_free(&pool->next_suffix);
		return false;
	}
	return true;
}

bool shopsetup_username_pool_take(shopsetup_username_pool *pool, shopsetup_slice taken)
{
	if (!shopsetup_hash_put(&pool->taken, taken, 0, NULL, NULL)) {
		return false;
	}
	/*
	 * MySQL's usual collations compare case- and accent-insensitively, so "Élodie.Martin" in the
	 * site blocks "elodie.martin" too: also take the name with ASCII lower-cased and Latin
	 * letters transliterated (other bytes kept).
	 */
	bool fold = false;
	for (size_t i = 0; i < taken.len && !fold; i++) {
		unsigned char c = (unsigned char) taken.ptr[i];
		fold = c >= 0x80 || (c >= 'A' && c <= 'Z');
	}
	if (!fold) {
		return true;
	}
	char *folded = shopsetup_malloc(taken.len + 1);
	if (folded == NULL || !shopsetup_username_pool_own(pool, folded)) {
		return false;
	}
	const unsigned char *p = (const unsigned char *) taken.ptr;
	size_t len = 0;
	for (size_t i = 0; i < taken.len;) {
		uint32_t cp;
		size_t n = shopsetup_username_decode(p + i, taken.len - i, &cp);
		const char *ascii = shopsetup_username_latin_ascii(cp);
		if (ascii != NULL && *ascii != '\0') {
			for (; *ascii != '\0'; ascii++) {
				folded[len++] = *ascii;
			}
		} else {
			for (size_t j = 0; j < n; j++) {
				folded[len++] = shopsetup_ascii_lower(taken.ptr[i + j]);
			}
		}
		i += n;
	}
	folded[len] = '\0';
	return shopsetup_hash_put(&pool->taken, (shopsetup_slice){ folded, len }, 0, NULL, NULL);
}

/*
 * next_suffix maps a base to the index in owned of a record "base\0" followed by a uint32_t: the
 * smallest suffix not yet seen taken (the hash has no update, so the counter lives in the record).
 * Names only ever become taken, so suffixes below the counter never need checking again.
 */
const char *shopsetup_username_pool_claim(shopsetup_username_pool *pool, shopsetup_slice base, size_t *len)
{
	char *name;
	if (!shopsetup_hash_get(&pool->taken, base, NULL)) {
		if ((name = shopsetup_strndup(base.ptr, base.len)) == NULL || !shopsetup_username_pool_own(pool, name)) {
			return NULL;
		}
		*len = base.len;
		return shopsetup_hash_put(&pool->taken, (shopsetup_slice){ name, base.len }, 0, NULL, NULL) ? name : NULL;
	}

	uint32_t index, next = 1;
	char *record;
	if (shopsetup_hash_get(&pool->next_suffix, base, &index)) {
		record = *SHOPSETUP_VEC_AT(&pool->owned, char *, index);
		memcpy(&next, record + base.len + 1, sizeof(next));
	} else {
		if (pool->owned.count >= UINT32_MAX || (record = shopsetup_malloc(base.len + 1 + sizeof(next))) == NULL) {
			return NULL;
		}
		memcpy(record, base.ptr, base.len);
		record[base.len] = '\0';
		index = (uint32_t) pool->owned.count;
		if (!shopsetup_username_pool_own(pool, record)
			|| !shopsetup_hash_put(&pool->next_suffix, (shopsetup_slice){ record, base.len }, index, NULL, NULL)) {
			return NULL;
		}
	}

	/* base + up to 10 digits + NUL */
	if ((name = shopsetup_malloc(base.len + 11)) == NULL) {
		return NULL;
	}
	memcpy(name, base.ptr, base.len);
	size_t name_len;
	for (;;) {
		name_len = base.len + (size_t) snprintf(name + base.len, 11, "%" PRIu32, next);
		if (!shopsetup_hash_get(&pool->taken, (shopsetup_slice){ name, name_len }, NULL)) {
			break;
		}
		if (next == UINT32_MAX) {
			shopsetup_free(name);
			return NULL;
		}
		next++;
	}
	if (!shopsetup_username_pool_own(pool, name)
		|| !shopsetup_hash_put(&pool->taken, (shopsetup_slice){ name, name_len }, 0, NULL, NULL)) {
		return NULL;
	}
	if (next < UINT32_MAX) {
		next++;
	}
	memcpy(record + base.len + 1, &next, sizeof(next));
	*len = name_len;
	return name;
}

const char *shopsetup_username_pool_claim_for(shopsetup_username_pool *pool, shopsetup_slice firstname, shopsetup_slice lastname,
	shopsetup_slice email, shopsetup_buf *scratch, size_t *len)
{
	scratch->len = 0;
	if (shopsetup_username_base(firstname, lastname, email, scratch) != SHOPSETUP_OK) {
		return NULL;
	}
	return shopsetup_username_pool_claim(pool, (shopsetup_slice){ scratch->ptr, scratch->len }, len);
}

void shopsetup_username_pool_free(shopsetup_username_pool *pool)
{
	for (size_t i = 0; i < pool->owned.count; i++) {
		shopsetup_free(*SHOPSETUP_VEC_AT(&pool->owned, char *, i));
	}
	shopsetup_vec_free(&pool->owned);
	shopsetup_hash_free(&pool->taken);
	shopsetup_hash_free(&pool->next_suffix);
}
