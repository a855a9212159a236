/* Roster planning: validation, email normalisation, one person per email, seats. */
#include "shopsetup_plan.h"
#include "shopsetup_text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* bytes of a bucket name quoted in a notice */
#define SHOPSETUP_NOTICE_BUCKET_MAX 200

const char *const shopsetup_field_names[SHOPSETUP_FIELD_COUNT] = {
	"email", "firstname", "lastname", "city", "institution", "phone2",
};

static const size_t shopsetup_field_limits[SHOPSETUP_FIELD_COUNT] = {
	SHOPSETUP_MAX_EMAIL, SHOPSETUP_MAX_NAME, SHOPSETUP_MAX_NAME,
	SHOPSETUP_MAX_CITY, SHOPSETUP_MAX_INSTITUTION, SHOPSETUP_MAX_PHONE,
};

shopsetup_status shopsetup_roster_add_bucket(shopsetup_plan *plan, shopsetup_slice name, int64_t roleid, uint32_t *index,
	shopsetup_error *err)
{
	if (shopsetup_roster_find_bucket(plan, name, index)) {
		return shopsetup_error_set(err, SHOPSETUP_E_PLAN_INPUT, 0, name.ptr, name.len, "bucket given twice");
	}
	if (roleid <= 0) {
		return shopsetup_error_set(err, SHOPSETUP_E_PLAN_INPUT, 0, name.ptr, name.len, "role id must be positive");
	}
	if (plan->buckets.count == SHOPSETUP_MAX_BUCKETS) {
		return shopsetup_error_set(err, SHOPSETUP_E_PLAN_INPUT, 0, name.ptr, name.len, "more than %d buckets", SHOPSETUP_MAX_BUCKETS);
	}
	shopsetup_bucket *bucket = shopsetup_vec_push(&plan->buckets);
	if (bucket == NULL || !shopsetup_plan_store(plan, name.ptr, name.len, &bucket->name)) {
		return shopsetup_nomem(err);
	}
	bucket->roleid = roleid;
	*index = (uint32_t) (plan->buckets.count - 1);
	return SHOPSETUP_OK;
}

bool shopsetup_roster_find_bucket(const shopsetup_plan *plan, shopsetup_slice name, uint32_t *index)
{
	for (size_t i = 0; i < plan->buckets.count; i++) {
		if (shopsetup_slice_eq(SHOPSETUP_VEC_AT(&plan->buckets, shopsetup_bucket, i)->name, name)) {
			*index = (uint32_t) i;
			return true;
		}
	}
	return false;
}

shopsetup_status shopsetup_roster_reject(shopsetup_plan *plan, shopsetup_slice bucket, shopsetup_slice email, shopsetup_field field,
	const char *reason, shopsetup_error *err)
{
	shopsetup_row_error *row = shopsetup_vec_push(&plan->errors);
	if (row == NULL || !shopsetup_plan_store(plan, email.ptr, email.len, &row->email)
		|| !shopsetup_plan_store(plan, bucket.ptr, bucket.len, &row->bucket)
		|| !shopsetup_plan_store(plan, reason, strlen(reason), &row->reason)) {
		return shopsetup_nomem(err);
	}
	row->field = field;
	return SHOPSETUP_OK;
}

/* Checks one field; on a problem records it and returns false in *ok. */
static shopsetup_status shopsetup_roster_check_field(shopsetup_plan *plan, shopsetup_slice bucket, shopsetup_slice email,
	shopsetup_field field, shopsetup_slice value, bool *ok, shopsetup_error *err)
{
	shopsetup_utf8_info info;
	char reason[96];
	shopsetup_utf8_scan(value.ptr, value.len, &info);
	if (!info.valid) {
		snprintf(reason, sizeof(reason), "is not valid UTF-8 (byte %zu)", info.invalid_offset);
	} else if (info.has_control) {
		snprintf(reason, sizeof(reason), "contains a control character (byte %zu)", info.control_offset);
	} else if (info.chars > shopsetup_field_limits[field]) {
		snprintf(reason, sizeof(reason), "is %zu characters long, more than the %zu allowed",
			info.chars, shopsetup_field_limits[field]);
	} else if (value.len == 0 && field <= SHOPSETUP_FIELD_LASTNAME) {
		snprintf(reason, sizeof(reason), "is required");
	} else {
		return SHOPSETUP_OK;
	}
	*ok = false;
	return shopsetup_roster_reject(plan, bucket, email, field, reason, err);
}

static shopsetup_status shopsetup_roster_notice(shopsetup_plan *plan, uint32_t person_index, uint32_t bucket, bool same_bucket,
	const shopsetup_slice fields[SHOPSETUP_FIELD_COUNT], shopsetup_error *err)
{
	const shopsetup_person *person = SHOPSETUP_VEC_AT(&plan->people, shopsetup_person, person_index);
	const shopsetup_bucket *first = SHOPSETUP_VEC_AT(&plan->buckets, shopsetup_bucket, person->first_bucket);
	const shopsetup_bucket *again = SHOPSETUP_VEC_AT(&plan->buckets, shopsetup_bucket, bucket);
	shopsetup_buf message = { 0 };
	/* bucket names are the caller's array keys: quoted as valid UTF-8 */
	shopsetup_buf first_name = { 0 }, again_name = { 0 };
	bool ok = shopsetup_utf8_quote(&first_name, first->name, SHOPSETUP_NOTICE_BUCKET_MAX)
		&& shopsetup_utf8_quote(&again_name, again->name, SHOPSETUP_NOTICE_BUCKET_MAX)
		&& (same_bucket
			? shopsetup_buf_printf(&message, "listed twice in bucket \"%s\": merged into one seat", again_name.ptr ? again_name.ptr : "")
			: shopsetup_buf_printf(&message, "in buckets \"%s\" and \"%s\": one account, one seat per bucket",
				first_name.ptr ? first_name.ptr : "", again_name.ptr ? again_name.ptr : ""));
	shopsetup_buf_free(&first_name);
	shopsetup_buf_free(&again_name);
	if (ok && (!shopsetup_slice_eq(fields[SHOPSETUP_FIELD_FIRSTNAME], person->fields[SHOPSETUP_FIELD_FIRSTNAME])
		|| !shopsetup_slice_eq(fields[SHOPSETUP_FIELD_LASTNAME], person->fields[SHOPSETUP_FIELD_LASTNAME]))) {
		ok = shopsetup_buf_printf(&message, "; names differ, kept \"%s %s\"",
			person->fields[SHOPSETUP_FIELD_FIRSTNAME].ptr, person->fields[SHOPSETUP_FIELD_LASTNAME].ptr);
	}
	shopsetup_notice *notice = ok ? shopsetup_vec_push(&plan->notices) : NULL;
	if (notice == NULL || !shopsetup_plan_store(plan, message.ptr, message.len, &notice->message)) {
		shopsetup_buf_free(&message);
		return shopsetup_nomem(err);
	}
	shopsetup_buf_free(&message);
	notice->email = person->fields[SHOPSETUP_FIELD_EMAIL];
	notice->person = person_index;
	notice->same_bucket = same_bucket;
	return SHOPSETUP_OK;
}

shopsetup_status shopsetup_roster_add_participant(shopsetup_plan *plan, uint32_t bucket, shopsetup_slice bucket_key,
	const shopsetup_slice fields[SHOPSETUP_FIELD_COUNT], uint32_t rejected, shopsetup_error *err)
{
	bool email_from_key = fields[SHOPSETUP_FIELD_EMAIL].len == 0 && !(rejected & (1u << SHOPSETUP_FIELD_EMAIL));
	shopsetup_slice raw_email = email_from_key ? bucket_key : fields[SHOPSETUP_FIELD_EMAIL];
	shopsetup_slice bucket_name = SHOPSETUP_VEC_AT(&plan->buckets, shopsetup_bucket, bucket)->name;
	shopsetup_slice trimmed[SHOPSETUP_FIELD_COUNT];
	shopsetup_status status = SHOPSETUP_OK;
	bool ok = rejected == 0;

	for (int f = 0; f < SHOPSETUP_FIELD_COUNT; f++) {
		trimmed[f] = shopsetup_trim(f == SHOPSETUP_FIELD_EMAIL ? raw_email : fields[f]);
	}
	/* The normal form of a valid address is never longer than the input. */
	char email_stack[256];
	char *email = trimmed[SHOPSETUP_FIELD_EMAIL].len <= sizeof(email_stack) ? email_stack : shopsetup_malloc(trimmed[SHOPSETUP_FIELD_EMAIL].len);
	if (email == NULL) {
		return shopsetup_nomem(err);
	}
	size_t email_len = shopsetup_email_normalize(trimmed[SHOPSETUP_FIELD_EMAIL].ptr, trimmed[SHOPSETUP_FIELD_EMAIL].len, email);
	trimmed[SHOPSETUP_FIELD_EMAIL] = (shopsetup_slice){ email, email_len };

	if (rejected & (1u << SHOPSETUP_FIELD_EMAIL)) {
		/* already reported */
	} else if (email_len == 0) {
		ok = false;
		status = shopsetup_roster_reject(plan, bucket_name, raw_email, SHOPSETUP_FIELD_EMAIL, "is required", err);
	} else if (!shopsetup_email_is_valid(email, email_len)) {
		ok = false;
		status = shopsetup_roster_reject(plan, bucket_name, raw_email, SHOPSETUP_FIELD_EMAIL, "is not a valid email address", err);
	} else {
		status = shopsetup_roster_check_field(plan, bucket_name, raw_email, SHOPSETUP_FIELD_EMAIL, trimmed[SHOPSETUP_FIELD_EMAIL], &ok, err);
	}
	for (int f = SHOPSETUP_FIELD_FIRSTNAME; f < SHOPSETUP_FIELD_COUNT && status == SHOPSETUP_OK; f++) {
		if (rejected & (1u << f)) {
			continue;
		}
		status = shopsetup_roster_check_field(plan, bucket_name, raw_email, (shopsetup_field) f, trimmed[f], &ok, err);
	}
	if (status != SHOPSETUP_OK || !ok) {
		goto done;
	}

	uint32_t person_index = (uint32_t) plan->people.count;
	bool inserted;
	uint32_t found;
	shopsetup_slice key;
	if (!shopsetup_plan_store(plan, email, email_len, &key)
		|| !shopsetup_hash_put(&plan->by_email, key, person_index, &inserted, &found)) {
		status = shopsetup_nomem(err);
		goto done;
	}
	if (inserted) {
		shopsetup_person *person = shopsetup_vec_push(&plan->people);
		if (person == NULL) {
			status = shopsetup_nomem(err);
			goto done;
		}
		person->fields[SHOPSETUP_FIELD_EMAIL] = key;
		for (int f = SHOPSETUP_FIELD_FIRSTNAME; f < SHOPSETUP_FIELD_COUNT; f++) {
			if (!shopsetup_plan_store(plan, trimmed[f].ptr, trimmed[f].len, &person->fields[f])) {
				status = shopsetup_nomem(err);
				goto done;
			}
		}
		person->first_bucket = bucket;
	} else {
		person_index = found;
		bool same_bucket = (SHOPSETUP_VEC_AT(&plan->people, shopsetup_person, person_index)->buckets >> bucket) & 1;
		status = shopsetup_roster_notice(plan, person_index, bucket, same_bucket, trimmed, err);
		if (status != SHOPSETUP_OK || same_bucket) {
			goto done;
		}
	}
	shopsetup_assignment *assignment = shopsetup_vec_push(&plan->assignments);
	if (assignment == NULL) {
		status = shopsetup_nomem(err);
		goto done;
	}
	assignment->person = person_index;
	assignment->bucket = bucket;
	SHOPSETUP_VEC_AT(&plan->people, shopsetup_person, person_index)->buckets |= UINT64_C(1) << bucket;

done:
	if (email != email_stack) {
		shopsetup_free(email);
	}
	return status;
}

shopsetup_status shopsetup_roster_finish(shopsetup_plan *plan, int64_t seats, shopsetup_error *err)
{
	if (plan->errors.count > 0) {
		return shopsetup_error_set(err, SHOPSETUP_E_ROSTER_INVALID, 0, NULL, 0,
			"The participant list has %zu invalid entr%s: nothing was set up", plan->errors.count,
			plan->errors.count == 1 ? "y" : "ies");
	}
	if (seats < 0) {
		return shopsetup_error_set(err, SHOPSETUP_E_PLAN_INPUT, 0, "seats", 5, "must not be negative");
	}
	if ((int64_t) plan->assignments.count > seats) {
		return shopsetup_error_set(err, SHOPSETUP_E_ROSTER_SEATS, 0, NULL, 0,
			"The order needs %zu seats (one per participant and role) but %lld were bought: nothing was set up",
			plan->assignments.count, (long long) seats);
	}
	plan->seats = seats;
	plan->stage = SHOPSETUP_STAGE_PLANNED;
	return SHOPSETUP_OK;
}
