/*
 * libFuzzer harness: the handler parameter decoder (ext_src/shopsetup_params.re), fed the raw
 * "key=value&..." string exactly as decode_params() gets it, pairs collected the way the PHP glue
 * and shopsetup_params_add() do.
 *
 * Checked: on success every key is non-empty, pairs hold no NUL and are valid UTF-8, keys are
 * unique and shopsetup_params_find() finds each; encoding the pairs again (%XX for & = % and any
 * byte outside printable ASCII) and decoding that gives the same pairs. On failure the code is
 * one of the decoder's and the offset lies within the input; the subject of a duplicate-key
 * error (a key that passed the UTF-8 check) is valid UTF-8.
 */
#include "shopsetup_fuzz.h"
#include "shopsetup_params.h"
#include "shopsetup_text.h"

static shopsetup_status shopsetup_fuzz_params_pair(void *ctx, const char *key, size_t key_len, const char *value,
	size_t value_len)
{
	shopsetup_params *params = ctx;
	shopsetup_error err;
	shopsetup_status status = shopsetup_params_add(params, key, key_len, value, value_len, &err);
	return status == SHOPSETUP_E_PARAMS_DUPLICATE_KEY ? SHOPSETUP_E_PARAMS_DUPLICATE_KEY : status;
}

static bool shopsetup_fuzz_params_encode(shopsetup_buf *out, const char *s, size_t len)
{
	static const char hex[] = "0123456789ABCDEF";
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char) s[i];
		bool plain = c > 0x20 && c < 0x7F && c != '&' && c != '=' && c != '%';
		char escaped[3] = { '%', hex[c >> 4], hex[c & 15] };
		if (!(plain ? shopsetup_buf_appendc(out, (char) c) : shopsetup_buf_append(out, escaped, 3))) {
			return false;
		}
	}
	return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *input = shopsetup_fuzz_copy(data, size);

	shopsetup_params params;
	shopsetup_error err;
	memset(&err, 0, sizeof(err));
	shopsetup_params_init(&params);
	shopsetup_status status = shopsetup_params_decode_each(input, size, shopsetup_fuzz_params_pair, &params, &err);
	if (status != SHOPSETUP_OK) {
		SHOPSETUP_FUZZ_CHECK(status == err.code, "status %d, err.code %d", status, err.code);
		SHOPSETUP_FUZZ_CHECK(status == SHOPSETUP_E_PARAMS_ESCAPE || status == SHOPSETUP_E_PARAMS_EMPTY_KEY
			|| status == SHOPSETUP_E_PARAMS_DUPLICATE_KEY || status == SHOPSETUP_E_PARAMS_NUL
			|| status == SHOPSETUP_E_PARAMS_UTF8, "unexpected status %d", status);
		SHOPSETUP_FUZZ_CHECK(err.offset < size, "error offset %zu outside the input (%zu bytes)", err.offset, size);
		SHOPSETUP_FUZZ_CHECK(memchr(err.subject, '\0', sizeof(err.subject)) != NULL
			&& memchr(err.detail, '\0', sizeof(err.detail)) != NULL, "error strings not terminated");
		if (status == SHOPSETUP_E_PARAMS_DUPLICATE_KEY) {
			/* the key of a duplicate passed the UTF-8 check: the subject quoting it must be valid too */
			SHOPSETUP_FUZZ_CHECK(shopsetup_fuzz_utf8_valid(err.subject, strlen(err.subject), NULL),
				"error subject is not valid UTF-8: %s", err.subject);
		}
		if (status == SHOPSETUP_E_PARAMS_ESCAPE) {
			SHOPSETUP_FUZZ_CHECK(input[err.offset] == '%', "escape error at a byte that is not %%");
		} else if (status == SHOPSETUP_E_PARAMS_NUL) {
			SHOPSETUP_FUZZ_CHECK(input[err.offset] == '\0' || input[err.offset] == '%', "NUL error at %zu", err.offset);
		}
		shopsetup_params_free(&params);
		free(input);
		return 0;
	}

	shopsetup_buf again = { 0 };
	for (size_t i = 0; i < params.items.count; i++) {
		const shopsetup_param *p = SHOPSETUP_VEC_AT(&params.items, shopsetup_param, i);
		SHOPSETUP_FUZZ_CHECK(p->key_len > 0, "empty key accepted");
		SHOPSETUP_FUZZ_CHECK(memchr(p->key, '\0', p->key_len) == NULL && memchr(p->value, '\0', p->value_len) == NULL,
			"NUL accepted in pair %zu", i);
		SHOPSETUP_FUZZ_CHECK(shopsetup_fuzz_utf8_valid(p->key, p->key_len, NULL)
			&& shopsetup_fuzz_utf8_valid(p->value, p->value_len, NULL), "invalid UTF-8 accepted in pair %zu", i);
		SHOPSETUP_FUZZ_CHECK(shopsetup_params_find(&params, p->key) == p, "key %zu not found", i);
		SHOPSETUP_FUZZ_CHECK(p->key_len <= size && p->value_len <= size, "pair longer than the input");
		if (i > 0) {
			SHOPSETUP_FUZZ_CHECK(shopsetup_buf_appendc(&again, '&'), "out of memory");
		}
		SHOPSETUP_FUZZ_CHECK(shopsetup_fuzz_params_encode(&again, p->key, p->key_len), "out of memory");
		if (p->value_len > 0 || i % 2 == 0) {
			/* an empty value may be spelt "key=" or "key" */
			SHOPSETUP_FUZZ_CHECK(shopsetup_buf_appendc(&again, '='), "out of memory");
			SHOPSETUP_FUZZ_CHECK(shopsetup_fuzz_params_encode(&again, p->value, p->value_len), "out of memory");
		}
	}

	shopsetup_params round;
	shopsetup_params_init(&round);
	status = shopsetup_params_decode_each(again.ptr ? again.ptr : "", again.len, shopsetup_fuzz_params_pair, &round, &err);
	SHOPSETUP_FUZZ_CHECK(status == SHOPSETUP_OK, "re-encoded pairs do not decode: %d %s (%.*s)", status, err.detail,
		(int) again.len, again.ptr ? again.ptr : "");
	SHOPSETUP_FUZZ_CHECK(round.items.count == params.items.count, "%zu pairs, %zu after a round trip",
		params.items.count, round.items.count);
	for (size_t i = 0; i < params.items.count; i++) {
		const shopsetup_param *a = SHOPSETUP_VEC_AT(&params.items, shopsetup_param, i);
		const shopsetup_param *b = SHOPSETUP_VEC_AT(&round.items, shopsetup_param, i);
		SHOPSETUP_FUZZ_CHECK(a->key_len == b->key_len && memcmp(a->key, b->key, a->key_len) == 0
			&& a->value_len == b->value_len && memcmp(a->value, b->value, a->value_len) == 0, "pair %zu differs after a round trip", i);
	}
	shopsetup_params_free(&round);
	shopsetup_buf_free(&again);
	shopsetup_params_free(&params);
	free(input);
	return 0;
}
