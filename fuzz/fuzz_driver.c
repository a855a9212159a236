/*
 * libFuzzer harness: the setup driver (ext_src/shopsetup_driver.c) over a store that the input
 * mutates. The plan is fixed and valid (three people in two buckets, one of them in both, an
 * operator, the outbox and its delivery task); every answer of the store comes from the input:
 *
 *   find()       one byte: 0xFF fails, else (byte % 8) rows; each column one byte: mostly one of the
 *                query's keys or its condition's value where the column is one, else an int of
 *                shopsetup_fuzz_i64() (ids of 0, negative or near INT64_MAX) or length-prefixed bytes
 *   find_keys()  one byte per key: odd means the database holds the key equal to a stored value
 *   open(), a row written, close(), lock(), begin(), commit()   one byte each: 0xFF fails
 *   statements() an shopsetup_fuzz_i64() taken as a size_t (any count, the largest too)
 *
 * Checked: the run returns OK or an error whose code is the status, with terminated strings; the
 * store was unlocked once after being locked, and every begin() ended in one commit() or rollback();
 * nothing is written outside the transaction; on OK every id in the report is positive, the group
 * too, and the statement count did not wrap below what the store said.
 */
#include "shopsetup_fuzz.h"
#include "shopsetup_driver.h"

typedef struct {
	shopsetup_fuzz_reader *r;
	int locks, unlocks, begins, ends;
	bool in_transaction;
	size_t said_statements;
} shopsetup_fuzz_store;

static bool shopsetup_fuzz_fails(shopsetup_fuzz_store *s)
{
	return shopsetup_fuzz_u8(s->r) == 0xFF;
}

static shopsetup_status shopsetup_fuzz_store_error(shopsetup_error *err, const char *what)
{
	return shopsetup_error_set(err, SHOPSETUP_E_DB, 0, what, strlen(what), "the fuzzed store failed");
}

static shopsetup_status shopsetup_fuzz_lock(void *self, shopsetup_error *err)
{
	shopsetup_fuzz_store *s = self;
	if (shopsetup_fuzz_fails(s)) {
		return shopsetup_fuzz_store_error(err, "lock");
	}
	s->locks++;
	return SHOPSETUP_OK;
}

static void shopsetup_fuzz_unlock(void *self)
{
	shopsetup_fuzz_store *s = self;
	SHOPSETUP_FUZZ_CHECK(s->locks == 1 && s->unlocks == 0 && !s->in_transaction, "unlock without its lock, or twice");
	s->unlocks++;
}

static shopsetup_status shopsetup_fuzz_begin(void *self, shopsetup_error *err)
{
	shopsetup_fuzz_store *s = self;
	SHOPSETUP_FUZZ_CHECK(s->locks == 1 && !s->in_transaction, "begin outside the lock");
	if (shopsetup_fuzz_fails(s)) {
		return shopsetup_fuzz_store_error(err, "begin");
	}
	s->begins++;
	s->in_transaction = true;
	return SHOPSETUP_OK;
}

static shopsetup_status shopsetup_fuzz_commit(void *self, shopsetup_error *err)
{
	shopsetup_fuzz_store *s = self;
	SHOPSETUP_FUZZ_CHECK(s->in_transaction, "commit outside a transaction");
	if (shopsetup_fuzz_fails(s)) {
		return shopsetup_fuzz_store_error(err, "commit");  /* the driver rolls back */
	}
	s->in_transaction = false;
	s->ends++;
	return SHOPSETUP_OK;
}

static void shopsetup_fuzz_rollback(void *self)
{
	shopsetup_fuzz_store *s = self;
	SHOPSETUP_FUZZ_CHECK(s->in_transaction, "rollback outside a transaction");
	s->in_transaction = false;
	s->ends++;
}

/*
 * A column's value: mostly what a database would answer (one of the query's keys in the key column,
 * the condition's value in a condition's column), else any value from the input.
 */
static shopsetup_col shopsetup_fuzz_value(shopsetup_fuzz_store *s, const shopsetup_query *query, const shopsetup_column *column)
{
	uint8_t how = shopsetup_fuzz_u8(s->r);
	if ((how & 3) != 3 && query->key != NULL && query->keys.count > 0 && strcmp(column->name, query->key) == 0) {
		size_t k = (how >> 2) % query->keys.count;
		if (query->keys.strings != NULL && column->type == SHOPSETUP_COL_STR) {
			return SHOPSETUP_COL_S(column->name, query->keys.strings[k]);
		}
		if (query->keys.ints != NULL && column->type == SHOPSETUP_COL_INT) {
			return SHOPSETUP_COL_I(column->name, query->keys.ints[k]);
		}
	}
	for (size_t c = 0; (how & 3) != 3 && c < query->nconditions; c++) {
		if (strcmp(query->conditions[c].name, column->name) == 0 && query->conditions[c].type == column->type) {
			return query->conditions[c];
		}
	}
	return column->type == SHOPSETUP_COL_INT ? SHOPSETUP_COL_I(column->name, shopsetup_fuzz_i64(s->r))
		: SHOPSETUP_COL_S(column->name, shopsetup_fuzz_bytes(s->r, 40));
}

static shopsetup_status shopsetup_fuzz_find(void *self, const shopsetup_query *query, shopsetup_found_fn on_row, void *ctx,
	shopsetup_error *err)
{
	shopsetup_fuzz_store *s = self;
	uint8_t shape = shopsetup_fuzz_u8(s->r);
	if (shape == 0xFF) {
		return shopsetup_fuzz_store_error(err, query->table);
	}
	shopsetup_col row[16];
	SHOPSETUP_FUZZ_CHECK(query->ncolumns <= 16, "a query of %zu columns", query->ncolumns);
	for (size_t n = shape % 8; n > 0; n--) {
		for (size_t c = 0; c < query->ncolumns; c++) {
			row[c] = shopsetup_fuzz_value(s, query, &query->columns[c]);
		}
		shopsetup_status status = on_row(ctx, row, err);
		if (status != SHOPSETUP_OK) {
			return status;
		}
	}
	return SHOPSETUP_OK;
}

static shopsetup_status shopsetup_fuzz_find_keys(void *self, const shopsetup_query *query, shopsetup_key_fn on_key, void *ctx,
	shopsetup_error *err)
{
	shopsetup_fuzz_store *s = self;
	for (size_t k = 0; k < query->keys.count; k++) {
		if (shopsetup_fuzz_u8(s->r) & 1) {
			shopsetup_status status = on_key(ctx, k, err);
			if (status != SHOPSETUP_OK) {
				return status;
			}
		}
	}
	return SHOPSETUP_OK;
}

static bool shopsetup_fuzz_row(void *ctx, const char *table, const shopsetup_col *cols, size_t ncols, shopsetup_error *err)
{
	shopsetup_fuzz_store *s = ctx;
	SHOPSETUP_FUZZ_CHECK(s->in_transaction, "a row of %s written outside the transaction", table);
	for (size_t c = 0; c < ncols; c++) {
		SHOPSETUP_FUZZ_CHECK(cols[c].name != NULL && (cols[c].type == SHOPSETUP_COL_INT || cols[c].s.ptr != NULL
			|| cols[c].s.len == 0), "a column of %s without a name or a value", table);
	}
	if (shopsetup_fuzz_fails(s)) {
		shopsetup_fuzz_store_error(err, table);
		return false;
	}
	return true;
}

static shopsetup_status shopsetup_fuzz_open(void *self, shopsetup_write kind, const char *table, shopsetup_sink *sink,
	shopsetup_error *err)
{
	shopsetup_fuzz_store *s = self;
	if (shopsetup_fuzz_fails(s)) {
		return shopsetup_fuzz_store_error(err, table);
	}
	*sink = (shopsetup_sink){ shopsetup_fuzz_row, s };
	return SHOPSETUP_OK;
}

static shopsetup_status shopsetup_fuzz_close(void *self, shopsetup_sink *sink, shopsetup_status status, shopsetup_error *err)
{
	shopsetup_fuzz_store *s = self;
	if (status == SHOPSETUP_OK && shopsetup_fuzz_fails(s)) {
		return shopsetup_fuzz_store_error(err, "close");
	}
	return status;
}

static size_t shopsetup_fuzz_statements(void *self)
{
	shopsetup_fuzz_store *s = self;
	s->said_statements = (size_t) shopsetup_fuzz_i64(s->r);
	return s->said_statements;
}

static const shopsetup_store_ops shopsetup_fuzz_store_ops = {
	shopsetup_fuzz_lock, shopsetup_fuzz_unlock, shopsetup_fuzz_begin, shopsetup_fuzz_commit, shopsetup_fuzz_rollback,
	shopsetup_fuzz_find, shopsetup_fuzz_find_keys, shopsetup_fuzz_open, shopsetup_fuzz_close, shopsetup_fuzz_statements, NULL,
};

/* A valid plan: Ann and Bob learners, Ann a tutor too, Cid a tutor; operator 3. */
static void shopsetup_fuzz_driver_plan(shopsetup_plan *plan)
{
	shopsetup_error err = { 0 };
	SHOPSETUP_FUZZ_CHECK(shopsetup_plan_init(plan, 3), "out of memory");
	shopsetup_facts *f = &plan->facts;
	f->courseid = 2;
	f->coursecontextid = 20;
	f->enrolid = 3;
	f->operatorid = 3;
	f->operatorcontextid = 30;
	f->mnethostid = 1;
	f->timestart = 1700000000;
	f->timeend = 1731536000;
	f->now = 1700000000;
	f->supervisorroleid = 4;
	f->mirrorroleid = 5;
	f->crossroleid = 9;
	f->billitemid = 11;
	f->groupidnumber = SHOPSETUP_SLICE("shopsetup-TX42");
	f->groupname = SHOPSETUP_SLICE("TX42");
	f->outbox = SHOPSETUP_SLICE("shophandlers_setup_outbox");
	f->recovergrades = true;
	f->deliverytask = SHOPSETUP_SLICE("\\shophandlers_std_setuponecoursesession\\task\\deliver_effects");
	f->deliverycomponent = SHOPSETUP_SLICE("shophandlers_std_setuponecoursesession");
	f->deliverydata = SHOPSETUP_SLICE("{\"billitemid\":11}");
	SHOPSETUP_FUZZ_CHECK(shopsetup_plan_check_facts(plan, UINT64_MAX, &err) == SHOPSETUP_OK, "facts: %s", err.detail);
	uint32_t student, teacher;
	SHOPSETUP_FUZZ_CHECK(shopsetup_roster_add_bucket(plan, SHOPSETUP_SLICE("student"), 5, &student, &err) == SHOPSETUP_OK
		&& shopsetup_roster_add_bucket(plan, SHOPSETUP_SLICE("teacher"), 4, &teacher, &err) == SHOPSETUP_OK, "buckets");
	static const char *const people[][3] = {
		{ "ann@example.com", "Ann", "Archer" }, { "bob@example.com", "Bob", "Baker" }, { "ann@example.com", "Ann", "Archer" },
		{ "cid@example.com", "Cid", "Carter" },
	};
	for (size_t p = 0; p < 4; p++) {
		shopsetup_slice fields[SHOPSETUP_FIELD_COUNT] = {
			{ people[p][0], strlen(people[p][0]) }, { people[p][1], strlen(people[p][1]) },
			{ people[p][2], strlen(people[p][2]) }, SHOPSETUP_SLICE("Paris"), SHOPSETUP_SLICE(""), SHOPSETUP_SLICE(""),
		};
		SHOPSETUP_FUZZ_CHECK(shopsetup_roster_add_participant(plan, p < 2 ? student : teacher, SHOPSETUP_SLICE(""), fields, 0, &err)
			== SHOPSETUP_OK, "participant %zu: %s", p, err.detail);
	}
	SHOPSETUP_FUZZ_CHECK(shopsetup_roster_finish(plan, 4, &err) == SHOPSETUP_OK, "roster: %s", err.detail);
}

static void shopsetup_fuzz_positive_pairs(const shopsetup_vec *pairs, const char *what)
{
	for (size_t i = 0; i < pairs->count; i++) {
		const shopsetup_id_pair *pair = SHOPSETUP_VEC_AT(pairs, shopsetup_id_pair, i);
		SHOPSETUP_FUZZ_CHECK(pair->id > 0 && pair->userid > 0, "%s: id %lld of user %lld", what, (long long) pair->id,
			(long long) pair->userid);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t *copy = shopsetup_fuzz_copy(data, size);
	shopsetup_fuzz_reader r = shopsetup_fuzz_reader_init(copy, size);
	shopsetup_plan plan;
	shopsetup_fuzz_driver_plan(&plan);
	shopsetup_fuzz_store s = { &r, 0, 0, 0, 0, false, 0 };
	shopsetup_run_report report;
	shopsetup_run_report_init(&report);
	shopsetup_error err = { 0 };
	shopsetup_before_commit none = { NULL, NULL };
	shopsetup_status status = shopsetup_driver_run((shopsetup_store){ &shopsetup_fuzz_store_ops, &s }, &plan, &report, none, &err);

	SHOPSETUP_FUZZ_CHECK(status == SHOPSETUP_OK || status == err.code, "status %d, err.code %d", status, err.code);
	SHOPSETUP_FUZZ_CHECK(memchr(err.subject, '\0', sizeof(err.subject)) != NULL && memchr(err.detail, '\0', sizeof(err.detail)) != NULL,
		"error strings not terminated");
	SHOPSETUP_FUZZ_CHECK(s.unlocks == s.locks && s.ends == s.begins && !s.in_transaction, "lock %d/%d, transaction %d/%d", s.locks,
		s.unlocks, s.begins, s.ends);
	if (status == SHOPSETUP_OK) {
		SHOPSETUP_FUZZ_CHECK(report.groupid > 0, "group id %lld", (long long) report.groupid);
		for (size_t p = 0; p < plan.people.count; p++) {
			const shopsetup_person *person = SHOPSETUP_VEC_AT(&plan.people, shopsetup_person, p);
			SHOPSETUP_FUZZ_CHECK(person->userid > 0 && person->contextid > 0, "person %zu: user %lld, context %lld", p,
				(long long) person->userid, (long long) person->contextid);
		}
		shopsetup_fuzz_positive_pairs(&report.contexts_created, "context");
		shopsetup_fuzz_positive_pairs(&report.enrolments_created, "enrolment");
		shopsetup_fuzz_positive_pairs(&report.enrolments_updated, "enrolment updated");
		shopsetup_fuzz_positive_pairs(&report.roles_added, "role assignment");
		for (size_t i = 0; i < report.products_added.count; i++) {
			SHOPSETUP_FUZZ_CHECK(SHOPSETUP_VEC_AT(&report.products_added, shopsetup_id_pair, i)->id > 0, "product id");
		}
		SHOPSETUP_FUZZ_CHECK(report.statements >= s.said_statements, "statement count wrapped: %zu after %zu", report.statements,
			s.said_statements);
	}
	shopsetup_run_report_free(&report);
	shopsetup_plan_free(&plan);
	free(copy);
	return 0;
}
