/*
 * libFuzzer harness: the roster and the plan stages (ext_src/shopsetup_roster.c,
 * ext_src/shopsetup_plan.c), driven like ShopSetup\Plan and the MySQL executor drive them.
 *
 * The input builds a plan (facts as the glue checks them, superviseexisting and privileged ids,
 * buckets, participants, seats), then
 * either walks the stages in order (the executor's path) or calls them in the order the input
 * says (PHP code may call the methods in any order), answering every database question with
 * rows derived from the input: accounts found by email, taken usernames, new ids, existing
 * enrolments, user contexts, role assignments, group members and product references. Rows go
 * to a sink that reads every column and, when the input says so, fails like a database would.
 *
 * Checked: every stage either succeeds or returns a status with the error filled; after
 * setNewUserIds every participant has a distinct positive id; enrolment counts add up to the
 * enrolees; a product reference is XXXX-XXXX-XXXX-XXCC; asking for products again with the
 * references just produced yields none (a re-run adds none); the operator's cross roles go only to
 * the people shopsetup_plan_supervises() accepts.
 */
#include "shopsetup_fuzz.h"
#include "shopsetup_plan.h"
#include "shopsetup_text.h"

#define SHOPSETUP_FUZZ_MAX_PEOPLE 48
#define SHOPSETUP_FUZZ_MAX_ROWS 256

typedef struct {
	shopsetup_pool strings;   /* strings the harness makes up, alive for one input */
	size_t rows;              /* rows sunk so far */
	size_t fail_at;           /* the sink refuses this row (0: never) */
	size_t product_rows;      /* rows of the last product call */
	int64_t keys[SHOPSETUP_FUZZ_MAX_ROWS][3]; /* the rows of the current call, by their unique key */
	size_t nkeys;
	bool keys_lost;
	shopsetup_slice refs[SHOPSETUP_FUZZ_MAX_ROWS];
	size_t nrefs;
} shopsetup_fuzz_plan_ctx;

static int64_t shopsetup_fuzz_col_int(const shopsetup_col *cols, size_t ncols, const char *name)
{
	for (size_t i = 0; i < ncols; i++) {
		if (cols[i].type == SHOPSETUP_COL_INT && strcmp(cols[i].name, name) == 0) {
			return cols[i].i;
		}
	}
	SHOPSETUP_FUZZ_CHECK(false, "no int column %s", name);
	return 0;
}

/* One row per key and call: a user's context, enrolment, group membership, role assignment. */
static void shopsetup_fuzz_plan_key(shopsetup_fuzz_plan_ctx *ctx, const char *table, const shopsetup_col *cols, size_t ncols)
{
	int64_t key[3] = { 0, 0, 0 };
	if (strcmp(table, "context") == 0) {
		key[0] = shopsetup_fuzz_col_int(cols, ncols, "instanceid");
	} else if (strcmp(table, "user_enrolments") == 0 || strcmp(table, "groups_members") == 0) {
		key[0] = shopsetup_fuzz_col_int(cols, ncols, "userid");
	} else if (strcmp(table, "role_assignments") == 0) {
		key[0] = shopsetup_fuzz_col_int(cols, ncols, "contextid");
		key[1] = shopsetup_fuzz_col_int(cols, ncols, "roleid");
		key[2] = shopsetup_fuzz_col_int(cols, ncols, "userid");
	} else {
		return;
	}
	for (size_t i = 0; i < ctx->nkeys; i++) {
		SHOPSETUP_FUZZ_CHECK(memcmp(ctx->keys[i], key, sizeof(key)) != 0, "two %s rows for (%lld, %lld, %lld)", table,
			(long long) key[0], (long long) key[1], (long long) key[2]);
	}
	if (ctx->nkeys < SHOPSETUP_FUZZ_MAX_ROWS) {
		memcpy(ctx->keys[ctx->nkeys++], key, sizeof(key));
	} else {
		ctx->keys_lost = true;
	}
}

/* True when a row of this call had that key. */
static bool shopsetup_fuzz_plan_emitted(const shopsetup_fuzz_plan_ctx *ctx, int64_t a, int64_t b, int64_t c)
{
	int64_t key[3] = { a, b, c };
	for (size_t i = 0; i < ctx->nkeys; i++) {
		if (memcmp(ctx->keys[i], key, sizeof(key)) == 0) {
			return true;
		}
	}
	return false;
}

static bool shopsetup_fuzz_plan_row(void *ctx_ptr, const char *table, const shopsetup_col *cols, size_t ncols,
	shopsetup_error *err)
{
	shopsetup_fuzz_plan_ctx *ctx = ctx_ptr;
	SHOPSETUP_FUZZ_CHECK(table != NULL && ncols > 0 && cols != NULL, "bad row");
	bool product = strcmp(table, "local_shop_product") == 0;
	for (size_t i = 0; i < ncols; i++) {
		SHOPSETUP_FUZZ_CHECK(cols[i].name != NULL && cols[i].name[0] != '\0', "column %zu of %s has no name", i, table);
		SHOPSETUP_FUZZ_CHECK(cols[i].type == SHOPSETUP_COL_INT || cols[i].type == SHOPSETUP_COL_STR, "column type");
		if (cols[i].type == SHOPSETUP_COL_STR) {
			SHOPSETUP_FUZZ_CHECK(cols[i].s.ptr != NULL || cols[i].s.len == 0, "column %s.%s: NULL pointer", table, cols[i].name);
			shopsetup_fuzz_touch(cols[i].s);
		}
		if (product && strcmp(cols[i].name, "reference") == 0) {
			shopsetup_slice ref = cols[i].s;
			SHOPSETUP_FUZZ_CHECK(ref.len == 19, "reference of %zu bytes", ref.len);
			for (size_t k = 0; k < ref.len; k++) {
				char c = ref.ptr[k];
				bool dash = k == 4 || k == 9 || k == 14;
				SHOPSETUP_FUZZ_CHECK(dash ? c == '-' : ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z')),
					"reference %.19s", ref.ptr);
			}
			if (ctx->nrefs < SHOPSETUP_FUZZ_MAX_ROWS) {
				const char *copy = shopsetup_pool_dup(&ctx->strings, ref.ptr, ref.len);
				SHOPSETUP_FUZZ_CHECK(copy != NULL, "out of memory");
				ctx->refs[ctx->nrefs++] = (shopsetup_slice){ copy, ref.len };
			}
		}
	}
	shopsetup_fuzz_plan_key(ctx, table, cols, ncols);
	if (product) {
		ctx->product_rows++;
	}
	if (++ctx->rows == ctx->fail_at) {
		shopsetup_error_set(err, SHOPSETUP_E_DB, 0, table, strlen(table), "the sink refused row %zu", ctx->rows);
		return false;
	}
	return true;
}

/* Updates of existing enrolments: widened, never narrowed, always active. */
typedef struct {
	shopsetup_fuzz_plan_ctx *ctx;
	const shopsetup_enrolment *existing;
	size_t count;
} shopsetup_fuzz_update_ctx;

static bool shopsetup_fuzz_plan_update_row(void *ctx_ptr, const char *table, const shopsetup_col *cols, size_t ncols,
	shopsetup_error *err)
{
	shopsetup_fuzz_update_ctx *u = ctx_ptr;
	int64_t id = shopsetup_fuzz_col_int(cols, ncols, "id"), userid = shopsetup_fuzz_col_int(cols, ncols, "userid");
	int64_t start = shopsetup_fuzz_col_int(cols, ncols, "timestart"), end = shopsetup_fuzz_col_int(cols, ncols, "timeend");
	const shopsetup_enrolment *ex = NULL;
	for (size_t i = 0; i < u->count && ex == NULL; i++) {
		if (u->existing[i].id == id && u->existing[i].userid == userid) {
			ex = &u->existing[i];
		}
	}
	SHOPSETUP_FUZZ_CHECK(ex != NULL, "update of an enrolment (%lld, user %lld) that is not there", (long long) id, (long long) userid);
	SHOPSETUP_FUZZ_CHECK(shopsetup_fuzz_col_int(cols, ncols, "status") == 0, "update leaves the enrolment inactive");
	SHOPSETUP_FUZZ_CHECK(ex->timestart == 0 ? start == 0 : (start == 0 || start <= ex->timestart),
		"start narrowed from %lld to %lld", (long long) ex->timestart, (long long) start);
	SHOPSETUP_FUZZ_CHECK(ex->timeend == 0 ? end == 0 : (end == 0 || end >= ex->timeend),
		"end narrowed from %lld to %lld", (long long) ex->timeend, (long long) end);
	return shopsetup_fuzz_plan_row(u->ctx, table, cols, ncols, err);
}

/* A non-negative int64, as the glue accepts for int facts. */
static int64_t shopsetup_fuzz_nonneg(shopsetup_fuzz_reader *r)
{
	int64_t v = shopsetup_fuzz_i64(r);
	return v < 0 ? (v == INT64_MIN ? 0 : -v) : v;
}

/* Strings: the input's bytes or, often, one of a few made-up shapes that reach further. */
static shopsetup_slice shopsetup_fuzz_email(shopsetup_fuzz_plan_ctx *ctx, shopsetup_fuzz_reader *r)
{
	uint8_t shape = shopsetup_fuzz_u8(r);
	if ((shape & 3) == 3) {
		return shopsetup_fuzz_bytes(r, 120);
	}
	static const char *const domains[] = { "example.com", "EXAMPLE.org", "x.co", "[127.0.0.1]" };
	char buf[64];
	int len = snprintf(buf, sizeof(buf), "%s%s%u@%s", (shape & 4) ? " " : "", (shape & 8) ? "User" : "user",
		(unsigned) (shape >> 4) & 7, domains[(shape >> 2) & 3]);
	const char *copy = shopsetup_pool_dup(&ctx->strings, buf, (size_t) len);
	SHOPSETUP_FUZZ_CHECK(copy != NULL, "out of memory");
	return (shopsetup_slice){ copy, (size_t) len };
}

static shopsetup_slice shopsetup_fuzz_changecase(shopsetup_fuzz_plan_ctx *ctx, shopsetup_slice s, uint8_t how)
{
	char *copy = (char *) shopsetup_pool_dup(&ctx->strings, s.ptr, s.len);
	SHOPSETUP_FUZZ_CHECK(copy != NULL, "out of memory");
	for (size_t i = 0; i < s.len; i++) {
		if ((how >> (i & 7)) & 1 && copy[i] >= 'a' && copy[i] <= 'z') {
			copy[i] = (char) (copy[i] - 32);
		}
	}
	return (shopsetup_slice){ copy, s.len };
}

/* An id that is usually one of the plan's own users, sometimes any value. */
static int64_t shopsetup_fuzz_user_id(const shopsetup_plan *plan, shopsetup_fuzz_reader *r)
{
	uint8_t pick = shopsetup_fuzz_u8(r);
	if (pick < 200 && plan->people.count > 0) {
		return SHOPSETUP_VEC_AT(&plan->people, shopsetup_person, pick % plan->people.count)->userid;
	}
	if (pick < 230) {
		return plan->facts.operatorid;
	}
	return shopsetup_fuzz_i64(r);
}


/* Every stage call: SHOPSETUP_OK, or a status that is also in err. */
static shopsetup_status shopsetup_fuzz_expect(shopsetup_status status, const shopsetup_error *err, const char *step)
{
	SHOPSETUP_FUZZ_CHECK(status == SHOPSETUP_OK || status == err->code, "%s: status %d, err.code %d", step, status, err->code);
	SHOPSETUP_FUZZ_CHECK(memchr(err->subject, '\0', sizeof(err->subject)) != NULL
		&& memchr(err->detail, '\0', sizeof(err->detail)) != NULL, "%s: error strings not terminated", step);
	return status;
}

enum {
	SHOPSETUP_FUZZ_OP_MATCH,
	SHOPSETUP_FUZZ_OP_PREFIXES,
	SHOPSETUP_FUZZ_OP_ASSIGN,
	SHOPSETUP_FUZZ_OP_USER_ROWS,
	SHOPSETUP_FUZZ_OP_USER_IDS,
	SHOPSETUP_FUZZ_OP_PREFERENCES,
	SHOPSETUP_FUZZ_OP_ENROLMENTS,
	SHOPSETUP_FUZZ_OP_ENROLMENT_IDS,
	SHOPSETUP_FUZZ_OP_CONTEXTS,
	SHOPSETUP_FUZZ_OP_ROLES,
	SHOPSETUP_FUZZ_OP_MEMBERS,
	SHOPSETUP_FUZZ_OP_GROUP,
	SHOPSETUP_FUZZ_OP_PRODUCTS,
	SHOPSETUP_FUZZ_OP_EVENTS,
	SHOPSETUP_FUZZ_OP_COUNT
};

static void shopsetup_fuzz_plan_op(shopsetup_plan *plan, shopsetup_fuzz_plan_ctx *ctx, shopsetup_fuzz_reader *r, int op)
{
	shopsetup_error err;
	memset(&err, 0, sizeof(err));
	shopsetup_sink sink = { shopsetup_fuzz_plan_row, ctx };
	size_t people = plan->people.count;
	shopsetup_status status;
	ctx->nkeys = 0;
	ctx->keys_lost = false;

	switch (op) {
		case SHOPSETUP_FUZZ_OP_MATCH: {
			shopsetup_account accounts[2 * SHOPSETUP_FUZZ_MAX_PEOPLE];
			size_t n = shopsetup_fuzz_u8(r) % (2 * SHOPSETUP_FUZZ_MAX_PEOPLE);
			for (size_t i = 0; i < n; i++) {
				uint8_t pick = shopsetup_fuzz_u8(r);
				accounts[i].id = (pick & 1) ? (int64_t) (pick >> 1) : shopsetup_fuzz_i64(r);
				accounts[i].suspended = (pick & 2) != 0;
				if (people > 0 && (pick & 4)) {
					shopsetup_slice email = SHOPSETUP_VEC_AT(&plan->people, shopsetup_person, shopsetup_fuzz_u8(r) % people)->fields[SHOPSETUP_FIELD_EMAIL];
					accounts[i].email = shopsetup_fuzz_changecase(ctx, email, shopsetup_fuzz_u8(r));
				} else {
					accounts[i].email = shopsetup_fuzz_email(ctx, r);
				}
			}
			shopsetup_match_report report;
			status = shopsetup_fuzz_expect(shopsetup_plan_match_accounts(plan, accounts, n, &report, &err), &err, "matchAccounts");
			if (status == SHOPSETUP_OK) {
				SHOPSETUP_FUZZ_CHECK(report.matched <= people, "matched %zu of %zu", report.matched, people);
				for (size_t i = 0; i < report.ambiguous.count; i++) {
					const shopsetup_ambiguity *amb = SHOPSETUP_VEC_AT(&report.ambiguous, shopsetup_ambiguity, i);
					SHOPSETUP_FUZZ_CHECK(amb->person < people && amb->ids.count >= 2, "ambiguity %zu", i);
				}
				for (size_t p = 0; p < people; p++) {
					const shopsetup_person *person = SHOPSETUP_VEC_AT(&plan->people, shopsetup_person, p);
					SHOPSETUP_FUZZ_CHECK(person->status == SHOPSETUP_PERSON_NEW || person->userid > 0, "matched without an id");
				}
			}
			shopsetup_match_report_free(&report);
			break;
		}
		case SHOPSETUP_FUZZ_OP_PREFIXES: {
			shopsetup_vec prefixes;
			status = shopsetup_fuzz_expect(shopsetup_plan_username_prefixes(plan, &prefixes, &err), &err, "usernamePrefixes");
			if (status == SHOPSETUP_OK) {
				for (size_t i = 0; i < prefixes.count; i++) {
					shopsetup_fuzz_touch(*SHOPSETUP_VEC_AT(&prefixes, shopsetup_slice, i));
				}
				shopsetup_vec_free(&prefixes);
			}
			break;
		}
		case SHOPSETUP_FUZZ_OP_ASSIGN: {
			shopsetup_slice taken[32];
			size_t n = shopsetup_fuzz_u8(r) % 32;
			for (size_t i = 0; i < n; i++) {
				uint8_t pick = shopsetup_fuzz_u8(r);
				const shopsetup_person *person = people ? SHOPSETUP_VEC_AT(&plan->people, shopsetup_person, pick % people) : NULL;
				if (person != NULL && person->username.ptr != NULL && (pick & 0x80)) {
					/* the base itself or the base with a suffix, as the site may hold them */
					char buf[128];
					int len = snprintf(buf, sizeof(buf), "%.*s%.*u", (int) person->username.len, person->username.ptr,
						(pick & 0x40) ? 1 : 0, (unsigned) shopsetup_fuzz_u8(r) % 4);
					taken[i] = shopsetup_fuzz_changecase(ctx, (shopsetup_slice){ buf, (size_t) len < sizeof(buf) ? (size_t) len : sizeof(buf) - 1 }, pick);
				} else {
					taken[i] = shopsetup_fuzz_bytes(r, 110);
				}
			}
			status = shopsetup_fuzz_expect(shopsetup_plan_assign_usernames(plan, taken, n, &err), &err, "assignUsernames");
			if (status == SHOPSETUP_OK) {
				for (size_t p = 0; p < people; p++) {
					const shopsetup_person *person = SHOPSETUP_VEC_AT(&plan->people, shopsetup_person, p);
					if (person->status != SHOPSETUP_PERSON_NEW) {
						continue;
					}
					SHOPSETUP_FUZZ_CHECK(person->username.len > 0 && person->username.len <= SHOPSETUP_USERNAME_MAX, "username length");
					for (size_t k = 0; k < p; k++) {
						const shopsetup_person *other = SHOPSETUP_VEC_AT(&plan->people, shopsetup_person, k);
						SHOPSETUP_FUZZ_CHECK(other->status != SHOPSETUP_PERSON_NEW || !shopsetup_slice_eq(other->username, person->username),
							"username %.*s given twice", (int) person->username.len, person->username.ptr);
					}
				}
			}
			break;
		}
		case SHOPSETUP_FUZZ_OP_USER_ROWS:
			shopsetup_fuzz_expect(shopsetup_plan_new_user_rows(plan, &sink, &err), &err, "newUserRows");
			break;
		case SHOPSETUP_FUZZ_OP_USER_IDS: {
			uint8_t how = shopsetup_fuzz_u8(r);
			status = SHOPSETUP_OK;
			for (size_t p = 0; p < people && status == SHOPSETUP_OK; p++) {
				const shopsetup_person *person = SHOPSETUP_VEC_AT(&plan->people, shopsetup_person, p);
				if (person->status != SHOPSETUP_PERSON_NEW && !(how & 1)) {
					continue;
				}
				/* usually fresh ids above the matched ones; sometimes whatever the input says */
				int64_t id = (how & 2) ? shopsetup_fuzz_i64(r) : 100000 + (int64_t) p;
				/* the glue passes PHP strings: never a NULL pointer */
				shopsetup_slice name = person->username.ptr ? person->username : SHOPSETUP_SLICE("");
				status = shopsetup_fuzz_expect(shopsetup_plan_set_user_id(plan, name, id, &err), &err, "setNewUserIds");
			}
			if (how & 4) {
				shopsetup_slice name = shopsetup_fuzz_bytes(r, 40);
				status = shopsetup_fuzz_expect(shopsetup_plan_set_user_id(plan, name, shopsetup_fuzz_i64(r), &err), &err, "setNewUserIds");
			}
			if (status == SHOPSETUP_OK
				&& shopsetup_fuzz_expect(shopsetup_plan_check_users(plan, &err), &err, "setNewUserIds") == SHOPSETUP_OK) {
				for (size_t p = 0; p < people; p++) {
					const shopsetup_person *person = SHOPSETUP_VEC_AT(&plan->people, shopsetup_person, p);
					SHOPSETUP_FUZZ_CHECK(person->userid > 0, "person %zu without an id", p);
					for (size_t k = 0; k < p; k++) {
						SHOPSETUP_FUZZ_CHECK(SHOPSETUP_VEC_AT(&plan->people, shopsetup_person, k)->userid != person->userid,
							"user id %lld given twice", (long long) person->userid);
					}
				}
			}
			break;
		}
		case SHOPSETUP_FUZZ_OP_PREFERENCES:
			shopsetup_fuzz_expect(shopsetup_plan_new_user_preference_rows(plan, &sink, &err), &err, "newUserPreferenceRows");
			break;
		case SHOPSETUP_FUZZ_OP_ENROLMENTS: {
			shopsetup_enrolment existing[SHOPSETUP_FUZZ_MAX_PEOPLE + 1];
			size_t n = shopsetup_fuzz_u8(r) % (SHOPSETUP_FUZZ_MAX_PEOPLE + 2);
			for (size_t i = 0; i < n; i++) {
				existing[i].id = shopsetup_fuzz_i64(r);
				existing[i].userid = shopsetup_fuzz_user_id(plan, r);
				existing[i].status = shopsetup_fuzz_u8(r) & 1;
				existing[i].timestart = shopsetup_fuzz_i64(r);
				existing[i].timeend = shopsetup_fuzz_i64(r);
			}
			shopsetup_change_count counts;
			memset(&counts, 0, sizeof(counts));
			shopsetup_fuzz_update_ctx update = { ctx, existing, n };
			shopsetup_sink updates = { shopsetup_fuzz_plan_update_row, &update };
			if (shopsetup_fuzz_expect(shopsetup_plan_enrolment_changes(plan, existing, n, &sink, &updates, &counts, &err), &err,
					"enrolmentChanges") == SHOPSETUP_OK) {
				int64_t users[SHOPSETUP_FUZZ_MAX_PEOPLE + 1];
				size_t enrolees = shopsetup_plan_enrolees(plan, users);
				SHOPSETUP_FUZZ_CHECK(counts.inserted + counts.updated + counts.unchanged == enrolees,
					"%zu + %zu + %zu enrolments for %zu enrolees", counts.inserted, counts.updated, counts.unchanged, enrolees);
				SHOPSETUP_FUZZ_CHECK(ctx->nkeys == counts.inserted + counts.updated, "%zu enrolment rows for %zu changes",
					ctx->nkeys, counts.inserted + counts.updated);
			}
			break;
		}
		case SHOPSETUP_FUZZ_OP_ENROLMENT_IDS: {
			int64_t users[SHOPSETUP_FUZZ_MAX_PEOPLE + 1];
			size_t n = plan->stage >= SHOPSETUP_STAGE_USERS ? shopsetup_plan_enrolees(plan, users) : 0;
			uint8_t how = shopsetup_fuzz_u8(r);
			status = SHOPSETUP_OK;
			for (size_t u = 0; u < n && status == SHOPSETUP_OK; u++) {
				if (!shopsetup_plan_has_enrolment_id(plan, users[u]) || (how & 1)) {
					int64_t ueid = (how & 2) ? shopsetup_fuzz_i64(r) : 500000 + (int64_t) u;
					status = shopsetup_fuzz_expect(shopsetup_plan_set_enrolment_id(plan, users[u], ueid, &err), &err, "setEnrolmentIds");
				}
			}
			if (how & 4) {
				int64_t userid = shopsetup_fuzz_i64(r);
				status = shopsetup_fuzz_expect(shopsetup_plan_set_enrolment_id(plan, userid, shopsetup_fuzz_i64(r), &err), &err,
					"setEnrolmentIds");
			}
			if (status == SHOPSETUP_OK) {
				shopsetup_fuzz_expect(shopsetup_plan_check_enrolments(plan, &err), &err, "setEnrolmentIds");
			}
			break;
		}
		case SHOPSETUP_FUZZ_OP_CONTEXTS: {
			int64_t existing[SHOPSETUP_FUZZ_MAX_PEOPLE];
			size_t n = shopsetup_fuzz_u8(r) % SHOPSETUP_FUZZ_MAX_PEOPLE;
			for (size_t i = 0; i < n; i++) {
				existing[i] = shopsetup_fuzz_user_id(plan, r);
			}
			if (shopsetup_fuzz_expect(shopsetup_plan_user_context_rows(plan, existing, n, &sink, &err), &err, "userContextRows")
					== SHOPSETUP_OK) {
				/* a context for every participant without one, none for those who have one */
				for (size_t i = 0; i < n; i++) {
					SHOPSETUP_FUZZ_CHECK(!shopsetup_fuzz_plan_emitted(ctx, existing[i], 0, 0), "a second context for user %lld",
						(long long) existing[i]);
				}
				for (size_t p = 0; p < people && !ctx->keys_lost; p++) {
					int64_t userid = SHOPSETUP_VEC_AT(&plan->people, shopsetup_person, p)->userid;
					bool has = false;
					for (size_t i = 0; i < n && !has; i++) {
						has = existing[i] == userid;
					}
					SHOPSETUP_FUZZ_CHECK(has || shopsetup_fuzz_plan_emitted(ctx, userid, 0, 0), "no context for user %lld",
						(long long) userid);
				}
			}
			uint8_t how = shopsetup_fuzz_u8(r);
			for (size_t p = 0; p < people; p++) {
				const shopsetup_person *person = SHOPSETUP_VEC_AT(&plan->people, shopsetup_person, p);
				int64_t contextid = (how & 1) ? shopsetup_fuzz_i64(r) : 700000 + (int64_t) p;
				if (shopsetup_fuzz_expect(shopsetup_plan_set_user_context(plan, person->userid, contextid, &err), &err,
						"roleAssignmentRows") != SHOPSETUP_OK) {
					break;
				}
			}
			break;
		}
		case SHOPSETUP_FUZZ_OP_ROLES: {
			shopsetup_role_assignment existing[64];
			size_t n = shopsetup_fuzz_u8(r) % 64;
			for (size_t i = 0; i < n; i++) {
				uint8_t pick = shopsetup_fuzz_u8(r);
				existing[i].contextid = (pick & 1) ? plan->facts.coursecontextid : shopsetup_fuzz_i64(r);
				existing[i].roleid = (pick & 2) ? plan->facts.supervisorroleid : shopsetup_fuzz_i64(r);
				existing[i].userid = shopsetup_fuzz_user_id(plan, r);
			}
			if (shopsetup_fuzz_expect(shopsetup_plan_role_assignment_rows(plan, existing, n, &sink, &err), &err, "roleAssignmentRows")
					== SHOPSETUP_OK) {
				for (size_t i = 0; i < n; i++) {
					SHOPSETUP_FUZZ_CHECK(!shopsetup_fuzz_plan_emitted(ctx, existing[i].contextid, existing[i].roleid, existing[i].userid),
						"an existing role assignment written again");
				}
				/* every seat's course role is there, written now or before */
				for (size_t a = 0; a < plan->assignments.count && !ctx->keys_lost; a++) {
					const shopsetup_assignment *as = SHOPSETUP_VEC_AT(&plan->assignments, shopsetup_assignment, a);
					shopsetup_role_assignment want = { plan->facts.coursecontextid,
						SHOPSETUP_VEC_AT(&plan->buckets, shopsetup_bucket, as->bucket)->roleid,
						SHOPSETUP_VEC_AT(&plan->people, shopsetup_person, as->person)->userid };
					bool have = shopsetup_fuzz_plan_emitted(ctx, want.contextid, want.roleid, want.userid);
					for (size_t i = 0; i < n && !have; i++) {
						have = memcmp(&existing[i], &want, sizeof(want)) == 0;
					}
					SHOPSETUP_FUZZ_CHECK(have, "seat %zu has no course role", a);
				}
				/* no supervisor role in the context of a person the operator must not be attached to */
				for (size_t p = 0; p < plan->people.count && !ctx->keys_lost; p++) {
					const shopsetup_person *person = SHOPSETUP_VEC_AT(&plan->people, shopsetup_person, p);
					bool shared = person->contextid == plan->facts.coursecontextid;
					for (size_t q = 0; q < plan->people.count && !shared; q++) {
						const shopsetup_person *other = SHOPSETUP_VEC_AT(&plan->people, shopsetup_person, q);
						shared = q != p && other->contextid == person->contextid && shopsetup_plan_supervises(plan, other);
					}
					if (!shared && !shopsetup_plan_supervises(plan, person)) {
						SHOPSETUP_FUZZ_CHECK(!shopsetup_fuzz_plan_emitted(ctx, person->contextid, plan->facts.supervisorroleid,
							plan->facts.operatorid), "the operator is attached to person %zu, who is not supervised", p);
					}
				}
			}
			break;
		}
		case SHOPSETUP_FUZZ_OP_MEMBERS: {
			int64_t existing[SHOPSETUP_FUZZ_MAX_PEOPLE];
			size_t n = shopsetup_fuzz_u8(r) % SHOPSETUP_FUZZ_MAX_PEOPLE;
			for (size_t i = 0; i < n; i++) {
				existing[i] = shopsetup_fuzz_user_id(plan, r);
			}
			int64_t groupid = shopsetup_fuzz_i64(r);
			if (shopsetup_fuzz_expect(shopsetup_plan_group_member_rows(plan, groupid, existing, n, &sink, &err), &err, "groupMemberRows")
					== SHOPSETUP_OK) {
				for (size_t i = 0; i < n; i++) {
					SHOPSETUP_FUZZ_CHECK(!shopsetup_fuzz_plan_emitted(ctx, existing[i], 0, 0), "member %lld added again",
						(long long) existing[i]);
				}
			}
			break;
		}
		case SHOPSETUP_FUZZ_OP_GROUP:
			shopsetup_fuzz_expect(shopsetup_plan_group_row(plan, &sink, &err), &err, "groupRow");
			break;
		case SHOPSETUP_FUZZ_OP_PRODUCTS: {
			shopsetup_slice existing[SHOPSETUP_FUZZ_MAX_ROWS];
			size_t n = 0;
			uint8_t how = shopsetup_fuzz_u8(r);
			for (size_t i = 0; i < ctx->nrefs && n < SHOPSETUP_FUZZ_MAX_ROWS; i++) {
				if (!(how & 1) || (i & 1)) {
					existing[n++] = ctx->refs[i];
				}
			}
			if (how & 2 && n < SHOPSETUP_FUZZ_MAX_ROWS) {
				existing[n++] = shopsetup_fuzz_bytes(r, 30);
			}
			size_t nrefs = ctx->nrefs;
			ctx->product_rows = 0;
			if (shopsetup_fuzz_expect(shopsetup_plan_product_rows(plan, existing, n, &sink, &err), &err, "productRows") != SHOPSETUP_OK
				|| ctx->product_rows == 0) {
				break;
			}
			/* A re-run with every reference produced so far adds no product. */
			n = 0;
			for (size_t i = 0; i < ctx->nrefs && n < SHOPSETUP_FUZZ_MAX_ROWS; i++) {
				existing[n++] = ctx->refs[i];
			}
			if (ctx->nrefs == SHOPSETUP_FUZZ_MAX_ROWS) {
				break; /* some references were not kept */
			}
			ctx->product_rows = 0;
			SHOPSETUP_FUZZ_CHECK(shopsetup_fuzz_expect(shopsetup_plan_product_rows(plan, existing, n, &sink, &err), &err,
				"productRows") == SHOPSETUP_OK && ctx->product_rows == 0, "%zu products again on a re-run (%zu before)",
				ctx->product_rows, ctx->nrefs - nrefs);
			break;
		}
		case SHOPSETUP_FUZZ_OP_EVENTS: {
			shopsetup_product_ref products[SHOPSETUP_FUZZ_MAX_ROWS];
			uint8_t how = shopsetup_fuzz_u8(r);
			size_t n = 0;
			for (size_t i = 0; i < ctx->nrefs; i++) {
				products[n].reference = ctx->refs[i];
				products[n++].id = (how & 1) ? shopsetup_fuzz_i64(r) : 900000 + (int64_t) i;
			}
			shopsetup_fuzz_expect(shopsetup_plan_product_event_rows(plan, products, n, &sink, &err), &err, "productEventRows");
			break;
		}
		default:
			break;
	}
	/* the plan's id lists stay within the documented bounds */
	int64_t ids[SHOPSETUP_FUZZ_MAX_PEOPLE + 1];
	SHOPSETUP_FUZZ_CHECK(shopsetup_plan_user_ids(plan, ids) <= people + 1, "user ids");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t *copy = shopsetup_fuzz_copy(data, size);
	shopsetup_fuzz_reader r = shopsetup_fuzz_reader_init(copy, size);
	shopsetup_fuzz_plan_ctx ctx;
	memset(&ctx, 0, sizeof(ctx));
	shopsetup_error err;
	memset(&err, 0, sizeof(err));

	uint8_t flags = shopsetup_fuzz_u8(&r);
	size_t npeople = shopsetup_fuzz_u8(&r) % (SHOPSETUP_FUZZ_MAX_PEOPLE + 1);
	shopsetup_plan plan;
	SHOPSETUP_FUZZ_CHECK(shopsetup_plan_init(&plan, npeople), "out of memory");

	/* Facts, mostly valid so that the stages are reached; the core checks them. */
	shopsetup_facts *f = &plan.facts;
	int64_t *ints[] = { &f->courseid, &f->coursecontextid, &f->enrolid, &f->operatorid, &f->operatorcontextid,
		&f->mnethostid, &f->timestart, &f->timeend, &f->now, &f->modifierid, &f->supervisorroleid, &f->mirrorroleid,
		&f->billitemid, &f->catalogitemid, &f->customerid, &f->maildisplay, &f->mailformat, &f->maildigest,
		&f->autosubscribe, &f->trackforums, &f->sessiontimeout };
	for (size_t i = 0; i < sizeof(ints) / sizeof(ints[0]); i++) {
		*ints[i] = shopsetup_fuzz_nonneg(&r);
	}
	int64_t *positive[] = { &f->courseid, &f->coursecontextid, &f->enrolid, &f->operatorid, &f->operatorcontextid,
		&f->supervisorroleid, &f->billitemid };
	for (size_t i = 0; i < sizeof(positive) / sizeof(positive[0]); i++) {
		if (*positive[i] == 0) {
			*positive[i] = 1;
		}
	}
	if (f->timeend != 0 && f->timeend <= f->timestart) {
		f->timeend = 0;
	}
	f->enroloperator = (flags & 2) == 0;
	f->test = (flags & 4) != 0;
	shopsetup_slice *strs[] = { &f->groupidnumber, &f->groupname, &f->groupdescription, &f->transactionid, &f->lang,
		&f->country, &f->auth, &f->coursename, &f->handler, &f->calendartype };
	for (size_t i = 0; i < sizeof(strs) / sizeof(strs[0]); i++) {
		shopsetup_slice s = shopsetup_fuzz_bytes(&r, 40);
		SHOPSETUP_FUZZ_CHECK(shopsetup_plan_store(&plan, s.ptr, s.len, strs[i]), "out of memory");
	}
	if (f->groupidnumber.len == 0) {
		f->groupidnumber = SHOPSETUP_SLICE("shopsetup-T1");
	}
	if (f->groupname.len == 0) {
		f->groupname = SHOPSETUP_SLICE("T1");
	}
	/* Who may be attached: a mode (or any bytes) and a few privileged ids, small to hit the plan's users. */
	static const char *const modes[] = { "", "unprivileged", "none", "all" };
	uint8_t supervise = shopsetup_fuzz_u8(&r);
	f->superviseexisting = (supervise & 4) ? shopsetup_fuzz_bytes(&r, 16)
		: (shopsetup_slice){ modes[supervise & 3], strlen(modes[supervise & 3]) };
	for (size_t i = 0, n = (supervise >> 3) & 7; i < n; i++) {
		int64_t *id = shopsetup_vec_push(&f->privilegeduserids);
		SHOPSETUP_FUZZ_CHECK(id != NULL, "out of memory");
		*id = 1 + shopsetup_fuzz_u8(&r) % 40;
	}
	if (shopsetup_fuzz_expect(shopsetup_plan_check_facts(&plan, UINT64_MAX, &err), &err, "checkFacts") != SHOPSETUP_OK) {
		shopsetup_plan_free(&plan);
		shopsetup_pool_free(&ctx.strings);
		free(copy);
		return 0;
	}
	/* The driver adds times (mark_user_dirty()'s expiry: now + sessiontimeout): accepted facts never overflow. */
	SHOPSETUP_FUZZ_CHECK(f->now <= SHOPSETUP_EPOCH_MAX && f->timestart <= SHOPSETUP_EPOCH_MAX && f->timeend <= SHOPSETUP_EPOCH_MAX
		&& f->sessiontimeout <= SHOPSETUP_EPOCH_MAX, "a time fact out of range was accepted");

	/* Buckets: the first ones have the handler's names. */
	static const char *const names[] = { "student", "teacher", "_supervisor" };
	size_t nbuckets = 1 + shopsetup_fuzz_u8(&r) % 4;
	if (flags & 8) {
		nbuckets = SHOPSETUP_MAX_BUCKETS - 2 + shopsetup_fuzz_u8(&r) % 4; /* around the limit */
	}
	bool built = true;
	for (size_t b = 0; b < nbuckets && built; b++) {
		shopsetup_slice name;
		char buf[16];
		if (b < 3 && !(flags & 16)) {
			name = (shopsetup_slice){ names[b], strlen(names[b]) };
		} else if (flags & 16) {
			name = shopsetup_fuzz_bytes(&r, 80);
		} else {
			name = (shopsetup_slice){ buf, (size_t) snprintf(buf, sizeof(buf), "b%zu", b) };
		}
		int64_t roleid = (flags & 32) ? shopsetup_fuzz_i64(&r) : 3 + (int64_t) b;
		uint32_t index;
		built = shopsetup_fuzz_expect(shopsetup_roster_add_bucket(&plan, name, roleid, &index, &err), &err, "addBucket") == SHOPSETUP_OK;
		SHOPSETUP_FUZZ_CHECK(!built || index == b, "bucket index %u for bucket %zu", index, b);
	}
	nbuckets = plan.buckets.count;

	for (size_t i = 0; i < npeople && built && nbuckets > 0; i++) {
		uint8_t pick = shopsetup_fuzz_u8(&r);
		shopsetup_slice fields[SHOPSETUP_FIELD_COUNT];
		fields[SHOPSETUP_FIELD_EMAIL] = shopsetup_fuzz_email(&ctx, &r);
		for (int k = SHOPSETUP_FIELD_FIRSTNAME; k < SHOPSETUP_FIELD_COUNT; k++) {
			fields[k] = shopsetup_fuzz_bytes(&r, k <= SHOPSETUP_FIELD_LASTNAME ? 110 : 30);
		}
		if (pick & 0x80) {
			/* a bucket the roles do not know: the glue rejects the row itself */
			built = shopsetup_fuzz_expect(shopsetup_roster_reject(&plan, SHOPSETUP_SLICE("nobucket"), fields[0], SHOPSETUP_FIELD_COUNT,
				"bucket has no role", &err), &err, "reject") == SHOPSETUP_OK;
			continue;
		}
		uint32_t rejected = (pick & 0x40) ? (uint32_t) shopsetup_fuzz_u8(&r) & 0x3F : 0;
		built = shopsetup_fuzz_expect(shopsetup_roster_add_participant(&plan, pick % nbuckets,
			(pick & 0x20) ? shopsetup_fuzz_email(&ctx, &r) : SHOPSETUP_SLICE(""), fields, rejected, &err), &err,
			"addParticipant") == SHOPSETUP_OK;
	}

	int64_t seats = (flags & 64) ? shopsetup_fuzz_i64(&r) : (int64_t) plan.assignments.count;
	if (built && shopsetup_fuzz_expect(shopsetup_roster_finish(&plan, seats, &err), &err, "finishRoster") == SHOPSETUP_OK) {
		SHOPSETUP_FUZZ_CHECK(plan.errors.count == 0 && (int64_t) plan.assignments.count <= seats, "roster accepted");
		for (size_t p = 0; p < plan.people.count; p++) {
			const shopsetup_person *person = SHOPSETUP_VEC_AT(&plan.people, shopsetup_person, p);
			shopsetup_slice email = person->fields[SHOPSETUP_FIELD_EMAIL];
			SHOPSETUP_FUZZ_CHECK(shopsetup_email_is_valid(email.ptr, email.len), "invalid email kept");
			for (size_t k = 0; k < email.len; k++) {
				SHOPSETUP_FUZZ_CHECK(!(email.ptr[k] >= 'A' && email.ptr[k] <= 'Z'), "email not lower-cased");
			}
			SHOPSETUP_FUZZ_CHECK(person->buckets != 0, "person without a bucket");
		}
		/* each assignment once in its person's list, in the roster's order */
		uint32_t *first = malloc((plan.people.count + 1) * sizeof(uint32_t));
		uint32_t *next = malloc((plan.assignments.count + 1) * sizeof(uint32_t));
		SHOPSETUP_FUZZ_CHECK(first != NULL && next != NULL, "out of memory");
		shopsetup_plan_assignments_by_person(&plan, first, next);
		size_t listed = 0;
		for (size_t p = 0; p < plan.people.count; p++) {
			for (uint32_t a = first[p], last = 0; a != SHOPSETUP_NO_ASSIGNMENT; last = a, a = next[a], listed++) {
				SHOPSETUP_FUZZ_CHECK(a < plan.assignments.count && SHOPSETUP_VEC_AT(&plan.assignments, shopsetup_assignment, a)->person == p
					&& (a == first[p] || a > last), "assignment %u listed for person %zu", a, p);
			}
		}
		SHOPSETUP_FUZZ_CHECK(listed == plan.assignments.count, "%zu of %zu assignments listed", listed, plan.assignments.count);
		free(first);
		free(next);
		ctx.fail_at = (flags & 128) ? 1 + shopsetup_fuzz_u8(&r) : 0;
		if (flags & 1) {
			/* the executor's order, answers from the input */
			for (int op = 0; op < SHOPSETUP_FUZZ_OP_COUNT; op++) {
				shopsetup_fuzz_plan_op(&plan, &ctx, &r, op);
			}
		}
		/* then whatever order the input says */
		for (int steps = 0; r.left > 0 && steps < 64; steps++) {
			shopsetup_fuzz_plan_op(&plan, &ctx, &r, shopsetup_fuzz_u8(&r) % SHOPSETUP_FUZZ_OP_COUNT);
		}
	}
	shopsetup_plan_free(&plan);
	shopsetup_pool_free(&ctx.strings);
	free(copy);
	return 0;
}
