/*
 * libFuzzer harness: shopsetup_email_is_valid() (ext_src/shopsetup_email.re), differential
 * against what Moodle 4.5's validate_email() does with PHP: no CR, LF, < or >, at most 320 bytes
 * (php_filter_validate_email), then PHP's own FILTER_VALIDATE_EMAIL regexp ("regexp1" of
 * php-src ext/filter/logical_filters.c, flags /iD, no /u), run here through libpcre2 with PHP's
 * default limits (pcre.backtrack_limit=1000000, pcre.recursion_limit=100000).
 *
 * The one documented difference (README "Known limits", comment at the top of shopsetup_email.re):
 * PCRE may give up (match or depth limit) on addresses with many quoted words, and PHP then says
 * no, while the core answers what the regexp means. When PCRE gives up, the core may say yes only
 * for an input with a '"' (that documented class). PCRE also gives up on some long invalid host
 * names (nested label quantifiers; fuzz/regressions/email/): PHP and the core both say no there.
 *
 * Also checked: validity does not depend on ASCII letter case (the regexp is /i, so Moodle's
 * lower-cased lookups stay valid), and shopsetup_email_normalize() is trim + ASCII lower-case.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "shopsetup_fuzz.h"
#include "shopsetup_text.h"

/* php-src 8.2 ext/filter/logical_filters.c, regexp1, between "/^" and "$/iD". */
static const char shopsetup_fuzz_php_email_re[] =
	"^"
	"(?!(?:(?:\\x22?\\x5C[\\x00-\\x7E]\\x22?)|(?:\\x22?[^\\x5C\\x22]\\x22?)){255,})(?!(?:(?:\\x22?\\x"
	"5C[\\x00-\\x7E]\\x22?)|(?:\\x22?[^\\x5C\\x22]\\x22?)){65,}@)(?:(?:[\\x21\\x23-\\x27\\x2A\\x2B\\x"
	"2D\\x2F-\\x39\\x3D\\x3F\\x5E-\\x7E]+)|(?:\\x22(?:[\\x01-\\x08\\x0B\\x0C\\x0E-\\x1F\\x21\\x23-\\x"
	"5B\\x5D-\\x7F]|(?:\\x5C[\\x00-\\x7F]))*\\x22))(?:\\.(?:(?:[\\x21\\x23-\\x27\\x2A\\x2B\\x2D\\x2F-"
	"\\x39\\x3D\\x3F\\x5E-\\x7E]+)|(?:\\x22(?:[\\x01-\\x08\\x0B\\x0C\\x0E-\\x1F\\x21\\x23-\\x5B\\x5D-"
	"\\x7F]|(?:\\x5C[\\x00-\\x7F]))*\\x22)))*@(?:(?:(?!.*[^.]{64,})(?:(?:(?:xn--)?[a-z0-9]+(?:-+[a-z0"
	"-9]+)*\\.){1,126}){1,}(?:(?:[a-z][a-z0-9]*)|(?:(?:xn--)[a-z0-9]+))(?:-+[a-z0-9]+)*)|(?:\\[(?:(?:"
	"IPv6:(?:(?:[a-f0-9]{1,4}(?::[a-f0-9]{1,4}){7})|(?:(?!(?:.*[a-f0-9][:\\]]){7,})(?:[a-f0-9]{1,4}(?"
	"::[a-f0-9]{1,4}){0,5})?::(?:[a-f0-9]{1,4}(?::[a-f0-9]{1,4}){0,5})?)))|(?:(?:IPv6:(?:(?:[a-f0-9]{"
	"1,4}(?::[a-f0-9]{1,4}){5}:)|(?:(?!(?:.*[a-f0-9]:){5,})(?:[a-f0-9]{1,4}(?::[a-f0-9]{1,4}){0,3})?:"
	":(?:[a-f0-9]{1,4}(?::[a-f0-9]{1,4}){0,3}:)?)))?(?:(?:25[0-5])|(?:2[0-4][0-9])|(?:1[0-9]{2})|(?:["
	"1-9]?[0-9]))(?:\\.(?:(?:25[0-5])|(?:2[0-4][0-9])|(?:1[0-9]{2})|(?:[1-9]?[0-9]))){3}))\\]))"
	"$";

static pcre2_code *shopsetup_fuzz_re;
static pcre2_match_data *shopsetup_fuzz_md;
static pcre2_match_context *shopsetup_fuzz_mctx;

static void shopsetup_fuzz_email_init(void)
{
	int errcode;
	PCRE2_SIZE erroffset;
	shopsetup_fuzz_re = pcre2_compile((PCRE2_SPTR) shopsetup_fuzz_php_email_re, PCRE2_ZERO_TERMINATED,
		PCRE2_CASELESS | PCRE2_DOLLAR_ENDONLY, &errcode, &erroffset, NULL);
	SHOPSETUP_FUZZ_CHECK(shopsetup_fuzz_re != NULL, "PHP's email regexp does not compile (error %d at %zu)",
		errcode, (size_t) erroffset);
	/* PHP uses the JIT by default (pcre.jit=1); the interpreter is the fallback. */
	(void) pcre2_jit_compile(shopsetup_fuzz_re, PCRE2_JIT_COMPLETE);
	shopsetup_fuzz_md = pcre2_match_data_create_from_pattern(shopsetup_fuzz_re, NULL);
	shopsetup_fuzz_mctx = pcre2_match_context_create(NULL);
	SHOPSETUP_FUZZ_CHECK(shopsetup_fuzz_md != NULL && shopsetup_fuzz_mctx != NULL, "out of memory");
	pcre2_set_match_limit(shopsetup_fuzz_mctx, 1000000);
	pcre2_set_depth_limit(shopsetup_fuzz_mctx, 100000);
}

/* 1: PHP accepts, 0: PHP rejects, -1: PCRE gave up (PHP rejects, but not for what the regexp means). */
static int shopsetup_fuzz_php_validate(const char *s, size_t len)
{
	if (len == 0 || len > 320) {
		return 0;
	}
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '\r' || s[i] == '\n' || s[i] == '<' || s[i] == '>') {
			return 0;
		}
	}
	int rc = pcre2_match(shopsetup_fuzz_re, (PCRE2_SPTR) s, len, 0, 0, shopsetup_fuzz_md, shopsetup_fuzz_mctx);
	if (rc >= 0) {
		return 1;
	}
	if (rc == PCRE2_ERROR_NOMATCH) {
		return 0;
	}
	return -1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (shopsetup_fuzz_re == NULL) {
		shopsetup_fuzz_email_init();
	}
	/* Exactly size bytes, no terminator: ASan catches a read past the end. */
	char *s = malloc(size ? size : 1);
	char *other = malloc(size ? size : 1);
	SHOPSETUP_FUZZ_CHECK(s != NULL && other != NULL, "out of memory");
	memcpy(s, data, size);

	bool core = shopsetup_email_is_valid(s, size);
	int php = shopsetup_fuzz_php_validate(s, size);
	if (php < 0) {
		/* PHP rejects; the core may accept only inside the documented class (quoted words). */
		SHOPSETUP_FUZZ_CHECK(!core || memchr(s, '"', size) != NULL,
			"PCRE gave up (PHP rejects) on an address without quoted words, which the core accepts (%zu bytes: %.*s)",
			size, (int) size, s);
	} else {
		SHOPSETUP_FUZZ_CHECK(core == (php == 1), "core says %s, PHP's FILTER_VALIDATE_EMAIL + Moodle says %s (%zu bytes: %.*s)",
			core ? "valid" : "invalid", php ? "valid" : "invalid", size, (int) size, s);
	}

	/* Case of ASCII letters never matters. */
	for (size_t i = 0; i < size; i++) {
		char c = s[i];
		other[i] = (c >= 'A' && c <= 'Z') ? (char) (c + 32) : (c >= 'a' && c <= 'z') ? (char) (c - 32) : c;
	}
	SHOPSETUP_FUZZ_CHECK(shopsetup_email_is_valid(other, size) == core, "validity changes with letter case");

	/* normalize = trim + lower-case ASCII, never longer than the input */
	size_t len = shopsetup_email_normalize(s, size, other);
	shopsetup_slice t = shopsetup_trim((shopsetup_slice){ s, size });
	SHOPSETUP_FUZZ_CHECK(len == t.len && len <= size, "normalize length %zu, trimmed %zu", len, t.len);
	for (size_t i = 0; i < len; i++) {
		SHOPSETUP_FUZZ_CHECK(other[i] == shopsetup_ascii_lower(t.ptr[i]), "normalize byte %zu", i);
	}
	if (core && t.len == size) {
		SHOPSETUP_FUZZ_CHECK(shopsetup_email_is_valid(other, len), "the normal form of a valid address is invalid");
	}
	free(s);
	free(other);
	return 0;
}
