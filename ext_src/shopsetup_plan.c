/* The stages of a plan: accounts, usernames, users, enrolments, roles, group, products. */
#include "shopsetup_plan.h"
#include "shopsetup_text.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SHOPSETUP_FACT(field, type, required) { #field, type, offsetof(shopsetup_facts, field), required }

/* Moodle constants. */
#define SHOPSETUP_ENROL_USER_ACTIVE 0
#define SHOPSETUP_FORMAT_HTML 1

const shopsetup_fact_spec shopsetup_fact_specs[] = {
	SHOPSETUP_FACT(courseid, SHOPSETUP_FACT_INT, true),
	SHOPSETUP_FACT(coursecontextid, SHOPSETUP_FACT_INT, true),
	SHOPSETUP_FACT(enrolid, SHOPSETUP_FACT_INT, true),
	SHOPSETUP_FACT(operatorid, SHOPSETUP_FACT_INT, true),
	SHOPSETUP_FACT(operatorcontextid, SHOPSETUP_FACT_INT, true),
	SHOPSETUP_FACT(mnethostid, SHOPSETUP_FACT_INT, true),
	SHOPSETUP_FACT(timestart, SHOPSETUP_FACT_INT, true),
	SHOPSETUP_FACT(timeend, SHOPSETUP_FACT_INT, true),
	SHOPSETUP_FACT(now, SHOPSETUP_FACT_INT, true),
	SHOPSETUP_FACT(modifierid, SHOPSETUP_FACT_INT, false),
	SHOPSETUP_FACT(supervisorroleid, SHOPSETUP_FACT_INT, true),
	SHOPSETUP_FACT(mirrorroleid, SHOPSETUP_FACT_INT, false),
	SHOPSETUP_FACT(crossroleid, SHOPSETUP_FACT_INT, false),
	SHOPSETUP_FACT(billitemid, SHOPSETUP_FACT_INT, true),
	SHOPSETUP_FACT(catalogitemid, SHOPSETUP_FACT_INT, false),
	SHOPSETUP_FACT(customerid, SHOPSETUP_FACT_INT, false),
	SHOPSETUP_FACT(enroloperator, SHOPSETUP_FACT_BOOL, false),
	SHOPSETUP_FACT(test, SHOPSETUP_FACT_BOOL, false),
	SHOPSETUP_FACT(groupidnumber, SHOPSETUP_FACT_STRING, true),
	SHOPSETUP_FACT(groupname, SHOPSETUP_FACT_STRING, true),
	SHOPSETUP_FACT(groupdescription, SHOPSETUP_FACT_STRING, false),
	SHOPSETUP_FACT(transactionid, SHOPSETUP_FACT_STRING, false),
	SHOPSETUP_FACT(lang, SHOPSETUP_FACT_STRING, false),
	SHOPSETUP_FACT(country, SHOPSETUP_FACT_STRING, false),
	SHOPSETUP_FACT(auth, SHOPSETUP_FACT_STRING, false),
	SHOPSETUP_FACT(coursename, SHOPSETUP_FACT_STRING, false),
	SHOPSETUP_FACT(handler, SHOPSETUP_FACT_STRING, false),
	SHOPSETUP_FACT(calendartype, SHOPSETUP_FACT_STRING, false),
	SHOPSETUP_FACT(maildisplay, SHOPSETUP_FACT_INT, false),
	SHOPSETUP_FACT(mailformat, SHOPSETUP_FACT_INT, false),
	SHOPSETUP_FACT(maildigest, SHOPSETUP_FACT_INT, false),
	SHOPSETUP_FACT(autosubscribe, SHOPSETUP_FACT_INT, false),
	SHOPSETUP_FACT(trackforums, SHOPSETUP_FACT_INT, false),
	SHOPSETUP_FACT(superviseexisting, SHOPSETUP_FACT_STRING, false),
	SHOPSETUP_FACT(privilegeduserids, SHOPSETUP_FACT_IDS, false),
	SHOPSETUP_FACT(sessiontimeout, SHOPSETUP_FACT_INT, false),
	SHOPSETUP_FACT(outbox, SHOPSETUP_FACT_STRING, false),
	SHOPSETUP_FACT(recovergrades, SHOPSETUP_FACT_BOOL, false),
	SHOPSETUP_FACT(deliverytask, SHOPSETUP_FACT_STRING, false),
	SHOPSETUP_FACT(deliverycomponent, SHOPSETUP_FACT_STRING, false),
	SHOPSETUP_FACT(deliverydata, SHOPSETUP_FACT_STRING, false),
	SHOPSETUP_FACT(deliveryattempts, SHOPSETUP_FACT_INT, false),
};
const size_t shopsetup_fact_spec_count = SHOPSETUP_COUNT(shopsetup_fact_specs);

static int shopsetup_id_compare(const void *a, const void *b)
{
	int64_t x = *(const int64_t *) a, y = *(const int64_t *) b;
	return (x > y) - (x < y);
}

bool shopsetup_plan_init(shopsetup_plan *plan, size_t expected_people)
{
	memset(plan, 0, sizeof(*plan));
	shopsetup_vec_init(&plan->buckets, sizeof(shopsetup_bucket));
	shopsetup_vec_init(&plan->people, sizeof(shopsetup_person));
	shopsetup_vec_init(&plan->assignments, sizeof(shopsetup_assignment));
	shopsetup_vec_init(&plan->errors, sizeof(shopsetup_row_error));
	shopsetup_vec_init(&plan->notices, sizeof(shopsetup_notice));
	shopsetup_vec_init(&plan->facts.privilegeduserids, sizeof(int64_t));
	shopsetup_plan_facts_defaults(&plan->facts);
	return shopsetup_vec_reserve(&plan->people, expected_people)
		&& shopsetup_vec_reserve(&plan->assignments, expected_people)
		&& shopsetup_hash_init(&plan->by_email, expected_people);
}

void shopsetup_plan_free(shopsetup_plan *plan)
{
	shopsetup_vec_free(&plan->buckets);
	shopsetup_vec_free(&plan->people);
	shopsetup_vec_free(&plan->assignments);
	shopsetup_vec_free(&plan->errors);
	shopsetup_vec_free(&plan->notices);
	shopsetup_vec_free(&plan->facts.privilegeduserids);
	shopsetup_hash_free(&plan->by_email);
	shopsetup_hash_free(&plan->by_username);
	shopsetup_hash_free(&plan->by_userid);
	shopsetup_pool_free(&plan->strings);
}

bool shopsetup_plan_store(shopsetup_plan *plan, const char *s, size_t len, shopsetup_slice *out)
{
	const char *copy = shopsetup_pool_dup(&plan->strings, s, len);
	if (copy == NULL) {
		return false;
	}
	*out = (shopsetup_slice){ copy, len };
	return true;
}

void shopsetup_plan_facts_defaults(shopsetup_facts *f)
{
	f->enroloperator = true;
	f->maildisplay = 2;
	f->mailformat = 1;
	f->autosubscribe = 1;
	f->auth = SHOPSETUP_SLICE("manual");
	f->lang = SHOPSETUP_SLICE("en");
	f->handler = SHOPSETUP_SLICE(SHOPSETUP_HANDLER_NAME);
	f->calendartype = SHOPSETUP_SLICE("gregorian");
	f->sessiontimeout = 7200;
	f->deliveryattempts = 12;  /* adhoc_task's default */
}

shopsetup_status shopsetup_fact_find(shopsetup_slice name, const shopsetup_fact_spec **spec, shopsetup_error *err)
{
	for (size_t s = 0; s < shopsetup_fact_spec_count; s++) {
		const char *candidate = shopsetup_fact_specs[s].name;
		if (shopsetup_slice_eq(name, (shopsetup_slice){ candidate, strlen(candidate) })) {
			*spec = &shopsetup_fact_specs[s];
			return SHOPSETUP_OK;
		}
	}
	return shopsetup_error_set(err, SHOPSETUP_E_PLAN_INPUT, 0, NULL, 0, "Plan facts: unknown fact \"%.*s\"", (int) name.len, name.ptr);
}

shopsetup_status shopsetup_fact_wrong_type(const shopsetup_fact_spec *spec, const char *given, shopsetup_error *err)
{
	static const char *const expected[] = {
		[SHOPSETUP_FACT_INT] = "a non-negative int",
		[SHOPSETUP_FACT_STRING] = "a string",
		[SHOPSETUP_FACT_BOOL] = "a bool",
		[SHOPSETUP_FACT_IDS] = "a list of positive ints",
	};
	return shopsetup_error_set(err, SHOPSETUP_E_PLAN_INPUT, 0, NULL, 0, "Plan facts: \"%s\" must be %s, %s given", spec->name,
		expected[spec->type], given);
}

static void *shopsetup_fact_slot(shopsetup_plan *plan, const shopsetup_fact_spec *spec)
{
	return (char *) &plan->facts + spec->offset;
}

shopsetup_status shopsetup_plan_set_int_fact(shopsetup_plan *plan, const shopsetup_fact_spec *spec, int64_t value, shopsetup_error *err)
{
	if (value < 0) {
		return shopsetup_error_set(err, SHOPSETUP_E_PLAN_INPUT, 0, NULL, 0, "Plan facts: \"%s\" must not be negative, got %lld",
			spec->name, (long long) value);
	}
	*(int64_t *) shopsetup_fact_slot(plan, spec) = value;
	return SHOPSETUP_OK;
}

shopsetup_status shopsetup_plan_set_string_fact(shopsetup_plan *plan, const shopsetup_fact_spec *spec, shopsetup_slice value,
	shopsetup_error *err)
{
	return shopsetup_plan_store(plan, value.ptr, value.len, shopsetup_fact_slot(plan, spec)) ? SHOPSETUP_OK : shopsetup_nomem(err);
}

void shopsetup_plan_set_bool_fact(shopsetup_plan *plan, const shopsetup_fact_spec *spec, bool value)
{
	*(bool *) shopsetup_fact_slot(plan, spec) = value;
}

shopsetup_status shopsetup_plan_add_id_fact(shopsetup_plan *plan, const shopsetup_fact_spec *spec, int64_t id, shopsetup_error *err)
{
	if (id <= 0) {
		return shopsetup_fact_wrong_type(spec, "array", err);
	}
	int64_t *slot = shopsetup_vec_push(shopsetup_fact_slot(plan, spec));
	if (slot == NULL) {
		return shopsetup_nomem(err);
	}
	*slot = id;
	return SHOPSETUP_OK;
}

shopsetup_status shopsetup_plan_check_account_facts(shopsetup_plan *plan, uint64_t given, shopsetup_error *err)
{
	const shopsetup_fact_spec *spec;
	shopsetup_status status = shopsetup_fact_find(SHOPSETUP_SLICE("mnethostid"), &spec, err);
	if (status != SHOPSETUP_OK) {
		return status;
	}
	if (!(given & SHOPSETUP_FACT_BIT(spec)) || plan->facts.mnethostid <= 0) {
		return shopsetup_error_set(err, SHOPSETUP_E_PLAN_INPUT, 0, NULL, 0, "Plan facts: \"mnethostid\" is required and must be positive");
	}
	plan->accounts_only = true;
	return SHOPSETUP_OK;
}

shopsetup_status shopsetup_plan_check_facts(shopsetup_plan *plan, uint64_t given, shopsetup_error *err)
{
	shopsetup_facts *f = &plan->facts;
	for (size_t s = 0; s < shopsetup_fact_spec_count; s++) {
		if (shopsetup_fact_specs[s].required && !(given & SHOPSETUP_FACT_BIT(&shopsetup_fact_specs[s]))) {
			return shopsetup_error_set(err, SHOPSETUP_E_PLAN_INPUT, 0, NULL, 0, "Plan facts: \"%s\" is required",
				shopsetup_fact_specs[s].name);
		}
	}
	if (f->courseid == 0 || f->enrolid == 0 || f->operatorid == 0 || f->supervisorroleid == 0 || f->billitemid == 0
		|| f->coursecontextid == 0 || f->operatorcontextid == 0) {
		return shopsetup_error_set(err, SHOPSETUP_E_PLAN_INPUT, 0, NULL, 0, "Plan facts: courseid, coursecontextid, enrolid, "
			"operatorid, operatorcontextid, supervisorroleid and billitemid must be positive");
	}
	if (f->groupidnumber.len == 0 || f->groupname.len == 0) {
		return shopsetup_error_set(err, SHOPSETUP_E_PLAN_INPUT, 0, NULL, 0,
			"Plan facts: groupidnumber and groupname must not be empty (the group is found by its idnumber)");
	}
	const struct {
		const char *name;
		int64_t value;
	} times[] = { { "now", f->now }, { "timestart", f->timestart }, { "timeend", f->timeend }, { "sessiontimeout", f->sessiontimeout } };
	for (size_t t = 0; t < SHOPSETUP_COUNT(times); t++) {
		if (times[t].value > SHOPSETUP_EPOCH_MAX) {
			return shopsetup_error_set(err, SHOPSETUP_E_PLAN_INPUT, 0, NULL, 0, "Plan facts: \"%s\" must be a time in seconds "
				"from 0 to %lld (got %lld)", times[t].name, SHOPSETUP_EPOCH_MAX, (long long) times[t].value);
		}
	}
	if (f->timeend != 0 && f->timeend <= f->timestart) {
		return shopsetup_error_set(err, SHOPSETUP_E_PLAN_INPUT, 0, NULL, 0, "Plan facts: timeend must be 0 or after timestart");
	}
	/* a table name goes into SQL as it is: Moodle's own characters and length only */
	bool table_ok = f->outbox.len <= 28;
	for (size_t i = 0; i < f->outbox.len && table_ok; i++) {
		char c = f->outbox.ptr[i];
		table_ok = (c >= 'a' && c <= 'z') || c == '_' || (i > 0 && c >= '0' && c <= '9');
	}
	if (!table_ok) {
		return shopsetup_error_set(err, SHOPSETUP_E_PLAN_INPUT, 0, NULL, 0,
			"Plan facts: \"outbox\" must be a table name of at most 28 characters a-z, 0-9 and _");
	}
	f->supervise = SHOPSETUP_SUPERVISE_UNPRIVILEGED;
	if (f->superviseexisting.len > 0 && !shopsetup_supervise_mode_parse(f->superviseexisting, &f->supervise)) {
		return shopsetup_error_set(err, SHOPSETUP_E_PLAN_INPUT, 0, NULL, 0,
			"Plan facts: \"superviseexisting\" must be unprivileged, none or all");
	}
	if (f->privilegeduserids.count > 1) {
		qsort(f->privilegeduserids.items, f->privilegeduserids.count, sizeof(int64_t), shopsetup_id_compare);
	}
	return SHOPSETUP_OK;
}

void shopsetup_plan_assignments_by_person(const shopsetup_plan *plan, uint32_t *first, uint32_t *next)
{
	for (size_t p = 0; p < plan->people.count; p++) {
		first[p] = SHOPSETUP_NO_ASSIGNMENT;
	}
	/* backwards, each one put in front: the lists come out in the roster's order */
	for (size_t a = plan->assignments.count; a-- > 0;) {
		uint32_t person = SHOPSETUP_VEC_AT(&plan->assignments, shopsetup_assignment, a)->person;
		next[a] = first[person];
		first[person] = (uint32_t) a;
	}
}

bool shopsetup_plan_supervises(const shopsetup_plan *plan, const shopsetup_person *person)
{
	const shopsetup_facts *f = &plan->facts;
	if (person->status == SHOPSETUP_PERSON_NEW || f->supervise == SHOPSETUP_SUPERVISE_ALL) {
		return true;
	}
	if (f->supervise == SHOPSETUP_SUPERVISE_NONE) {
		return false;
	}
	return f->privilegeduserids.count == 0 || bsearch(&person->userid, f->privilegeduserids.items, f->privilegeduserids.count, sizeof(int64_t),
		shopsetup_id_compare) == NULL;
}

static shopsetup_status shopsetup_stage_error(shopsetup_error *err, const char *step, const char *needed)
{
	return shopsetup_error_set(err, SHOPSETUP_E_PLAN_STATE, 0, step, strlen(step), "%s", needed);
}

static shopsetup_slice shopsetup_int_key(const int64_t *value)
{
	return (shopsetup_slice){ (const char *) value, sizeof(*value) };
}

static shopsetup_person *shopsetup_person_at(const shopsetup_plan *plan, size_t i)
{
	return SHOPSETUP_VEC_AT(&plan->people, shopsetup_person, i);
}

/* Stage 1: one account per email, active before suspended, then lowest id. */

void shopsetup_match_report_free(shopsetup_match_report *report)
{
	for (size_t i = 0; i < report->ambiguous.count; i++) {
		shopsetup_vec_free(&SHOPSETUP_VEC_AT(&report->ambiguous, shopsetup_ambiguity, i)->ids);
	}
	shopsetup_vec_free(&report->ambiguous);
	shopsetup_vec_free(&report->suspended);
}

static bool shopsetup_account_better(const shopsetup_account *a, const shopsetup_account *b)
{
	if (a->suspended != b->suspended) {
		return !a->suspended;
	}
	return a->id < b->id;
}

shopsetup_status shopsetup_plan_match_accounts(shopsetup_plan *plan, const shopsetup_account *accounts, size_t count,
	shopsetup_match_report *report, shopsetup_error *err)
{
	shopsetup_vec_init(&report->suspended, sizeof(uint32_t));
	shopsetup_vec_init(&report->ambiguous, sizeof(shopsetup_ambiguity));
	report->matched = 0;
	if (plan->stage != SHOPSETUP_STAGE_PLANNED) {
		return shopsetup_stage_error(err, "match accounts", "runs once, right after the plan is built");
	}

	size_t people = plan->people.count;
	/* best[p]: index of the chosen account + 1; seen[p]: accounts found for p */
	uint32_t *best = shopsetup_calloc(people ? people : 1, sizeof(uint32_t));
	uint32_t *seen = shopsetup_calloc(people ? people : 1, sizeof(uint32_t));
	uint32_t *person_of = shopsetup_malloc((count ? count : 1) * sizeof(uint32_t));
	char email[SHOPSETUP_MAX_EMAIL * 4 + 1];
	shopsetup_status status = SHOPSETUP_OK;
	if (best == NULL || seen == NULL || person_of == NULL) {
		status = shopsetup_nomem(err);
		goto done;
	}
	for (size_t i = 0; i < count; i++) {
		uint32_t p;
		person_of[i] = UINT32_MAX;
		if (accounts[i].email.len > sizeof(email) || accounts[i].id <= 0) {
			continue;
		}
		size_t len = shopsetup_email_normalize(accounts[i].email.ptr, accounts[i].email.len, email);
		if (!shopsetup_hash_get(&plan->by_email, (shopsetup_slice){ email, len }, &p)) {
			continue;
		}
		person_of[i] = p;
		if (seen[p] > 0 && accounts[best[p] - 1].id == accounts[i].id) {
			continue; /* the same row given twice */
		}
		seen[p]++;
		if (best[p] == 0 || shopsetup_account_better(&accounts[i], &accounts[best[p] - 1])) {
			best[p] = (uint32_t) i + 1;
		}
	}
	for (size_t p = 0; p < people; p++) {
		shopsetup_person *person = shopsetup_person_at(plan, p);
		if (best[p] == 0) {
			person->status = SHOPSETUP_PERSON_NEW;
			continue;
		}
		const shopsetup_account *chosen = &accounts[best[p] - 1];
		person->userid = chosen->id;
		person->status = chosen->suspended ? SHOPSETUP_PERSON_SUSPENDED : SHOPSETUP_PERSON_MATCHED;
		report->matched++;
		uint32_t *slot;
		if (chosen->suspended && ((slot = shopsetup_vec_push(&report->suspended)) == NULL || (*slot = (uint32_t) p, false))) {
			status = shopsetup_nomem(err);
			goto done;
		}
		if (seen[p] > 1) {
			shopsetup_ambiguity *amb = shopsetup_vec_push(&report->ambiguous);
			if (amb == NULL) {
				status = shopsetup_nomem(err);
				goto done;
			}
			amb->person = (uint32_t) p;
			shopsetup_vec_init(&amb->ids, sizeof(int64_t));
			seen[p] = (uint32_t) report->ambiguous.count; /* from here on: ambiguity index + 1 */
			best[p] = UINT32_MAX;
		}
	}
	for (size_t i = 0; i < count; i++) {
		uint32_t p = person_of[i];
		if (p == UINT32_MAX || best[p] != UINT32_MAX) {
			continue;
		}
		shopsetup_vec *ids = &SHOPSETUP_VEC_AT(&report->ambiguous, shopsetup_ambiguity, seen[p] - 1)->ids;
		bool dup = false;
		for (size_t k = 0; k < ids->count && !dup; k++) {
			dup = *SHOPSETUP_VEC_AT(ids, int64_t, k) == accounts[i].id;
		}
		int64_t *id = dup ? NULL : shopsetup_vec_push(ids);
		if (!dup && id == NULL) {
			status = shopsetup_nomem(err);
			goto done;
		}
		if (id != NULL) {
			*id = accounts[i].id;
		}
	}
	plan->stage = SHOPSETUP_STAGE_MATCHED;
done:
	shopsetup_free(best);
	shopsetup_free(seen);
	shopsetup_free(person_of);
	return status;
}

/* Stage 2: usernames of the new accounts. */

shopsetup_status shopsetup_plan_username_prefixes(shopsetup_plan *plan, shopsetup_vec *prefixes, shopsetup_error *err)
{
	if (plan->stage != SHOPSETUP_STAGE_MATCHED) {
		return shopsetup_stage_error(err, "username prefixes", "come after the accounts are matched, before usernames are assigned");
	}
	shopsetup_vec_init(prefixes, sizeof(shopsetup_slice));
	shopsetup_hash distinct;
	shopsetup_buf base = { 0 };
	shopsetup_status status = SHOPSETUP_OK;
	if (!shopsetup_hash_init(&distinct, plan->people.count)) {
		return shopsetup_nomem(err);
	}
	for (size_t p = 0; p < plan->people.count && status == SHOPSETUP_OK; p++) {
		shopsetup_person *person = shopsetup_person_at(plan, p);
		if (person->status != SHOPSETUP_PERSON_NEW) {
			continue;
		}
		base.len = 0;
		bool inserted;
		if (shopsetup_username_base(person->fields[SHOPSETUP_FIELD_FIRSTNAME], person->fields[SHOPSETUP_FIELD_LASTNAME],
				person->fields[SHOPSETUP_FIELD_EMAIL], &base) != SHOPSETUP_OK
			|| !shopsetup_plan_store(plan, base.ptr, base.len, &person->username_base)
			|| !shopsetup_hash_put(&distinct, person->username_base, 0, &inserted, NULL)) {
			status = shopsetup_nomem(err);
			break;
		}
		shopsetup_slice *prefix = inserted ? shopsetup_vec_push(prefixes) : NULL;
		if (inserted && prefix == NULL) {
			status = shopsetup_nomem(err);
			break;
		}
		if (prefix != NULL) {
			*prefix = person->username_base;
		}
	}
	shopsetup_hash_free(&distinct);
	shopsetup_buf_free(&base);
	if (status != SHOPSETUP_OK) {
		shopsetup_vec_free(prefixes);
	}
	return status;
}

shopsetup_status shopsetup_plan_assign_usernames(shopsetup_plan *plan, const shopsetup_slice *taken, size_t count, shopsetup_error *err)
{
	if (plan->stage != SHOPSETUP_STAGE_MATCHED) {
		return shopsetup_stage_error(err, "assign usernames", "comes after the accounts are matched, once");
	}
	for (size_t p = 0; p < plan->people.count; p++) {
		shopsetup_person *person = shopsetup_person_at(plan, p);
		if (person->status == SHOPSETUP_PERSON_NEW && person->username_base.ptr == NULL) {
			return shopsetup_stage_error(err, "assign usernames", "needs the username prefixes first");
		}
	}
	shopsetup_username_pool pool;
	if (!shopsetup_username_pool_init(&pool, count + plan->people.count)) {
		return shopsetup_nomem(err);
	}
	shopsetup_hash_free(&plan->by_username); /* left by an earlier call that failed */
	if (!shopsetup_hash_init(&plan->by_username, plan->people.count)) {
		shopsetup_username_pool_free(&pool);
		return shopsetup_nomem(err);
	}
	shopsetup_status status = SHOPSETUP_OK;
	for (size_t i = 0; i < count; i++) {
		/* usernames are unique case-insensitively under Moodle's default collation */
		shopsetup_slice lower;
		if (!shopsetup_plan_store(plan, taken[i].ptr, taken[i].len, &lower)) {
			status = shopsetup_nomem(err);
			goto done;
		}
		for (size_t k = 0; k < lower.len; k++) {
			((char *) lower.ptr)[k] = shopsetup_ascii_lower(lower.ptr[k]);
		}
		if (!shopsetup_username_pool_take(&pool, lower)) {
			status = shopsetup_nomem(err);
			goto done;
		}
	}
	for (size_t p = 0; p < plan->people.count; p++) {
		shopsetup_person *person = shopsetup_person_at(plan, p);
		if (person->status != SHOPSETUP_PERSON_NEW) {
			continue;
		}
		size_t len;
		const char *name = shopsetup_username_pool_claim(&pool, person->username_base, &len);
		if (name == NULL || !shopsetup_plan_store(plan, name, len, &person->username)
			|| !shopsetup_hash_put(&plan->by_username, person->username, (uint32_t) p, NULL, NULL)) {
			status = shopsetup_nomem(err);
			goto done;
		}
	}
	plan->stage = SHOPSETUP_STAGE_NAMED;
done:
	shopsetup_username_pool_free(&pool);
	return status;
}

shopsetup_status shopsetup_plan_reassign_usernames(shopsetup_plan *plan, const shopsetup_slice *taken, size_t count, shopsetup_error *err)
{
	if (plan->stage != SHOPSETUP_STAGE_NAMED) {
		return shopsetup_stage_error(err, "assign usernames", "can be redone only before the new accounts are written");
	}
	plan->stage = SHOPSETUP_STAGE_MATCHED;
	return shopsetup_plan_assign_usernames(plan, taken, count, err);
}

/* Stage 3: new accounts, their ids and preferences. */

shopsetup_status shopsetup_plan_new_user_rows(const shopsetup_plan *plan, const shopsetup_sink *sink, shopsetup_error *err)
{
	if (plan->stage < SHOPSETUP_STAGE_NAMED) {
		return shopsetup_stage_error(err, "new accounts", "come after the usernames are assigned");
	}
	const shopsetup_facts *f = &plan->facts;
	for (size_t p = 0; p < plan->people.count; p++) {
		const shopsetup_person *person = shopsetup_person_at(plan, p);
		if (person->status != SHOPSETUP_PERSON_NEW) {
			continue;
		}
		/* "to be generated" is what Moodle's own bulk upload stores until cron mails a password. */
		shopsetup_col cols[] = {
			SHOPSETUP_COL_S("auth", f->auth),
			SHOPSETUP_COL_I("confirmed", 1),
			SHOPSETUP_COL_I("mnethostid", f->mnethostid),
			SHOPSETUP_COL_S("username", person->username),
			SHOPSETUP_COL_S("password", SHOPSETUP_SLICE("to be generated")),
			SHOPSETUP_COL_S("firstname", person->fields[SHOPSETUP_FIELD_FIRSTNAME]),
			SHOPSETUP_COL_S("lastname", person->fields[SHOPSETUP_FIELD_LASTNAME]),
			SHOPSETUP_COL_S("email", person->fields[SHOPSETUP_FIELD_EMAIL]),
			SHOPSETUP_COL_S("city", person->fields[SHOPSETUP_FIELD_CITY]),
			SHOPSETUP_COL_S("country", f->country),
			SHOPSETUP_COL_S("lang", f->lang),
			SHOPSETUP_COL_S("institution", person->fields[SHOPSETUP_FIELD_INSTITUTION]),
			SHOPSETUP_COL_S("phone2", person->fields[SHOPSETUP_FIELD_PHONE2]),
			SHOPSETUP_COL_S("calendartype", f->calendartype),
			SHOPSETUP_COL_I("maildisplay", f->maildisplay),
			SHOPSETUP_COL_I("mailformat", f->mailformat),
			SHOPSETUP_COL_I("maildigest", f->maildigest),
			SHOPSETUP_COL_I("autosubscribe", f->autosubscribe),
			SHOPSETUP_COL_I("trackforums", f->trackforums),
			SHOPSETUP_COL_I("timecreated", f->now),
			SHOPSETUP_COL_I("timemodified", f->now),
		};
		if (!sink->row(sink->ctx, "user", cols, SHOPSETUP_COUNT(cols), err)) {
			return err ? err->code : SHOPSETUP_E_DB;
		}
	}
	return SHOPSETUP_OK;
}

shopsetup_status shopsetup_plan_set_user_id(shopsetup_plan *plan, shopsetup_slice username, int64_t id, shopsetup_error *err)
{
	if (plan->stage != SHOPSETUP_STAGE_NAMED) {
		return shopsetup_stage_error(err, "new account ids", "come after the usernames are assigned, once");
	}
	uint32_t p;
	if (!shopsetup_hash_get(&plan->by_username, username, &p)) {
		return shopsetup_error_set(err, SHOPSETUP_E_PLAN_INPUT, 0, username.ptr, username.len, "is not a username of this plan");
	}
	if (id <= 0) {
		return shopsetup_error_set(err, SHOPSETUP_E_PLAN_INPUT, 0, username.ptr, username.len, "user id must be positive");
	}
	shopsetup_person_at(plan, p)->userid = id;
	return SHOPSETUP_OK;
}

shopsetup_status shopsetup_plan_check_users(shopsetup_plan *plan, shopsetup_error *err)
{
	if (plan->stage != SHOPSETUP_STAGE_NAMED) {
		return shopsetup_stage_error(err, "new account ids", "come after the usernames are assigned, once");
	}
	shopsetup_hash_free(&plan->by_userid); /* left by an earlier call that failed */
	if (!shopsetup_hash_init(&plan->by_userid, plan->people.count)) {
		return shopsetup_nomem(err);
	}
	for (size_t p = 0; p < plan->people.count; p++) {
		shopsetup_person *person = shopsetup_person_at(plan, p);
		bool inserted;
		if (person->userid <= 0) {
			return shopsetup_error_set(err, SHOPSETUP_E_PLAN_INPUT, 0, person->username.ptr, person->username.len,
				"new account has no id");
		}
		/* The people vector no longer grows: keys may point into it. */
		if (!shopsetup_hash_put(&plan->by_userid, shopsetup_int_key(&person->userid), (uint32_t) p, &inserted, NULL)) {
			return shopsetup_nomem(err);
		}
		if (!inserted) {
			return shopsetup_error_set(err, SHOPSETUP_E_PLAN_INPUT, 0, "user", 4,
				"user id %lld is given to two people", (long long) person->userid);
		}
	}
	plan->stage = SHOPSETUP_STAGE_USERS;
	return SHOPSETUP_OK;
}

shopsetup_status shopsetup_plan_new_user_preference_rows(const shopsetup_plan *plan, const shopsetup_sink *sink, shopsetup_error *err)
{
	if (plan->stage < SHOPSETUP_STAGE_USERS) {
		return shopsetup_stage_error(err, "new account preferences", "need the ids of the new accounts");
	}
	static const shopsetup_slice names[] = { { "create_password", 15 }, { "auth_forcepasswordchange", 24 } };
	for (size_t p = 0; p < plan->people.count; p++) {
		const shopsetup_person *person = shopsetup_person_at(plan, p);
		if (person->status != SHOPSETUP_PERSON_NEW) {
			continue;
		}
		for (size_t n = 0; n < SHOPSETUP_COUNT(names); n++) {
			shopsetup_col cols[] = {
				SHOPSETUP_COL_I("userid", person->userid),
				SHOPSETUP_COL_S("name", names[n]),
				SHOPSETUP_COL_S("value", SHOPSETUP_SLICE("1")),
			};
			if (!sink->row(sink->ctx, "user_preferences", cols, SHOPSETUP_COUNT(cols), err)) {
				return err ? err->code : SHOPSETUP_E_DB;
			}
		}
	}
	return SHOPSETUP_OK;
}

size_t shopsetup_plan_user_ids(const shopsetup_plan *plan, int64_t *out)
{
	size_t n = 0;
	bool operator_seen = false;
	for (size_t p = 0; p < plan->people.count; p++) {
		int64_t id = shopsetup_person_at(plan, p)->userid;
		operator_seen = operator_seen || id == plan->facts.operatorid;
		out[n++] = id;
	}
	if (!operator_seen) {
		out[n++] = plan->facts.operatorid;
	}
	return n;
}

/* Stage 4: enrolments. An existing enrolment is widened, never narrowed: 0 means open-ended. */

static void shopsetup_widen(int64_t *start, int64_t *end, int64_t start2, int64_t end2)
{
	*start = (*start == 0 || start2 == 0) ? 0 : (*start < start2 ? *start : start2);
	*end = (*end == 0 || end2 == 0) ? 0 : (*end > end2 ? *end : end2);
}

size_t shopsetup_plan_enrolees(const shopsetup_plan *plan, int64_t *out)
{
	size_t n = shopsetup_plan_user_ids(plan, out);
	if (!plan->facts.enroloperator && n > plan->people.count) {
		n--;
	}
	return n;
}

static shopsetup_status shopsetup_plan_record_enrolment(shopsetup_plan *plan, int64_t userid, int64_t ueid, shopsetup_error *err);

shopsetup_status shopsetup_plan_enrolment_changes(shopsetup_plan *plan, const shopsetup_enrolment *existing, size_t count,
	const shopsetup_sink *inserts, const shopsetup_sink *updates, shopsetup_change_count *counts, shopsetup_error *err)
{
	if (plan->stage != SHOPSETUP_STAGE_USERS) {
		return shopsetup_stage_error(err, "enrolments", "need every participant's user id, and are changed once");
	}
	const shopsetup_facts *f = &plan->facts;
	memset(counts, 0, sizeof(*counts));
	int64_t *users = shopsetup_malloc((plan->people.count + 1) * sizeof(int64_t));
	shopsetup_hash by_user;
	if (users == NULL || !shopsetup_hash_init(&by_user, count)) {
		shopsetup_free(users);
		return shopsetup_nomem(err);
	}
	shopsetup_status status = SHOPSETUP_OK;
	for (size_t i = 0; i < count; i++) {
		if (!shopsetup_hash_put(&by_user, shopsetup_int_key(&existing[i].userid), (uint32_t) i, NULL, NULL)) {
			status = shopsetup_nomem(err);
			goto done;
		}
	}
	size_t n = shopsetup_plan_enrolees(plan, users);
	for (size_t u = 0; u < n; u++) {
		uint32_t e;
		if (shopsetup_hash_get(&by_user, shopsetup_int_key(&users[u]), &e)) {
			const shopsetup_enrolment *current = &existing[e];
			int64_t start = current->timestart, end = current->timeend;
			shopsetup_widen(&start, &end, f->timestart, f->timeend);
			if ((status = shopsetup_plan_record_enrolment(plan, users[u], current->id, err)) != SHOPSETUP_OK) {
				goto done;
			}
			if (current->status == SHOPSETUP_ENROL_USER_ACTIVE && start == current->timestart && end == current->timeend) {
				counts->unchanged++;
				continue;
			}
			shopsetup_col cols[] = {
				SHOPSETUP_COL_I("id", current->id),
				SHOPSETUP_COL_I("userid", users[u]),
				SHOPSETUP_COL_I("status", SHOPSETUP_ENROL_USER_ACTIVE),
				SHOPSETUP_COL_I("timestart", start),
				SHOPSETUP_COL_I("timeend", end),
				SHOPSETUP_COL_I("modifierid", f->modifierid),
				SHOPSETUP_COL_I("timemodified", f->now),
			};
			counts->updated++;
			if (!updates->row(updates->ctx, "user_enrolments", cols, SHOPSETUP_COUNT(cols), err)) {
				status = err ? err->code : SHOPSETUP_E_DB;
				goto done;
			}
			continue;
		}
		shopsetup_col cols[] = {
			SHOPSETUP_COL_I("status", SHOPSETUP_ENROL_USER_ACTIVE),
			SHOPSETUP_COL_I("enrolid", f->enrolid),
			SHOPSETUP_COL_I("userid", users[u]),
			SHOPSETUP_COL_I("timestart", f->timestart),
			SHOPSETUP_COL_I("timeend", f->timeend),
			SHOPSETUP_COL_I("modifierid", f->modifierid),
			SHOPSETUP_COL_I("timecreated", f->now),
			SHOPSETUP_COL_I("timemodified", f->now),
		};
		counts->inserted++;
		if (!inserts->row(inserts->ctx, "user_enrolments", cols, SHOPSETUP_COUNT(cols), err)) {
			status = err ? err->code : SHOPSETUP_E_DB;
			goto done;
		}
	}
	plan->stage = SHOPSETUP_STAGE_CHANGED;
done:
	shopsetup_hash_free(&by_user);
	shopsetup_free(users);
	return status;
}

shopsetup_status shopsetup_plan_set_enrolment_id(shopsetup_plan *plan, int64_t userid, int64_t ueid, shopsetup_error *err)
{
	if (plan->stage != SHOPSETUP_STAGE_CHANGED) {
		return shopsetup_stage_error(err, "enrolment ids", "come after the enrolment changes, once");
	}
	return shopsetup_plan_record_enrolment(plan, userid, ueid, err);
}

static shopsetup_status shopsetup_plan_record_enrolment(shopsetup_plan *plan, int64_t userid, int64_t ueid, shopsetup_error *err)
{
	if (ueid <= 0) {
		return shopsetup_error_set(err, SHOPSETUP_E_PLAN_INPUT, 0, "user_enrolments", 15, "id must be positive");
	}
	uint32_t p;
	bool found = shopsetup_hash_get(&plan->by_userid, shopsetup_int_key(&userid), &p);
	if (found) {
		shopsetup_person_at(plan, p)->ueid = ueid;
	}
	if (userid == plan->facts.operatorid && plan->facts.enroloperator) {
		plan->operator_ueid = ueid;
		found = true;
	}
	if (!found) {
		return shopsetup_error_set(err, SHOPSETUP_E_PLAN_INPUT, 0, "user_enrolments", 15,
			"user %lld is not enrolled by this plan", (long long) userid);
	}
	return SHOPSETUP_OK;
}

bool shopsetup_plan_has_enrolment_id(const shopsetup_plan *plan, int64_t userid)
{
	uint32_t p;
	if (shopsetup_hash_get(&plan->by_userid, shopsetup_int_key(&userid), &p)) {
		return shopsetup_person_at(plan, p)->ueid > 0;
	}
	return userid == plan->facts.operatorid && plan->operator_ueid > 0;
}

shopsetup_status shopsetup_plan_check_enrolments(shopsetup_plan *plan, shopsetup_error *err)
{
	if (plan->stage != SHOPSETUP_STAGE_CHANGED) {
		return shopsetup_stage_error(err, "enrolment ids", "come after the enrolment changes, once");
	}
	for (size_t p = 0; p < plan->people.count; p++) {
		const shopsetup_person *person = shopsetup_person_at(plan, p);
		if (person->ueid <= 0) {
			return shopsetup_error_set(err, SHOPSETUP_E_PLAN_INPUT, 0, "user_enrolments", 15,
				"no enrolment id for user %lld", (long long) person->userid);
		}
	}
	if (plan->facts.enroloperator && plan->operator_ueid <= 0) {
		return shopsetup_error_set(err, SHOPSETUP_E_PLAN_INPUT, 0, "user_enrolments", 15,
			"no enrolment id for the operator (user %lld)", (long long) plan->facts.operatorid);
	}
	plan->stage = SHOPSETUP_STAGE_ENROLLED;
	return SHOPSETUP_OK;
}

/* Stage 5: roles, user contexts, the group. */

shopsetup_status shopsetup_plan_user_context_rows(const shopsetup_plan *plan, const int64_t *existing, size_t count,
	const shopsetup_sink *sink, shopsetup_error *err)
{
	if (plan->stage < SHOPSETUP_STAGE_USERS) {
		return shopsetup_stage_error(err, "user contexts", "need every participant's user id");
	}
	shopsetup_hash have;
	if (!shopsetup_hash_init(&have, count)) {
		return shopsetup_nomem(err);
	}
	shopsetup_status status = SHOPSETUP_OK;
	for (size_t i = 0; i < count && status == SHOPSETUP_OK; i++) {
		if (!shopsetup_hash_put(&have, shopsetup_int_key(&existing[i]), 0, NULL, NULL)) {
			status = shopsetup_nomem(err);
		}
	}
	for (size_t p = 0; p < plan->people.count && status == SHOPSETUP_OK; p++) {
		const shopsetup_person *person = shopsetup_person_at(plan, p);
		bool inserted;
		/* also keeps one row per user */
		if (!shopsetup_hash_put(&have, shopsetup_int_key(&person->userid), 0, &inserted, NULL)) {
			status = shopsetup_nomem(err);
			break;
		}
		if (!inserted) {
			continue;
		}
		shopsetup_col cols[] = {
			SHOPSETUP_COL_I("contextlevel", SHOPSETUP_CONTEXTLEVEL_USER),
			SHOPSETUP_COL_I("instanceid", person->userid),
			SHOPSETUP_COL_I("depth", 2),
			SHOPSETUP_COL_I("locked", 0),
		};
		if (!sink->row(sink->ctx, "context", cols, SHOPSETUP_COUNT(cols), err)) {
			status = err ? err->code : SHOPSETUP_E_DB;
		}
	}
	shopsetup_hash_free(&have);
	return status;
}

shopsetup_status shopsetup_plan_set_user_context(shopsetup_plan *plan, int64_t userid, int64_t contextid, shopsetup_error *err)
{
	if (plan->stage < SHOPSETUP_STAGE_USERS) {
		return shopsetup_stage_error(err, "role assignments", "need every participant's user id");
	}
	if (contextid <= 0) {
		return shopsetup_error_set(err, SHOPSETUP_E_PLAN_INPUT, 0, "context", 7, "id must be positive");
	}
	uint32_t p;
	if (shopsetup_hash_get(&plan->by_userid, shopsetup_int_key(&userid), &p)) {
		shopsetup_person_at(plan, p)->contextid = contextid;
	}
	return SHOPSETUP_OK;
}

static shopsetup_slice shopsetup_ra_key(const shopsetup_role_assignment *ra)
{
	return (shopsetup_slice){ (const char *) ra, sizeof(*ra) };
}

shopsetup_status shopsetup_plan_role_assignment_rows(const shopsetup_plan *plan, const shopsetup_role_assignment *existing,
	size_t count, const shopsetup_sink *sink, shopsetup_error *err)
{
	if (plan->stage != SHOPSETUP_STAGE_ENROLLED) {
		return shopsetup_stage_error(err, "role assignments", "come after every enrolment has its id");
	}
	const shopsetup_facts *f = &plan->facts;
	size_t max = plan->assignments.count + 2 * plan->people.count + 1;
	shopsetup_role_assignment *wanted = shopsetup_malloc(max * sizeof(*wanted));
	shopsetup_hash seen;
	if (wanted == NULL || !shopsetup_hash_init(&seen, count + max)) {
		shopsetup_free(wanted);
		return shopsetup_nomem(err);
	}
	shopsetup_status status = SHOPSETUP_OK;
	size_t n = 0;
	for (size_t a = 0; a < plan->assignments.count; a++) {
		const shopsetup_assignment *assignment = SHOPSETUP_VEC_AT(&plan->assignments, shopsetup_assignment, a);
		wanted[n++] = (shopsetup_role_assignment){ f->coursecontextid,
			SHOPSETUP_VEC_AT(&plan->buckets, shopsetup_bucket, assignment->bucket)->roleid,
			shopsetup_person_at(plan, assignment->person)->userid };
	}
	if (f->enroloperator) {
		wanted[n++] = (shopsetup_role_assignment){ f->coursecontextid, f->supervisorroleid, f->operatorid };
	}
	for (size_t p = 0; p < plan->people.count; p++) {
		const shopsetup_person *person = shopsetup_person_at(plan, p);
		if (person->userid == f->operatorid) {
			continue;
		}
		if (person->contextid <= 0) {
			status = shopsetup_error_set(err, SHOPSETUP_E_PLAN_INPUT, 0, "userContextIds", 14,
				"no user context for user %lld", (long long) person->userid);
			goto done;
		}
		if (!shopsetup_plan_supervises(plan, person)) {
			continue;
		}
		wanted[n++] = (shopsetup_role_assignment){ person->contextid, f->crossroleid > 0 ? f->crossroleid : f->supervisorroleid,
			f->operatorid };
		if (f->mirrorroleid > 0) {
			wanted[n++] = (shopsetup_role_assignment){ f->operatorcontextid, f->mirrorroleid, person->userid };
		}
	}
	for (size_t i = 0; i < count; i++) {
		if (!shopsetup_hash_put(&seen, shopsetup_ra_key(&existing[i]), 0, NULL, NULL)) {
			status = shopsetup_nomem(err);
			goto done;
		}
	}
	for (size_t i = 0; i < n; i++) {
		bool inserted;
		if (!shopsetup_hash_put(&seen, shopsetup_ra_key(&wanted[i]), 0, &inserted, NULL)) {
			status = shopsetup_nomem(err);
			goto done;
		}
		if (!inserted) {
			continue;
		}
		shopsetup_col cols[] = {
			SHOPSETUP_COL_I("roleid", wanted[i].roleid),
			SHOPSETUP_COL_I("contextid", wanted[i].contextid),
			SHOPSETUP_COL_I("userid", wanted[i].userid),
			SHOPSETUP_COL_I("timemodified", f->now),
			SHOPSETUP_COL_I("modifierid", f->modifierid),
			SHOPSETUP_COL_S("component", SHOPSETUP_SLICE("")),
			SHOPSETUP_COL_I("itemid", 0),
			SHOPSETUP_COL_I("sortorder", 0),
		};
		if (!sink->row(sink->ctx, "role_assignments", cols, SHOPSETUP_COUNT(cols), err)) {
			status = err ? err->code : SHOPSETUP_E_DB;
			goto done;
		}
	}
done:
	shopsetup_hash_free(&seen);
	shopsetup_free(wanted);
	return status;
}

shopsetup_status shopsetup_plan_group_member_rows(const shopsetup_plan *plan, int64_t groupid, const int64_t *existing,
	size_t count, const shopsetup_sink *sink, shopsetup_error *err)
{
	if (plan->stage < SHOPSETUP_STAGE_USERS) {
		return shopsetup_stage_error(err, "group members", "need every participant's user id");
	}
	if (groupid <= 0) {
		return shopsetup_error_set(err, SHOPSETUP_E_PLAN_INPUT, 0, "groupid", 7, "must be positive");
	}
	int64_t *users = shopsetup_malloc((plan->people.count + 1) * sizeof(int64_t));
	shopsetup_hash seen;
	if (users == NULL || !shopsetup_hash_init(&seen, count + plan->people.count + 1)) {
		shopsetup_free(users);
		return shopsetup_nomem(err);
	}
	shopsetup_status status = SHOPSETUP_OK;
	for (size_t i = 0; i < count && status == SHOPSETUP_OK; i++) {
		if (!shopsetup_hash_put(&seen, shopsetup_int_key(&existing[i]), 0, NULL, NULL)) {
			status = shopsetup_nomem(err);
		}
	}
	size_t n = shopsetup_plan_enrolees(plan, users);
	for (size_t u = 0; u < n && status == SHOPSETUP_OK; u++) {
		bool inserted;
		if (!shopsetup_hash_put(&seen, shopsetup_int_key(&users[u]), 0, &inserted, NULL)) {
			status = shopsetup_nomem(err);
			break;
		}
		if (!inserted) {
			continue;
		}
		shopsetup_col cols[] = {
			SHOPSETUP_COL_I("groupid", groupid),
			SHOPSETUP_COL_I("userid", users[u]),
			SHOPSETUP_COL_I("timeadded", plan->facts.now),
			SHOPSETUP_COL_S("component", SHOPSETUP_SLICE("")),
			SHOPSETUP_COL_I("itemid", 0),
		};
		if (!sink->row(sink->ctx, "groups_members", cols, SHOPSETUP_COUNT(cols), err)) {
			status = err ? err->code : SHOPSETUP_E_DB;
		}
	}
	shopsetup_hash_free(&seen);
	shopsetup_free(users);
	return status;
}

shopsetup_status shopsetup_plan_group_row(const shopsetup_plan *plan, const shopsetup_sink *sink, shopsetup_error *err)
{
	const shopsetup_facts *f = &plan->facts;
	shopsetup_col cols[] = {
		SHOPSETUP_COL_I("courseid", f->courseid),
		SHOPSETUP_COL_S("idnumber", f->groupidnumber),
		SHOPSETUP_COL_S("name", f->groupname),
		SHOPSETUP_COL_S("description", f->groupdescription),
		SHOPSETUP_COL_I("descriptionformat", SHOPSETUP_FORMAT_HTML),
		SHOPSETUP_COL_I("timecreated", f->now),
		SHOPSETUP_COL_I("timemodified", f->now),
	};
	if (!sink->row(sink->ctx, "groups", cols, SHOPSETUP_COUNT(cols), err)) {
		return err ? err->code : SHOPSETUP_E_DB;
	}
	return SHOPSETUP_OK;
}

/* Stage 6: one product per seat, with a reference derived from the seat so that a re-run finds it. */

#define SHOPSETUP_REFERENCE_LEN 19 /* XXXX-XXXX-XXXX-XXCC */

static uint64_t shopsetup_reference_hash(const char *ids, size_t len, shopsetup_slice bucket)
{
	return shopsetup_hash_final(shopsetup_hash_update(shopsetup_hash_update(SHOPSETUP_HASH_START, ids, len), bucket.ptr, bucket.len));
}

static void shopsetup_product_reference(int64_t billitemid, int64_t userid, shopsetup_slice bucket, char out[SHOPSETUP_REFERENCE_LEN + 1])
{
	static const char digits[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
	/* "billitemid:userid:bucket", the bucket name whole, hashed twice (the second time with its first byte flipped) */
	char ids[2 * 21 + 3];
	size_t len = (size_t) snprintf(ids, sizeof(ids), "%lld:%lld:", (long long) billitemid, (long long) userid);
	uint64_t h1 = shopsetup_reference_hash(ids, len, bucket);
	ids[0] ^= 0x5a;
	uint64_t h2 = shopsetup_reference_hash(ids, len, bucket);
	char body[14];
	for (int i = 0; i < 14; i++) {
		uint64_t *h = i < 7 ? &h1 : &h2;
		body[i] = digits[*h % 36];
		*h /= 36;
	}
	unsigned sum = 0;
	for (int i = 0; i < 14; i++) {
		sum += (unsigned char) body[i];
	}
	int o = 0;
	for (int i = 0; i < 14; i++) {
		if (i > 0 && i % 4 == 0) {
			out[o++] = '-';
		}
		out[o++] = body[i];
	}
	out[o++] = digits[sum % 36];
	out[o++] = digits[(sum / 36) % 36];
	out[o] = '\0';
}

static bool shopsetup_urlencode(shopsetup_buf *buf, shopsetup_slice value)
{
	static const char hex[] = "0123456789ABCDEF";
	for (size_t i = 0; i < value.len; i++) {
		unsigned char c = (unsigned char) value.ptr[i];
		bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
			|| c == '-' || c == '_' || c == '.' || c == '~';
		char escaped[3] = { '%', hex[c >> 4], hex[c & 15] };
		if (!(plain ? shopsetup_buf_appendc(buf, (char) c) : shopsetup_buf_append(buf, escaped, 3))) {
			return false;
		}
	}
	return true;
}

shopsetup_status shopsetup_plan_product_rows(const shopsetup_plan *plan, const shopsetup_slice *existing, size_t count,
	const shopsetup_sink *sink, shopsetup_error *err)
{
	if (plan->stage != SHOPSETUP_STAGE_ENROLLED) {
		return shopsetup_stage_error(err, "products", "come after every enrolment has its id");
	}
	const shopsetup_facts *f = &plan->facts;
	shopsetup_hash seen;
	shopsetup_buf data = { 0 };
	if (!shopsetup_hash_init(&seen, count)) {
		return shopsetup_nomem(err);
	}
	shopsetup_status status = SHOPSETUP_OK;
	for (size_t i = 0; i < count && status == SHOPSETUP_OK; i++) {
		if (!shopsetup_hash_put(&seen, existing[i], 0, NULL, NULL)) {
			status = shopsetup_nomem(err);
		}
	}
	for (size_t a = 0; a < plan->assignments.count && status == SHOPSETUP_OK; a++) {
		const shopsetup_assignment *assignment = SHOPSETUP_VEC_AT(&plan->assignments, shopsetup_assignment, a);
		const shopsetup_person *person = shopsetup_person_at(plan, assignment->person);
		const shopsetup_bucket *bucket = SHOPSETUP_VEC_AT(&plan->buckets, shopsetup_bucket, assignment->bucket);
		char reference[SHOPSETUP_REFERENCE_LEN + 1];
		shopsetup_product_reference(f->billitemid, person->userid, bucket->name, reference);
		if (shopsetup_hash_get(&seen, (shopsetup_slice){ reference, SHOPSETUP_REFERENCE_LEN }, NULL)) {
			continue;
		}
		data.len = 0;
		if (!shopsetup_buf_append(&data, "courseid=", 9) || !shopsetup_buf_append_int(&data, f->courseid)
			|| !shopsetup_buf_append(&data, "&handler=", 9)
			|| !shopsetup_urlencode(&data, f->handler)
			|| !shopsetup_buf_append(&data, "&coursename=", 12) || !shopsetup_urlencode(&data, f->coursename)
			|| !shopsetup_buf_append(&data, "&userid=", 8) || !shopsetup_buf_append_int(&data, person->userid)
			|| !shopsetup_buf_append(&data, "&starttime=", 11) || !shopsetup_buf_append_int(&data, f->timestart)
			|| !shopsetup_buf_append(&data, "&endtime=", 9) || !shopsetup_buf_append_int(&data, f->timeend)
			|| !shopsetup_buf_append(&data, "&roleid=", 8) || !shopsetup_buf_append_int(&data, bucket->roleid)
			|| !shopsetup_buf_append(&data, "&bucket=", 8)
			|| !shopsetup_urlencode(&data, bucket->name)
			/* whether this order created the account (the seats pages say so) */
			|| !shopsetup_buf_append(&data, person->status == SHOPSETUP_PERSON_NEW ? "&created=1" : "&created=0", 10)) {
			status = shopsetup_nomem(err);
			break;
		}
		shopsetup_col cols[] = {
			SHOPSETUP_COL_I("catalogitemid", f->catalogitemid),
			SHOPSETUP_COL_I("initialbillitemid", f->billitemid),
			SHOPSETUP_COL_I("currentbillitemid", f->billitemid),
			SHOPSETUP_COL_I("customerid", f->customerid),
			SHOPSETUP_COL_S("contexttype", SHOPSETUP_SLICE("userenrol")),
			SHOPSETUP_COL_I("instanceid", person->ueid),
			SHOPSETUP_COL_I("startdate", f->timestart),
			SHOPSETUP_COL_I("enddate", f->timeend),
			SHOPSETUP_COL_S("reference", ((shopsetup_slice){ reference, SHOPSETUP_REFERENCE_LEN })),
			SHOPSETUP_COL_S("productiondata", ((shopsetup_slice){ data.ptr, data.len })),
			SHOPSETUP_COL_S("extradata", SHOPSETUP_SLICE("")),
			SHOPSETUP_COL_I("deleted", 0),
			SHOPSETUP_COL_I("test", f->test ? 1 : 0),
		};
		if (!sink->row(sink->ctx, "local_shop_product", cols, SHOPSETUP_COUNT(cols), err)) {
			status = err ? err->code : SHOPSETUP_E_DB;
		}
	}
	shopsetup_hash_free(&seen);
	shopsetup_buf_free(&data);
	return status;
}

shopsetup_status shopsetup_plan_product_event_rows(const shopsetup_plan *plan, const shopsetup_product_ref *products,
	size_t count, const shopsetup_sink *sink, shopsetup_error *err)
{
	if (plan->stage != SHOPSETUP_STAGE_ENROLLED) {
		return shopsetup_stage_error(err, "product events", "come after every enrolment has its id");
	}
	for (size_t i = 0; i < count; i++) {
		if (products[i].id <= 0) {
			return shopsetup_error_set(err, SHOPSETUP_E_PLAN_INPUT, 0, products[i].reference.ptr, products[i].reference.len,
				"product id must be positive");
		}
		shopsetup_col cols[] = {
			SHOPSETUP_COL_I("productid", products[i].id),
			SHOPSETUP_COL_I("billitemid", plan->facts.billitemid),
			SHOPSETUP_COL_S("eventtype", SHOPSETUP_SLICE("billed")),
			SHOPSETUP_COL_S("eventdata", SHOPSETUP_SLICE("")),
			SHOPSETUP_COL_I("datecreated", plan->facts.now),
		};
		if (!sink->row(sink->ctx, "local_shop_productevent", cols, SHOPSETUP_COUNT(cols), err)) {
			return err ? err->code : SHOPSETUP_E_DB;
		}
	}
	return SHOPSETUP_OK;
}
