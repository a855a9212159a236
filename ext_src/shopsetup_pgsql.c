/*
 * The PostgreSQL store of the setup driver (libpq).
 *
 * One READ COMMITTED transaction holds a transaction-scoped advisory lock on the site's keys (the
 * same keys as Moodle's postgres_lock_factory when the caller passes them, so that both exclude
 * each other), runs the lookups and updates of shopsetup_sql.c with string literals escaped by
 * libpq, and writes new rows with COPY ... FROM STDIN (no id comes back: the driver finds new rows
 * by their keys). The driver decides what to write; this file only connects, locks and runs.
 */
#include "shopsetup_pgsql.h"
#include "shopsetup_text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SHOPSETUP_PGSQL_STATEMENT_MAX (4 * 1024 * 1024)
#define SHOPSETUP_PGSQL_COPY_CHUNK (256 * 1024)

/* The server's refusals that a new transaction may not meet: serialization failure, deadlock. */
static bool shopsetup_pgsql_retriable(const char *state)
{
	return state != NULL && (strcmp(state, "40001") == 0 || strcmp(state, "40P01") == 0);
}

/* libpq's message on one line: its line breaks (and the indents after them) become one space. */
static void shopsetup_pgsql_one_line(const char *message, char *out, size_t size)
{
	size_t n = 0;
	for (const char *p = message; *p != '\0' && n + 1 < size; p++) {
		if (*p == '\n') {
			while (p[1] == '\t' || p[1] == ' ' || p[1] == '\n') {
				p++;
			}
			if (p[1] != '\0') {
				out[n++] = ' ';
			}
		} else {
			out[n++] = *p;
		}
	}
	out[n] = '\0';
}

/* The error of a result (or of the connection), its SQLSTATE and its primary message. */
static shopsetup_status shopsetup_pgsql_error(shopsetup_pgsql *db, const PGresult *res, const char *step, shopsetup_error *err)
{
	const char *state = res != NULL ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	const char *message = res != NULL ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
	char line[SHOPSETUP_ERROR_DETAIL_MAX];
	shopsetup_pgsql_one_line(message != NULL ? message : PQerrorMessage(db->conn), line, sizeof(line));
	shopsetup_status status = shopsetup_error_set(err, SHOPSETUP_E_DB, 0, step, strlen(step), "PostgreSQL error %s: %s",
		state != NULL ? state : "(no SQLSTATE)", line);
	if (err != NULL) {
		err->retriable = shopsetup_pgsql_retriable(state);
	}
	snprintf(db->sqlstate, sizeof(db->sqlstate), "%s", state != NULL ? state : "");
	return status;
}

/* ---- the SQL store's dialect ---- */

static bool shopsetup_pgsql_string(void *conn, shopsetup_buf *sql, const char *s, size_t len)
{
	shopsetup_pgsql *db = conn;
	if (len > (SIZE_MAX - 3) / 2 || !shopsetup_buf_reserve(sql, 2 * len + 3)) {
		return false;
	}
	if (memchr(s, '\0', len) != NULL) {
		db->nul_in_value = true;
	}
	int error = 0;
	sql->ptr[sql->len++] = '\'';
	/* An invalid byte sequence still gives a literal, which the server then refuses. */
	sql->len += PQescapeStringConn(db->conn, sql->ptr + sql->len, s, len, &error);
	sql->ptr[sql->len++] = '\'';
	sql->ptr[sql->len] = '\0';
	return true;
}

static shopsetup_status shopsetup_pgsql_refuse_nul(shopsetup_pgsql *db, const char *step, shopsetup_error *err)
{
	db->nul_in_value = false;
	return shopsetup_error_set(err, SHOPSETUP_E_DB, 0, step, strlen(step), "a value holds a NUL byte, which PostgreSQL text cannot store");
}

/* Runs one statement; with on_row, hands each row of its result on. */
static shopsetup_status shopsetup_pgsql_run(void *conn, const char *sql, size_t len, const char *step, shopsetup_sql_row_fn on_row,
	void *ctx, shopsetup_error *err)
{
	shopsetup_pgsql *db = conn;
	if (db->nul_in_value) {
		return shopsetup_pgsql_refuse_nul(db, step, err);
	}
	char *copy = NULL;
	if (sql[len] != '\0' && (copy = shopsetup_strndup(sql, len)) == NULL) {
		return shopsetup_nomem(err);
	}
	db->statements++;
	PGresult *res = PQexec(db->conn, copy != NULL ? copy : sql);
	shopsetup_free(copy);
	ExecStatusType state = PQresultStatus(res);
	shopsetup_status status = state == PGRES_COMMAND_OK || state == PGRES_TUPLES_OK ? SHOPSETUP_OK
		: shopsetup_pgsql_error(db, res, step, err);
	if (status == SHOPSETUP_OK && on_row != NULL) {
		size_t nfields = (size_t) PQnfields(res), lengths[16];
		char *values[16];
		int rows = PQntuples(res);
		if (nfields > SHOPSETUP_COUNT(values)) {
			status = shopsetup_error_set(err, SHOPSETUP_E_DB, 0, step, strlen(step), "too many columns");
		}
		for (int r = 0; r < rows && status == SHOPSETUP_OK; r++) {
			for (size_t c = 0; c < nfields; c++) {
				values[c] = PQgetisnull(res, r, (int) c) ? NULL : PQgetvalue(res, r, (int) c);
				lengths[c] = (size_t) PQgetlength(res, r, (int) c);
			}
			status = on_row(ctx, values, lengths, nfields, err);
		}
	}
	PQclear(res);
	return status;
}

/* PostgreSQL's text compares byte for byte: a case-insensitive lookup lower-cases the column. */
static shopsetup_status shopsetup_pgsql_caseless(void *conn, const char *table, const char *column, bool *caseless,
	shopsetup_error *err)
{
	*caseless = false;
	return SHOPSETUP_OK;
}

static const shopsetup_sql_ops shopsetup_pgsql_sql_ops = { shopsetup_pgsql_run, shopsetup_pgsql_string, shopsetup_pgsql_caseless };

static shopsetup_status shopsetup_pgsql_exec(shopsetup_pgsql *db, const char *sql, const char *step, shopsetup_error *err)
{
	return shopsetup_pgsql_run(db, sql, strlen(sql), step, NULL, NULL, err);
}

/* The first value of a result, copied into a buffer (at most size - 1 bytes; NULL reads as ""). */
typedef struct {
	char *out;
	size_t size;
} shopsetup_pgsql_first;

static shopsetup_status shopsetup_pgsql_keep_first(void *ctx, char *const *values, const size_t *lengths, size_t nvalues,
	shopsetup_error *err)
{
	shopsetup_pgsql_first *first = ctx;
	if (first->out[0] == '\0' && nvalues > 0 && values[0] != NULL) {
		snprintf(first->out, first->size, "%s", values[0]);
	}
	return SHOPSETUP_OK;
}

/* Runs a query expected to return one value. */
static shopsetup_status shopsetup_pgsql_value(shopsetup_pgsql *db, const char *sql, const char *step, char *out, size_t size,
	shopsetup_error *err)
{
	shopsetup_pgsql_first first = { out, size };
	out[0] = '\0';
	return shopsetup_pgsql_run(db, sql, strlen(sql), step, shopsetup_pgsql_keep_first, &first, err);
}

/* ---- connection ---- */

static bool shopsetup_pgsql_sslmode_is_known(const char *mode)
{
	static const char *const modes[] = { "disable", "allow", "prefer", "require", "verify-ca", "verify-full" };
	for (size_t i = 0; i < SHOPSETUP_COUNT(modes); i++) {
		if (strcmp(mode, modes[i]) == 0) {
			return true;
		}
	}
	return false;
}

shopsetup_status shopsetup_pgsql_connect(shopsetup_pgsql *db, const shopsetup_pgsql_options *options, shopsetup_error *err)
{
	memset(db, 0, sizeof(*db));
	const char *prefix = options->prefix ? options->prefix : "mdl_";
	if (!shopsetup_sql_prefix_is_safe(prefix)) {
		return shopsetup_error_set(err, SHOPSETUP_E_DB, 0, "connect", 7,
			"the table prefix must be at most %d characters of [A-Za-z0-9_]", SHOPSETUP_SQL_PREFIX_MAX);
	}
	if (options->schema != NULL && (options->schema[0] == '\0' || !shopsetup_sql_word_is_safe(options->schema, 63, "_"))) {
		return shopsetup_error_set(err, SHOPSETUP_E_DB, 0, "connect", 7, "the schema must be 1 to 63 characters of [A-Za-z0-9_]");
	}
	if (options->sslmode != NULL && !shopsetup_pgsql_sslmode_is_known(options->sslmode)) {
		return shopsetup_error_set(err, SHOPSETUP_E_DB, 0, "connect", 7,
			"sslmode must be one of disable, allow, prefer, require, verify-ca, verify-full");
	}
	strcpy(db->sql.prefix, prefix);
	db->sql.ops = &shopsetup_pgsql_sql_ops;
	db->sql.conn = db;
	db->sql.quote = '"';
	db->sql.keys_seed = "VALUES (-1, NULL::text)";
	db->sql.int_keys_seed = "VALUES (-1, NULL::bigint)";
	db->sql.values_keys = true;
	db->sql.prefix_by_length = true;
	/* IN lists of many keys are hashed by the server (PostgreSQL 14 and later): fewer, longer lookups. */
	db->sql.in_chunk = 10000;
	db->sql.update_from_values = true;
	db->sql.statement_limit = SHOPSETUP_PGSQL_STATEMENT_MAX;
	db->lock_timeout = options->lock_timeout_set ? options->lock_timeout : 60;

	/* As Moodle's pgsql driver: a socket folder is used for a local host. */
	const char *host = options->host;
	if (options->socket != NULL && (host == NULL || strcmp(host, "localhost") == 0 || strcmp(host, "127.0.0.1") == 0)) {
		host = options->socket;
	}
	char port[16], timeout[16], server_options[96];
	const char *keys[16], *values[16];
	size_t n = 0;
#define SHOPSETUP_PGSQL_PARAM(key, value) \
	if ((value) != NULL) { keys[n] = (key); values[n] = (value); n++; }
	SHOPSETUP_PGSQL_PARAM("host", host);
	if (options->port > 0) {
		snprintf(port, sizeof(port), "%u", options->port);
		SHOPSETUP_PGSQL_PARAM("port", port);
	}
	if (options->connect_timeout > 0) {
		snprintf(timeout, sizeof(timeout), "%u", options->connect_timeout);
		SHOPSETUP_PGSQL_PARAM("connect_timeout", timeout);
	}
	SHOPSETUP_PGSQL_PARAM("dbname", options->database);
	SHOPSETUP_PGSQL_PARAM("user", options->user);
	SHOPSETUP_PGSQL_PARAM("password", options->password);
	SHOPSETUP_PGSQL_PARAM("sslmode", options->sslmode);
	SHOPSETUP_PGSQL_PARAM("sslrootcert", options->sslrootcert);
	SHOPSETUP_PGSQL_PARAM("sslcert", options->sslcert);
	SHOPSETUP_PGSQL_PARAM("sslkey", options->sslkey);
	SHOPSETUP_PGSQL_PARAM("client_encoding", "UTF8");
	if (options->schema != NULL) {
		snprintf(server_options, sizeof(server_options), "-c search_path=%s", options->schema);
		SHOPSETUP_PGSQL_PARAM("options", server_options);
	}
	SHOPSETUP_PGSQL_PARAM("application_name", "shopsetup");
#undef SHOPSETUP_PGSQL_PARAM
	keys[n] = NULL;
	values[n] = NULL;
	/* expand_dbname 0: the database name is a name, never a connection string. */
	db->conn = PQconnectdbParams(keys, values, 0);
	if (db->conn == NULL) {
		return shopsetup_nomem(err);
	}
	if (PQstatus(db->conn) != CONNECTION_OK) {
		char line[SHOPSETUP_ERROR_DETAIL_MAX];
		shopsetup_pgsql_one_line(PQerrorMessage(db->conn), line, sizeof(line));
		shopsetup_status status = shopsetup_error_set(err, SHOPSETUP_E_DB, 0, "connect", 7, "cannot connect to PostgreSQL: %s", line);
		shopsetup_pgsql_close(db);
		return status;
	}

	/* It proves the table is there. */
	char sql[256], found[8];
	snprintf(sql, sizeof(sql), "SELECT to_regclass('\"%suser\"') IS NOT NULL", db->sql.prefix);
	shopsetup_status status = shopsetup_pgsql_value(db, sql, "connect", found, sizeof(found), err);
	if (status == SHOPSETUP_OK && strcmp(found, "t") != 0) {
		status = shopsetup_error_set(err, SHOPSETUP_E_DB, 0, "connect", 7,
			"table %suser not found in database \"%s\": is this a Moodle database with prefix \"%s\"?",
			db->sql.prefix, options->database ? options->database : "", db->sql.prefix);
	}
	if (status != SHOPSETUP_OK) {
		shopsetup_pgsql_close(db);
		return status;
	}
	if (options->lock_key_set) {
		db->lock_key[0] = options->lock_key[0];
		db->lock_key[1] = options->lock_key[1];
		return SHOPSETUP_OK;
	}
	/* One lock per site: database plus prefix, hashed. */
	char site[256];
	int site_len = snprintf(site, sizeof(site), "%s.%s", options->database ? options->database : "", db->sql.prefix);
	uint64_t hash = shopsetup_hash_bytes(site, (size_t) site_len);
	db->lock_key[0] = (int32_t) (uint32_t) (hash >> 32);
	db->lock_key[1] = (int32_t) (uint32_t) hash;
	return SHOPSETUP_OK;
}

void shopsetup_pgsql_close(shopsetup_pgsql *db)
{
	if (db->conn != NULL) {
		PQfinish(db->conn);
		db->conn = NULL;
	}
}

/* ---- inserts: COPY ... FROM STDIN ---- */

typedef struct {
	shopsetup_pgsql *db;
	shopsetup_buf data;   /* rows in COPY's text format not sent yet */
	const char *table;
	bool copying;         /* the COPY statement is under way */
} shopsetup_copy_sink;

/* A value in COPY's text format: backslash, tab, newline and carriage return escaped. */
static bool shopsetup_copy_value(shopsetup_buf *data, const shopsetup_col *value)
{
	if (value->type == SHOPSETUP_COL_INT) {
		return shopsetup_buf_append_int(data, value->i);
	}
	const char *s = value->s.ptr ? value->s.ptr : "";
	bool ok = true;
	for (size_t i = 0; i < value->s.len && ok; i++) {
		switch (s[i]) {
			case '\\': ok = shopsetup_buf_append(data, "\\\\", 2); break;
			case '\t': ok = shopsetup_buf_append(data, "\\t", 2); break;
			case '\n': ok = shopsetup_buf_append(data, "\\n", 2); break;
			case '\r': ok = shopsetup_buf_append(data, "\\r", 2); break;
			default: ok = shopsetup_buf_appendc(data, s[i]);
		}
	}
	return ok;
}

static shopsetup_status shopsetup_copy_send(shopsetup_copy_sink *copy, shopsetup_error *err)
{
	if (copy->data.len > 0 && PQputCopyData(copy->db->conn, copy->data.ptr, (int) copy->data.len) != 1) {
		return shopsetup_pgsql_error(copy->db, NULL, copy->table, err);
	}
	copy->data.len = 0;
	return SHOPSETUP_OK;
}

static shopsetup_status shopsetup_copy_start(shopsetup_copy_sink *copy, const shopsetup_col *cols, size_t ncols, shopsetup_error *err)
{
	shopsetup_buf sql = { 0 };
	bool ok = shopsetup_buf_append(&sql, "COPY ", 5) && shopsetup_sql_table(&copy->db->sql, &sql, copy->table)
		&& shopsetup_buf_appendc(&sql, '(');
	for (size_t c = 0; c < ncols && ok; c++) {
		ok = shopsetup_buf_printf(&sql, "%s\"%s\"", c ? "," : "", cols[c].name);
	}
	if (!ok || !shopsetup_buf_append(&sql, ") FROM STDIN", 12)) {
		shopsetup_buf_free(&sql);
		return shopsetup_nomem(err);
	}
	copy->db->statements++;
	PGresult *res = PQexec(copy->db->conn, sql.ptr);
	shopsetup_buf_free(&sql);
	shopsetup_status status = PQresultStatus(res) == PGRES_COPY_IN ? SHOPSETUP_OK : shopsetup_pgsql_error(copy->db, res, copy->table, err);
	PQclear(res);
	copy->copying = status == SHOPSETUP_OK;
	return status;
}

static bool shopsetup_copy_row(void *ctx, const char *table, const shopsetup_col *cols, size_t ncols, shopsetup_error *err)
{
	shopsetup_copy_sink *copy = ctx;
	copy->table = table;
	if (!copy->copying && shopsetup_copy_start(copy, cols, ncols, err) != SHOPSETUP_OK) {
		return false;
	}
	bool ok = true;
	for (size_t c = 0; c < ncols && ok; c++) {
		if (cols[c].type == SHOPSETUP_COL_STR && cols[c].s.len > 0 && memchr(cols[c].s.ptr, '\0', cols[c].s.len) != NULL) {
			shopsetup_pgsql_refuse_nul(copy->db, table, err);
			return false;
		}
		ok = (c == 0 || shopsetup_buf_appendc(&copy->data, '\t')) && shopsetup_copy_value(&copy->data, &cols[c]);
	}
	if (!ok || !shopsetup_buf_appendc(&copy->data, '\n')) {
		shopsetup_nomem(err);
		return false;
	}
	return copy->data.len < SHOPSETUP_PGSQL_COPY_CHUNK || shopsetup_copy_send(copy, err) == SHOPSETUP_OK;
}

/* Ends the COPY: its rows are written when status is SHOPSETUP_OK, else the COPY fails on purpose. */
static shopsetup_status shopsetup_copy_finish(shopsetup_copy_sink *copy, shopsetup_status status, shopsetup_error *err)
{
	if (copy->copying) {
		if (status == SHOPSETUP_OK) {
			status = shopsetup_copy_send(copy, err);
		}
		bool ended = PQputCopyEnd(copy->db->conn, status == SHOPSETUP_OK ? NULL : "the setup stopped") == 1;
		if (status == SHOPSETUP_OK && !ended) {
			status = shopsetup_pgsql_error(copy->db, NULL, copy->table, err);
		}
		PGresult *res;
		while ((res = PQgetResult(copy->db->conn)) != NULL) {
			if (status == SHOPSETUP_OK && PQresultStatus(res) != PGRES_COMMAND_OK) {
				status = shopsetup_pgsql_error(copy->db, res, copy->table, err);
			}
			PQclear(res);
		}
	}
	shopsetup_buf_free(&copy->data);
	return status;
}

/* ---- the store ---- */

static shopsetup_status shopsetup_pgsql_find(void *self, const shopsetup_query *query, shopsetup_found_fn on_row, void *ctx,
	shopsetup_error *err)
{
	return shopsetup_sql_find(&((shopsetup_pgsql *) self)->sql, query, on_row, ctx, err);
}

static shopsetup_status shopsetup_pgsql_find_keys(void *self, const shopsetup_query *query, shopsetup_key_fn on_key, void *ctx,
	shopsetup_error *err)
{
	return shopsetup_sql_find_keys(&((shopsetup_pgsql *) self)->sql, query, on_key, ctx, err);
}

static shopsetup_status shopsetup_pgsql_open(void *self, shopsetup_write kind, const char *table, shopsetup_sink *sink,
	shopsetup_error *err)
{
	shopsetup_pgsql *db = self;
	if (kind != SHOPSETUP_WRITE_INSERT) {
		return shopsetup_sql_open(&db->sql, kind, table, sink, err);
	}
	shopsetup_copy_sink *copy = shopsetup_calloc(1, sizeof(*copy));
	if (copy == NULL) {
		return shopsetup_nomem(err);
	}
	copy->db = db;
	copy->table = table;
	*sink = (shopsetup_sink){ shopsetup_copy_row, copy };
	return SHOPSETUP_OK;
}

static shopsetup_status shopsetup_pgsql_close_sink(void *self, shopsetup_sink *sink, shopsetup_status status, shopsetup_error *err)
{
	if (sink->row != shopsetup_copy_row) {
		return shopsetup_sql_close(sink, status, err);
	}
	status = shopsetup_copy_finish(sink->ctx, status, err);
	shopsetup_free(sink->ctx);
	return status;
}

static shopsetup_status shopsetup_pgsql_begin(void *self, shopsetup_error *err)
{
	shopsetup_pgsql *db = self;
	if (db->in_transaction) {
		return SHOPSETUP_OK;
	}
	shopsetup_status status = shopsetup_pgsql_exec(db, "BEGIN ISOLATION LEVEL READ COMMITTED", "start transaction", err);
	db->in_transaction = status == SHOPSETUP_OK;
	return status;
}

static void shopsetup_pgsql_rollback(void *self)
{
	shopsetup_pgsql *db = self;
	if (db->in_transaction) {
		PQclear(PQexec(db->conn, "ROLLBACK"));
		db->in_transaction = false;
	}
}

/* The site's advisory lock, taken in the transaction that the setup then runs in (released at its end). */
static shopsetup_status shopsetup_pgsql_lock(void *self, shopsetup_error *err)
{
	shopsetup_pgsql *db = self;
	if (db->conn == NULL) {
		return shopsetup_error_set(err, SHOPSETUP_E_DB, 0, NULL, 0, "the connection is closed");
	}
	db->statements = 0;
	shopsetup_status status = shopsetup_pgsql_begin(db, err);
	char sql[160], got[8];
	if (status == SHOPSETUP_OK && db->lock_timeout == 0) {
		snprintf(sql, sizeof(sql), "SELECT pg_try_advisory_xact_lock(%d, %d)", (int) db->lock_key[0], (int) db->lock_key[1]);
		status = shopsetup_pgsql_value(db, sql, "lock", got, sizeof(got), err);
		if (status == SHOPSETUP_OK && strcmp(got, "t") != 0) {
			status = shopsetup_error_set(err, SHOPSETUP_E_DB, 0, "lock", 4, "another course-session setup holds the site's lock");
		}
	} else if (status == SHOPSETUP_OK) {
		snprintf(sql, sizeof(sql), "SET LOCAL lock_timeout = %u", db->lock_timeout * 1000);
		status = shopsetup_pgsql_exec(db, sql, "lock", err);
		snprintf(sql, sizeof(sql), "SELECT pg_advisory_xact_lock(%d, %d)", (int) db->lock_key[0], (int) db->lock_key[1]);
		if (status == SHOPSETUP_OK && (status = shopsetup_pgsql_exec(db, sql, "lock", err)) != SHOPSETUP_OK
				&& strcmp(db->sqlstate, "55P03") == 0) {
			status = shopsetup_error_set(err, SHOPSETUP_E_DB, 0, "lock", 4,
				"another course-session setup held the site's lock for more than %u seconds", db->lock_timeout);
		}
		if (status == SHOPSETUP_OK) {
			status = shopsetup_pgsql_exec(db, "SET LOCAL lock_timeout TO DEFAULT", "lock", err);
		}
	}
	if (status != SHOPSETUP_OK) {
		shopsetup_pgsql_rollback(db);
	}
	return status;
}

/* The lock goes with the transaction: a transaction still open is rolled back. */
static void shopsetup_pgsql_unlock(void *self)
{
	shopsetup_pgsql_rollback(self);
}

static shopsetup_status shopsetup_pgsql_commit(void *self, shopsetup_error *err)
{
	shopsetup_pgsql *db = self;
	db->statements++;
	PGresult *res = PQexec(db->conn, "COMMIT");
	shopsetup_status status = PQresultStatus(res) == PGRES_COMMAND_OK ? SHOPSETUP_OK : shopsetup_pgsql_error(db, res, "commit", err);
	/* COMMIT in a failed transaction rolls it back and says so. */
	if (status == SHOPSETUP_OK && strcmp(PQcmdStatus(res), "COMMIT") != 0) {
		status = shopsetup_error_set(err, SHOPSETUP_E_DB, 0, "commit", 6, "the transaction had failed: the server rolled it back");
	}
	PQclear(res);
	db->in_transaction = false;
	return status;
}

static size_t shopsetup_pgsql_statements(void *self)
{
	return ((shopsetup_pgsql *) self)->statements;
}

static const shopsetup_store_ops shopsetup_pgsql_ops = {
	shopsetup_pgsql_lock, shopsetup_pgsql_unlock, shopsetup_pgsql_begin, shopsetup_pgsql_commit, shopsetup_pgsql_rollback,
	shopsetup_pgsql_find, shopsetup_pgsql_find_keys, shopsetup_pgsql_open, shopsetup_pgsql_close_sink, shopsetup_pgsql_statements, NULL,
};

shopsetup_store shopsetup_pgsql_store(shopsetup_pgsql *db)
{
	return (shopsetup_store){ &shopsetup_pgsql_ops, db };
}
