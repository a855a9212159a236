/*
 * The setup driver: the stages of a plan in order, each one's queries written once, over any
 * store. Ids of inserted rows are read back by their unique keys (or, for rows without one, as
 * what is there now and was not before): multi-row INSERTs do not promise consecutive ids.
 */
#include "shopsetup_driver.h"
#include "shopsetup_text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* rounds of new usernames checked against the database's equality before giving up */
#define SHOPSETUP_USERNAME_ROUNDS 32
/* names asked at most in one round: the lookahead doubles while people x lookahead stays below */
#define SHOPSETUP_USERNAME_PROBES 65536

typedef struct {
	shopsetup_store store;
	shopsetup_plan *plan;
	shopsetup_run_report *report;
	shopsetup_error *err;
} shopsetup_driver;

void shopsetup_run_report_init(shopsetup_run_report *report)
{
	memset(report, 0, sizeof(*report));
	shopsetup_vec_init(&report->match.suspended, sizeof(uint32_t));
	shopsetup_vec_init(&report->match.ambiguous, sizeof(shopsetup_ambiguity));
	shopsetup_vec_init(&report->users_created, sizeof(uint32_t));
	shopsetup_vec_init(&report->contexts_created, sizeof(shopsetup_id_pair));
	shopsetup_vec_init(&report->enrolments_created, sizeof(shopsetup_id_pair));
	shopsetup_vec_init(&report->enrolments_updated, sizeof(shopsetup_id_pair));
	shopsetup_vec_init(&report->roles_added, sizeof(shopsetup_id_pair));
	shopsetup_vec_init(&report->dirty_users, sizeof(int64_t));
	shopsetup_vec_init(&report->members_added, sizeof(int64_t));
	shopsetup_vec_init(&report->products_added, sizeof(shopsetup_id_pair));
}

void shopsetup_run_report_free(shopsetup_run_report *report)
{
	shopsetup_match_report_free(&report->match);
	shopsetup_vec_free(&report->users_created);
	shopsetup_vec_free(&report->contexts_created);
	shopsetup_vec_free(&report->enrolments_created);
	shopsetup_vec_free(&report->enrolments_updated);
	shopsetup_vec_free(&report->roles_added);
	shopsetup_vec_free(&report->members_added);
	shopsetup_vec_free(&report->products_added);
	shopsetup_vec_free(&report->dirty_users);
}

/* ---- the one row reader: each column into its offset of a row struct ---- */

typedef struct {
	shopsetup_vec rows;
	shopsetup_pool strings;
	const shopsetup_query *query;
} shopsetup_found;

static void shopsetup_found_init(shopsetup_found *found, size_t row_size)
{
	shopsetup_vec_init(&found->rows, row_size);
	found->strings.head = NULL;
	found->query = NULL;
}

static void shopsetup_found_free(shopsetup_found *found)
{
	shopsetup_vec_free(&found->rows);
	shopsetup_pool_free(&found->strings);
}

static shopsetup_status shopsetup_collect(void *ctx, const shopsetup_col *row, shopsetup_error *err)
{
	shopsetup_found *found = ctx;
	char *slot = shopsetup_vec_push(&found->rows);
	if (slot == NULL) {
		return shopsetup_nomem(err);
	}
	for (size_t c = 0; c < found->query->ncolumns; c++) {
		const shopsetup_column *column = &found->query->columns[c];
		if (column->type == SHOPSETUP_COL_INT) {
			/* every id a store reads back is checked here, once for all the stages */
			if (row[c].i <= 0 && strcmp(column->name, "id") == 0) {
				const char *table = found->query->table;
				return shopsetup_error_set(err, SHOPSETUP_E_DB, 0, table, strlen(table),
					"the store read back a row with id %lld: ids must be positive", (long long) row[c].i);
			}
			memcpy(slot + column->offset, &row[c].i, sizeof(int64_t));
			continue;
		}
		const char *copy = shopsetup_pool_dup(&found->strings, row[c].s.ptr ? row[c].s.ptr : "", row[c].s.len);
		if (copy == NULL) {
			return shopsetup_nomem(err);
		}
		shopsetup_slice value = { copy, row[c].s.len };
		memcpy(slot + column->offset, &value, sizeof(value));
	}
	return SHOPSETUP_OK;
}

/* Appends the rows of query to found. */
static shopsetup_status shopsetup_find(shopsetup_driver *d, const shopsetup_query *query, shopsetup_found *found)
{
	found->query = query;
	return d->store.ops->find(d->store.self, query, shopsetup_collect, found, d->err);
}

#define SHOPSETUP_INT_COLUMN(type, field) { #field, SHOPSETUP_COL_INT, offsetof(type, field) }
#define SHOPSETUP_STR_COLUMN(type, field) { #field, SHOPSETUP_COL_STR, offsetof(type, field) }

/* ---- writing through the store's sinks ---- */

typedef shopsetup_status (*shopsetup_rows_fn)(void *ctx, const shopsetup_sink *sink, shopsetup_error *err);

/* The store's sink of one table, counting the rows handed to it. */
typedef struct {
	shopsetup_sink store;
	size_t rows;
} shopsetup_table_rows;

static bool shopsetup_table_row(void *ctx, const char *table, const shopsetup_col *cols, size_t ncols, shopsetup_error *err)
{
	shopsetup_table_rows *rows = ctx;
	rows->rows++;
	return rows->store.row(rows->store.ctx, table, cols, ncols, err);
}

/* Adds table to the report's tables written, once. */
static void shopsetup_report_table(shopsetup_run_report *report, const char *table)
{
	for (size_t i = 0; i < report->ntables; i++) {
		if (strcmp(report->tables[i], table) == 0) {
			return;
		}
	}
	if (report->ntables < SHOPSETUP_COUNT(report->tables)) {
		report->tables[report->ntables++] = table;
	}
}

/* Opens a sink on table, lets produce write into it (through wrap, which writes into *inner), closes it. */
static shopsetup_status shopsetup_write_rows(shopsetup_driver *d, shopsetup_write kind, const char *table, const shopsetup_sink *wrap,
	shopsetup_sink *inner, shopsetup_status (*produce)(shopsetup_driver *d, const shopsetup_sink *sink, void *arg), void *arg)
{
	shopsetup_table_rows rows = { { NULL, NULL }, 0 };
	shopsetup_status status = d->store.ops->open(d->store.self, kind, table, &rows.store, d->err);
	if (status != SHOPSETUP_OK) {
		return status;
	}
	shopsetup_sink counted = { shopsetup_table_row, &rows };
	if (inner != NULL) {
		*inner = counted;
	}
	status = produce(d, wrap != NULL ? wrap : &counted, arg);
	status = d->store.ops->close(d->store.self, &rows.store, status, d->err);
	if (status == SHOPSETUP_OK && rows.rows > 0 && d->report != NULL) {
		shopsetup_report_table(d->report, table);
	}
	return status;
}

/* Counts the rows handed on. */
typedef struct {
	shopsetup_sink inner;
	size_t rows;
} shopsetup_counter;

static bool shopsetup_count_row(void *ctx, const char *table, const shopsetup_col *cols, size_t ncols, shopsetup_error *err)
{
	shopsetup_counter *counter = ctx;
	counter->rows++;
	return counter->inner.row(counter->inner.ctx, table, cols, ncols, err);
}

/* The same as shopsetup_write_rows(), and *written: how many rows produce wrote. */
static shopsetup_status shopsetup_write_counted(shopsetup_driver *d, const char *table,
	shopsetup_status (*produce)(shopsetup_driver *d, const shopsetup_sink *sink, void *arg), void *arg, size_t *written)
{
	shopsetup_counter counter = { { NULL, NULL }, 0 };
	shopsetup_sink counted = { shopsetup_count_row, &counter };
	shopsetup_status status = shopsetup_write_rows(d, SHOPSETUP_WRITE_INSERT, table, &counted, &counter.inner, produce, arg);
	*written = counter.rows;
	return status;
}

/* Records one int column of each row written, then hands the row on. */
typedef struct {
	shopsetup_sink inner;
	const char *column;
	shopsetup_vec *ints;
} shopsetup_tee;

static bool shopsetup_tee_row(void *ctx, const char *table, const shopsetup_col *cols, size_t ncols, shopsetup_error *err)
{
	shopsetup_tee *tee = ctx;
	for (size_t c = 0; c < ncols; c++) {
		if (strcmp(cols[c].name, tee->column) == 0) {
			int64_t *slot = shopsetup_vec_push(tee->ints);
			if (slot == NULL) {
				shopsetup_nomem(err);
				return false;
			}
			*slot = cols[c].i;
		}
	}
	return tee->inner.row(tee->inner.ctx, table, cols, ncols, err);
}

static shopsetup_status shopsetup_vec_push_pair(shopsetup_vec *vec, int64_t userid, int64_t id, shopsetup_error *err)
{
	shopsetup_id_pair *slot = shopsetup_vec_push(vec);
	return slot ? (*slot = (shopsetup_id_pair){ userid, id }, SHOPSETUP_OK) : shopsetup_nomem(err);
}

static shopsetup_person *shopsetup_person_at(const shopsetup_plan *plan, size_t p)
{
	return SHOPSETUP_VEC_AT(&plan->people, shopsetup_person, p);
}

/* ---- stage 1: accounts ---- */

typedef struct {
	int64_t id;
	shopsetup_slice email;
	int64_t suspended;
} shopsetup_account_row;

static int shopsetup_account_id_cmp(const void *a, const void *b)
{
	int64_t x = ((const shopsetup_account *) a)->id, y = ((const shopsetup_account *) b)->id;
	return (x > y) - (x < y);
}

/*
 * Accounts are matched on the trimmed, lower-cased email: the lookup finds every stored address
 * that starts with a normalised one, whatever its case (trailing white space included), and the
 * few that sort before "!" (leading white space or a control character); the plan keeps the rows
 * whose normalised email is a participant's.
 */
static shopsetup_status shopsetup_stage_accounts(shopsetup_driver *d, shopsetup_match_report *match)
{
	shopsetup_plan *plan = d->plan;
	static const shopsetup_column columns[] = {
		SHOPSETUP_INT_COLUMN(shopsetup_account_row, id),
		SHOPSETUP_STR_COLUMN(shopsetup_account_row, email),
		SHOPSETUP_INT_COLUMN(shopsetup_account_row, suspended),
	};
	shopsetup_col conditions[] = { SHOPSETUP_COL_I("deleted", 0), SHOPSETUP_COL_I("mnethostid", plan->facts.mnethostid) };
	shopsetup_slice *emails = shopsetup_malloc((plan->people.count + 1) * sizeof(*emails));
	if (emails == NULL) {
		return shopsetup_nomem(d->err);
	}
	for (size_t p = 0; p < plan->people.count; p++) {
		emails[p] = shopsetup_person_at(plan, p)->fields[SHOPSETUP_FIELD_EMAIL];
	}
	static const shopsetup_slice below = { "!", 1 };
	shopsetup_query by_email = { "user", columns, SHOPSETUP_COUNT(columns), conditions, SHOPSETUP_COUNT(conditions),
		"email", SHOPSETUP_MATCH_CASELESS_PREFIX, { NULL, emails, plan->people.count } };
	shopsetup_query spaced = by_email;
	spaced.match = SHOPSETUP_MATCH_BELOW;
	spaced.keys = (shopsetup_keys){ NULL, &below, 1 };
	shopsetup_found found;
	shopsetup_found_init(&found, sizeof(shopsetup_account_row));
	shopsetup_status status = plan->people.count > 0 ? shopsetup_find(d, &by_email, &found) : SHOPSETUP_OK;
	if (status == SHOPSETUP_OK && plan->people.count > 0) {
		status = shopsetup_find(d, &spaced, &found);
	}
	shopsetup_free(emails);
	shopsetup_account *accounts = status == SHOPSETUP_OK ? shopsetup_malloc((found.rows.count + 1) * sizeof(*accounts)) : NULL;
	if (status == SHOPSETUP_OK && accounts == NULL) {
		status = shopsetup_nomem(d->err);
	}
	size_t count = 0;
	for (size_t i = 0; status == SHOPSETUP_OK && i < found.rows.count; i++) {
		const shopsetup_account_row *row = SHOPSETUP_VEC_AT(&found.rows, shopsetup_account_row, i);
		accounts[count++] = (shopsetup_account){ row->id, row->email, row->suspended != 0 };
	}
	if (status == SHOPSETUP_OK) {
		/* one row per account: the two lookups may find an account twice */
		qsort(accounts, count, sizeof(*accounts), shopsetup_account_id_cmp);
		size_t kept = 0;
		for (size_t i = 0; i < count; i++) {
			if (kept == 0 || accounts[i].id != accounts[kept - 1].id) {
				accounts[kept++] = accounts[i];
			}
		}
		shopsetup_match_report_free(match);
		status = shopsetup_plan_match_accounts(plan, accounts, kept, match, d->err);
	}
	shopsetup_free(accounts);
	shopsetup_found_free(&found);
	return status;
}

/* ---- stage 2: usernames ---- */

typedef struct {
	shopsetup_slice username;
} shopsetup_username_row;

static const shopsetup_column shopsetup_username_columns[] = { SHOPSETUP_STR_COLUMN(shopsetup_username_row, username) };

typedef struct {
	shopsetup_found *taken;
	const shopsetup_slice *names;
} shopsetup_taken_ctx;

static shopsetup_status shopsetup_collect_taken_key(void *ctx_ptr, size_t key, shopsetup_error *err)
{
	shopsetup_taken_ctx *ctx = ctx_ptr;
	shopsetup_col value = SHOPSETUP_COL_S("username", ctx->names[key]);
	return shopsetup_collect(ctx->taken, &value, err);
}

/*
 * The assigned usernames that the database holds equal to a stored one (full-width letters, a
 * trailing space, an ignorable character...): the database judges, not a byte comparison. With a
 * lookahead above 1, the names each person would get next are asked too, so that many look-alikes
 * of one name cost a few rounds, not one each. What is found is added to taken.
 */
static shopsetup_status shopsetup_find_username_collisions(shopsetup_driver *d, const shopsetup_query *equal_names,
	shopsetup_found *taken, size_t lookahead)
{
	const shopsetup_plan *plan = d->plan;
	size_t fresh = 0;
	for (size_t p = 0; p < plan->people.count; p++) {
		fresh += shopsetup_person_at(plan, p)->status == SHOPSETUP_PERSON_NEW;
	}
	if (fresh == 0) {
		return SHOPSETUP_OK;
	}
	/* the pool the plan assigned names from: the same claims, in the same order, give the same names first */
	shopsetup_username_pool pool;
	shopsetup_slice *names = shopsetup_malloc(fresh * lookahead * sizeof(*names));
	if (names == NULL || !shopsetup_username_pool_init(&pool, taken->rows.count + fresh * lookahead)) {
		shopsetup_free(names);
		return shopsetup_nomem(d->err);
	}
	shopsetup_status status = SHOPSETUP_OK;
	for (size_t t = 0; t < taken->rows.count && status == SHOPSETUP_OK; t++) {
		if (!shopsetup_username_pool_take(&pool, SHOPSETUP_VEC_AT(&taken->rows, shopsetup_username_row, t)->username)) {
			status = shopsetup_nomem(d->err);
		}
	}
	size_t count = 0;
	for (size_t p = 0; p < plan->people.count && status == SHOPSETUP_OK; p++) {
		const shopsetup_person *person = shopsetup_person_at(plan, p);
		for (size_t k = 0; k < lookahead && person->status == SHOPSETUP_PERSON_NEW && status == SHOPSETUP_OK; k++) {
			size_t len;
			const char *name = shopsetup_username_pool_claim(&pool, person->username_base, &len);
			if (name == NULL) {
				status = shopsetup_nomem(d->err);
			} else {
				names[count++] = (shopsetup_slice){ name, len };
			}
		}
	}
	if (status == SHOPSETUP_OK) {
		shopsetup_query query = *equal_names;
		query.keys = (shopsetup_keys){ NULL, names, count };
		shopsetup_taken_ctx ctx = { taken, names };
		taken->query = equal_names;
		status = d->store.ops->find_keys(d->store.self, &query, shopsetup_collect_taken_key, &ctx, d->err);
	}
	shopsetup_username_pool_free(&pool);
	shopsetup_free(names);
	return status;
}

static shopsetup_status shopsetup_stage_usernames(shopsetup_driver *d)
{
	shopsetup_plan *plan = d->plan;
	shopsetup_vec prefixes;
	shopsetup_status status = shopsetup_plan_username_prefixes(plan, &prefixes, d->err);
	if (status != SHOPSETUP_OK) {
		return status;
	}
	shopsetup_col conditions[] = { SHOPSETUP_COL_I("mnethostid", plan->facts.mnethostid) };
	shopsetup_query by_prefix = { "user", shopsetup_username_columns, 1, conditions, 1,
		"username", SHOPSETUP_MATCH_CASELESS_PREFIX, { NULL, prefixes.items, prefixes.count } };
	shopsetup_query equal_names = by_prefix;
	equal_names.match = SHOPSETUP_MATCH_EQUAL;
	shopsetup_found taken;
	shopsetup_found_init(&taken, sizeof(shopsetup_username_row));
	if (prefixes.count > 0) {
		status = shopsetup_find(d, &by_prefix, &taken);
	}
	shopsetup_vec_free(&prefixes);
	if (status == SHOPSETUP_OK) {
		status = shopsetup_plan_assign_usernames(plan, taken.rows.items, taken.rows.count, d->err);
	}
	size_t lookahead = 1;
	for (unsigned round = 0; status == SHOPSETUP_OK; round++) {
		size_t known = taken.rows.count;
		status = shopsetup_find_username_collisions(d, &equal_names, &taken, lookahead);
		if (status != SHOPSETUP_OK || taken.rows.count == known) {
			break;
		}
		/* twice as far ahead each round, at most SHOPSETUP_USERNAME_PROBES names per query */
		if (lookahead * 2 * plan->people.count <= SHOPSETUP_USERNAME_PROBES) {
			lookahead *= 2;
		}
		if (round == SHOPSETUP_USERNAME_ROUNDS) {
			status = shopsetup_error_set(d->err, SHOPSETUP_E_DB, 0, "find taken usernames", 20,
				"new usernames still equal existing ones (by the database's comparison) after %d tries", SHOPSETUP_USERNAME_ROUNDS);
			break;
		}
		status = shopsetup_plan_reassign_usernames(plan, taken.rows.items, taken.rows.count, d->err);
	}
	shopsetup_found_free(&taken);
	return status;
}

/* ---- stage 3: accounts created ---- */

static shopsetup_status shopsetup_produce_users(shopsetup_driver *d, const shopsetup_sink *sink, void *arg)
{
	return shopsetup_plan_new_user_rows(d->plan, sink, d->err);
}

static shopsetup_status shopsetup_produce_preferences(shopsetup_driver *d, const shopsetup_sink *sink, void *arg)
{
	return shopsetup_plan_new_user_preference_rows(d->plan, sink, d->err);
}

typedef struct {
	shopsetup_slice username;
	int64_t id;
} shopsetup_user_id_row;

static shopsetup_status shopsetup_stage_users(shopsetup_driver *d)
{
	shopsetup_plan *plan = d->plan;
	shopsetup_status status = shopsetup_write_rows(d, SHOPSETUP_WRITE_INSERT, "user", NULL, NULL, shopsetup_produce_users, NULL);
	shopsetup_slice *usernames = status == SHOPSETUP_OK ? shopsetup_malloc((plan->people.count + 1) * sizeof(*usernames)) : NULL;
	if (status == SHOPSETUP_OK && usernames == NULL) {
		status = shopsetup_nomem(d->err);
	}
	size_t fresh = 0;
	for (size_t p = 0; p < plan->people.count && status == SHOPSETUP_OK; p++) {
		shopsetup_person *person = shopsetup_person_at(plan, p);
		if (person->status == SHOPSETUP_PERSON_NEW) {
			usernames[fresh++] = person->username;
			uint32_t *slot = shopsetup_vec_push(&d->report->users_created);
			status = slot ? (*slot = (uint32_t) p, SHOPSETUP_OK) : shopsetup_nomem(d->err);
		}
	}
	static const shopsetup_column columns[] = {
		SHOPSETUP_STR_COLUMN(shopsetup_user_id_row, username),
		SHOPSETUP_INT_COLUMN(shopsetup_user_id_row, id),
	};
	shopsetup_col conditions[] = { SHOPSETUP_COL_I("mnethostid", plan->facts.mnethostid) };
	shopsetup_query by_username = { "user", columns, 2, conditions, 1, "username", SHOPSETUP_MATCH_EQUAL, { NULL, usernames, fresh } };
	shopsetup_found found;
	shopsetup_found_init(&found, sizeof(shopsetup_user_id_row));
	if (status == SHOPSETUP_OK && fresh > 0) {
		status = shopsetup_find(d, &by_username, &found);
	}
	for (size_t i = 0; i < found.rows.count && status == SHOPSETUP_OK; i++) {
		const shopsetup_user_id_row *row = SHOPSETUP_VEC_AT(&found.rows, shopsetup_user_id_row, i);
		status = shopsetup_plan_set_user_id(plan, row->username, row->id, d->err);
	}
	shopsetup_found_free(&found);
	shopsetup_free(usernames);
	if (status == SHOPSETUP_OK) {
		status = shopsetup_plan_check_users(plan, d->err);
	}
	if (status == SHOPSETUP_OK) {
		status = shopsetup_write_rows(d, SHOPSETUP_WRITE_INSERT, "user_preferences", NULL, NULL, shopsetup_produce_preferences, NULL);
	}
	return status;
}

/* ---- stage 4: user contexts, the group, enrolments ---- */

typedef struct {
	int64_t instanceid, id;
} shopsetup_context_row;

static const shopsetup_column shopsetup_context_columns[] = {
	SHOPSETUP_INT_COLUMN(shopsetup_context_row, instanceid),
	SHOPSETUP_INT_COLUMN(shopsetup_context_row, id),
};

typedef struct {
	int64_t id;
} shopsetup_id_row;

static const shopsetup_column shopsetup_id_columns[] = { SHOPSETUP_INT_COLUMN(shopsetup_id_row, id) };

typedef struct {
	const int64_t *existing;
	size_t count;
} shopsetup_existing_ids;

static shopsetup_status shopsetup_produce_contexts(shopsetup_driver *d, const shopsetup_sink *sink, void *arg)
{
	shopsetup_existing_ids *existing = arg;
	return shopsetup_plan_user_context_rows(d->plan, existing->existing, existing->count, sink, d->err);
}

typedef struct {
	int64_t system;
	const shopsetup_vec *created;  /* shopsetup_id_pair userid -> context id */
} shopsetup_paths;

/* path /<system context id>/<id>, as context_user::instance() sets it once the row has its id */
static shopsetup_status shopsetup_produce_paths(shopsetup_driver *d, const shopsetup_sink *sink, void *arg)
{
	shopsetup_paths *paths = arg;
	char path[2 * SHOPSETUP_INT_DIGITS_MAX + 3];
	for (size_t i = 0; i < paths->created->count; i++) {
		const shopsetup_id_pair *pair = SHOPSETUP_VEC_AT(paths->created, shopsetup_id_pair, i);
		int len = snprintf(path, sizeof(path), "/%lld/%lld", (long long) paths->system, (long long) pair->id);
		shopsetup_col cols[] = { SHOPSETUP_COL_I("id", pair->id), SHOPSETUP_COL_S("path", ((shopsetup_slice){ path, (size_t) len })) };
		if (!sink->row(sink->ctx, "context", cols, SHOPSETUP_COUNT(cols), d->err)) {
			return d->err->code;
		}
	}
	return SHOPSETUP_OK;
}

static shopsetup_status shopsetup_set_contexts(shopsetup_driver *d, const shopsetup_found *found, shopsetup_vec *pairs)
{
	shopsetup_status status = SHOPSETUP_OK;
	for (size_t i = 0; i < found->rows.count && status == SHOPSETUP_OK; i++) {
		const shopsetup_context_row *row = SHOPSETUP_VEC_AT(&found->rows, shopsetup_context_row, i);
		status = shopsetup_plan_set_user_context(d->plan, row->instanceid, row->id, d->err);
		if (status == SHOPSETUP_OK && pairs != NULL) {
			status = shopsetup_vec_push_pair(pairs, row->instanceid, row->id, d->err);
		}
	}
	return status;
}

static shopsetup_status shopsetup_stage_contexts(shopsetup_driver *d, const int64_t *users, size_t count)
{
	shopsetup_col level[] = { SHOPSETUP_COL_I("contextlevel", SHOPSETUP_CONTEXTLEVEL_USER) };
	shopsetup_query by_user = { "context", shopsetup_context_columns, 2, level, 1, "instanceid", SHOPSETUP_MATCH_EQUAL,
		{ users, NULL, count } };
	shopsetup_found found, created;
	shopsetup_found_init(&found, sizeof(shopsetup_context_row));
	shopsetup_found_init(&created, sizeof(shopsetup_context_row));
	shopsetup_vec missing;
	shopsetup_vec_init(&missing, sizeof(int64_t));
	int64_t *existing = NULL;
	shopsetup_status status = count > 0 ? shopsetup_find(d, &by_user, &found) : SHOPSETUP_OK;
	if (status == SHOPSETUP_OK) {
		status = shopsetup_set_contexts(d, &found, NULL);
	}
	if (status == SHOPSETUP_OK && (existing = shopsetup_malloc((found.rows.count + 1) * sizeof(int64_t))) == NULL) {
		status = shopsetup_nomem(d->err);
	}
	if (status == SHOPSETUP_OK) {
		for (size_t i = 0; i < found.rows.count; i++) {
			existing[i] = SHOPSETUP_VEC_AT(&found.rows, shopsetup_context_row, i)->instanceid;
		}
		shopsetup_existing_ids have = { existing, found.rows.count };
		shopsetup_tee tee = { { NULL, NULL }, "instanceid", &missing };
		shopsetup_sink sink = { shopsetup_tee_row, &tee };
		status = shopsetup_write_rows(d, SHOPSETUP_WRITE_INSERT, "context", &sink, &tee.inner, shopsetup_produce_contexts, &have);
	}
	if (status == SHOPSETUP_OK && missing.count > 0) {
		shopsetup_col system_keys[] = { SHOPSETUP_COL_I("contextlevel", SHOPSETUP_CONTEXTLEVEL_SYSTEM), SHOPSETUP_COL_I("instanceid", 0) };
		shopsetup_query system_query = { "context", shopsetup_id_columns, 1, system_keys, 2, NULL, SHOPSETUP_MATCH_NONE, { 0 } };
		shopsetup_found system;
		shopsetup_found_init(&system, sizeof(shopsetup_id_row));
		by_user.keys = (shopsetup_keys){ missing.items, NULL, missing.count };
		status = shopsetup_find(d, &system_query, &system);
		if (status == SHOPSETUP_OK && system.rows.count != 1) {
			status = shopsetup_error_set(d->err, SHOPSETUP_E_DB, 0, "context", 7, "the site has no system context");
		}
		if (status == SHOPSETUP_OK) {
			status = shopsetup_find(d, &by_user, &created);
		}
		if (status == SHOPSETUP_OK) {
			status = shopsetup_set_contexts(d, &created, &d->report->contexts_created);
		}
		if (status == SHOPSETUP_OK) {
			shopsetup_paths paths = { SHOPSETUP_VEC_AT(&system.rows, shopsetup_id_row, 0)->id, &d->report->contexts_created };
			status = shopsetup_write_rows(d, SHOPSETUP_WRITE_UPDATE, "context", NULL, NULL, shopsetup_produce_paths, &paths);
		}
		shopsetup_found_free(&system);
	}
	shopsetup_free(existing);
	shopsetup_vec_free(&missing);
	shopsetup_found_free(&found);
	shopsetup_found_free(&created);
	return status;
}

static shopsetup_status shopsetup_produce_group(shopsetup_driver *d, const shopsetup_sink *sink, void *arg)
{
	return shopsetup_plan_group_row(d->plan, sink, d->err);
}

/* The order's group: the course's group of that idnumber with the lowest id, made when there is none. */
static shopsetup_status shopsetup_find_group(shopsetup_driver *d, int64_t *groupid)
{
	const shopsetup_facts *f = &d->plan->facts;
	shopsetup_col conditions[] = { SHOPSETUP_COL_I("courseid", f->courseid), SHOPSETUP_COL_S("idnumber", f->groupidnumber) };
	shopsetup_query query = { "groups", shopsetup_id_columns, 1, conditions, 2, NULL, SHOPSETUP_MATCH_NONE, { 0 } };
	shopsetup_found found;
	shopsetup_found_init(&found, sizeof(shopsetup_id_row));
	shopsetup_status status = shopsetup_find(d, &query, &found);
	*groupid = 0;
	for (size_t i = 0; i < found.rows.count; i++) {
		int64_t id = SHOPSETUP_VEC_AT(&found.rows, shopsetup_id_row, i)->id;
		if (*groupid == 0 || id < *groupid) {
			*groupid = id;
		}
	}
	shopsetup_found_free(&found);
	return status;
}

static shopsetup_status shopsetup_stage_group(shopsetup_driver *d)
{
	shopsetup_status status = shopsetup_find_group(d, &d->report->groupid);
	if (status != SHOPSETUP_OK || d->report->groupid > 0) {
		return status;
	}
	status = shopsetup_write_rows(d, SHOPSETUP_WRITE_INSERT, "groups", NULL, NULL, shopsetup_produce_group, NULL);
	if (status == SHOPSETUP_OK) {
		status = shopsetup_find_group(d, &d->report->groupid);
	}
	if (status == SHOPSETUP_OK && d->report->groupid <= 0) {
		status = shopsetup_error_set(d->err, SHOPSETUP_E_DB, 0, "groups", 6, "the new group cannot be read back");
	}
	d->report->group_created = true;
	return status;
}

/* Records (userid, id) of each update for the report and hands the row on without its userid. */
typedef struct {
	shopsetup_sink inner;
	shopsetup_vec *updated;
} shopsetup_update_report;

static bool shopsetup_report_update_row(void *ctx, const char *table, const shopsetup_col *cols, size_t ncols, shopsetup_error *err)
{
	shopsetup_update_report *up = ctx;
	shopsetup_col kept[16];
	int64_t id = 0, userid = 0;
	size_t n = 0;
	for (size_t c = 0; c < ncols && n < SHOPSETUP_COUNT(kept); c++) {
		if (strcmp(cols[c].name, "userid") == 0) {
			userid = cols[c].i;
			continue;
		}
		if (strcmp(cols[c].name, "id") == 0) {
			id = cols[c].i;
		}
		kept[n++] = cols[c];
	}
	return shopsetup_vec_push_pair(up->updated, userid, id, err) == SHOPSETUP_OK && up->inner.row(up->inner.ctx, table, kept, n, err);
}

typedef struct {
	int64_t id, userid, status, timestart, timeend;
} shopsetup_enrolment_row;

typedef struct {
	const shopsetup_found *existing;
	shopsetup_sink updates;
	shopsetup_change_count counts;
} shopsetup_enrolment_changes;

static shopsetup_status shopsetup_produce_enrolments(shopsetup_driver *d, const shopsetup_sink *inserts, void *arg)
{
	shopsetup_enrolment_changes *changes = arg;
	return shopsetup_plan_enrolment_changes(d->plan, changes->existing->rows.items, changes->existing->rows.count, inserts,
		&changes->updates, &changes->counts, d->err);
}

static shopsetup_status shopsetup_produce_enrolment_updates(shopsetup_driver *d, const shopsetup_sink *updates, void *arg)
{
	shopsetup_enrolment_changes *changes = arg;
	shopsetup_update_report report = { *updates, &d->report->enrolments_updated };
	changes->updates = (shopsetup_sink){ shopsetup_report_update_row, &report };
	return shopsetup_write_rows(d, SHOPSETUP_WRITE_INSERT, "user_enrolments", NULL, NULL, shopsetup_produce_enrolments, changes);
}

static shopsetup_status shopsetup_stage_enrolments(shopsetup_driver *d, const int64_t *users, size_t count)
{
	shopsetup_plan *plan = d->plan;
	static const shopsetup_column columns[] = {
		SHOPSETUP_INT_COLUMN(shopsetup_enrolment_row, id),
		SHOPSETUP_INT_COLUMN(shopsetup_enrolment_row, userid),
		SHOPSETUP_INT_COLUMN(shopsetup_enrolment_row, status),
		SHOPSETUP_INT_COLUMN(shopsetup_enrolment_row, timestart),
		SHOPSETUP_INT_COLUMN(shopsetup_enrolment_row, timeend),
	};
	_Static_assert(sizeof(shopsetup_enrolment_row) == sizeof(shopsetup_enrolment), "the plan reads the rows as they are found");
	shopsetup_col conditions[] = { SHOPSETUP_COL_I("enrolid", plan->facts.enrolid) };
	shopsetup_query by_user = { "user_enrolments", columns, SHOPSETUP_COUNT(columns), conditions, 1, "userid", SHOPSETUP_MATCH_EQUAL,
		{ users, NULL, count } };
	shopsetup_found existing, created;
	shopsetup_found_init(&existing, sizeof(shopsetup_enrolment_row));
	shopsetup_found_init(&created, sizeof(shopsetup_enrolment_row));
	int64_t *fresh = NULL;
	shopsetup_status status = count > 0 ? shopsetup_find(d, &by_user, &existing) : SHOPSETUP_OK;
	shopsetup_enrolment_changes changes = { &existing, { NULL, NULL }, { 0, 0, 0 } };
	if (status == SHOPSETUP_OK) {
		status = shopsetup_write_rows(d, SHOPSETUP_WRITE_UPDATE, "user_enrolments", NULL, NULL, shopsetup_produce_enrolment_updates,
			&changes);
	}
	d->report->enrolments_unchanged = changes.counts.unchanged;
	if (status == SHOPSETUP_OK && changes.counts.inserted > 0) {
		/* the enrolments without an id yet are the ones just inserted */
		size_t nfresh = 0;
		if ((fresh = shopsetup_malloc(count * sizeof(int64_t))) == NULL) {
			status = shopsetup_nomem(d->err);
		}
		for (size_t u = 0; status == SHOPSETUP_OK && u < count; u++) {
			if (!shopsetup_plan_has_enrolment_id(plan, users[u])) {
				fresh[nfresh++] = users[u];
			}
		}
		by_user.keys = (shopsetup_keys){ fresh, NULL, nfresh };
		if (status == SHOPSETUP_OK) {
			status = shopsetup_find(d, &by_user, &created);
		}
		for (size_t i = 0; i < created.rows.count && status == SHOPSETUP_OK; i++) {
			const shopsetup_enrolment_row *row = SHOPSETUP_VEC_AT(&created.rows, shopsetup_enrolment_row, i);
			status = shopsetup_vec_push_pair(&d->report->enrolments_created, row->userid, row->id, d->err);
			if (status == SHOPSETUP_OK) {
				status = shopsetup_plan_set_enrolment_id(plan, row->userid, row->id, d->err);
			}
		}
	}
	shopsetup_free(fresh);
	shopsetup_found_free(&existing);
	shopsetup_found_free(&created);
	return status == SHOPSETUP_OK ? shopsetup_plan_check_enrolments(plan, d->err) : status;
}

/* ---- stage 5: role assignments, memberships ---- */

typedef struct {
	int64_t id, contextid, roleid, userid;
} shopsetup_ra_row;

static int shopsetup_id_pair_cmp(const void *a, const void *b)
{
	int64_t x = ((const shopsetup_id_pair *) a)->id, y = ((const shopsetup_id_pair *) b)->id;
	return (x > y) - (x < y);
}

typedef struct {
	shopsetup_keys enrolees, contexts, participants;
} shopsetup_ra_scope;

/*
 * The assignments the plan may add: on the course for the enrolees, in the user contexts both ways.
 * Only manual ones (component '', itemid 0), as role_assign() matches them: a role held through an
 * enrolment plugin (cohort sync) is not the manual enrolment's and goes with that plugin.
 */
static shopsetup_status shopsetup_find_role_assignments(shopsetup_driver *d, const shopsetup_ra_scope *scope, shopsetup_found *found)
{
	const shopsetup_facts *f = &d->plan->facts;
	static const shopsetup_column columns[] = {
		SHOPSETUP_INT_COLUMN(shopsetup_ra_row, id),
		SHOPSETUP_INT_COLUMN(shopsetup_ra_row, contextid),
		SHOPSETUP_INT_COLUMN(shopsetup_ra_row, roleid),
		SHOPSETUP_INT_COLUMN(shopsetup_ra_row, userid),
	};
#define SHOPSETUP_RA_MANUAL SHOPSETUP_COL_S("component", SHOPSETUP_SLICE("")), SHOPSETUP_COL_I("itemid", 0)
	shopsetup_col course[] = { SHOPSETUP_COL_I("contextid", f->coursecontextid), SHOPSETUP_RA_MANUAL };
	shopsetup_col operator_roles[] = { SHOPSETUP_COL_I("userid", f->operatorid), SHOPSETUP_RA_MANUAL };
	shopsetup_col operator_context[] = { SHOPSETUP_COL_I("contextid", f->operatorcontextid), SHOPSETUP_RA_MANUAL };
#undef SHOPSETUP_RA_MANUAL
	shopsetup_query queries[] = {
		{ "role_assignments", columns, 4, course, 3, "userid", SHOPSETUP_MATCH_EQUAL, scope->enrolees },
		{ "role_assignments", columns, 4, operator_roles, 3, "contextid", SHOPSETUP_MATCH_EQUAL, scope->contexts },
		{ "role_assignments", columns, 4, operator_context, 3, "userid", SHOPSETUP_MATCH_EQUAL, scope->participants },
	};
	size_t nqueries = f->mirrorroleid > 0 ? 3 : 2;
	shopsetup_status status = SHOPSETUP_OK;
	for (size_t q = 0; q < nqueries && status == SHOPSETUP_OK; q++) {
		if (queries[q].keys.count > 0) {
			status = shopsetup_find(d, &queries[q], found);
		}
	}
	return status;
}

static shopsetup_slice shopsetup_ra_key(const shopsetup_ra_row *ra)
{
	/* contextid, roleid, userid follow each other as in shopsetup_role_assignment */
	return (shopsetup_slice){ (const char *) &ra->contextid, sizeof(shopsetup_role_assignment) };
}

typedef struct {
	const shopsetup_role_assignment *existing;
	size_t count;
} shopsetup_ra_changes;

static shopsetup_status shopsetup_produce_role_assignments(shopsetup_driver *d, const shopsetup_sink *sink, void *arg)
{
	const shopsetup_ra_changes *changes = arg;
	return shopsetup_plan_role_assignment_rows(d->plan, changes->existing, changes->count, sink, d->err);
}

/* Keeps the key of each role assignment written, then hands the row on. */
typedef struct {
	shopsetup_sink inner;
	shopsetup_vec rows;  /* shopsetup_role_assignment */
} shopsetup_ra_written;

static int64_t shopsetup_col_int(const shopsetup_col *cols, size_t ncols, const char *name)
{
	for (size_t c = 0; c < ncols; c++) {
		if (cols[c].type == SHOPSETUP_COL_INT && strcmp(cols[c].name, name) == 0) {
			return cols[c].i;
		}
	}
	return 0;
}

static bool shopsetup_record_role_assignment(void *ctx, const char *table, const shopsetup_col *cols, size_t ncols,
	shopsetup_error *err)
{
	shopsetup_ra_written *written = ctx;
	shopsetup_role_assignment *key = shopsetup_vec_push(&written->rows);
	if (key == NULL) {
		shopsetup_nomem(err);
		return false;
	}
	*key = (shopsetup_role_assignment){ shopsetup_col_int(cols, ncols, "contextid"), shopsetup_col_int(cols, ncols, "roleid"),
		shopsetup_col_int(cols, ncols, "userid") };
	return written->inner.row(written->inner.ctx, table, cols, ncols, err);
}

static shopsetup_status shopsetup_stage_roles(shopsetup_driver *d, shopsetup_keys enrolees, shopsetup_keys participants)
{
	const shopsetup_plan *plan = d->plan;
	int64_t *contexts = shopsetup_malloc((plan->people.count + 1) * sizeof(int64_t));
	size_t ncontexts = 0;
	if (contexts == NULL) {
		return shopsetup_nomem(d->err);
	}
	for (size_t p = 0; p < plan->people.count; p++) {
		const shopsetup_person *person = shopsetup_person_at(plan, p);
		if (person->contextid > 0) {
			contexts[ncontexts++] = person->contextid;
		}
	}
	shopsetup_ra_scope scope = { enrolees, { contexts, NULL, ncontexts }, participants };
	shopsetup_found before, after;
	shopsetup_found_init(&before, sizeof(shopsetup_ra_row));
	shopsetup_found_init(&after, sizeof(shopsetup_ra_row));
	shopsetup_role_assignment *existing = NULL;
	shopsetup_hash old = { NULL, 0, 0 };
	shopsetup_status status = shopsetup_find_role_assignments(d, &scope, &before);
	if (status == SHOPSETUP_OK) {
		existing = shopsetup_malloc((before.rows.count + 1) * sizeof(*existing));
		if (existing == NULL || !shopsetup_hash_init(&old, before.rows.count)) {
			status = shopsetup_nomem(d->err);
		}
	}
	for (size_t i = 0; i < before.rows.count && status == SHOPSETUP_OK; i++) {
		const shopsetup_ra_row *ra = SHOPSETUP_VEC_AT(&before.rows, shopsetup_ra_row, i);
		existing[i] = (shopsetup_role_assignment){ ra->contextid, ra->roleid, ra->userid };
		if (!shopsetup_hash_put(&old, shopsetup_ra_key(ra), 0, NULL, NULL)) {
			status = shopsetup_nomem(d->err);
		}
	}
	shopsetup_ra_changes changes = { existing, before.rows.count };
	shopsetup_ra_written written = { .inner = { NULL, NULL } };
	shopsetup_vec_init(&written.rows, sizeof(shopsetup_role_assignment));
	shopsetup_sink recorded = { shopsetup_record_role_assignment, &written };
	shopsetup_hash added = { NULL, 0, 0 };
	if (status == SHOPSETUP_OK) {
		status = shopsetup_write_rows(d, SHOPSETUP_WRITE_INSERT, "role_assignments", &recorded, &written.inner,
			shopsetup_produce_role_assignments, &changes);
	}
	/* the ids of the new rows: what is there now, was not before and was written */
	if (status == SHOPSETUP_OK && written.rows.count > 0) {
		status = shopsetup_hash_init(&added, written.rows.count) ? shopsetup_find_role_assignments(d, &scope, &after)
			: shopsetup_nomem(d->err);
	}
	for (size_t i = 0; i < written.rows.count && status == SHOPSETUP_OK; i++) {
		shopsetup_slice key = { (const char *) SHOPSETUP_VEC_AT(&written.rows, shopsetup_role_assignment, i),
			sizeof(shopsetup_role_assignment) };
		if (!shopsetup_hash_put(&added, key, 0, NULL, NULL)) {
			status = shopsetup_nomem(d->err);
		}
	}
	for (size_t i = 0; i < after.rows.count && status == SHOPSETUP_OK; i++) {
		const shopsetup_ra_row *ra = SHOPSETUP_VEC_AT(&after.rows, shopsetup_ra_row, i);
		uint32_t seen;
		if (!shopsetup_hash_get(&old, shopsetup_ra_key(ra), NULL) && shopsetup_hash_get(&added, shopsetup_ra_key(ra), &seen)
			&& seen == 0) {
			shopsetup_hash_set(&added, shopsetup_ra_key(ra), 1);
			status = shopsetup_vec_push_pair(&d->report->roles_added, ra->userid, ra->id, d->err);
		}
	}
	if (status == SHOPSETUP_OK && d->report->roles_added.count != written.rows.count) {
		status = shopsetup_error_set(d->err, SHOPSETUP_E_DB, 0, "role_assignments", 16,
			"%zu role assignments written, %zu read back", written.rows.count, d->report->roles_added.count);
	}
	shopsetup_hash_free(&added);
	shopsetup_vec_free(&written.rows);
	/* in the order they were written, whatever order the database returned them in */
	if (d->report->roles_added.count > 1) {
		qsort(d->report->roles_added.items, d->report->roles_added.count, sizeof(shopsetup_id_pair), shopsetup_id_pair_cmp);
	}
	shopsetup_hash_free(&old);
	shopsetup_free(existing);
	shopsetup_free(contexts);
	shopsetup_found_free(&before);
	shopsetup_found_free(&after);
	return status;
}

typedef struct {
	int64_t userid;
} shopsetup_member_row;

static shopsetup_status shopsetup_produce_members(shopsetup_driver *d, const shopsetup_sink *sink, void *arg)
{
	const shopsetup_found *existing = arg;
	return shopsetup_plan_group_member_rows(d->plan, d->report->groupid, existing->rows.items, existing->rows.count, sink, d->err);
}

static shopsetup_status shopsetup_produce_group_modified(shopsetup_driver *d, const shopsetup_sink *sink, void *arg)
{
	shopsetup_col cols[] = { SHOPSETUP_COL_I("id", d->report->groupid), SHOPSETUP_COL_I("timemodified", d->plan->facts.now) };
	return sink->row(sink->ctx, "groups", cols, SHOPSETUP_COUNT(cols), d->err) ? SHOPSETUP_OK : d->err->code;
}

static shopsetup_status shopsetup_stage_members(shopsetup_driver *d)
{
	static const shopsetup_column columns[] = { SHOPSETUP_INT_COLUMN(shopsetup_member_row, userid) };
	shopsetup_col conditions[] = { SHOPSETUP_COL_I("groupid", d->report->groupid) };
	shopsetup_query query = { "groups_members", columns, 1, conditions, 1, NULL, SHOPSETUP_MATCH_NONE, { 0 } };
	shopsetup_found existing;
	shopsetup_found_init(&existing, sizeof(shopsetup_member_row));
	shopsetup_status status = shopsetup_find(d, &query, &existing);
	if (status == SHOPSETUP_OK) {
		shopsetup_tee tee = { { NULL, NULL }, "userid", &d->report->members_added };
		shopsetup_sink sink = { shopsetup_tee_row, &tee };
		status = shopsetup_write_rows(d, SHOPSETUP_WRITE_INSERT, "groups_members", &sink, &tee.inner, shopsetup_produce_members, &existing);
	}
	shopsetup_found_free(&existing);
	/* groups_add_member(): the group's timemodified is the time of the last member added */
	if (status == SHOPSETUP_OK && d->report->members_added.count > 0) {
		status = shopsetup_write_rows(d, SHOPSETUP_WRITE_UPDATE, "groups", NULL, NULL, shopsetup_produce_group_modified, NULL);
	}
	return status;
}

/* ---- stage 6: products ---- */

typedef struct {
	const shopsetup_slice *existing;
	size_t count;
} shopsetup_product_changes;

static shopsetup_status shopsetup_produce_products(shopsetup_driver *d, const shopsetup_sink *sink, void *arg)
{
	const shopsetup_product_changes *changes = arg;
	return shopsetup_plan_product_rows(d->plan, changes->existing, changes->count, sink, d->err);
}

static shopsetup_status shopsetup_produce_product_events(shopsetup_driver *d, const shopsetup_sink *sink, void *arg)
{
	const shopsetup_vec *added = arg;
	return shopsetup_plan_product_event_rows(d->plan, added->items, added->count, sink, d->err);
}

static shopsetup_status shopsetup_stage_products(shopsetup_driver *d)
{
	static const shopsetup_column columns[] = {
		SHOPSETUP_STR_COLUMN(shopsetup_product_ref, reference),
		SHOPSETUP_INT_COLUMN(shopsetup_product_ref, id),
	};
	shopsetup_col conditions[] = { SHOPSETUP_COL_I("initialbillitemid", d->plan->facts.billitemid),
		SHOPSETUP_COL_S("contexttype", SHOPSETUP_SLICE("userenrol")) };
	shopsetup_query query = { "local_shop_product", columns, 2, conditions, 2, NULL, SHOPSETUP_MATCH_NONE, { 0 } };
	shopsetup_found existing, now;
	shopsetup_found_init(&existing, sizeof(shopsetup_product_ref));
	shopsetup_found_init(&now, sizeof(shopsetup_product_ref));
	shopsetup_vec added;
	shopsetup_vec_init(&added, sizeof(shopsetup_product_ref));
	shopsetup_hash known = { NULL, 0, 0 };
	shopsetup_slice *refs = NULL;
	shopsetup_status status = shopsetup_find(d, &query, &existing);
	if (status == SHOPSETUP_OK) {
		refs = shopsetup_malloc((existing.rows.count + 1) * sizeof(*refs));
		status = refs && shopsetup_hash_init(&known, existing.rows.count) ? SHOPSETUP_OK : shopsetup_nomem(d->err);
	}
	for (size_t i = 0; i < existing.rows.count && status == SHOPSETUP_OK; i++) {
		refs[i] = SHOPSETUP_VEC_AT(&existing.rows, shopsetup_product_ref, i)->reference;
		if (!shopsetup_hash_put(&known, refs[i], 0, NULL, NULL)) {
			status = shopsetup_nomem(d->err);
		}
	}
	shopsetup_product_changes changes = { refs, existing.rows.count };
	size_t inserted = 0;
	if (status == SHOPSETUP_OK) {
		status = shopsetup_write_counted(d, "local_shop_product", shopsetup_produce_products, &changes, &inserted);
	}
	/* the new products are the line's products whose reference was not there before */
	if (status == SHOPSETUP_OK && inserted > 0) {
		status = shopsetup_find(d, &query, &now);
	}
	for (size_t i = 0; i < now.rows.count && status == SHOPSETUP_OK; i++) {
		const shopsetup_product_ref *ref = SHOPSETUP_VEC_AT(&now.rows, shopsetup_product_ref, i);
		if (shopsetup_hash_get(&known, ref->reference, NULL)) {
			continue;
		}
		shopsetup_product_ref *slot = shopsetup_vec_push(&added);
		status = slot ? (*slot = *ref, shopsetup_vec_push_pair(&d->report->products_added, 0, ref->id, d->err)) : shopsetup_nomem(d->err);
	}
	if (status == SHOPSETUP_OK && added.count > 0) {
		status = shopsetup_write_rows(d, SHOPSETUP_WRITE_INSERT, "local_shop_productevent", NULL, NULL, shopsetup_produce_product_events,
			&added);
	}
	shopsetup_free(refs);
	shopsetup_hash_free(&known);
	shopsetup_vec_free(&added);
	shopsetup_found_free(&existing);
	shopsetup_found_free(&now);
	return status;
}

/* ---- access flags: mark_user_dirty() for every user whose roles or enrolment changed ---- */

typedef struct {
	int64_t id;
	shopsetup_slice name;
} shopsetup_flag_row;

typedef struct {
	const shopsetup_vec *users;       /* int64_t, distinct */
	const shopsetup_slice *names;     /* the users' ids as text, as cache_flags.name holds them */
	const shopsetup_found *existing;  /* shopsetup_flag_row */
	const shopsetup_hash *flagged;    /* name -> index in existing of its lowest id */
} shopsetup_flags;

static shopsetup_status shopsetup_produce_flags(shopsetup_driver *d, const shopsetup_sink *sink, shopsetup_write kind,
	const shopsetup_flags *flags)
{
	const shopsetup_facts *f = &d->plan->facts;
	for (size_t u = 0; u < flags->users->count; u++) {
		uint32_t e;
		bool found = shopsetup_hash_get(flags->flagged, flags->names[u], &e);
		if (found != (kind == SHOPSETUP_WRITE_UPDATE)) {
			continue;
		}
		/* set_cache_flag('accesslib/dirtyusers', $userid, 1, time() + $CFG->sessiontimeout) */
		shopsetup_col cols[] = {
			found ? SHOPSETUP_COL_I("id", SHOPSETUP_VEC_AT(&flags->existing->rows, shopsetup_flag_row, e)->id)
				: SHOPSETUP_COL_S("flagtype", SHOPSETUP_SLICE("accesslib/dirtyusers")),
			found ? SHOPSETUP_COL_S("value", SHOPSETUP_SLICE("1")) : SHOPSETUP_COL_S("name", flags->names[u]),
			found ? SHOPSETUP_COL_I("expiry", f->now + f->sessiontimeout) : SHOPSETUP_COL_S("value", SHOPSETUP_SLICE("1")),
			found ? SHOPSETUP_COL_I("timemodified", f->now) : SHOPSETUP_COL_I("expiry", f->now + f->sessiontimeout),
			SHOPSETUP_COL_I("timemodified", f->now),
		};
		if (!sink->row(sink->ctx, "cache_flags", cols, found ? 4 : 5, d->err)) {
			return d->err->code;
		}
	}
	return SHOPSETUP_OK;
}

static shopsetup_status shopsetup_produce_flag_inserts(shopsetup_driver *d, const shopsetup_sink *sink, void *arg)
{
	return shopsetup_produce_flags(d, sink, SHOPSETUP_WRITE_INSERT, arg);
}

static shopsetup_status shopsetup_produce_flag_updates(shopsetup_driver *d, const shopsetup_sink *sink, void *arg)
{
	return shopsetup_produce_flags(d, sink, SHOPSETUP_WRITE_UPDATE, arg);
}

/* Adds userid to users once. */
static shopsetup_status shopsetup_add_user_once(shopsetup_hash *seen, shopsetup_vec *users, int64_t userid, shopsetup_error *err)
{
	bool inserted;
	int64_t *slot = shopsetup_vec_push(users);
	if (slot == NULL) {
		return shopsetup_nomem(err);
	}
	*slot = userid;
	if (!shopsetup_hash_put(seen, (shopsetup_slice){ (const char *) slot, sizeof(*slot) }, 0, &inserted, NULL)) {
		return shopsetup_nomem(err);
	}
	if (!inserted) {
		users->count--;
	}
	return SHOPSETUP_OK;
}

static shopsetup_status shopsetup_stage_access_flags(shopsetup_driver *d)
{
	shopsetup_run_report *report = d->report;
	shopsetup_vec *users = &report->dirty_users;
	shopsetup_hash seen;
	size_t most = report->roles_added.count + report->enrolments_updated.count;
	/* the keys point into users: room for every user first, so that it never moves */
	if (!shopsetup_hash_init(&seen, most) || !shopsetup_vec_reserve(users, most + 1)) {
		shopsetup_hash_free(&seen);
		return shopsetup_nomem(d->err);
	}
	shopsetup_status status = SHOPSETUP_OK;
	for (size_t i = 0; i < report->enrolments_updated.count && status == SHOPSETUP_OK; i++) {
		status = shopsetup_add_user_once(&seen, users, SHOPSETUP_VEC_AT(&report->enrolments_updated, shopsetup_id_pair, i)->userid, d->err);
	}
	for (size_t i = 0; i < report->roles_added.count && status == SHOPSETUP_OK; i++) {
		status = shopsetup_add_user_once(&seen, users, SHOPSETUP_VEC_AT(&report->roles_added, shopsetup_id_pair, i)->userid, d->err);
	}
	shopsetup_hash_free(&seen);
	if (status != SHOPSETUP_OK || users->count == 0) {
		return status;
	}
	shopsetup_slice *names = shopsetup_malloc(users->count * sizeof(*names));
	shopsetup_found existing;
	shopsetup_found_init(&existing, sizeof(shopsetup_flag_row));
	shopsetup_hash flagged = { NULL, 0, 0 };
	if (names == NULL || !shopsetup_hash_init(&flagged, users->count)) {
		status = shopsetup_nomem(d->err);
	}
	for (size_t u = 0; u < users->count && status == SHOPSETUP_OK; u++) {
		char digits[SHOPSETUP_INT_DIGITS_MAX + 1];
		int len = snprintf(digits, sizeof(digits), "%lld", (long long) *SHOPSETUP_VEC_AT(users, int64_t, u));
		if (!shopsetup_plan_store(d->plan, digits, (size_t) len, &names[u])) {
			status = shopsetup_nomem(d->err);
		}
	}
	static const shopsetup_column columns[] = {
		SHOPSETUP_INT_COLUMN(shopsetup_flag_row, id),
		SHOPSETUP_STR_COLUMN(shopsetup_flag_row, name),
	};
	shopsetup_col type[] = { SHOPSETUP_COL_S("flagtype", SHOPSETUP_SLICE("accesslib/dirtyusers")) };
	shopsetup_query query = { "cache_flags", columns, 2, type, 1, "name", SHOPSETUP_MATCH_EQUAL, { NULL, names, users->count } };
	if (status == SHOPSETUP_OK) {
		status = shopsetup_find(d, &query, &existing);
	}
	/* set_cache_flag() updates the first row it finds: here the lowest id */
	for (size_t i = 0; i < existing.rows.count && status == SHOPSETUP_OK; i++) {
		const shopsetup_flag_row *row = SHOPSETUP_VEC_AT(&existing.rows, shopsetup_flag_row, i);
		uint32_t e;
		bool inserted;
		if (!shopsetup_hash_put(&flagged, row->name, (uint32_t) i, &inserted, &e)) {
			status = shopsetup_nomem(d->err);
		} else if (!inserted && row->id < SHOPSETUP_VEC_AT(&existing.rows, shopsetup_flag_row, e)->id) {
			shopsetup_hash_set(&flagged, row->name, (uint32_t) i);
		}
	}
	shopsetup_flags flags = { users, names, &existing, &flagged };
	if (status == SHOPSETUP_OK) {
		status = shopsetup_write_rows(d, SHOPSETUP_WRITE_UPDATE, "cache_flags", NULL, NULL, shopsetup_produce_flag_updates, &flags);
	}
	if (status == SHOPSETUP_OK) {
		status = shopsetup_write_rows(d, SHOPSETUP_WRITE_INSERT, "cache_flags", NULL, NULL, shopsetup_produce_flag_inserts, &flags);
	}
	shopsetup_hash_free(&flagged);
	shopsetup_found_free(&existing);
	shopsetup_free(names);
	return status;
}

/*
 * ---- the outbox: what Moodle's APIs do besides writing rows, recorded with the rows ----
 *
 * One row per effect, in the order the API calls of each stage produce them; the plugin delivers
 * them (events, hooks, messages) in id order and deletes each one delivered.
 */

static bool shopsetup_effect(shopsetup_driver *d, const shopsetup_sink *sink, const char *kind, int64_t objectid, int64_t userid)
{
	const shopsetup_facts *f = &d->plan->facts;
	shopsetup_col cols[] = {
		SHOPSETUP_COL_I("billitemid", f->billitemid),
		SHOPSETUP_COL_S("kind", ((shopsetup_slice){ kind, strlen(kind) })),
		SHOPSETUP_COL_I("objectid", objectid),
		SHOPSETUP_COL_I("userid", userid),
		SHOPSETUP_COL_I("attempts", 0),
		SHOPSETUP_COL_I("timecreated", f->now),
	};
	d->report->effects++;
	return sink->row(sink->ctx, f->outbox.ptr, cols, SHOPSETUP_COUNT(cols), d->err);
}

static bool shopsetup_pair_effects(shopsetup_driver *d, const shopsetup_sink *sink, const char *kind, const shopsetup_vec *pairs)
{
	for (size_t i = 0; i < pairs->count; i++) {
		const shopsetup_id_pair *pair = SHOPSETUP_VEC_AT(pairs, shopsetup_id_pair, i);
		if (!shopsetup_effect(d, sink, kind, pair->id, pair->userid)) {
			return false;
		}
	}
	return true;
}

static shopsetup_status shopsetup_produce_effects(shopsetup_driver *d, const shopsetup_sink *sink, void *arg)
{
	const shopsetup_run_report *report = d->report;
	const shopsetup_plan *plan = d->plan;
	int64_t *enrolees = arg;
	size_t nenrolees = shopsetup_plan_enrolees(plan, enrolees);
	/* first: the caches, invalidated at once after the commit, and again by a delivery that resumes after a crash */
	bool ok = shopsetup_effect(d, sink, SHOPSETUP_EFFECT_CACHES, report->groupid, 0);
	for (size_t i = 0; i < report->users_created.count && ok; i++) {
		const shopsetup_person *person = shopsetup_person_at(plan, *SHOPSETUP_VEC_AT(&report->users_created, uint32_t, i));
		ok = shopsetup_effect(d, sink, SHOPSETUP_EFFECT_USER_CREATED, person->userid, person->userid);
	}
	ok = ok && (!report->group_created || shopsetup_effect(d, sink, SHOPSETUP_EFFECT_GROUP_CREATED, report->groupid, 0))
		&& shopsetup_pair_effects(d, sink, SHOPSETUP_EFFECT_USER_ENROLMENT_CREATED, &report->enrolments_created)
		&& shopsetup_pair_effects(d, sink, SHOPSETUP_EFFECT_USER_ENROLMENT_UPDATED, &report->enrolments_updated)
		&& shopsetup_pair_effects(d, sink, SHOPSETUP_EFFECT_ROLE_ASSIGNED, &report->roles_added);
	for (size_t i = 0; i < nenrolees && ok && plan->facts.recovergrades; i++) {
		ok = shopsetup_effect(d, sink, SHOPSETUP_EFFECT_GRADES_RECOVERED, plan->facts.courseid, enrolees[i]);
	}
	for (size_t i = 0; i < report->members_added.count && ok; i++) {
		ok = shopsetup_effect(d, sink, SHOPSETUP_EFFECT_GROUP_MEMBER_ADDED, report->groupid, *SHOPSETUP_VEC_AT(&report->members_added, int64_t, i));
	}
	return ok ? SHOPSETUP_OK : d->err->code;
}

/*
 * The task that delivers the outbox, committed with it: a process that dies after the COMMIT leaves
 * a queued task, never an orphaned outbox. Always a new row, as queue_adhoc_task() without its check
 * for an existing one: a queued task that is already running may have read the outbox before this
 * transaction commits.
 */
static shopsetup_status shopsetup_produce_delivery_task(shopsetup_driver *d, const shopsetup_sink *sink, void *arg)
{
	const shopsetup_facts *f = &d->plan->facts;
	shopsetup_col cols[] = {
		SHOPSETUP_COL_S("component", f->deliverycomponent),
		SHOPSETUP_COL_S("classname", f->deliverytask),
		SHOPSETUP_COL_I("nextruntime", f->now > 0 ? f->now - 1 : 0),  /* queue_adhoc_task(): at once */
		SHOPSETUP_COL_I("faildelay", 0),
		SHOPSETUP_COL_S("customdata", f->deliverydata),
		SHOPSETUP_COL_I("timecreated", f->now),
		SHOPSETUP_COL_I("attemptsavailable", f->deliveryattempts),
	};
	return sink->row(sink->ctx, "task_adhoc", cols, SHOPSETUP_COUNT(cols), d->err) ? SHOPSETUP_OK : d->err->code;
}

static shopsetup_status shopsetup_stage_outbox(shopsetup_driver *d, int64_t *enrolees)
{
	const shopsetup_run_report *report = d->report;
	bool changed = report->users_created.count > 0 || report->group_created || report->enrolments_created.count > 0
		|| report->enrolments_updated.count > 0 || report->roles_added.count > 0 || report->members_added.count > 0
		|| d->plan->facts.recovergrades;
	if (d->plan->facts.outbox.len == 0 || !changed) {
		return SHOPSETUP_OK;
	}
	shopsetup_status status = shopsetup_write_rows(d, SHOPSETUP_WRITE_INSERT, d->plan->facts.outbox.ptr, NULL, NULL,
		shopsetup_produce_effects, enrolees);
	if (status != SHOPSETUP_OK || d->plan->facts.deliverytask.len == 0) {
		return status;
	}
	return shopsetup_write_rows(d, SHOPSETUP_WRITE_INSERT, "task_adhoc", NULL, NULL, shopsetup_produce_delivery_task, NULL);
}

/* ---- the run ---- */

static shopsetup_status shopsetup_driver_fresh_plan(const shopsetup_plan *plan, shopsetup_error *err)
{
	if (plan->stage != SHOPSETUP_STAGE_PLANNED) {
		return shopsetup_error_set(err, SHOPSETUP_E_PLAN_STATE, 0, "run", 3, "a plan runs once: build a new one to run it again");
	}
	return SHOPSETUP_OK;
}

static shopsetup_status shopsetup_driver_runnable_plan(const shopsetup_plan *plan, shopsetup_error *err)
{
	if (plan->accounts_only) {
		return shopsetup_error_set(err, SHOPSETUP_E_PLAN_STATE, 0, "run", 3,
			"a plan of accounts only previews: it has no course to set up");
	}
	return shopsetup_driver_fresh_plan(plan, err);
}

static shopsetup_status shopsetup_driver_stages(shopsetup_driver *d, int64_t *enrolees, int64_t *participants)
{
	shopsetup_plan *plan = d->plan;
	shopsetup_status status;
	if ((status = shopsetup_stage_accounts(d, &d->report->match)) != SHOPSETUP_OK
		|| (status = shopsetup_stage_usernames(d)) != SHOPSETUP_OK
		|| (status = shopsetup_stage_users(d)) != SHOPSETUP_OK) {
		return status;
	}
	for (size_t p = 0; p < plan->people.count; p++) {
		participants[p] = shopsetup_person_at(plan, p)->userid;
	}
	shopsetup_keys participant_ids = { participants, NULL, plan->people.count };
	shopsetup_keys enrolee_ids = { enrolees, NULL, shopsetup_plan_enrolees(plan, enrolees) };
	if ((status = shopsetup_stage_contexts(d, participants, plan->people.count)) != SHOPSETUP_OK
		|| (status = shopsetup_stage_group(d)) != SHOPSETUP_OK
		|| (status = shopsetup_stage_enrolments(d, enrolees, enrolee_ids.count)) != SHOPSETUP_OK
		|| (status = shopsetup_stage_roles(d, enrolee_ids, participant_ids)) != SHOPSETUP_OK
		|| (status = shopsetup_stage_members(d)) != SHOPSETUP_OK
		|| (status = shopsetup_stage_products(d)) != SHOPSETUP_OK
		|| (status = shopsetup_stage_access_flags(d)) != SHOPSETUP_OK) {
		return status;
	}
	return shopsetup_stage_outbox(d, enrolees);
}

shopsetup_status shopsetup_driver_run(shopsetup_store store, shopsetup_plan *plan, shopsetup_run_report *report,
	shopsetup_before_commit before_commit, shopsetup_error *err)
{
	shopsetup_status status = shopsetup_driver_runnable_plan(plan, err);
	if (status != SHOPSETUP_OK || (status = store.ops->lock(store.self, err)) != SHOPSETUP_OK) {
		return status;
	}
	shopsetup_driver d = { store, plan, report, err };
	bool in_transaction = false;
	int64_t *enrolees = shopsetup_malloc((plan->people.count + 1) * sizeof(int64_t));
	int64_t *participants = shopsetup_malloc((plan->people.count + 1) * sizeof(int64_t));
	if (enrolees == NULL || participants == NULL) {
		status = shopsetup_nomem(err);
	} else if ((status = store.ops->begin(store.self, err)) == SHOPSETUP_OK) {
		in_transaction = true;
		status = shopsetup_driver_stages(&d, enrolees, participants);
	}
	/* counted before the report is built, the COMMIT included */
	size_t statements = store.ops->statements(store.self);
	report->statements = statements < SIZE_MAX ? statements + 1 : statements;
	report->cluster = store.ops->cluster != NULL ? store.ops->cluster(store.self) : NULL;
	if (status == SHOPSETUP_OK && before_commit.fn != NULL) {
		status = before_commit.fn(before_commit.ctx, plan, report, err);
	}
	if (status == SHOPSETUP_OK) {
		status = store.ops->commit(store.self, err);
		in_transaction = status != SHOPSETUP_OK;  /* a COMMIT refused still ends in a rollback */
	}
	if (in_transaction) {
		store.ops->rollback(store.self);
	}
	store.ops->unlock(store.self);
	shopsetup_free(enrolees);
	shopsetup_free(participants);
	return status;
}

shopsetup_status shopsetup_driver_preview(shopsetup_store store, shopsetup_plan *plan, shopsetup_match_report *match,
	shopsetup_error *err)
{
	shopsetup_status status = shopsetup_driver_fresh_plan(plan, err);
	shopsetup_driver d = { store, plan, NULL, err };
	if (status == SHOPSETUP_OK && (status = shopsetup_stage_accounts(&d, match)) == SHOPSETUP_OK) {
		status = shopsetup_stage_usernames(&d);
	}
	return status;
}
