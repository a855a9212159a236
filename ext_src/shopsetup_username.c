/* Usernames for new accounts. Placeholder until the transliterating version lands. */
#include "shopsetup_text.h"
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

shopsetup_status shopsetup_username_base(shopsetup_slice firstname, shopsetup_slice lastname,
	shopsetup_slice email, shopsetup_buf *out)
{
	(void) email;
	if (!shopsetup_buf_append(out, firstname.ptr, firstname.len) || !shopsetup_buf_appendc(out, '.')
		|| !shopsetup_buf_append(out, lastname.ptr, lastname.len)) {
		return SHOPSETUP_E_NOMEM;
	}
	return SHOPSETUP_OK;
}

bool shopsetup_username_pool_init(shopsetup_username_pool *pool, size_t expected)
{
	shopsetup_vec_init(&pool->owned, sizeof(char *));
	pool->next_suffix.slots = NULL;
	return shopsetup_hash_init(&pool->taken, expected);
}

bool shopsetup_username_pool_take(shopsetup_username_pool *pool, shopsetup_slice taken)
{
	return shopsetup_hash_put(&pool->taken, taken, 0, NULL, NULL);
}

const char *shopsetup_username_pool_claim(shopsetup_username_pool *pool, shopsetup_slice base, size_t *len)
{
	char **slot = shopsetup_vec_push(&pool->owned);
	if (slot == NULL || (*slot = shopsetup_strndup(base.ptr, base.len)) == NULL) {
		return NULL;
	}
	*len = base.len;
	return *slot;
}

void shopsetup_username_pool_free(shopsetup_username_pool *pool)
{
	for (size_t i = 0; i < pool->owned.count; i++) {
		free(*SHOPSETUP_VEC_AT(&pool->owned, char *, i));
	}
	shopsetup_vec_free(&pool->owned);
	shopsetup_hash_free(&pool->taken);
	shopsetup_hash_free(&pool->next_suffix);
}
