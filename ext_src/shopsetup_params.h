/* Handler parameters: the "key=value&key=value" lexer and the handler's configuration rules. */
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

/* What the handler needs to know about its environment to interpret the keys. */
typedef struct {
	int64_t now;
	int64_t course_start;   /* course startdate, 0 when none */
	bool renewable;
	shopsetup_slice order_ref;      /* the reference the shop shows the customer */
	shopsetup_slice course_name;    /* course shortname, for the group name pattern */
} shopsetup_config_context;

/* Which existing accounts the operator is attached to (superviseexisting); new accounts always are. */
typedef enum {
	SHOPSETUP_SUPERVISE_UNPRIVILEGED = 0, /* those over which attaching gives no power over a privileged person */
	SHOPSETUP_SUPERVISE_NONE,
	SHOPSETUP_SUPERVISE_ALL,
} shopsetup_supervise_mode;

/* "unprivileged", "none" or "all"; false for anything else. */
bool shopsetup_supervise_mode_parse(shopsetup_slice name, shopsetup_supervise_mode *mode);

typedef struct {
	shopsetup_slice coursename;
	shopsetup_slice supervisor;
	bool has_customersupport;
	shopsetup_slice customersupport;
	int64_t starttime;
	int64_t endtime;          /* 0: no end */
	int64_t duration_days;    /* -1: not given */
	bool autoenrolsupervisor;
	shopsetup_vec requiredroles; /* shopsetup_slice, bucket names ("supervisor" becomes "_supervisor") */
	shopsetup_slice tutorrole;
	shopsetup_slice mirrorrole;  /* empty: no mirror role */
	shopsetup_slice superviseexisting; /* validated; "unprivileged" by default */
	shopsetup_buf groupname;     /* pattern expanded */
	shopsetup_vec warnings;      /* char * */
	shopsetup_buf requiredroles_store;
} shopsetup_config;

shopsetup_status shopsetup_config_build(const shopsetup_params *params, const shopsetup_config_context *ctx,
	shopsetup_config *config, shopsetup_error *err);
void shopsetup_config_free(shopsetup_config *config);

#endif
