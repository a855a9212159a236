/*
 * The MySQL/MariaDB bulk executor.
 *
 * One named lock serialises setups on a site (Moodle has no unique index on user.email, so two
 * setups sharing a new email must not both create it), then one READ COMMITTED transaction
 * looks up with chunked IN lists and writes with multi-row INSERTs and batched UPDATEs, every
 * statement sized under max_allowed_packet. The plan decides what to write; this file only moves rows.
 */
#include "shopsetup_mysql.h"
#include "shopsetup_text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SHOPSETUP_IN_CHUNK 1000
/* rounds of new usernames checked against the database's equality before giving up */
#define SHOPSETUP_USERNAME_ROUNDS 32
#define SHOPSETUP_STATEMENT_MAX (1024 * 1024)

static shopsetup_status shopsetup_db_error(shopsetup_mysql *db, const char *step, shopsetup_error *err)
{
	return shopsetup_error_set(err, SHOPSETUP_E_DB, mysql_errno(db->conn), step, strlen(step),
		"MySQL error %u (%s): %s", mysql_errno(db->conn), mysql_sqlstate(db->conn), mysql_error(db->conn));
}

bool shopsetup_mysql_library_init(void)
{
	return mysql_library_init(0, NULL, NULL) == 0;
}

void shopsetup_mysql_library_end(void)
{
	mysql_library_end();
}

void shopsetup_run_report_init(shopsetup_run_report *report)
{
	memset(report, 0, sizeof(*report));
	shopsetup_vec_init(&report->match.suspended, sizeof(uint32_t));
	shopsetup_vec_init(&report->match.ambiguous, sizeof(shopsetup_ambiguity));
	shopsetup_vec_init(&report->users_created, sizeof(uint32_t));
	shopsetup_vec_init(&report->contexts_created, sizeof(shopsetup_id_pair));
	shopsetup_vec_init(&report->enrolments_created, sizeof(shopsetup_id_pair));
	shopsetup_vec_init(&report->enrolments_updated, sizeof(shopsetup_id_pair));
	shopsetup_vec_init(&report->roles_added, sizeof(int64_t));
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
}

/* ---- connection ---- */

static bool shopsetup_prefix_is_safe(const char *prefix)
{
	size_t len = strlen(prefix);
	if (len > SHOPSETUP_MYSQL_PREFIX_MAX) {
		return false;
	}
	for (size_t i = 0; i < len; i++) {
		char c = prefix[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) {
			return false;
		}
	}
	return true;
}

static shopsetup_status shopsetup_query(shopsetup_mysql *db, const char *sql, size_t len, const char *step, shopsetup_error *err)
{
	db->statements++;
	if (mysql_real_query(db->conn, sql, (unsigned long) len) != 0) {
		return shopsetup_db_error(db, step, err);
	}
	return SHOPSETUP_OK;
}

/* Runs a query expected to return one integer (NULL reads as -1). */
static shopsetup_status shopsetup_query_int(shopsetup_mysql *db, const char *sql, const char *step, int64_t *out, shopsetup_error *err)
{
	shopsetup_status status = shopsetup_query(db, sql, strlen(sql), step, err);
	if (status != SHOPSETUP_OK) {
		return status;
	}
	MYSQL_RES *res = mysql_store_result(db->conn);
	if (res == NULL) {
		return shopsetup_db_error(db, step, err);
	}
	MYSQL_ROW row = mysql_fetch_row(res);
	*out = (row == NULL || row[0] == NULL) ? -1 : strtoll(row[0], NULL, 10);
	mysql_free_result(res);
	return SHOPSETUP_OK;
}

shopsetup_status shopsetup_mysql_connect(shopsetup_mysql *db, const shopsetup_mysql_options *options, shopsetup_error *err)
{
	memset(db, 0, sizeof(*db));
	const char *prefix = options->prefix ? options->prefix : "mdl_";
	if (!shopsetup_prefix_is_safe(prefix)) {
		return shopsetup_error_set(err, SHOPSETUP_E_DB, 0, "connect", 7,
			"the table prefix must be at most %d characters of [A-Za-z0-9_]", SHOPSETUP_MYSQL_PREFIX_MAX);
	}
	strcpy(db->prefix, prefix);
	db->lock_timeout = options->lock_timeout_set ? options->lock_timeout : 60;

	db->conn = mysql_init(NULL);
	if (db->conn == NULL) {
		return shopsetup_nomem(err);
	}
	mysql_options(db->conn, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	if (options->connect_timeout > 0) {
		mysql_options(db->conn, MYSQL_OPT_CONNECT_TIMEOUT, &options->connect_timeout);
	}
	/* Any TLS option, certificate verification included, means a TLS connection or none. */
	bool tls = options->ssl || options->ssl_verify_server_cert || options->ssl_key || options->ssl_cert || options->ssl_ca
		|| options->ssl_capath || options->ssl_cipher;
	if (tls) {
		mysql_ssl_set(db->conn, options->ssl_key, options->ssl_cert, options->ssl_ca, options->ssl_capath, options->ssl_cipher);
#ifdef MARIADB_PACKAGE_VERSION
		my_bool enforce = 1, verify = options->ssl_verify_server_cert;
		mysql_options(db->conn, MYSQL_OPT_SSL_ENFORCE, &enforce);
		mysql_options(db->conn, MYSQL_OPT_SSL_VERIFY_SERVER_CERT, &verify);
#else
		/* Oracle's libmysqlclient 8 */
		unsigned mode = options->ssl_verify_server_cert ? SSL_MODE_VERIFY_IDENTITY : SSL_MODE_REQUIRED;
		mysql_options(db->conn, MYSQL_OPT_SSL_MODE, &mode);
#endif
	}
	if (mysql_real_connect(db->conn, options->host, options->user, options->password, options->database, options->port,
			options->socket, 0) == NULL) {
		shopsetup_status status = shopsetup_error_set(err, SHOPSETUP_E_DB, mysql_errno(db->conn), "connect", 7,
			"cannot connect to MySQL/MariaDB: %s", mysql_error(db->conn));
		shopsetup_mysql_close(db);
		return status;
	}
	/* MariaDB Connector/C falls back to plain text on a server without TLS unless the certificate is verified. */
	if (tls && mysql_get_ssl_cipher(db->conn) == NULL) {
		shopsetup_mysql_close(db);
		return shopsetup_error_set(err, SHOPSETUP_E_DB, 0, "connect", 7,
			"cannot connect to MySQL/MariaDB: TLS is required but the connection is not encrypted (does the server support TLS?)");
	}

	/* As Moodle's own connections: a value that does not fit is an error, never silently cut. */
	static const char strict[] = "SET SESSION sql_mode = 'STRICT_ALL_TABLES'";
	int64_t packet, email_ci;
	shopsetup_status status = shopsetup_query(db, strict, sizeof(strict) - 1, "connect", err);
	if (status == SHOPSETUP_OK) {
		status = shopsetup_query_int(db, "SELECT @@max_allowed_packet", "connect", &packet, err);
	}
	if (status != SHOPSETUP_OK) {
		shopsetup_mysql_close(db);
		return status;
	}
	db->statement_limit = packet > 0 && (size_t) packet / 2 < SHOPSETUP_STATEMENT_MAX ? (size_t) packet / 2 : SHOPSETUP_STATEMENT_MAX;

	/* Match emails through the index when the column compares case-insensitively, else through LOWER(). */
	char sql[512];
	snprintf(sql, sizeof(sql),
		"SELECT COLLATION_NAME LIKE '%%\\_ci' FROM information_schema.COLUMNS"
		" WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = '%suser' AND COLUMN_NAME = 'email'", db->prefix);
	if ((status = shopsetup_query_int(db, sql, "connect", &email_ci, err)) != SHOPSETUP_OK) {
		shopsetup_mysql_close(db);
		return status;
	}
	if (email_ci < 0) {
		status = shopsetup_error_set(err, SHOPSETUP_E_DB, 0, "connect", 7,
			"table %suser not found in database \"%s\": is this a Moodle database with prefix \"%s\"?",
			db->prefix, options->database ? options->database : "", db->prefix);
		shopsetup_mysql_close(db);
		return status;
	}
	db->email_ci = email_ci == 1;

	/* One lock per site: database plus prefix, hashed to fit the 64-character limit. */
	char site[256];
	int site_len = snprintf(site, sizeof(site), "%s.%s", options->database ? options->database : "", db->prefix);
	snprintf(db->lock_name, sizeof(db->lock_name), "shopsetup:%016llx", (unsigned long long) shopsetup_hash_bytes(site, (size_t) site_len));
	return SHOPSETUP_OK;
}

void shopsetup_mysql_close(shopsetup_mysql *db)
{
	if (db->conn != NULL) {
		mysql_close(db->conn);
		db->conn = NULL;
	}
}

/* ---- statement building ---- */

static bool shopsetup_sql_string(shopsetup_mysql *db, shopsetup_buf *sql, const char *s, size_t len)
{
	if (len > (SIZE_MAX - 3) / 2 || !shopsetup_buf_reserve(sql, 2 * len + 3)) {
		return false;
	}
	sql->ptr[sql->len++] = '\'';
	sql->len += mysql_real_escape_string(db->conn, sql->ptr + sql->len, s, (unsigned long) len);
	sql->ptr[sql->len++] = '\'';
	sql->ptr[sql->len] = '\0';
	return true;
}

static bool shopsetup_sql_table(shopsetup_mysql *db, shopsetup_buf *sql, const char *table)
{
	return shopsetup_buf_printf(sql, "`%s%s`", db->prefix, table);
}

/* A sink writing multi-row INSERTs, flushed before they outgrow the statement limit. */
typedef struct {
	shopsetup_mysql *db;
	shopsetup_buf sql;
	size_t header_len;
	size_t rows;       /* in the pending statement */
	size_t total;
	const char *table;
} shopsetup_insert_sink;

static shopsetup_status shopsetup_insert_flush(shopsetup_insert_sink *ins, shopsetup_error *err)
{
	if (ins->rows == 0) {
		return SHOPSETUP_OK;
	}
	shopsetup_status status = shopsetup_query(ins->db, ins->sql.ptr, ins->sql.len, ins->table, err);
	ins->sql.len = ins->header_len;
	ins->rows = 0;
	return status;
}

static bool shopsetup_insert_row(void *ctx, const char *table, const shopsetup_col *cols, size_t ncols, shopsetup_error *err)
{
	shopsetup_insert_sink *ins = ctx;
	shopsetup_buf *sql = &ins->sql;
	if (ins->table == NULL) {
		ins->table = table;
		bool ok = shopsetup_buf_append(sql, "INSERT INTO ", 12) && shopsetup_sql_table(ins->db, sql, table)
			&& shopsetup_buf_appendc(sql, '(');
		for (size_t c = 0; c < ncols && ok; c++) {
			ok = shopsetup_buf_printf(sql, "%s`%s`", c ? "," : "", cols[c].name);
		}
		if (!ok || !shopsetup_buf_append(sql, ") VALUES ", 9)) {
			shopsetup_nomem(err);
			return false;
		}
		ins->header_len = sql->len;
	}
	size_t row_start = sql->len;
	bool ok = shopsetup_buf_append(sql, ins->rows ? ",(" : "(", ins->rows ? 2 : 1);
	for (size_t c = 0; c < ncols && ok; c++) {
		if (c > 0) {
			ok = shopsetup_buf_appendc(sql, ',');
		}
		if (ok) {
			ok = cols[c].type == SHOPSETUP_COL_INT
				? shopsetup_buf_append_int(sql, cols[c].i)
				: shopsetup_sql_string(ins->db, sql, cols[c].s.ptr ? cols[c].s.ptr : "", cols[c].s.len);
		}
	}
	if (!ok || !shopsetup_buf_appendc(sql, ')')) {
		shopsetup_nomem(err);
		return false;
	}
	ins->rows++;
	ins->total++;
	if (sql->len <= ins->db->statement_limit) {
		return true;
	}
	if (ins->rows == 1) {
		shopsetup_error_set(err, SHOPSETUP_E_DB, 0, table, strlen(table),
			"one row needs %zu bytes, more than the server's max_allowed_packet allows", sql->len - ins->header_len);
		return false;
	}
	/* Send what came before this row, then start over with it. */
	size_t row_len = sql->len - row_start - 1; /* without its leading comma */
	char *row = shopsetup_strndup(sql->ptr + row_start + 1, row_len);
	if (row == NULL) {
		shopsetup_nomem(err);
		return false;
	}
	sql->len = row_start;
	ins->rows--;
	bool sent = shopsetup_insert_flush(ins, err) == SHOPSETUP_OK && shopsetup_buf_append(sql, row, row_len);
	shopsetup_free(row);
	if (sent) {
		ins->rows = 1;
	}
	return sent;
}

static void shopsetup_insert_sink_init(shopsetup_insert_sink *ins, shopsetup_mysql *db, shopsetup_sink *sink)
{
	memset(ins, 0, sizeof(*ins));
	ins->db = db;
	sink->row = shopsetup_insert_row;
	sink->ctx = ins;
}

static shopsetup_status shopsetup_insert_finish(shopsetup_insert_sink *ins, shopsetup_status status, shopsetup_error *err)
{
	if (status == SHOPSETUP_OK) {
		status = shopsetup_insert_flush(ins, err);
	}
	shopsetup_buf_free(&ins->sql);
	return status;
}

/*
 * Chunked "SELECT <what> FROM <table> WHERE <where> AND <column> IN (...)" over ints or strings;
 * calls on_row for each row.
 */
typedef struct {
	const int64_t *ints;
	const shopsetup_slice *strings;
	size_t count;
} shopsetup_in_list;

typedef bool (*shopsetup_item_fn)(shopsetup_mysql *db, shopsetup_buf *sql, shopsetup_in_list list, size_t i);

static bool shopsetup_sql_list_item(shopsetup_mysql *db, shopsetup_buf *sql, shopsetup_in_list list, size_t i)
{
	return list.ints ? shopsetup_buf_append_int(sql, list.ints[i]) : shopsetup_sql_string(db, sql, list.strings[i].ptr, list.strings[i].len);
}

/*
 * Appends items of list from *next on, separated by sep, then tail: at most max items, and no
 * more than keep the statement under the statement limit (at least one, else an error).
 * *next moves past the items written.
 */
static shopsetup_status shopsetup_sql_items(shopsetup_mysql *db, shopsetup_buf *sql, shopsetup_in_list list, size_t *next,
	size_t max, shopsetup_item_fn item, const char *sep, const char *tail, const char *step, shopsetup_error *err)
{
	size_t first = *next, sep_len = strlen(sep), tail_len = strlen(tail);
	for (size_t i = first; i < list.count && i - first < max; i++) {
		size_t before = sql->len;
		if ((i > first && !shopsetup_buf_append(sql, sep, sep_len)) || !item(db, sql, list, i)) {
			return shopsetup_nomem(err);
		}
		if (sql->len + tail_len > db->statement_limit) {
			if (i == first) {
				return shopsetup_error_set(err, SHOPSETUP_E_DB, 0, step, strlen(step),
					"one value needs a statement of %zu bytes, more than the server's max_allowed_packet allows", sql->len + tail_len);
			}
			sql->len = before;
			break;
		}
		*next = i + 1;
	}
	return shopsetup_buf_append(sql, tail, tail_len) ? SHOPSETUP_OK : shopsetup_nomem(err);
}

typedef shopsetup_status (*shopsetup_row_fn)(void *ctx, MYSQL_ROW row, unsigned long *lengths, shopsetup_error *err);

/* Runs a query and calls on_row for each row of its result. */
static shopsetup_status shopsetup_select(shopsetup_mysql *db, const char *sql, size_t len, const char *step, shopsetup_row_fn on_row,
	void *ctx, shopsetup_error *err)
{
	shopsetup_status status = shopsetup_query(db, sql, len, step, err);
	if (status != SHOPSETUP_OK) {
		return status;
	}
	MYSQL_RES *res = mysql_store_result(db->conn);
	if (res == NULL) {
		return shopsetup_db_error(db, step, err);
	}
	MYSQL_ROW row;
	while (status == SHOPSETUP_OK && (row = mysql_fetch_row(res)) != NULL) {
		status = on_row(ctx, row, mysql_fetch_lengths(res), err);
	}
	mysql_free_result(res);
	return status;
}

/* A SELECT over a list: head, then items joined by sep, then tail, as many per statement as fit. */
typedef struct {
	const char *head, *sep, *tail;
	shopsetup_item_fn item;
	size_t max_items;
} shopsetup_chunked_select;

static shopsetup_status shopsetup_select_chunked(shopsetup_mysql *db, const shopsetup_chunked_select *select, shopsetup_in_list list,
	const char *step, shopsetup_row_fn on_row, void *ctx, shopsetup_error *err)
{
	shopsetup_buf sql = { 0 };
	shopsetup_status status = SHOPSETUP_OK;
	for (size_t next = 0; next < list.count && status == SHOPSETUP_OK;) {
		sql.len = 0;
		if (!shopsetup_buf_append(&sql, select->head, strlen(select->head))) {
			status = shopsetup_nomem(err);
		} else if ((status = shopsetup_sql_items(db, &sql, list, &next, select->max_items, select->item, select->sep, select->tail,
				step, err)) == SHOPSETUP_OK) {
			status = shopsetup_select(db, sql.ptr, sql.len, step, on_row, ctx, err);
		}
	}
	shopsetup_buf_free(&sql);
	return status;
}

static shopsetup_status shopsetup_select_in(shopsetup_mysql *db, const char *select, const char *column, shopsetup_in_list list,
	const char *step, shopsetup_row_fn on_row, void *ctx, shopsetup_error *err)
{
	char head[512];
	snprintf(head, sizeof(head), "%s AND %s IN (", select, column);
	shopsetup_chunked_select in = { head, ",", ")", shopsetup_sql_list_item, SHOPSETUP_IN_CHUNK };
	return shopsetup_select_chunked(db, &in, list, step, on_row, ctx, err);
}

static int64_t shopsetup_col_int(MYSQL_ROW row, unsigned i)
{
	return row[i] ? strtoll(row[i], NULL, 10) : 0;
}

/* ---- stages ---- */

typedef struct {
	shopsetup_vec rows;    /* row type of the stage */
	shopsetup_pool strings;
} shopsetup_rows;

static void shopsetup_rows_init(shopsetup_rows *rows, size_t item)
{
	shopsetup_vec_init(&rows->rows, item);
	rows->strings.head = NULL;
}

static void shopsetup_rows_free(shopsetup_rows *rows)
{
	shopsetup_vec_free(&rows->rows);
	shopsetup_pool_free(&rows->strings);
}

static shopsetup_status shopsetup_collect_account(void *ctx, MYSQL_ROW row, unsigned long *lengths, shopsetup_error *err)
{
	shopsetup_rows *rows = ctx;
	shopsetup_account *account = shopsetup_vec_push(&rows->rows);
	const char *email = account ? shopsetup_pool_dup(&rows->strings, row[1] ? row[1] : "", lengths[1]) : NULL;
	if (email == NULL) {
		return shopsetup_nomem(err);
	}
	account->id = shopsetup_col_int(row, 0);
	account->email = (shopsetup_slice){ email, lengths[1] };
	account->suspended = shopsetup_col_int(row, 2) != 0;
	return SHOPSETUP_OK;
}

static shopsetup_status shopsetup_collect_string(void *ctx, MYSQL_ROW row, unsigned long *lengths, shopsetup_error *err)
{
	shopsetup_rows *rows = ctx;
	shopsetup_slice *slot = shopsetup_vec_push(&rows->rows);
	const char *copy = slot ? shopsetup_pool_dup(&rows->strings, row[0] ? row[0] : "", lengths[0]) : NULL;
	if (copy == NULL) {
		return shopsetup_nomem(err);
	}
	*slot = (shopsetup_slice){ copy, lengths[0] };
	return SHOPSETUP_OK;
}

/* LIKE 'prefix%' with the prefix's own % _ \ escaped. */
static bool shopsetup_sql_like_prefix(shopsetup_mysql *db, shopsetup_buf *sql, shopsetup_slice prefix)
{
	shopsetup_buf pattern = { 0 };
	bool ok = true;
	for (size_t i = 0; i < prefix.len && ok; i++) {
		char c = prefix.ptr[i];
		ok = (c == '%' || c == '_' || c == '\\' ? shopsetup_buf_appendc(&pattern, '\\') : true) && shopsetup_buf_appendc(&pattern, c);
	}
	ok = ok && shopsetup_buf_appendc(&pattern, '%') && shopsetup_sql_string(db, sql, pattern.ptr, pattern.len);
	shopsetup_buf_free(&pattern);
	return ok;
}

static int shopsetup_account_id_cmp(const void *a, const void *b)
{
	int64_t x = ((const shopsetup_account *) a)->id, y = ((const shopsetup_account *) b)->id;
	return (x > y) - (x < y);
}

/* One row per account: the lookups may find an account twice. */
static void shopsetup_accounts_distinct(shopsetup_vec *accounts)
{
	if (accounts->count < 2) {
		return;
	}
	qsort(accounts->items, accounts->count, sizeof(shopsetup_account), shopsetup_account_id_cmp);
	size_t kept = 1;
	for (size_t i = 1; i < accounts->count; i++) {
		shopsetup_account *account = SHOPSETUP_VEC_AT(accounts, shopsetup_account, i);
		if (account->id != SHOPSETUP_VEC_AT(accounts, shopsetup_account, kept - 1)->id) {
			*SHOPSETUP_VEC_AT(accounts, shopsetup_account, kept++) = *account;
		}
	}
	accounts->count = kept;
}

static bool shopsetup_sql_email_like(shopsetup_mysql *db, shopsetup_buf *sql, shopsetup_in_list list, size_t i)
{
	const char *column = db->email_ci ? "email LIKE " : "LOWER(email) LIKE ";
	return shopsetup_buf_append(sql, column, strlen(column)) && shopsetup_sql_like_prefix(db, sql, list.strings[i]);
}

/*
 * Accounts are matched on the trimmed, lower-cased email, as matchAccounts() does, through the
 * email index: "email LIKE '<normalised>%'" finds the address with anything after it (trailing
 * white space included), "email < '!'" the few addresses that start with white space or a
 * control character; the plan keeps the rows whose normalised email is a participant's.
 */
static shopsetup_status shopsetup_stage_accounts(shopsetup_mysql *db, shopsetup_plan *plan, shopsetup_run_report *report,
	shopsetup_error *err)
{
	shopsetup_slice *emails = shopsetup_malloc((plan->people.count + 1) * sizeof(*emails));
	if (emails == NULL) {
		return shopsetup_nomem(err);
	}
	for (size_t p = 0; p < plan->people.count; p++) {
		emails[p] = SHOPSETUP_VEC_AT(&plan->people, shopsetup_person, p)->fields[SHOPSETUP_FIELD_EMAIL];
	}
	char head[256], spaced[320];
	snprintf(head, sizeof(head), "SELECT id, email, suspended FROM `%suser` WHERE deleted = 0 AND mnethostid = %lld AND (",
		db->prefix, (long long) plan->facts.mnethostid);
	int spaced_len = snprintf(spaced, sizeof(spaced), "%s email < '!')", head);
	shopsetup_chunked_select by_email = { head, " OR ", ")", shopsetup_sql_email_like, SHOPSETUP_IN_CHUNK };
	shopsetup_rows accounts;
	shopsetup_rows_init(&accounts, sizeof(shopsetup_account));
	shopsetup_status status = shopsetup_select_chunked(db, &by_email, (shopsetup_in_list){ NULL, emails, plan->people.count },
		"find accounts by email", shopsetup_collect_account, &accounts, err);
	shopsetup_free(emails);
	if (status == SHOPSETUP_OK && plan->people.count > 0) {
		status = shopsetup_select(db, spaced, (size_t) spaced_len, "find accounts by email", shopsetup_collect_account, &accounts, err);
	}
	if (status == SHOPSETUP_OK) {
		shopsetup_accounts_distinct(&accounts.rows);
		shopsetup_match_report_free(&report->match);
		status = shopsetup_plan_match_accounts(plan, accounts.rows.items, accounts.rows.count, &report->match, err);
	}
	shopsetup_rows_free(&accounts);
	return status;
}

static bool shopsetup_sql_username_like(shopsetup_mysql *db, shopsetup_buf *sql, shopsetup_in_list list, size_t i)
{
	return shopsetup_buf_append(sql, "username LIKE ", 14) && shopsetup_sql_like_prefix(db, sql, list.strings[i]);
}

static bool shopsetup_sql_union_string(shopsetup_mysql *db, shopsetup_buf *sql, shopsetup_in_list list, size_t i)
{
	return shopsetup_buf_append(sql, " UNION ALL SELECT ", 18) && shopsetup_sql_string(db, sql, list.strings[i].ptr, list.strings[i].len);
}

/*
 * The assigned usernames that the column's collation holds equal to a stored one (full-width
 * letters, a trailing space, an ignorable character...): the database judges, not a byte
 * comparison. They are added to taken.
 */
static shopsetup_status shopsetup_find_username_collisions(shopsetup_mysql *db, const shopsetup_plan *plan, shopsetup_rows *taken,
	shopsetup_error *err)
{
	shopsetup_slice *names = shopsetup_malloc((plan->people.count + 1) * sizeof(*names));
	size_t count = 0;
	if (names == NULL) {
		return shopsetup_nomem(err);
	}
	for (size_t p = 0; p < plan->people.count; p++) {
		const shopsetup_person *person = SHOPSETUP_VEC_AT(&plan->people, shopsetup_person, p);
		if (person->status == SHOPSETUP_PERSON_NEW) {
			names[count++] = person->username;
		}
	}
	char tail[192];
	snprintf(tail, sizeof(tail), ") AS n JOIN `%suser` u ON u.mnethostid = %lld AND u.username = n.name WHERE n.name <> ''",
		db->prefix, (long long) plan->facts.mnethostid);
	shopsetup_chunked_select equal = { "SELECT n.name FROM (SELECT '' AS name", "", tail, shopsetup_sql_union_string, SHOPSETUP_IN_CHUNK };
	shopsetup_status status = shopsetup_select_chunked(db, &equal, (shopsetup_in_list){ NULL, names, count }, "find taken usernames",
		shopsetup_collect_string, taken, err);
	shopsetup_free(names);
	return status;
}

static shopsetup_status shopsetup_stage_usernames(shopsetup_mysql *db, shopsetup_plan *plan, shopsetup_error *err)
{
	shopsetup_vec prefixes;
	shopsetup_status status = shopsetup_plan_username_prefixes(plan, &prefixes, err);
	if (status != SHOPSETUP_OK) {
		return status;
	}
	char head[192];
	snprintf(head, sizeof(head), "SELECT username FROM `%suser` WHERE mnethostid = %lld AND (",
		db->prefix, (long long) plan->facts.mnethostid);
	shopsetup_chunked_select by_prefix = { head, " OR ", ")", shopsetup_sql_username_like, SHOPSETUP_IN_CHUNK / 4 };
	shopsetup_rows taken;
	shopsetup_rows_init(&taken, sizeof(shopsetup_slice));
	status = shopsetup_select_chunked(db, &by_prefix, (shopsetup_in_list){ NULL, prefixes.items, prefixes.count },
		"find taken usernames", shopsetup_collect_string, &taken, err);
	shopsetup_vec_free(&prefixes);
	if (status == SHOPSETUP_OK) {
		status = shopsetup_plan_assign_usernames(plan, taken.rows.items, taken.rows.count, err);
	}
	for (unsigned round = 0; status == SHOPSETUP_OK; round++) {
		size_t known = taken.rows.count;
		if ((status = shopsetup_find_username_collisions(db, plan, &taken, err)) != SHOPSETUP_OK || taken.rows.count == known) {
			break;
		}
		if (round == SHOPSETUP_USERNAME_ROUNDS) {
			status = shopsetup_error_set(err, SHOPSETUP_E_DB, 0, "find taken usernames", 20,
				"new usernames still equal existing ones (by the column's collation) after %d tries", SHOPSETUP_USERNAME_ROUNDS);
			break;
		}
		status = shopsetup_plan_reassign_usernames(plan, taken.rows.items, taken.rows.count, err);
	}
	shopsetup_rows_free(&taken);
	return status;
}

static shopsetup_status shopsetup_set_user_id_row(void *ctx, MYSQL_ROW row, unsigned long *lengths, shopsetup_error *err)
{
	return shopsetup_plan_set_user_id(ctx, (shopsetup_slice){ row[0] ? row[0] : "", lengths[0] }, shopsetup_col_int(row, 1), err);
}

/* Ids of inserted rows come from their unique keys: multi-row INSERTs do not promise consecutive ids. */
static shopsetup_status shopsetup_stage_users(shopsetup_mysql *db, shopsetup_plan *plan, shopsetup_run_report *report,
	shopsetup_error *err)
{
	shopsetup_insert_sink ins;
	shopsetup_sink sink;
	shopsetup_insert_sink_init(&ins, db, &sink);
	shopsetup_status status = shopsetup_insert_finish(&ins, shopsetup_plan_new_user_rows(plan, &sink, err), err);
	if (status != SHOPSETUP_OK) {
		return status;
	}
	size_t fresh = 0;
	shopsetup_slice *usernames = shopsetup_malloc((plan->people.count + 1) * sizeof(*usernames));
	if (usernames == NULL) {
		return shopsetup_nomem(err);
	}
	for (size_t p = 0; p < plan->people.count && status == SHOPSETUP_OK; p++) {
		shopsetup_person *person = SHOPSETUP_VEC_AT(&plan->people, shopsetup_person, p);
		if (person->status == SHOPSETUP_PERSON_NEW) {
			usernames[fresh++] = person->username;
			uint32_t *slot = shopsetup_vec_push(&report->users_created);
			status = slot ? (*slot = (uint32_t) p, SHOPSETUP_OK) : shopsetup_nomem(err);
		}
	}
	char select[256];
	snprintf(select, sizeof(select), "SELECT username, id FROM `%suser` WHERE mnethostid = %lld",
		db->prefix, (long long) plan->facts.mnethostid);
	if (status == SHOPSETUP_OK) {
		status = shopsetup_select_in(db, select, "username", (shopsetup_in_list){ NULL, usernames, fresh },
			"read new user ids", shopsetup_set_user_id_row, plan, err);
	}
	shopsetup_free(usernames);
	if (status == SHOPSETUP_OK) {
		status = shopsetup_plan_check_users(plan, err);
	}
	if (status == SHOPSETUP_OK) {
		shopsetup_insert_sink_init(&ins, db, &sink);
		status = shopsetup_insert_finish(&ins, shopsetup_plan_new_user_preference_rows(plan, &sink, err), err);
	}
	return status;
}

typedef struct {
	shopsetup_plan *plan;
	shopsetup_vec *found; /* shopsetup_id_pair userid -> context id */
} shopsetup_context_ctx;

static shopsetup_status shopsetup_set_context_row(void *ctx_ptr, MYSQL_ROW row, unsigned long *lengths, shopsetup_error *err)
{
	shopsetup_context_ctx *ctx = ctx_ptr;
	int64_t userid = shopsetup_col_int(row, 0), contextid = shopsetup_col_int(row, 1);
	shopsetup_id_pair *pair = shopsetup_vec_push(ctx->found);
	if (pair == NULL) {
		return shopsetup_nomem(err);
	}
	*pair = (shopsetup_id_pair){ userid, contextid };
	return shopsetup_plan_set_user_context(ctx->plan, userid, contextid, err);
}

/* Records one column of each row written, then hands the row on. */
typedef struct {
	shopsetup_sink inner;
	const char *column;
	shopsetup_vec *ints;      /* when the column is an int */
	shopsetup_vec *strings;   /* shopsetup_slice, when it is a string */
	shopsetup_pool *pool;
} shopsetup_tee;

static bool shopsetup_tee_row(void *ctx, const char *table, const shopsetup_col *cols, size_t ncols, shopsetup_error *err)
{
	shopsetup_tee *tee = ctx;
	for (size_t c = 0; c < ncols; c++) {
		if (strcmp(cols[c].name, tee->column) != 0) {
			continue;
		}
		if (tee->ints != NULL) {
			int64_t *slot = shopsetup_vec_push(tee->ints);
			if (slot == NULL) {
				shopsetup_nomem(err);
				return false;
			}
			*slot = cols[c].i;
		} else {
			shopsetup_slice *slot = shopsetup_vec_push(tee->strings);
			const char *copy = slot ? shopsetup_pool_dup(tee->pool, cols[c].s.ptr, cols[c].s.len) : NULL;
			if (copy == NULL) {
				shopsetup_nomem(err);
				return false;
			}
			*slot = (shopsetup_slice){ copy, cols[c].s.len };
		}
	}
	return tee->inner.row(tee->inner.ctx, table, cols, ncols, err);
}

/* User contexts as context_user::instance() makes them: inserted without path, then path /<system>/<id>, depth 2. */
static shopsetup_status shopsetup_stage_contexts(shopsetup_mysql *db, shopsetup_plan *plan, const int64_t *users, size_t count,
	shopsetup_run_report *report, shopsetup_error *err)
{
	char select[256], sql[256];
	snprintf(select, sizeof(select), "SELECT instanceid, id FROM `%scontext` WHERE contextlevel = %d",
		db->prefix, SHOPSETUP_CONTEXTLEVEL_USER);
	shopsetup_vec found, missing;
	shopsetup_vec_init(&found, sizeof(shopsetup_id_pair));
	shopsetup_vec_init(&missing, sizeof(int64_t));
	shopsetup_context_ctx ctx = { plan, &found };
	int64_t *existing = NULL;
	shopsetup_status status = shopsetup_select_in(db, select, "instanceid", (shopsetup_in_list){ users, NULL, count },
		"find user contexts", shopsetup_set_context_row, &ctx, err);
	if (status == SHOPSETUP_OK && (existing = shopsetup_malloc((found.count + 1) * sizeof(int64_t))) == NULL) {
		status = shopsetup_nomem(err);
	}
	if (status == SHOPSETUP_OK) {
		for (size_t i = 0; i < found.count; i++) {
			existing[i] = SHOPSETUP_VEC_AT(&found, shopsetup_id_pair, i)->userid;
		}
		shopsetup_insert_sink ins;
		shopsetup_tee tee = { { NULL, NULL }, "instanceid", &missing, NULL, NULL };
		shopsetup_sink sink = { shopsetup_tee_row, &tee };
		shopsetup_insert_sink_init(&ins, db, &tee.inner);
		status = shopsetup_insert_finish(&ins, shopsetup_plan_user_context_rows(plan, existing, found.count, &sink, err), err);
	}
	if (status == SHOPSETUP_OK && missing.count > 0) {
		int64_t system;
		snprintf(sql, sizeof(sql), "SELECT id FROM `%scontext` WHERE contextlevel = %d AND instanceid = 0",
			db->prefix, SHOPSETUP_CONTEXTLEVEL_SYSTEM);
		status = shopsetup_query_int(db, sql, "find the system context", &system, err);
		if (status == SHOPSETUP_OK && system <= 0) {
			status = shopsetup_error_set(err, SHOPSETUP_E_DB, 0, "context", 7, "the site has no system context");
		}
		shopsetup_buf update = { 0 };
		shopsetup_in_list users = { missing.items, NULL, missing.count };
		for (size_t next = 0; next < missing.count && status == SHOPSETUP_OK;) {
			update.len = 0;
			if (!shopsetup_buf_printf(&update,
					"UPDATE `%scontext` SET path = CONCAT('/%lld/', id) WHERE contextlevel = %d AND path IS NULL AND instanceid IN (",
					db->prefix, (long long) system, SHOPSETUP_CONTEXTLEVEL_USER)) {
				status = shopsetup_nomem(err);
			} else if ((status = shopsetup_sql_items(db, &update, users, &next, SIZE_MAX, shopsetup_sql_list_item, ",", ")",
					"set user context paths", err)) == SHOPSETUP_OK) {
				status = shopsetup_query(db, update.ptr, update.len, "set user context paths", err);
			}
		}
		shopsetup_buf_free(&update);
		ctx.found = &report->contexts_created;
		if (status == SHOPSETUP_OK) {
			status = shopsetup_select_in(db, select, "instanceid", (shopsetup_in_list){ missing.items, NULL, missing.count },
				"read new user contexts", shopsetup_set_context_row, &ctx, err);
		}
	}
	shopsetup_free(existing);
	shopsetup_vec_free(&found);
	shopsetup_vec_free(&missing);
	return status;
}

static shopsetup_status shopsetup_stage_group(shopsetup_mysql *db, shopsetup_plan *plan, shopsetup_run_report *report,
	shopsetup_error *err)
{
	shopsetup_buf sql = { 0 };
	shopsetup_status status = SHOPSETUP_OK;
	if (!shopsetup_buf_printf(&sql, "SELECT MIN(id) FROM `%sgroups` WHERE courseid = %lld AND idnumber = ",
			db->prefix, (long long) plan->facts.courseid)
		|| !shopsetup_sql_string(db, &sql, plan->facts.groupidnumber.ptr, plan->facts.groupidnumber.len)) {
		status = shopsetup_nomem(err);
	}
	if (status == SHOPSETUP_OK) {
		status = shopsetup_query_int(db, sql.ptr, "find the order's group", &report->groupid, err);
	}
	shopsetup_buf_free(&sql);
	if (status != SHOPSETUP_OK || report->groupid > 0) {
		return status;
	}
	shopsetup_insert_sink ins;
	shopsetup_sink sink;
	shopsetup_insert_sink_init(&ins, db, &sink);
	status = shopsetup_insert_finish(&ins, shopsetup_plan_group_row(plan, &sink, err), err);
	if (status == SHOPSETUP_OK) {
		report->groupid = (int64_t) mysql_insert_id(db->conn);
		report->group_created = true;
	}
	return status;
}

static shopsetup_status shopsetup_collect_enrolment(void *ctx, MYSQL_ROW row, unsigned long *lengths, shopsetup_error *err)
{
	shopsetup_enrolment *e = shopsetup_vec_push(ctx);
	if (e == NULL) {
		return shopsetup_nomem(err);
	}
	*e = (shopsetup_enrolment){ shopsetup_col_int(row, 0), shopsetup_col_int(row, 1), shopsetup_col_int(row, 2),
		shopsetup_col_int(row, 3), shopsetup_col_int(row, 4) };
	return SHOPSETUP_OK;
}

/*
 * A sink turning int-only rows keyed by id into "UPDATE ... SET col = CASE id WHEN .. THEN .. END
 * ... WHERE id IN (...)", a few hundred rows per statement (enrolments widened on a re-run or a
 * later order). The userid column is recorded for the report, not written.
 */
#define SHOPSETUP_UPDATE_CHUNK 500
#define SHOPSETUP_UPDATE_MAX_COLS 16

typedef struct {
	shopsetup_mysql *db;
	shopsetup_vec *updated;      /* shopsetup_id_pair userid -> id */
	const char *table;
	const char *names[SHOPSETUP_UPDATE_MAX_COLS];
	size_t ncols;                /* without id and userid */
	shopsetup_vec values;        /* int64_t: id, then ncols values, per pending row */
	size_t rows;
} shopsetup_update_sink;

#define SHOPSETUP_INT_DIGITS_MAX 20 /* -9223372036854775808 */

/* The most bytes the statement of rows pending rows can take. */
static size_t shopsetup_update_bytes(const shopsetup_update_sink *up, size_t rows)
{
	size_t bytes = sizeof("UPDATE `` SET  WHERE id IN ()") + SHOPSETUP_MYSQL_PREFIX_MAX + strlen(up->table);
	for (size_t c = 0; c < up->ncols; c++) {
		bytes += sizeof(", `` = CASE id END") + strlen(up->names[c]);
	}
	return bytes + rows * (up->ncols * (sizeof(" WHEN  THEN ") + 2 * SHOPSETUP_INT_DIGITS_MAX) + SHOPSETUP_INT_DIGITS_MAX + 1);
}

static shopsetup_status shopsetup_update_flush(shopsetup_update_sink *up, shopsetup_error *err)
{
	if (up->rows == 0) {
		return SHOPSETUP_OK;
	}
	const int64_t *v = up->values.items;
	size_t stride = up->ncols + 1;
	shopsetup_buf sql = { 0 };
	bool ok = shopsetup_buf_append(&sql, "UPDATE ", 7) && shopsetup_sql_table(up->db, &sql, up->table)
		&& shopsetup_buf_append(&sql, " SET ", 5);
	for (size_t c = 0; c < up->ncols && ok; c++) {
		ok = shopsetup_buf_printf(&sql, "%s`%s` = CASE id", c ? ", " : "", up->names[c]);
		for (size_t r = 0; r < up->rows && ok; r++) {
			ok = shopsetup_buf_printf(&sql, " WHEN %lld THEN %lld", (long long) v[r * stride], (long long) v[r * stride + 1 + c]);
		}
		ok = ok && shopsetup_buf_append(&sql, " END", 4);
	}
	ok = ok && shopsetup_buf_append(&sql, " WHERE id IN (", 14);
	for (size_t r = 0; r < up->rows && ok; r++) {
		ok = shopsetup_buf_printf(&sql, "%s%lld", r ? "," : "", (long long) v[r * stride]);
	}
	shopsetup_status status = ok && shopsetup_buf_appendc(&sql, ')')
		? shopsetup_query(up->db, sql.ptr, sql.len, up->table, err) : shopsetup_nomem(err);
	shopsetup_buf_free(&sql);
	up->rows = 0;
	up->values.count = 0;
	return status;
}

static bool shopsetup_update_row(void *ctx, const char *table, const shopsetup_col *cols, size_t ncols, shopsetup_error *err)
{
	shopsetup_update_sink *up = ctx;
	int64_t id = 0, userid = 0;
	size_t n = 0;
	int64_t row[SHOPSETUP_UPDATE_MAX_COLS];
	for (size_t c = 0; c < ncols; c++) {
		if (strcmp(cols[c].name, "id") == 0) {
			id = cols[c].i;
		} else if (strcmp(cols[c].name, "userid") == 0) {
			userid = cols[c].i;
		} else if (n < SHOPSETUP_UPDATE_MAX_COLS && cols[c].type == SHOPSETUP_COL_INT) {
			if (up->rows == 0 && up->values.count == 0) {
				up->names[n] = cols[c].name;
			}
			row[n++] = cols[c].i;
		} else {
			shopsetup_error_set(err, SHOPSETUP_E_DB, 0, table, strlen(table), "cannot batch an update of column %s", cols[c].name);
			return false;
		}
	}
	up->table = table;
	up->ncols = n;
	if (shopsetup_update_bytes(up, up->rows + 1) > up->db->statement_limit) {
		if (up->rows == 0) {
			shopsetup_error_set(err, SHOPSETUP_E_DB, 0, table, strlen(table),
				"one row needs more than the server's max_allowed_packet allows");
			return false;
		}
		if (shopsetup_update_flush(up, err) != SHOPSETUP_OK) {
			return false;
		}
	}
	shopsetup_id_pair *pair = shopsetup_vec_push(up->updated);
	int64_t *slot = pair ? shopsetup_vec_push(&up->values) : NULL;
	for (size_t c = 0; slot != NULL && c < n; c++) {
		slot = shopsetup_vec_push(&up->values);
		if (slot != NULL) {
			*slot = row[c];
		}
	}
	if (slot == NULL) {
		shopsetup_nomem(err);
		return false;
	}
	*pair = (shopsetup_id_pair){ userid, id };
	SHOPSETUP_VEC_AT(&up->values, int64_t, up->values.count - n - 1)[0] = id;
	if (++up->rows == SHOPSETUP_UPDATE_CHUNK) {
		return shopsetup_update_flush(up, err) == SHOPSETUP_OK;
	}
	return true;
}

static shopsetup_status shopsetup_set_enrolment_row(void *ctx_ptr, MYSQL_ROW row, unsigned long *lengths, shopsetup_error *err)
{
	shopsetup_context_ctx *ctx = ctx_ptr;
	int64_t userid = shopsetup_col_int(row, 0), ueid = shopsetup_col_int(row, 1);
	shopsetup_id_pair *pair = shopsetup_vec_push(ctx->found);
	if (pair == NULL) {
		return shopsetup_nomem(err);
	}
	*pair = (shopsetup_id_pair){ userid, ueid };
	return shopsetup_plan_set_enrolment_id(ctx->plan, userid, ueid, err);
}

static shopsetup_status shopsetup_stage_enrolments(shopsetup_mysql *db, shopsetup_plan *plan, const int64_t *users, size_t count,
	shopsetup_run_report *report, shopsetup_error *err)
{
	char select[256];
	snprintf(select, sizeof(select), "SELECT id, userid, status, timestart, timeend FROM `%suser_enrolments` WHERE enrolid = %lld",
		db->prefix, (long long) plan->facts.enrolid);
	shopsetup_vec existing;
	shopsetup_vec_init(&existing, sizeof(shopsetup_enrolment));
	shopsetup_status status = shopsetup_select_in(db, select, "userid", (shopsetup_in_list){ users, NULL, count },
		"find enrolments", shopsetup_collect_enrolment, &existing, err);
	if (status != SHOPSETUP_OK) {
		shopsetup_vec_free(&existing);
		return status;
	}
	shopsetup_insert_sink ins;
	shopsetup_sink insert_sink, update_sink = { shopsetup_update_row, NULL };
	shopsetup_update_sink up = { .db = db, .updated = &report->enrolments_updated };
	shopsetup_vec_init(&up.values, sizeof(int64_t));
	update_sink.ctx = &up;
	shopsetup_change_count counts;
	shopsetup_insert_sink_init(&ins, db, &insert_sink);
	status = shopsetup_insert_finish(&ins, shopsetup_plan_enrolment_changes(plan, existing.items, existing.count,
		&insert_sink, &update_sink, &counts, err), err);
	if (status == SHOPSETUP_OK) {
		status = shopsetup_update_flush(&up, err);
	}
	shopsetup_vec_free(&up.values);
	shopsetup_vec_free(&existing);
	report->enrolments_unchanged = counts.unchanged;
	if (status != SHOPSETUP_OK) {
		return status;
	}
	if (counts.inserted > 0) {
		/* the enrolments without an id yet are the ones just inserted */
		int64_t *fresh = shopsetup_malloc(count * sizeof(int64_t));
		size_t nfresh = 0;
		if (fresh == NULL) {
			return shopsetup_nomem(err);
		}
		for (size_t u = 0; u < count; u++) {
			if (!shopsetup_plan_has_enrolment_id(plan, users[u])) {
				fresh[nfresh++] = users[u];
			}
		}
		snprintf(select, sizeof(select), "SELECT userid, id FROM `%suser_enrolments` WHERE enrolid = %lld",
			db->prefix, (long long) plan->facts.enrolid);
		shopsetup_context_ctx ctx = { plan, &report->enrolments_created };
		status = shopsetup_select_in(db, select, "userid", (shopsetup_in_list){ fresh, NULL, nfresh },
			"read new enrolment ids", shopsetup_set_enrolment_row, &ctx, err);
		shopsetup_free(fresh);
	}
	return status == SHOPSETUP_OK ? shopsetup_plan_check_enrolments(plan, err) : status;
}

/* ---- role assignments, memberships, products ---- */

static shopsetup_status shopsetup_collect_ra(void *ctx, MYSQL_ROW row, unsigned long *lengths, shopsetup_error *err)
{
	shopsetup_role_assignment_added *ra = shopsetup_vec_push(ctx);
	if (ra == NULL) {
		return shopsetup_nomem(err);
	}
	*ra = (shopsetup_role_assignment_added){ shopsetup_col_int(row, 0), shopsetup_col_int(row, 1),
		shopsetup_col_int(row, 2), shopsetup_col_int(row, 3) };
	return SHOPSETUP_OK;
}

typedef struct {
	const int64_t *ids;
	size_t count;
} shopsetup_ids;

/* The assignments the plan may add: on the course for the enrolees, in the user contexts both ways. */
static shopsetup_status shopsetup_find_role_assignments(shopsetup_mysql *db, const shopsetup_plan *plan,
	shopsetup_ids enrolees, shopsetup_ids contexts, shopsetup_ids participants, shopsetup_row_fn on_row, void *out,
	shopsetup_error *err)
{
	const shopsetup_facts *f = &plan->facts;
	char select[256];
	snprintf(select, sizeof(select), "SELECT id, contextid, roleid, userid FROM `%srole_assignments` WHERE contextid = %lld",
		db->prefix, (long long) f->coursecontextid);
	shopsetup_status status = shopsetup_select_in(db, select, "userid",
		(shopsetup_in_list){ enrolees.ids, NULL, enrolees.count }, "find course role assignments", on_row, out, err);
	if (status == SHOPSETUP_OK) {
		snprintf(select, sizeof(select), "SELECT id, contextid, roleid, userid FROM `%srole_assignments` WHERE userid = %lld",
			db->prefix, (long long) f->operatorid);
		status = shopsetup_select_in(db, select, "contextid", (shopsetup_in_list){ contexts.ids, NULL, contexts.count },
			"find the operator's roles in user contexts", on_row, out, err);
	}
	if (status == SHOPSETUP_OK && f->mirrorroleid > 0) {
		snprintf(select, sizeof(select), "SELECT id, contextid, roleid, userid FROM `%srole_assignments` WHERE contextid = %lld",
			db->prefix, (long long) f->operatorcontextid);
		status = shopsetup_select_in(db, select, "userid", (shopsetup_in_list){ participants.ids, NULL, participants.count },
			"find roles in the operator's context", on_row, out, err);
	}
	return status;
}

static shopsetup_slice shopsetup_ra_key(const shopsetup_role_assignment_added *ra)
{
	/* contextid, roleid, userid follow each other like in shopsetup_role_assignment */
	return (shopsetup_slice){ (const char *) &ra->contextid, 3 * sizeof(int64_t) };
}

typedef struct {
	const shopsetup_hash *before;
	shopsetup_vec *added; /* int64_t role_assignments ids */
} shopsetup_new_ra_ctx;

/* Keeps the ids of the rows that were not there before the insert. */
static shopsetup_status shopsetup_collect_new_ra(void *ctx_ptr, MYSQL_ROW row, unsigned long *lengths, shopsetup_error *err)
{
	shopsetup_new_ra_ctx *ctx = ctx_ptr;
	shopsetup_role_assignment_added ra = { shopsetup_col_int(row, 0), shopsetup_col_int(row, 1),
		shopsetup_col_int(row, 2), shopsetup_col_int(row, 3) };
	if (shopsetup_hash_get(ctx->before, shopsetup_ra_key(&ra), NULL)) {
		return SHOPSETUP_OK;
	}
	int64_t *id = shopsetup_vec_push(ctx->added);
	if (id == NULL) {
		return shopsetup_nomem(err);
	}
	*id = ra.id;
	return SHOPSETUP_OK;
}

static shopsetup_status shopsetup_stage_roles(shopsetup_mysql *db, shopsetup_plan *plan, shopsetup_ids enrolees,
	shopsetup_ids participants, shopsetup_run_report *report, shopsetup_error *err)
{
	int64_t *contexts = shopsetup_malloc((plan->people.count + 1) * sizeof(int64_t));
	size_t ncontexts = 0;
	if (contexts == NULL) {
		return shopsetup_nomem(err);
	}
	for (size_t p = 0; p < plan->people.count; p++) {
		const shopsetup_person *person = SHOPSETUP_VEC_AT(&plan->people, shopsetup_person, p);
		if (person->contextid > 0) {
			contexts[ncontexts++] = person->contextid;
		}
	}
	shopsetup_ids context_ids = { contexts, ncontexts };
	shopsetup_vec before;
	shopsetup_vec_init(&before, sizeof(shopsetup_role_assignment_added));
	shopsetup_role_assignment *existing = NULL;
	shopsetup_hash old = { NULL, 0, 0 };
	shopsetup_status status = shopsetup_find_role_assignments(db, plan, enrolees, context_ids, participants,
		shopsetup_collect_ra, &before, err);
	if (status == SHOPSETUP_OK) {
		existing = shopsetup_malloc((before.count + 1) * sizeof(*existing));
		if (existing == NULL || !shopsetup_hash_init(&old, before.count)) {
			status = shopsetup_nomem(err);
		}
	}
	for (size_t i = 0; i < before.count && status == SHOPSETUP_OK; i++) {
		shopsetup_role_assignment_added *ra = SHOPSETUP_VEC_AT(&before, shopsetup_role_assignment_added, i);
		existing[i] = (shopsetup_role_assignment){ ra->contextid, ra->roleid, ra->userid };
		if (!shopsetup_hash_put(&old, shopsetup_ra_key(ra), 0, NULL, NULL)) {
			status = shopsetup_nomem(err);
		}
	}
	if (status == SHOPSETUP_OK) {
		shopsetup_insert_sink ins;
		shopsetup_sink sink;
		shopsetup_insert_sink_init(&ins, db, &sink);
		status = shopsetup_plan_role_assignment_rows(plan, existing, before.count, &sink, err);
		size_t inserted = ins.total;
		status = shopsetup_insert_finish(&ins, status, err);
		/* read back the ids of the new rows: what is there now and was not before */
		if (status == SHOPSETUP_OK && inserted > 0) {
			shopsetup_new_ra_ctx ctx = { &old, &report->roles_added };
			status = shopsetup_find_role_assignments(db, plan, enrolees, context_ids, participants,
				shopsetup_collect_new_ra, &ctx, err);
		}
	}
	shopsetup_hash_free(&old);
	shopsetup_free(existing);
	shopsetup_free(contexts);
	shopsetup_vec_free(&before);
	return status;
}

static shopsetup_status shopsetup_collect_int(void *ctx, MYSQL_ROW row, unsigned long *lengths, shopsetup_error *err)
{
	int64_t *slot = shopsetup_vec_push(ctx);
	if (slot == NULL) {
		return shopsetup_nomem(err);
	}
	*slot = shopsetup_col_int(row, 0);
	return SHOPSETUP_OK;
}

static shopsetup_status shopsetup_stage_members(shopsetup_mysql *db, shopsetup_plan *plan, shopsetup_run_report *report,
	shopsetup_error *err)
{
	char select[256];
	snprintf(select, sizeof(select), "SELECT userid FROM `%sgroups_members` WHERE groupid = %lld",
		db->prefix, (long long) report->groupid);
	shopsetup_vec existing;
	shopsetup_vec_init(&existing, sizeof(int64_t));
	shopsetup_status status = shopsetup_select(db, select, strlen(select), "find group members", shopsetup_collect_int, &existing, err);
	if (status == SHOPSETUP_OK) {
		shopsetup_insert_sink ins;
		shopsetup_tee tee = { { NULL, NULL }, "userid", &report->members_added, NULL, NULL };
		shopsetup_sink sink = { shopsetup_tee_row, &tee };
		shopsetup_insert_sink_init(&ins, db, &tee.inner);
		status = shopsetup_insert_finish(&ins,
			shopsetup_plan_group_member_rows(plan, report->groupid, existing.items, existing.count, &sink, err), err);
	}
	shopsetup_vec_free(&existing);
	return status;
}

static shopsetup_status shopsetup_collect_product(void *ctx, MYSQL_ROW row, unsigned long *lengths, shopsetup_error *err)
{
	shopsetup_rows *rows = ctx;
	shopsetup_product_ref *ref = shopsetup_vec_push(&rows->rows);
	const char *copy = ref ? shopsetup_pool_dup(&rows->strings, row[0] ? row[0] : "", lengths[0]) : NULL;
	if (copy == NULL) {
		return shopsetup_nomem(err);
	}
	ref->reference = (shopsetup_slice){ copy, lengths[0] };
	ref->id = shopsetup_col_int(row, 1);
	return SHOPSETUP_OK;
}

static shopsetup_status shopsetup_stage_products(shopsetup_mysql *db, shopsetup_plan *plan, shopsetup_run_report *report,
	shopsetup_error *err)
{
	char select[256];
	int64_t billitem = plan->facts.billitemid;
	snprintf(select, sizeof(select), "SELECT reference, id FROM `%slocal_shop_product` WHERE contexttype = 'userenrol'", db->prefix);
	shopsetup_in_list line = { &billitem, NULL, 1 };
	shopsetup_rows existing, now;
	shopsetup_rows_init(&existing, sizeof(shopsetup_product_ref));
	shopsetup_rows_init(&now, sizeof(shopsetup_product_ref));
	shopsetup_vec added;
	shopsetup_vec_init(&added, sizeof(shopsetup_product_ref));
	shopsetup_hash known = { NULL, 0, 0 };
	shopsetup_slice *refs = NULL;
	size_t inserted = 0;
	shopsetup_status status = shopsetup_select_in(db, select, "initialbillitemid", line,
		"find the order line's products", shopsetup_collect_product, &existing, err);
	if (status == SHOPSETUP_OK) {
		refs = shopsetup_malloc((existing.rows.count + 1) * sizeof(*refs));
		status = refs && shopsetup_hash_init(&known, existing.rows.count) ? SHOPSETUP_OK : shopsetup_nomem(err);
	}
	for (size_t i = 0; i < existing.rows.count && status == SHOPSETUP_OK; i++) {
		refs[i] = SHOPSETUP_VEC_AT(&existing.rows, shopsetup_product_ref, i)->reference;
		if (!shopsetup_hash_put(&known, refs[i], 0, NULL, NULL)) {
			status = shopsetup_nomem(err);
		}
	}
	if (status == SHOPSETUP_OK) {
		shopsetup_insert_sink ins;
		shopsetup_sink sink;
		shopsetup_insert_sink_init(&ins, db, &sink);
		status = shopsetup_plan_product_rows(plan, refs, existing.rows.count, &sink, err);
		inserted = ins.total;
		status = shopsetup_insert_finish(&ins, status, err);
	}
	/* The new products are the line's products whose reference was not there before: one query. */
	if (status == SHOPSETUP_OK && inserted > 0) {
		status = shopsetup_select_in(db, select, "initialbillitemid", line, "read new product ids",
			shopsetup_collect_product, &now, err);
	}
	for (size_t i = 0; i < now.rows.count && status == SHOPSETUP_OK; i++) {
		shopsetup_product_ref *ref = SHOPSETUP_VEC_AT(&now.rows, shopsetup_product_ref, i);
		if (shopsetup_hash_get(&known, ref->reference, NULL)) {
			continue;
		}
		shopsetup_product_ref *slot = shopsetup_vec_push(&added);
		shopsetup_id_pair *pair = slot ? shopsetup_vec_push(&report->products_added) : NULL;
		if (pair == NULL) {
			status = shopsetup_nomem(err);
			break;
		}
		*slot = *ref;
		*pair = (shopsetup_id_pair){ 0, ref->id };
	}
	if (status == SHOPSETUP_OK && added.count > 0) {
		shopsetup_insert_sink ins;
		shopsetup_sink sink;
		shopsetup_insert_sink_init(&ins, db, &sink);
		status = shopsetup_insert_finish(&ins, shopsetup_plan_product_event_rows(plan, added.items, added.count, &sink, err), err);
	}
	shopsetup_free(refs);
	shopsetup_hash_free(&known);
	shopsetup_vec_free(&added);
	shopsetup_rows_free(&existing);
	shopsetup_rows_free(&now);
	return status;
}

/* ---- the run ---- */

static shopsetup_status shopsetup_lock(shopsetup_mysql *db, shopsetup_error *err)
{
	char sql[160];
	int64_t got;
	snprintf(sql, sizeof(sql), "SELECT GET_LOCK('%s', %u)", db->lock_name, db->lock_timeout);
	shopsetup_status status = shopsetup_query_int(db, sql, "lock", &got, err);
	if (status == SHOPSETUP_OK && got == 0) {
		status = shopsetup_error_set(err, SHOPSETUP_E_DB, 0, "lock", 4,
			"another course-session setup held the site's lock for more than %u seconds", db->lock_timeout);
	} else if (status == SHOPSETUP_OK && got != 1) {
		status = shopsetup_error_set(err, SHOPSETUP_E_DB, 0, "lock", 4, "the server could not take the site's lock (GET_LOCK returned NULL)");
	}
	return status;
}

static void shopsetup_unlock(shopsetup_mysql *db)
{
	char sql[128];
	snprintf(sql, sizeof(sql), "DO RELEASE_LOCK('%s')", db->lock_name);
	mysql_real_query(db->conn, sql, (unsigned long) strlen(sql));
}

shopsetup_status shopsetup_mysql_run(shopsetup_mysql *db, shopsetup_plan *plan, shopsetup_run_report *report,
	shopsetup_before_commit before_commit, shopsetup_error *err)
{
	if (db->conn == NULL) {
		return shopsetup_error_set(err, SHOPSETUP_E_DB, 0, NULL, 0, "the connection is closed");
	}
	if (plan->stage != SHOPSETUP_STAGE_PLANNED) {
		return shopsetup_error_set(err, SHOPSETUP_E_PLAN_STATE, 0, "run", 3, "needs a freshly built plan");
	}
	db->statements = 0;
	shopsetup_status status = shopsetup_lock(db, err);
	if (status != SHOPSETUP_OK) {
		return status;
	}
	bool in_transaction = false;
	int64_t *enrolees = shopsetup_malloc((plan->people.count + 1) * sizeof(int64_t));
	int64_t *participants = shopsetup_malloc((plan->people.count + 1) * sizeof(int64_t));
	if (enrolees == NULL || participants == NULL) {
		status = shopsetup_nomem(err);
		goto done;
	}
	static const char isolation[] = "SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED";
	if ((status = shopsetup_query(db, isolation, sizeof(isolation) - 1, "start transaction", err)) != SHOPSETUP_OK
		|| (status = shopsetup_query(db, "START TRANSACTION", 17, "start transaction", err)) != SHOPSETUP_OK) {
		goto done;
	}
	in_transaction = true;
	if ((status = shopsetup_stage_accounts(db, plan, report, err)) != SHOPSETUP_OK
		|| (status = shopsetup_stage_usernames(db, plan, err)) != SHOPSETUP_OK
		|| (status = shopsetup_stage_users(db, plan, report, err)) != SHOPSETUP_OK) {
		goto done;
	}
	for (size_t p = 0; p < plan->people.count; p++) {
		participants[p] = SHOPSETUP_VEC_AT(&plan->people, shopsetup_person, p)->userid;
	}
	shopsetup_ids participant_ids = { participants, plan->people.count };
	shopsetup_ids enrolee_ids = { enrolees, shopsetup_plan_enrolees(plan, enrolees) };
	if ((status = shopsetup_stage_contexts(db, plan, participants, plan->people.count, report, err)) != SHOPSETUP_OK
		|| (status = shopsetup_stage_group(db, plan, report, err)) != SHOPSETUP_OK
		|| (status = shopsetup_stage_enrolments(db, plan, enrolees, enrolee_ids.count, report, err)) != SHOPSETUP_OK
		|| (status = shopsetup_stage_roles(db, plan, enrolee_ids, participant_ids, report, err)) != SHOPSETUP_OK
		|| (status = shopsetup_stage_members(db, plan, report, err)) != SHOPSETUP_OK
		|| (status = shopsetup_stage_products(db, plan, report, err)) != SHOPSETUP_OK) {
		goto done;
	}
	report->statements = db->statements + 1; /* with the COMMIT */
	if (before_commit.fn != NULL && (status = before_commit.fn(before_commit.ctx, plan, report, err)) != SHOPSETUP_OK) {
		goto done;
	}
	status = shopsetup_query(db, "COMMIT", 6, "commit", err);
	in_transaction = status != SHOPSETUP_OK;
done:
	if (in_transaction) {
		/* The server rolls back by itself when the connection is gone. */
		mysql_real_query(db->conn, "ROLLBACK", 8);
	}
	shopsetup_unlock(db);
	report->statements = db->statements;
	shopsetup_free(enrolees);
	shopsetup_free(participants);
	return status;
}
