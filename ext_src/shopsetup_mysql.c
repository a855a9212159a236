/*
 * The MySQL/MariaDB store of the setup driver (libmariadb / libmysqlclient).
 *
 * One named lock serialises setups on a site (Moodle has no unique index on user.email, so two
 * setups sharing a new email must not both create it), then one READ COMMITTED transaction
 * looks up with chunked IN lists and writes with multi-row INSERTs and batched UPDATEs, every
 * statement sized under max_allowed_packet. The driver decides what to write; this file only moves rows.
 */
#include "shopsetup_mysql.h"
#include "shopsetup_text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SHOPSETUP_IN_CHUNK 1000
#define SHOPSETUP_LIKE_CHUNK 250
#define SHOPSETUP_STATEMENT_MAX (1024 * 1024)

/* The server's refusals that a new transaction may not meet: deadlock (and a Galera node's
 * certification failure, which reports as one), lock wait timeout, a failed commit, a Galera node
 * not ready yet. */
static bool shopsetup_mysql_retriable(unsigned int code)
{
	return code == 1213 || code == 1205 || code == 1180 || code == 1047;
}

static shopsetup_status shopsetup_db_error(shopsetup_mysql *db, const char *step, shopsetup_error *err)
{
	unsigned int code = mysql_errno(db->conn);
	shopsetup_status status = shopsetup_error_set(err, SHOPSETUP_E_DB, code, step, strlen(step),
		"MySQL error %u (%s): %s", code, mysql_sqlstate(db->conn), mysql_error(db->conn));
	if (err != NULL) {
		err->retriable = shopsetup_mysql_retriable(code);
	}
	return status;
}

bool shopsetup_mysql_library_init(void)
{
	return mysql_library_init(0, NULL, NULL) == 0;
}

void shopsetup_mysql_library_end(void)
{
	mysql_library_end();
}

/* ---- connection ---- */

/* Whether every character of text is a letter, a digit or one of extra: text goes into SQL as is. */
static bool shopsetup_word_is_safe(const char *text, size_t max, const char *extra)
{
	size_t len = strlen(text);
	if (len > max) {
		return false;
	}
	for (size_t i = 0; i < len; i++) {
		char c = text[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || strchr(extra, c) != NULL)) {
			return false;
		}
	}
	return true;
}

static bool shopsetup_prefix_is_safe(const char *prefix)
{
	return shopsetup_word_is_safe(prefix, SHOPSETUP_MYSQL_PREFIX_MAX, "_");
}

static bool shopsetup_lock_name_is_safe(const char *name)
{
	return name[0] != '\0' && shopsetup_word_is_safe(name, SHOPSETUP_MYSQL_LOCK_NAME_MAX, "_:.-");
}

static shopsetup_status shopsetup_mysql_query(shopsetup_mysql *db, const char *sql, size_t len, const char *step, shopsetup_error *err)
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
	shopsetup_status status = shopsetup_mysql_query(db, sql, strlen(sql), step, err);
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
	if (options->lock_name != NULL && !shopsetup_lock_name_is_safe(options->lock_name)) {
		return shopsetup_error_set(err, SHOPSETUP_E_DB, 0, "connect", 7,
			"the lock name must be 1 to %d characters of [A-Za-z0-9_:.-]", SHOPSETUP_MYSQL_LOCK_NAME_MAX);
	}
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
	int64_t packet;
	shopsetup_status status = shopsetup_mysql_query(db, strict, sizeof(strict) - 1, "connect", err);
	if (status == SHOPSETUP_OK) {
		status = shopsetup_query_int(db, "SELECT @@max_allowed_packet", "connect", &packet, err);
	}
	if (status != SHOPSETUP_OK) {
		shopsetup_mysql_close(db);
		return status;
	}
	db->statement_limit = packet > 0 && (size_t) packet / 2 < SHOPSETUP_STATEMENT_MAX ? (size_t) packet / 2 : SHOPSETUP_STATEMENT_MAX;

	/* Emails are matched through the index when the column compares case-insensitively; it also proves the table is there. */
	char sql[512];
	int64_t email_ci;
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
	db->collations[db->ncollations++] = (shopsetup_mysql_collation){ "user", "email", email_ci == 1 };

	if (options->lock_name != NULL) {
		strcpy(db->lock_name, options->lock_name);
		return SHOPSETUP_OK;
	}
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
	shopsetup_status status = shopsetup_mysql_query(ins->db, ins->sql.ptr, ins->sql.len, ins->table, err);
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

/* ---- lookups ---- */

typedef bool (*shopsetup_item_fn)(shopsetup_mysql *db, shopsetup_buf *sql, const shopsetup_query *query, size_t i);

static bool shopsetup_sql_value(shopsetup_mysql *db, shopsetup_buf *sql, const shopsetup_col *value)
{
	return value->type == SHOPSETUP_COL_INT ? shopsetup_buf_append_int(sql, value->i)
		: shopsetup_sql_string(db, sql, value->s.ptr ? value->s.ptr : "", value->s.len);
}

static bool shopsetup_sql_key(shopsetup_mysql *db, shopsetup_buf *sql, const shopsetup_query *query, size_t i)
{
	return query->keys.strings == NULL ? shopsetup_buf_append_int(sql, query->keys.ints[i])
		: shopsetup_sql_string(db, sql, query->keys.strings[i].ptr, query->keys.strings[i].len);
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

/* Whether a column compares case-insensitively (its collation ends in _ci), asked once per column. */
static shopsetup_status shopsetup_column_caseless(shopsetup_mysql *db, const char *table, const char *column, bool *caseless,
	shopsetup_error *err)
{
	for (size_t i = 0; i < db->ncollations; i++) {
		if (strcmp(db->collations[i].table, table) == 0 && strcmp(db->collations[i].column, column) == 0) {
			*caseless = db->collations[i].caseless;
			return SHOPSETUP_OK;
		}
	}
	char sql[512];
	int64_t ci;
	snprintf(sql, sizeof(sql), "SELECT COLLATION_NAME LIKE '%%\\_ci' FROM information_schema.COLUMNS"
		" WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = '%s%s' AND COLUMN_NAME = '%s'", db->prefix, table, column);
	shopsetup_status status = shopsetup_query_int(db, sql, "find the column's collation", &ci, err);
	*caseless = ci == 1;
	if (status == SHOPSETUP_OK && db->ncollations < SHOPSETUP_COUNT(db->collations)) {
		db->collations[db->ncollations++] = (shopsetup_mysql_collation){ table, column, *caseless };
	}
	return status;
}

static bool shopsetup_sql_caseless_like(shopsetup_mysql *db, shopsetup_buf *sql, const shopsetup_query *query, size_t i)
{
	return shopsetup_buf_printf(sql, db->caseless ? "`%s` LIKE " : "LOWER(`%s`) LIKE ", query->key)
		&& shopsetup_sql_like_prefix(db, sql, query->keys.strings[i]);
}

/*
 * Appends the query's keys from *next on, separated by sep, then tail: at most max keys, and no
 * more than keep the statement under the statement limit (at least one, else an error).
 * *next moves past the keys written.
 */
static shopsetup_status shopsetup_sql_items(shopsetup_mysql *db, shopsetup_buf *sql, const shopsetup_query *query, size_t *next,
	size_t max, shopsetup_item_fn item, const char *sep, const char *tail, shopsetup_error *err)
{
	size_t first = *next, sep_len = strlen(sep), tail_len = strlen(tail);
	for (size_t i = first; i < query->keys.count && i - first < max; i++) {
		size_t before = sql->len;
		if ((i > first && !shopsetup_buf_append(sql, sep, sep_len)) || !item(db, sql, query, i)) {
			return shopsetup_nomem(err);
		}
		if (sql->len + tail_len > db->statement_limit) {
			if (i == first) {
				return shopsetup_error_set(err, SHOPSETUP_E_DB, 0, query->table, strlen(query->table),
					"one value needs a statement of %zu bytes, more than the server's max_allowed_packet allows", sql->len + tail_len);
			}
			sql->len = before;
			break;
		}
		*next = i + 1;
	}
	return shopsetup_buf_append(sql, tail, tail_len) ? SHOPSETUP_OK : shopsetup_nomem(err);
}

/* Runs a query and hands each row of its result on, typed as the query's columns. */
static shopsetup_status shopsetup_select(shopsetup_mysql *db, const shopsetup_buf *sql, const shopsetup_query *query,
	shopsetup_found_fn on_row, void *ctx, shopsetup_error *err)
{
	shopsetup_status status = shopsetup_mysql_query(db, sql->ptr, sql->len, query->table, err);
	MYSQL_RES *res = status == SHOPSETUP_OK ? mysql_store_result(db->conn) : NULL;
	if (status == SHOPSETUP_OK && (res == NULL || mysql_num_fields(res) != query->ncolumns)) {
		status = res == NULL ? shopsetup_db_error(db, query->table, err)
			: shopsetup_error_set(err, SHOPSETUP_E_DB, 0, query->table, strlen(query->table), "unexpected number of columns");
	}
	shopsetup_col values[8];
	if (status == SHOPSETUP_OK && query->ncolumns > SHOPSETUP_COUNT(values)) {
		status = shopsetup_error_set(err, SHOPSETUP_E_DB, 0, query->table, strlen(query->table), "too many columns");
	}
	MYSQL_ROW row;
	while (status == SHOPSETUP_OK && (row = mysql_fetch_row(res)) != NULL) {
		unsigned long *lengths = mysql_fetch_lengths(res);
		for (size_t c = 0; c < query->ncolumns; c++) {
			values[c] = (shopsetup_col){ query->columns[c].name, query->columns[c].type, 0, { "", 0 } };
			if (row[c] != NULL && query->columns[c].type == SHOPSETUP_COL_INT) {
				values[c].i = strtoll(row[c], NULL, 10);
			} else if (row[c] != NULL) {
				values[c].s = (shopsetup_slice){ row[c], lengths[c] };
			}
		}
		status = on_row(ctx, values, err);
	}
	if (res != NULL) {
		mysql_free_result(res);
	}
	return status;
}

/* SELECT <columns> FROM <table> WHERE <conditions>, the head of every lookup. */
static bool shopsetup_sql_select_head(shopsetup_mysql *db, shopsetup_buf *sql, const shopsetup_query *query)
{
	bool ok = shopsetup_buf_append(sql, "SELECT ", 7);
	for (size_t c = 0; c < query->ncolumns && ok; c++) {
		ok = shopsetup_buf_printf(sql, "%s`%s`", c ? ", " : "", query->columns[c].name);
	}
	ok = ok && shopsetup_buf_append(sql, " FROM ", 6) && shopsetup_sql_table(db, sql, query->table)
		&& shopsetup_buf_append(sql, " WHERE 1 = 1", 12);
	for (size_t c = 0; c < query->nconditions && ok; c++) {
		ok = shopsetup_buf_printf(sql, " AND `%s` = ", query->conditions[c].name) && shopsetup_sql_value(db, sql, &query->conditions[c]);
	}
	return ok;
}

static shopsetup_status shopsetup_mysql_find(void *self, const shopsetup_query *query, shopsetup_found_fn on_row, void *ctx,
	shopsetup_error *err)
{
	shopsetup_mysql *db = self;
	shopsetup_buf sql = { 0 };
	shopsetup_status status = SHOPSETUP_OK;
	if (query->match == SHOPSETUP_MATCH_CASELESS_PREFIX) {
		status = shopsetup_column_caseless(db, query->table, query->key, &db->caseless, err);
	}
	size_t head_len = 0;
	if (status == SHOPSETUP_OK && (!shopsetup_sql_select_head(db, &sql, query)
			|| (query->match == SHOPSETUP_MATCH_EQUAL && !shopsetup_buf_printf(&sql, " AND `%s` IN (", query->key))
			|| (query->match == SHOPSETUP_MATCH_CASELESS_PREFIX && !shopsetup_buf_append(&sql, " AND (", 6))
			|| (query->match == SHOPSETUP_MATCH_BELOW && !shopsetup_buf_printf(&sql, " AND `%s` < ", query->key)))) {
		status = shopsetup_nomem(err);
	}
	head_len = sql.len;
	if (status == SHOPSETUP_OK && query->match == SHOPSETUP_MATCH_NONE) {
		status = shopsetup_select(db, &sql, query, on_row, ctx, err);
		shopsetup_buf_free(&sql);
		return status;
	}
	size_t max = query->match == SHOPSETUP_MATCH_EQUAL ? SHOPSETUP_IN_CHUNK
		: query->match == SHOPSETUP_MATCH_CASELESS_PREFIX ? SHOPSETUP_LIKE_CHUNK : 1;
	shopsetup_item_fn item = query->match == SHOPSETUP_MATCH_CASELESS_PREFIX ? shopsetup_sql_caseless_like : shopsetup_sql_key;
	const char *sep = query->match == SHOPSETUP_MATCH_CASELESS_PREFIX ? " OR " : ",";
	const char *tail = query->match == SHOPSETUP_MATCH_BELOW ? "" : ")";
	for (size_t next = 0; next < query->keys.count && status == SHOPSETUP_OK;) {
		sql.len = head_len;
		if ((status = shopsetup_sql_items(db, &sql, query, &next, max, item, sep, tail, err)) == SHOPSETUP_OK) {
			status = shopsetup_select(db, &sql, query, on_row, ctx, err);
		}
	}
	shopsetup_buf_free(&sql);
	return status;
}

typedef struct {
	int64_t index;
} shopsetup_key_row;

typedef struct {
	shopsetup_key_fn on_key;
	void *ctx;
	size_t count;
} shopsetup_key_ctx;

static shopsetup_status shopsetup_found_key(void *ctx_ptr, const shopsetup_col *row, shopsetup_error *err)
{
	shopsetup_key_ctx *ctx = ctx_ptr;
	if (row[0].i < 0 || (size_t) row[0].i >= ctx->count) {
		return shopsetup_error_set(err, SHOPSETUP_E_DB, 0, "find keys", 9, "the server returned a key that was not asked");
	}
	return ctx->on_key(ctx->ctx, (size_t) row[0].i, err);
}

static bool shopsetup_sql_union_key(shopsetup_mysql *db, shopsetup_buf *sql, const shopsetup_query *query, size_t i)
{
	return shopsetup_buf_printf(sql, " UNION ALL SELECT %zu, ", i) && shopsetup_sql_key(db, sql, query, i);
}

/*
 * The keys that the column's collation holds equal to a stored value: the keys as a derived
 * table joined on the column, so that the server compares them as it compares the column.
 */
static shopsetup_status shopsetup_mysql_find_keys(void *self, const shopsetup_query *query, shopsetup_key_fn on_key, void *ctx,
	shopsetup_error *err)
{
	shopsetup_mysql *db = self;
	static const shopsetup_column index_column[] = { { "i", SHOPSETUP_COL_INT, 0 } };
	shopsetup_query result = { query->table, index_column, 1, NULL, 0, NULL, SHOPSETUP_MATCH_NONE, { 0 } };
	shopsetup_buf head = { 0 }, tail = { 0 }, sql = { 0 };
	static const char select[] = "SELECT DISTINCT n.i FROM (SELECT -1 AS i, '' AS k";
	bool ok = shopsetup_buf_append(&head, select, sizeof(select) - 1)
		&& shopsetup_buf_append(&tail, ") AS n JOIN ", 12) && shopsetup_sql_table(db, &tail, query->table)
		&& shopsetup_buf_printf(&tail, " t ON t.`%s` = n.k", query->key);
	for (size_t c = 0; c < query->nconditions && ok; c++) {
		ok = shopsetup_buf_printf(&tail, " AND t.`%s` = ", query->conditions[c].name) && shopsetup_sql_value(db, &tail, &query->conditions[c]);
	}
	ok = ok && shopsetup_buf_append(&tail, " WHERE n.i >= 0", 15);
	shopsetup_status status = ok ? SHOPSETUP_OK : shopsetup_nomem(err);
	shopsetup_key_ctx keys = { on_key, ctx, query->keys.count };
	for (size_t next = 0; next < query->keys.count && status == SHOPSETUP_OK;) {
		sql.len = 0;
		if (!shopsetup_buf_append(&sql, head.ptr, head.len)) {
			status = shopsetup_nomem(err);
		} else if ((status = shopsetup_sql_items(db, &sql, query, &next, SHOPSETUP_IN_CHUNK, shopsetup_sql_union_key, "", tail.ptr,
				err)) == SHOPSETUP_OK) {
			status = shopsetup_select(db, &sql, &result, shopsetup_found_key, &keys, err);
		}
	}
	shopsetup_buf_free(&head);
	shopsetup_buf_free(&tail);
	shopsetup_buf_free(&sql);
	return status;
}

/* ---- updates ---- */

/*
 * A sink turning rows keyed by id into "UPDATE ... SET col = CASE id WHEN .. THEN .. END ...
 * WHERE id IN (...)", a few hundred rows per statement.
 */
#define SHOPSETUP_UPDATE_CHUNK 2000
#define SHOPSETUP_UPDATE_MAX_COLS 16

typedef struct {
	shopsetup_mysql *db;
	const char *table;
	const char *names[SHOPSETUP_UPDATE_MAX_COLS];
	size_t ncols;                /* without id */
	shopsetup_vec values;        /* shopsetup_col: id, then ncols values, per pending row */
	shopsetup_pool strings;
	size_t rows;
	size_t bytes;                /* of the pending statement, at most */
} shopsetup_update_sink;

static size_t shopsetup_update_value_bytes(const shopsetup_col *value)
{
	return sizeof(" WHEN  THEN ") + SHOPSETUP_INT_DIGITS_MAX + (value->type == SHOPSETUP_COL_INT ? SHOPSETUP_INT_DIGITS_MAX : 2 * value->s.len + 3);
}

static shopsetup_status shopsetup_update_flush(shopsetup_update_sink *up, shopsetup_error *err)
{
	if (up->rows == 0) {
		return SHOPSETUP_OK;
	}
	const shopsetup_col *v = up->values.items;
	size_t stride = up->ncols + 1;
	shopsetup_buf sql = { 0 };
	bool ok = shopsetup_buf_append(&sql, "UPDATE ", 7) && shopsetup_sql_table(up->db, &sql, up->table)
		&& shopsetup_buf_append(&sql, " SET ", 5);
	for (size_t c = 0; c < up->ncols && ok; c++) {
		ok = shopsetup_buf_printf(&sql, "%s`%s` = CASE id", c ? ", " : "", up->names[c]);
		for (size_t r = 0; r < up->rows && ok; r++) {
			ok = shopsetup_buf_printf(&sql, " WHEN %lld THEN ", (long long) v[r * stride].i)
				&& shopsetup_sql_value(up->db, &sql, &v[r * stride + 1 + c]);
		}
		ok = ok && shopsetup_buf_append(&sql, " END", 4);
	}
	ok = ok && shopsetup_buf_append(&sql, " WHERE id IN (", 14);
	for (size_t r = 0; r < up->rows && ok; r++) {
		ok = shopsetup_buf_printf(&sql, "%s%lld", r ? "," : "", (long long) v[r * stride].i);
	}
	shopsetup_status status = ok && shopsetup_buf_appendc(&sql, ')')
		? shopsetup_mysql_query(up->db, sql.ptr, sql.len, up->table, err) : shopsetup_nomem(err);
	shopsetup_buf_free(&sql);
	up->rows = 0;
	up->values.count = 0;
	up->bytes = 0;
	return status;
}

static bool shopsetup_update_row(void *ctx, const char *table, const shopsetup_col *cols, size_t ncols, shopsetup_error *err)
{
	shopsetup_update_sink *up = ctx;
	const shopsetup_col *id = NULL;
	size_t n = 0, bytes = sizeof("UPDATE `` SET  WHERE id IN ()") + SHOPSETUP_MYSQL_PREFIX_MAX + strlen(table) + SHOPSETUP_INT_DIGITS_MAX + 1;
	for (size_t c = 0; c < ncols; c++) {
		if (strcmp(cols[c].name, "id") == 0) {
			id = &cols[c];
			continue;
		}
		if (n == SHOPSETUP_UPDATE_MAX_COLS || (up->rows > 0 && (n >= up->ncols || strcmp(up->names[n], cols[c].name) != 0))) {
			shopsetup_error_set(err, SHOPSETUP_E_DB, 0, table, strlen(table), "cannot batch an update of column %s", cols[c].name);
			return false;
		}
		up->names[n++] = cols[c].name;
		bytes += sizeof(", `` = CASE id END") + strlen(cols[c].name) + shopsetup_update_value_bytes(&cols[c]);
	}
	if (id == NULL || id->type != SHOPSETUP_COL_INT || (up->rows > 0 && n != up->ncols)) {
		shopsetup_error_set(err, SHOPSETUP_E_DB, 0, table, strlen(table), "an update needs the row's id and the same columns as the others");
		return false;
	}
	up->table = table;
	up->ncols = n;
	if (up->bytes + bytes > up->db->statement_limit) {
		if (up->rows == 0) {
			shopsetup_error_set(err, SHOPSETUP_E_DB, 0, table, strlen(table), "one row needs more than the server's max_allowed_packet allows");
			return false;
		}
		if (shopsetup_update_flush(up, err) != SHOPSETUP_OK) {
			return false;
		}
	}
	up->bytes += bytes;
	shopsetup_col *slot = shopsetup_vec_push(&up->values);
	if (slot != NULL) {
		*slot = *id;
	}
	for (size_t c = 0; slot != NULL && c < ncols; c++) {
		if (&cols[c] == id) {
			continue;
		}
		slot = shopsetup_vec_push(&up->values);
		if (slot != NULL) {
			*slot = cols[c];
			if (cols[c].type == SHOPSETUP_COL_STR) {
				slot->s.ptr = shopsetup_pool_dup(&up->strings, cols[c].s.ptr ? cols[c].s.ptr : "", cols[c].s.len);
				slot = slot->s.ptr ? slot : NULL;
			}
		}
	}
	if (slot == NULL) {
		shopsetup_nomem(err);
		return false;
	}
	if (++up->rows == SHOPSETUP_UPDATE_CHUNK) {
		return shopsetup_update_flush(up, err) == SHOPSETUP_OK;
	}
	return true;
}

/* ---- the store ---- */

typedef struct {
	union {
		shopsetup_insert_sink insert;
		shopsetup_update_sink update;
	} as;  /* first: the sink's ctx is the struct itself */
	shopsetup_write kind;
} shopsetup_mysql_sink;

static shopsetup_status shopsetup_mysql_open(void *self, shopsetup_write kind, const char *table, shopsetup_sink *sink,
	shopsetup_error *err)
{
	shopsetup_mysql_sink *out = shopsetup_calloc(1, sizeof(*out));
	if (out == NULL) {
		return shopsetup_nomem(err);
	}
	out->kind = kind;
	if (kind == SHOPSETUP_WRITE_INSERT) {
		shopsetup_insert_sink_init(&out->as.insert, self, sink);
	} else {
		out->as.update.db = self;
		out->as.update.table = table;
		shopsetup_vec_init(&out->as.update.values, sizeof(shopsetup_col));
		*sink = (shopsetup_sink){ shopsetup_update_row, &out->as.update };
	}
	sink->ctx = out;
	return SHOPSETUP_OK;
}

static shopsetup_status shopsetup_mysql_close_sink(void *self, shopsetup_sink *sink, shopsetup_status status, shopsetup_error *err)
{
	shopsetup_mysql_sink *out = sink->ctx;
	if (out->kind == SHOPSETUP_WRITE_INSERT) {
		status = shopsetup_insert_finish(&out->as.insert, status, err);
	} else {
		if (status == SHOPSETUP_OK) {
			status = shopsetup_update_flush(&out->as.update, err);
		}
		shopsetup_vec_free(&out->as.update.values);
		shopsetup_pool_free(&out->as.update.strings);
	}
	shopsetup_free(out);
	return status;
}

static shopsetup_status shopsetup_mysql_lock(void *self, shopsetup_error *err)
{
	shopsetup_mysql *db = self;
	if (db->conn == NULL) {
		return shopsetup_error_set(err, SHOPSETUP_E_DB, 0, NULL, 0, "the connection is closed");
	}
	db->statements = 0;
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

static void shopsetup_mysql_unlock(void *self)
{
	shopsetup_mysql *db = self;
	char sql[128];
	snprintf(sql, sizeof(sql), "DO RELEASE_LOCK('%s')", db->lock_name);
	mysql_real_query(db->conn, sql, (unsigned long) strlen(sql));
}

static shopsetup_status shopsetup_mysql_begin(void *self, shopsetup_error *err)
{
	static const char isolation[] = "SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED";
	shopsetup_status status = shopsetup_mysql_query(self, isolation, sizeof(isolation) - 1, "start transaction", err);
	return status == SHOPSETUP_OK ? shopsetup_mysql_query(self, "START TRANSACTION", 17, "start transaction", err) : status;
}

static shopsetup_status shopsetup_mysql_commit(void *self, shopsetup_error *err)
{
	return shopsetup_mysql_query(self, "COMMIT", 6, "commit", err);
}

static void shopsetup_mysql_rollback(void *self)
{
	/* The server rolls back by itself when the connection is gone. */
	mysql_real_query(((shopsetup_mysql *) self)->conn, "ROLLBACK", 8);
}

static size_t shopsetup_mysql_statements(void *self)
{
	return ((shopsetup_mysql *) self)->statements;
}

static const shopsetup_store_ops shopsetup_mysql_ops = {
	shopsetup_mysql_lock, shopsetup_mysql_unlock, shopsetup_mysql_begin, shopsetup_mysql_commit, shopsetup_mysql_rollback,
	shopsetup_mysql_find, shopsetup_mysql_find_keys, shopsetup_mysql_open, shopsetup_mysql_close_sink, shopsetup_mysql_statements,
};

shopsetup_store shopsetup_mysql_store(shopsetup_mysql *db)
{
	return (shopsetup_store){ &shopsetup_mysql_ops, db };
}
