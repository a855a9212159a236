/* Handler parameters: the "key=value&key=value" lexer and the table of decoded pairs. */
#ifndef SHOPSETUP_PARAMS_H
#define SHOPSETUP_PARAMS_H

#include "shopsetup_core.h"

typedef struct {
	char *key;
	size_t key_len;
	char *value;
	size_t value_len;
} shopsetup_param;

typedef struct {
	shopsetup_vec items;   /* shopsetup_param, in input order */
	shopsetup_hash index;  /* key -> position in items */
} shopsetup_params;

void shopsetup_params_init(shopsetup_params *params);
/* Adds one pair (copied); SHOPSETUP_E_PARAMS_DUPLICATE_KEY when the key is already there. */
shopsetup_status shopsetup_params_add(shopsetup_params *params, const char *key, size_t key_len,
	const char *value, size_t value_len, shopsetup_error *err);
const shopsetup_param *shopsetup_params_find(const shopsetup_params *params, const char *key);
void shopsetup_params_free(shopsetup_params *params);

/*
 * Decodes the documented format (& separates pairs, the first = splits them, %XX escapes, + is
 * literal), handing each pair to fn (key and value valid during the call only). fn reports a
 * duplicate key by returning SHOPSETUP_E_PARAMS_DUPLICATE_KEY (the error is filled in here).
 */
typedef shopsetup_status (*shopsetup_params_pair_fn)(void *ctx, const char *key, size_t key_len,
	const char *value, size_t value_len);
shopsetup_status shopsetup_params_decode_each(const char *s, size_t len, shopsetup_params_pair_fn fn, void *ctx,
	shopsetup_error *err);

#endif
