/*
 * Handler parameters lexer (re2c): "key=value&key=value".
 *
 * & separates pairs (empty pairs are skipped), the first = splits key from value (later ones
 * belong to the value), %XX escapes are decoded and + stays a literal plus (products use
 * endtime=+30D). A key without = is a flag with an empty value.
 */
#include "shopsetup_params.h"
#include "shopsetup_text.h"

#include <stdlib.h>
#include <string.h>

void shopsetup_params_init(shopsetup_params *params)
{
	shopsetup_vec_init(&params->items, sizeof(shopsetup_param));
	params->index.slots = NULL;
	params->index.mask = params->index.count = 0;
}

shopsetup_status shopsetup_params_add(shopsetup_params *params, const char *key, size_t key_len,
	const char *value, size_t value_len, shopsetup_error *err)
{
	if (params->index.slots == NULL && !shopsetup_hash_init(&params->index, 16)) {
		return shopsetup_error_set(err, SHOPSETUP_E_NOMEM, 0, NULL, 0, "out of memory");
	}
	if (shopsetup_hash_get(&params->index, (shopsetup_slice){ key, key_len }, NULL)) {
		return shopsetup_error_set(err, SHOPSETUP_E_PARAMS_DUPLICATE_KEY, 0, key, key_len, "duplicate key");
	}
	shopsetup_param *param = shopsetup_vec_push(&params->items);
	if (param == NULL) {
		return shopsetup_error_set(err, SHOPSETUP_E_NOMEM, 0, NULL, 0, "out of memory");
	}
	param->key = shopsetup_strndup(key, key_len);
	param->value = shopsetup_strndup(value, value_len);
	param->key_len = key_len;
	param->value_len = value_len;
	if (param->key == NULL || param->value == NULL
		|| !shopsetup_hash_put(&params->index, (shopsetup_slice){ param->key, key_len },
			(uint32_t) (params->items.count - 1), NULL, NULL)) {
		return shopsetup_error_set(err, SHOPSETUP_E_NOMEM, 0, NULL, 0, "out of memory");
	}
	return SHOPSETUP_OK;
}

const shopsetup_param *shopsetup_params_find(const shopsetup_params *params, const char *key)
{
	uint32_t pos;
	if (!shopsetup_hash_get(&params->index, (shopsetup_slice){ key, strlen(key) }, &pos)) {
		return NULL;
	}
	return SHOPSETUP_VEC_AT(&params->items, shopsetup_param, pos);
}

void shopsetup_params_free(shopsetup_params *params)
{
	for (size_t i = 0; i < params->items.count; i++) {
		shopsetup_param *param = SHOPSETUP_VEC_AT(&params->items, shopsetup_param, i);
		shopsetup_free(param->key);
		shopsetup_free(param->value);
	}
	shopsetup_vec_free(&params->items);
	shopsetup_hash_free(&params->index);
}

static int shopsetup_hex_value(unsigned char c)
{
	if (c >= '0' && c <= '9') {
		return c - '0';
	}
	return shopsetup_ascii_lower((char) c) - 'a' + 10;
}

/* Maps an offset in the decoded text of a part back to the raw input. */
static size_t shopsetup_params_raw_offset(const unsigned char *raw, size_t decoded_offset)
{
	size_t r = 0;
	for (size_t d = 0; d < decoded_offset; d++) {
		r += raw[r] == '%' ? 3 : 1;
	}
	return r;
}

/* Checks one decoded part as UTF-8; raw_start is where the part begins in the input. */
static shopsetup_status shopsetup_params_check_utf8(const shopsetup_buf *part, const unsigned char *input,
	size_t raw_start, const shopsetup_buf *key, shopsetup_error *err)
{
	shopsetup_utf8_info info;
	shopsetup_utf8_scan(part->ptr, part->len, &info);
	if (info.valid) {
		return SHOPSETUP_OK;
	}
	size_t offset = raw_start + shopsetup_params_raw_offset(input + raw_start, info.invalid_offset);
	return shopsetup_error_set(err, SHOPSETUP_E_PARAMS_UTF8, offset, key->ptr, key->len, "invalid UTF-8");
}

/*!re2c
	re2c:define:YYCTYPE = "unsigned char";
	re2c:flags:input = custom;
	re2c:api:style = free-form;
	re2c:define:YYPEEK = "(YYCURSOR < YYLIMIT ? *YYCURSOR : 0)";
	re2c:define:YYSKIP = "++YYCURSOR;";
	re2c:define:YYBACKUP = "YYMARKER = YYCURSOR;";
	re2c:define:YYRESTORE = "YYCURSOR = YYMARKER;";
	re2c:define:YYLESSTHAN = "YYCURSOR >= YYLIMIT";
	re2c:yyfill:enable = 0;
	re2c:eof = 0;

	hex = [0-9a-fA-F];
*/

shopsetup_status shopsetup_params_decode_each(const char *s, size_t len, shopsetup_params_pair_fn fn, void *ctx, shopsetup_error *err)
{
	const unsigned char *input = (const unsigned char *) s;
	const unsigned char *YYCURSOR = input;
	const unsigned char *YYLIMIT = input + len;
	const unsigned char *YYMARKER = NULL;
	const unsigned char *token;
	shopsetup_buf key = { 0 }, value = { 0 };
	size_t key_start = 0, value_start = 0;
	bool in_value = false, at_end = false;
	unsigned char high_key = 0, high_value = 0; /* OR of the decoded bytes: >= 0x80 means a UTF-8 check */
	shopsetup_status status = SHOPSETUP_OK;

	while (!at_end) {
		shopsetup_buf *part = in_value ? &value : &key;
		token = YYCURSOR;
	/*!re2c
		$ {
			at_end = true;
			goto end_of_pair;
		}
		"&" {
			goto end_of_pair;
		}
		"=" {
			if (in_value) {
				if (!shopsetup_buf_appendc(part, '=')) {
					goto nomem;
				}
			} else {
				in_value = true;
				value_start = (size_t) (YYCURSOR - input);
			}
			continue;
		}
		"%" hex hex {
			unsigned char byte = (unsigned char) (shopsetup_hex_value(token[1]) * 16 + shopsetup_hex_value(token[2]));
			if (byte == 0) {
				status = shopsetup_error_set(err, SHOPSETUP_E_PARAMS_NUL, (size_t) (token - input), key.ptr, key.len,
					"NUL byte (%%00)");
				goto fail;
			}
			if (!shopsetup_buf_appendc(part, (char) byte)) {
				goto nomem;
			}
			*(in_value ? &high_value : &high_key) |= byte;
			continue;
		}
		"%" {
			status = shopsetup_error_set(err, SHOPSETUP_E_PARAMS_ESCAPE, (size_t) (token - input), key.ptr, key.len,
				"malformed %%XX escape");
			goto fail;
		}
		[\x00] {
			status = shopsetup_error_set(err, SHOPSETUP_E_PARAMS_NUL, (size_t) (token - input), key.ptr, key.len,
				"NUL byte");
			goto fail;
		}
		[^&=%\x00]+ {
			if (!shopsetup_buf_append(part, (const char *) token, (size_t) (YYCURSOR - token))) {
				goto nomem;
			}
			unsigned char high = 0;
			for (const unsigned char *p = token; p < YYCURSOR; p++) {
				high |= *p;
			}
			*(in_value ? &high_value : &high_key) |= high;
			continue;
		}
	*/
end_of_pair:
		if (key.len == 0 && !in_value) {
			/* empty pair: "a=1&&b=2" or a trailing & */
		} else if (key.len == 0) {
			status = shopsetup_error_set(err, SHOPSETUP_E_PARAMS_EMPTY_KEY, key_start, NULL, 0, "empty key");
			goto fail;
		} else {
			if ((high_key >= 0x80 && (status = shopsetup_params_check_utf8(&key, input, key_start, &key, err)) != SHOPSETUP_OK)
				|| (in_value && high_value >= 0x80
					&& (status = shopsetup_params_check_utf8(&value, input, value_start, &key, err)) != SHOPSETUP_OK)) {
				goto fail;
			}
			status = fn(ctx, key.ptr, key.len, value.ptr ? value.ptr : "", value.len);
			if (status == SHOPSETUP_E_PARAMS_DUPLICATE_KEY) {
				status = shopsetup_error_set(err, SHOPSETUP_E_PARAMS_DUPLICATE_KEY, key_start, key.ptr, key.len, "duplicate key");
			}
			if (status != SHOPSETUP_OK) {
				if (err != NULL) {
					err->offset = key_start;
				}
				goto fail;
			}
		}
		key.len = value.len = 0;
		high_key = high_value = 0;
		in_value = false;
		key_start = (size_t) (YYCURSOR - input);
	}
	shopsetup_buf_free(&key);
	shopsetup_buf_free(&value);
	return SHOPSETUP_OK;

nomem:
	status = shopsetup_error_set(err, SHOPSETUP_E_NOMEM, 0, NULL, 0, "out of memory");
fail:
	shopsetup_buf_free(&key);
	shopsetup_buf_free(&value);
	return status;
}
