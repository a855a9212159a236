/*
 * libFuzzer harness: the handler configuration (ext_src/shopsetup_config.c), driven like
 * handler_config(): a context (now, coursestart, renewable, orderref, courseshortname) and the
 * handler parameters.
 *
 * Input: mode byte, now and coursestart (shopsetup_fuzz_i64), renewable byte, orderref and
 * courseshortname (length-prefixed), with mode bit 1 the delegation block's role (length-prefixed),
 * then the parameters: in even modes a "key=value&..." string
 * through the decoder (what decode_params() then handler_config() see), in odd modes raw pairs
 * separated by 0xFF and added with shopsetup_params_add() (any bytes, as a PHP array may hold).
 *
 * Checked on success: coursename, supervisor and crossrole non-empty; endtime 0 or after
 * starttime; the group name is 1 to 254 characters of valid UTF-8 without controls; requiredroles starts with "student" and has no
 * repeats; warnings are NUL-terminated and, when every key and value is valid UTF-8, valid UTF-8.
 * On failure: a configuration error whose detail is valid UTF-8 when the input was.
 */
#include "shopsetup_fuzz.h"
#include "shopsetup_config.h"
#include "shopsetup_text.h"

static shopsetup_status shopsetup_fuzz_config_pair(void *ctx, const char *key, size_t key_len, const char *value,
	size_t value_len)
{
	return shopsetup_params_add(ctx, key, key_len, value, value_len, NULL);
}

static bool shopsetup_fuzz_config_text_ok(const char *s, size_t len)
{
	shopsetup_utf8_info info;
	shopsetup_utf8_scan(s, len, &info);
	return info.valid && !info.has_control;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t *copy = shopsetup_fuzz_copy(data, size);
	shopsetup_fuzz_reader r = shopsetup_fuzz_reader_init(copy, size);

	uint8_t mode = shopsetup_fuzz_u8(&r);
	shopsetup_config_context ctx = { 0 };
	ctx.now = shopsetup_fuzz_i64(&r);
	ctx.course_start = shopsetup_fuzz_i64(&r);
	ctx.renewable = shopsetup_fuzz_u8(&r) & 1;
	ctx.order_ref = shopsetup_fuzz_bytes(&r, 64);
	ctx.course_name = shopsetup_fuzz_bytes(&r, 64);
	if (mode & 2) {
		ctx.delegation_role = shopsetup_fuzz_bytes(&r, 64);
	}


	shopsetup_params params;
	shopsetup_params_init(&params);
	bool text_input = (mode & 1) == 0; /* decoded: keys and values are valid UTF-8 without NUL */
	bool input_utf8 = true;
	if (text_input) {
		if (shopsetup_params_decode_each((const char *) r.p, r.left, shopsetup_fuzz_config_pair, &params, NULL) != SHOPSETUP_OK) {
			shopsetup_params_free(&params);
			free(copy);
			return 0;
		}
	} else {
		while (r.left > 0) {
			shopsetup_slice key = shopsetup_fuzz_field(&r, 0xFF);
			shopsetup_slice value = shopsetup_fuzz_field(&r, 0xFF);
			/* PHP array keys are never duplicated; an empty key is possible */
			(void) shopsetup_params_add(&params, key.ptr, key.len, value.ptr, value.len, NULL);
		}
	}
	for (size_t i = 0; i < params.items.count; i++) {
		const shopsetup_param *p = SHOPSETUP_VEC_AT(&params.items, shopsetup_param, i);
		input_utf8 = input_utf8 && shopsetup_fuzz_utf8_valid(p->key, p->key_len, NULL)
			&& shopsetup_fuzz_utf8_valid(p->value, p->value_len, NULL);
	}

	shopsetup_config config;
	shopsetup_error err;
	memset(&err, 0, sizeof(err));
	shopsetup_status status = shopsetup_config_build(&params, &ctx, &config, &err);
	if (status != SHOPSETUP_OK) {
		SHOPSETUP_FUZZ_CHECK(status == err.code && (status == SHOPSETUP_E_CONFIG_MISSING || status == SHOPSETUP_E_CONFIG_VALUE),
			"unexpected status %d", status);
		SHOPSETUP_FUZZ_CHECK(memchr(err.detail, '\0', sizeof(err.detail)) != NULL, "detail not terminated");
		if (input_utf8) {
			SHOPSETUP_FUZZ_CHECK(shopsetup_fuzz_utf8_valid(err.detail, strlen(err.detail), NULL),
				"error detail is not valid UTF-8: %s", err.detail);
		}
		shopsetup_params_free(&params);
		free(copy);
		return 0;
	}

	SHOPSETUP_FUZZ_CHECK(config.coursename.len > 0, "empty coursename accepted");
	SHOPSETUP_FUZZ_CHECK(config.crossrole.len > 0 && config.supervisor.len > 0, "no cross or supervisor role");
	SHOPSETUP_FUZZ_CHECK(config.endtime == 0 || config.endtime > config.starttime, "endtime %lld not after starttime %lld",
		(long long) config.endtime, (long long) config.starttime);
	SHOPSETUP_FUZZ_CHECK(config.groupname.len > 0 && config.groupname.ptr[config.groupname.len] == '\0'
		&& shopsetup_fuzz_config_text_ok(config.groupname.ptr, config.groupname.len), "bad group name");
	SHOPSETUP_FUZZ_CHECK(config.requiredroles.count >= 1, "no buckets");
	const shopsetup_slice *roles = config.requiredroles.items;
	SHOPSETUP_FUZZ_CHECK(shopsetup_slice_eq(roles[0], SHOPSETUP_SLICE("student")), "first bucket is not student");
	for (size_t i = 0; i < config.requiredroles.count; i++) {
		SHOPSETUP_FUZZ_CHECK(roles[i].len > 0, "empty bucket");
		shopsetup_fuzz_touch(roles[i]);
		for (size_t k = 0; k < i; k++) {
			SHOPSETUP_FUZZ_CHECK(!shopsetup_slice_eq(roles[i], roles[k]), "bucket %zu repeated", i);
		}
	}
	shopsetup_fuzz_touch(config.supervisor);
	shopsetup_fuzz_touch(config.tutorrole);
	shopsetup_fuzz_touch(config.mirrorrole);
	shopsetup_fuzz_touch(config.customersupport);
	for (size_t i = 0; i < config.warnings.count; i++) {
		const char *w = *SHOPSETUP_VEC_AT(&config.warnings, char *, i);
		size_t len = strlen(w);
		SHOPSETUP_FUZZ_CHECK(len > 0 && len < 512, "warning of %zu bytes", len);
		if (input_utf8) {
			SHOPSETUP_FUZZ_CHECK(shopsetup_fuzz_utf8_valid(w, len, NULL), "warning is not valid UTF-8: %s", w);
		}
	}
	shopsetup_config_free(&config);
	shopsetup_params_free(&params);
	free(copy);
	return 0;
}
