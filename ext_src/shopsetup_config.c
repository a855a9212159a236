/* The handler's configuration rules: defaults, enrolment times, role buckets, group name. */
#include "shopsetup_config.h"
#include "shopsetup_text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SHOPSETUP_DAY 86400
#define SHOPSETUP_HOUR 3600
#define SHOPSETUP_DEFAULT_RENEWABLE_DAYS 365
/* groups.name is char(254) */
#define SHOPSETUP_GROUPNAME_MAX 254
/* bytes of an unknown key quoted in its warning */
#define SHOPSETUP_WARNING_KEY_MAX 100

static const char *const shopsetup_known_keys[] = {
	"coursename", "courseidnumber", "courseid", "supervisor", "customersupport", "starttime", "endtime",
	"duration", "autoenrolsupervisor", "requiredroles", "tutorrole", "mirrorrole", "groupname",
	"superviseexisting", "crossrole",
};

bool shopsetup_supervise_mode_parse(shopsetup_slice name, shopsetup_supervise_mode *mode)
{
	static const struct {
		shopsetup_slice name;
		shopsetup_supervise_mode mode;
	} modes[] = {
		{ SHOPSETUP_SLICE("unprivileged"), SHOPSETUP_SUPERVISE_UNPRIVILEGED },
		{ SHOPSETUP_SLICE("none"), SHOPSETUP_SUPERVISE_NONE },
		{ SHOPSETUP_SLICE("all"), SHOPSETUP_SUPERVISE_ALL },
	};
	for (size_t m = 0; m < sizeof(modes) / sizeof(modes[0]); m++) {
		if (shopsetup_slice_eq(name, modes[m].name)) {
			*mode = modes[m].mode;
			return true;
		}
	}
	return false;
}

static shopsetup_slice shopsetup_config_value(const shopsetup_params *params, const char *key, bool *present)
{
	const shopsetup_param *param = shopsetup_params_find(params, key);
	*present = param != NULL;
	return param ? (shopsetup_slice){ param->value, param->value_len } : (shopsetup_slice){ "", 0 };
}

static bool shopsetup_config_warn(shopsetup_config *config, const char *fmt, const char *arg)
{
	char message[512];
	snprintf(message, sizeof(message), fmt, arg);
	char **slot = shopsetup_vec_push(&config->warnings);
	return slot != NULL && (*slot = shopsetup_strndup(message, strlen(message))) != NULL;
}

/* Parses a non-negative decimal integer no larger than SHOPSETUP_EPOCH_MAX. */
static bool shopsetup_parse_count(shopsetup_slice s, int64_t *out)
{
	if (s.len == 0 || s.len > 12) {
		return false;
	}
	int64_t value = 0;
	for (size_t i = 0; i < s.len; i++) {
		if (s.ptr[i] < '0' || s.ptr[i] > '9') {
			return false;
		}
		value = value * 10 + (s.ptr[i] - '0');
	}
	if (value > SHOPSETUP_EPOCH_MAX) {
		return false;
	}
	*out = value;
	return true;
}

static shopsetup_status shopsetup_config_bad(shopsetup_error *err, const char *key, const char *detail, shopsetup_slice value)
{
	/* Quotes at most 64 bytes of the value, never half a UTF-8 character. */
	size_t quoted = shopsetup_utf8_cut(value.ptr, value.len, 64);
	return shopsetup_error_set(err, SHOPSETUP_E_CONFIG_VALUE, 0, key, strlen(key), "%s (got \"%.*s\")",
		detail, (int) quoted, value.ptr);
}

static shopsetup_status shopsetup_config_out_of_range(shopsetup_error *err, const char *key, int64_t value)
{
	return shopsetup_error_set(err, SHOPSETUP_E_CONFIG_VALUE, 0, key, strlen(key),
		"must be a time in epoch seconds from 0 to %lld (got %lld)", SHOPSETUP_EPOCH_MAX, (long long) value);
}

static shopsetup_status shopsetup_config_times(const shopsetup_params *params, const shopsetup_config_context *ctx,
	shopsetup_config *config, shopsetup_error *err)
{
	bool has_start, has_end, has_duration;
	shopsetup_slice start = shopsetup_trim(shopsetup_config_value(params, "starttime", &has_start));
	shopsetup_slice end = shopsetup_trim(shopsetup_config_value(params, "endtime", &has_end));
	shopsetup_slice duration = shopsetup_trim(shopsetup_config_value(params, "duration", &has_duration));

	if (ctx->now < 0 || ctx->now > SHOPSETUP_EPOCH_MAX) {
		return shopsetup_config_out_of_range(err, "now", ctx->now);
	}
	if (ctx->course_start < 0 || ctx->course_start > SHOPSETUP_EPOCH_MAX) {
		return shopsetup_config_out_of_range(err, "coursestart", ctx->course_start);
	}
	if (has_start && start.len > 0) {
		if (!shopsetup_parse_count(start, &config->starttime)) {
			return shopsetup_config_bad(err, "starttime", "must be a time in epoch seconds", start);
		}
	} else {
		config->starttime = ctx->now > ctx->course_start ? ctx->now : ctx->course_start;
	}

	config->duration_days = -1;
	if (has_duration && duration.len > 0) {
		if (duration.ptr[0] == '-') {
			return shopsetup_config_bad(err, "duration", "must not be negative", duration);
		}
		if (!shopsetup_parse_count(duration, &config->duration_days) || config->duration_days == 0
			|| config->duration_days > SHOPSETUP_EPOCH_MAX / SHOPSETUP_DAY) {
			return shopsetup_config_bad(err, "duration", "must be a positive number of days", duration);
		}
	}

	if (has_end && end.len > 0) {
		if (end.ptr[0] == '+') {
			char unit = shopsetup_ascii_lower(end.ptr[end.len - 1]);
			int64_t amount;
			if (end.len < 3 || (unit != 'd' && unit != 'h')
				|| !shopsetup_parse_count((shopsetup_slice){ end.ptr + 1, end.len - 2 }, &amount)
				|| amount == 0 || amount > SHOPSETUP_EPOCH_MAX / SHOPSETUP_DAY) {
				return shopsetup_config_bad(err, "endtime", "a relative end must read +<days>D or +<hours>H", end);
			}
			config->endtime = config->starttime + amount * (unit == 'd' ? SHOPSETUP_DAY : SHOPSETUP_HOUR);
		} else if (!shopsetup_parse_count(end, &config->endtime)) {
			return shopsetup_config_bad(err, "endtime", "must be a time in epoch seconds, +<days>D or +<hours>H", end);
		} else if (config->endtime != 0 && config->endtime <= config->starttime) {
			char detail[128];
			snprintf(detail, sizeof(detail), "ends at %lld, not after the start at %lld",
				(long long) config->endtime, (long long) config->starttime);
			return shopsetup_config_bad(err, "endtime", detail, end);
		}
		if (config->duration_days >= 0 && !shopsetup_config_warn(config, "%s", "duration is ignored: endtime is given")) {
			goto nomem;
		}
	} else if (ctx->renewable) {
		int64_t days = config->duration_days >= 0 ? config->duration_days : SHOPSETUP_DEFAULT_RENEWABLE_DAYS;
		config->endtime = config->starttime + days * SHOPSETUP_DAY;
	} else {
		config->endtime = 0;
		if (config->duration_days >= 0 && !shopsetup_config_warn(config, "%s", "duration is ignored: the product is not renewable")) {
			goto nomem;
		}
	}
	if (config->endtime > SHOPSETUP_EPOCH_MAX) {
		return shopsetup_config_out_of_range(err, "endtime", config->endtime);
	}
	return SHOPSETUP_OK;
nomem:
	return shopsetup_error_set(err, SHOPSETUP_E_NOMEM, 0, NULL, 0, "out of memory");
}

static shopsetup_status shopsetup_config_roles(const shopsetup_params *params, shopsetup_config *config, shopsetup_error *err)
{
	bool present;
	shopsetup_slice list = shopsetup_config_value(params, "requiredroles", &present);
	shopsetup_buf *store = &config->requiredroles_store;
	typedef struct {
		size_t start, len;
	} shopsetup_span;
	shopsetup_vec offsets;
	shopsetup_vec_init(&offsets, sizeof(shopsetup_span));

	/* Buckets are stored one after the other, then sliced once the store stops moving. */
	if (!shopsetup_buf_append(store, "student", 7)) {
		goto nomem;
	}
	shopsetup_span *first = shopsetup_vec_push(&offsets);
	if (first == NULL) {
		goto nomem;
	}
	*first = (shopsetup_span){ 0, 7 };
	const char *p = list.ptr, *end = list.ptr + list.len;
	while (p < end) {
		const char *comma = memchr(p, ',', (size_t) (end - p));
		const char *item_end = comma ? comma : end;
		shopsetup_slice item = shopsetup_trim((shopsetup_slice){ p, (size_t) (item_end - p) });
		p = comma ? comma + 1 : end;
		if (item.len == 0) {
			continue;
		}
		const char *prefix = shopsetup_slice_eq(item, SHOPSETUP_SLICE("supervisor")) ? "_" : "";
		size_t start = store->len;
		if (!shopsetup_buf_append(store, prefix, strlen(prefix)) || !shopsetup_buf_append(store, item.ptr, item.len)) {
			goto nomem;
		}
		bool seen = false;
		for (size_t i = 0; i < offsets.count && !seen; i++) {
			shopsetup_span *o = SHOPSETUP_VEC_AT(&offsets, shopsetup_span, i);
			seen = o->len == store->len - start && memcmp(store->ptr + o->start, store->ptr + start, o->len) == 0;
		}
		if (seen) {
			store->len = start;
			continue;
		}
		shopsetup_span *slot = shopsetup_vec_push(&offsets);
		if (slot == NULL) {
			goto nomem;
		}
		*slot = (shopsetup_span){ start, store->len - start };
	}
	for (size_t i = 0; i < offsets.count; i++) {
		shopsetup_span *o = SHOPSETUP_VEC_AT(&offsets, shopsetup_span, i);
		shopsetup_slice *role = shopsetup_vec_push(&config->requiredroles);
		if (role == NULL) {
			goto nomem;
		}
		*role = (shopsetup_slice){ store->ptr + o->start, o->len };
	}
	shopsetup_vec_free(&offsets);
	return SHOPSETUP_OK;
nomem:
	shopsetup_vec_free(&offsets);
	return shopsetup_error_set(err, SHOPSETUP_E_NOMEM, 0, NULL, 0, "out of memory");
}

/* Expands {orderref} and {course} in the group name pattern. */
static shopsetup_status shopsetup_config_groupname(const shopsetup_params *params, const shopsetup_config_context *ctx,
	shopsetup_config *config, shopsetup_error *err)
{
	bool present;
	shopsetup_slice pattern = shopsetup_trim(shopsetup_config_value(params, "groupname", &present));
	if (pattern.len == 0) {
		pattern = SHOPSETUP_SLICE("{orderref}");
	}
	shopsetup_buf *out = &config->groupname;
	const char *p = pattern.ptr, *end = pattern.ptr + pattern.len;
	while (p < end) {
		const char *open = memchr(p, '{', (size_t) (end - p));
		if (open == NULL) {
			if (!shopsetup_buf_append(out, p, (size_t) (end - p))) {
				goto nomem;
			}
			break;
		}
		if (!shopsetup_buf_append(out, p, (size_t) (open - p))) {
			goto nomem;
		}
		const char *close = memchr(open, '}', (size_t) (end - open));
		shopsetup_slice name = { open + 1, close ? (size_t) (close - open - 1) : 0 };
		shopsetup_slice value;
		if (close != NULL && shopsetup_slice_eq(name, SHOPSETUP_SLICE("orderref"))) {
			value = ctx->order_ref;
		} else if (close != NULL && shopsetup_slice_eq(name, SHOPSETUP_SLICE("course"))) {
			value = ctx->course_name;
		} else {
			return shopsetup_config_bad(err, "groupname", "knows only the placeholders {orderref} and {course}", pattern);
		}
		if (value.len == 0) {
			return shopsetup_config_bad(err, "groupname", "uses a placeholder whose value is unknown here", pattern);
		}
		if (!shopsetup_buf_append(out, value.ptr, value.len)) {
			goto nomem;
		}
		p = close + 1;
	}
	shopsetup_utf8_info info;
	shopsetup_utf8_scan(out->ptr ? out->ptr : "", out->len, &info);
	if (out->len == 0 || !info.valid || info.has_control || info.chars > SHOPSETUP_GROUPNAME_MAX) {
		return shopsetup_config_bad(err, "groupname",
			"must expand to 1 to 254 characters of valid UTF-8 without control characters", pattern);
	}
	return SHOPSETUP_OK;
nomem:
	return shopsetup_error_set(err, SHOPSETUP_E_NOMEM, 0, NULL, 0, "out of memory");
}

shopsetup_status shopsetup_config_build(const shopsetup_params *params, const shopsetup_config_context *ctx,
	shopsetup_config *config, shopsetup_error *err)
{
	bool present;
	shopsetup_status status;

	memset(config, 0, sizeof(*config));
	shopsetup_vec_init(&config->requiredroles, sizeof(shopsetup_slice));
	shopsetup_vec_init(&config->warnings, sizeof(char *));

	config->coursename = shopsetup_trim(shopsetup_config_value(params, "coursename", &present));
	if (config->coursename.len == 0) {
		status = shopsetup_error_set(err, SHOPSETUP_E_CONFIG_MISSING, 0, "coursename", 10,
			"is required: the shortname of the course to set up");
		goto fail;
	}

	config->supervisor = shopsetup_trim(shopsetup_config_value(params, "supervisor", &present));
	if (config->supervisor.len == 0) {
		config->supervisor = SHOPSETUP_SLICE("teacher");
		if (!shopsetup_config_warn(config, "%s", "supervisor is not set: the operator gets the role \"teacher\"")) {
			goto nomem;
		}
	}
	config->tutorrole = shopsetup_trim(shopsetup_config_value(params, "tutorrole", &present));
	if (config->tutorrole.len == 0) {
		config->tutorrole = SHOPSETUP_SLICE("teacher");
	}
	config->mirrorrole = shopsetup_trim(shopsetup_config_value(params, "mirrorrole", &present));
	if (!present) {
		config->mirrorrole = SHOPSETUP_SLICE("student");
	}
	/* The delegation block lists the accounts over which the operator holds its owner role. */
	config->crossrole = shopsetup_trim(shopsetup_config_value(params, "crossrole", &present));
	if (config->crossrole.len == 0) {
		config->crossrole = ctx->delegation_role.len > 0 ? shopsetup_trim(ctx->delegation_role) : ctx->delegation_role;
	}
	if (config->crossrole.len == 0) {
		config->crossrole = config->supervisor;
	}
	config->customersupport = shopsetup_trim(shopsetup_config_value(params, "customersupport", &config->has_customersupport));
	config->superviseexisting = shopsetup_trim(shopsetup_config_value(params, "superviseexisting", &present));
	shopsetup_supervise_mode mode;
	if (config->superviseexisting.len == 0) {
		config->superviseexisting = SHOPSETUP_SLICE("unprivileged");
	} else if (!shopsetup_supervise_mode_parse(config->superviseexisting, &mode)) {
		status = shopsetup_config_bad(err, "superviseexisting", "must be unprivileged, none or all", config->superviseexisting);
		goto fail;
	}

	shopsetup_slice flag = shopsetup_trim(shopsetup_config_value(params, "autoenrolsupervisor", &present));
	if (!present || flag.len == 0 || shopsetup_slice_eq(flag, SHOPSETUP_SLICE("1"))
		|| shopsetup_slice_eq(flag, SHOPSETUP_SLICE("yes")) || shopsetup_slice_eq(flag, SHOPSETUP_SLICE("true"))
		|| shopsetup_slice_eq(flag, SHOPSETUP_SLICE("on"))) {
		config->autoenrolsupervisor = true;
	} else if (shopsetup_slice_eq(flag, SHOPSETUP_SLICE("0")) || shopsetup_slice_eq(flag, SHOPSETUP_SLICE("no"))
		|| shopsetup_slice_eq(flag, SHOPSETUP_SLICE("false")) || shopsetup_slice_eq(flag, SHOPSETUP_SLICE("off"))) {
		config->autoenrolsupervisor = false;
	} else {
		status = shopsetup_config_bad(err, "autoenrolsupervisor", "must be 1/yes/true/on or 0/no/false/off", flag);
		goto fail;
	}

	if ((status = shopsetup_config_times(params, ctx, config, err)) != SHOPSETUP_OK
		|| (status = shopsetup_config_roles(params, config, err)) != SHOPSETUP_OK
		|| (status = shopsetup_config_groupname(params, ctx, config, err)) != SHOPSETUP_OK) {
		goto fail;
	}

	for (size_t i = 0; i < params->items.count; i++) {
		const shopsetup_param *param = SHOPSETUP_VEC_AT(&params->items, shopsetup_param, i);
		bool known = false;
		for (size_t k = 0; k < sizeof(shopsetup_known_keys) / sizeof(shopsetup_known_keys[0]) && !known; k++) {
			known = strcmp(param->key, shopsetup_known_keys[k]) == 0;
		}
		if (known) {
			continue;
		}
		shopsetup_buf key = { 0 };
		bool warned = shopsetup_utf8_quote(&key, (shopsetup_slice){ param->key, param->key_len }, SHOPSETUP_WARNING_KEY_MAX)
			&& shopsetup_config_warn(config, "unknown key \"%s\" is ignored", key.ptr ? key.ptr : "");
		shopsetup_buf_free(&key);
		if (!warned) {
			goto nomem;
		}
	}
	return SHOPSETUP_OK;

nomem:
	status = shopsetup_error_set(err, SHOPSETUP_E_NOMEM, 0, NULL, 0, "out of memory");
fail:
	shopsetup_config_free(config);
	return status;
}

void shopsetup_config_free(shopsetup_config *config)
{
	for (size_t i = 0; i < config->warnings.count; i++) {
		shopsetup_free(*SHOPSETUP_VEC_AT(&config->warnings, char *, i));
	}
	shopsetup_vec_free(&config->warnings);
	shopsetup_vec_free(&config->requiredroles);
	shopsetup_buf_free(&config->requiredroles_store);
	shopsetup_buf_free(&config->groupname);
}
