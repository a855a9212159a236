/*
 * The MySQL/MariaDB store of the setup driver (libmariadb / libmysqlclient).
 *
 * One named lock serialises setups on a site (Moodle has no unique index on user.email, so two
 * setups sharing a new email must not both create it), then one READ COMMITTED transaction
 * runs the statements of shopsetup_sql.c, every one sized under max_allowed_packet. The driver
 * decides what to write; this file only connects, locks and runs.
 */
#include "shopsetup_mysql.h"
#include "shopsetup_text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

static const shopsetup_sql_ops shopsetup_mysql_sql_ops;

bool shopsetup_mysql_library_init(void)
{
	return mysql_library_init(0, NULL, NULL) == 0;
}

void shopsetup_mysql_library_end(void)
{
	mysql_library_end();
}

/* ---- connection ---- */

static bool shopsetup_lock_name_is_safe(const char *name)
{
	return name[0] != '\0' && shopsetup_sql_word_is_safe(name, SHOPSETUP_MYSQL_LOCK_NAME_MAX, "_:.-");
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

static shopsetup_status shopsetup_mysql_wsrep_on(void *ctx, char *const *values, const size_t *lengths, size_t nvalues,
	shopsetup_error *err)
{
	*(bool *) ctx = nvalues == 2 && values[1] != NULL && strcmp(values[1], "ON") == 0;
	return SHOPSETUP_OK;
}

static shopsetup_status shopsetup_mysql_run(void *conn, const char *sql, size_t len, const char *step, shopsetup_sql_row_fn on_row,
	void *ctx, shopsetup_error *err);

/*
 * GET_LOCK() holds on one server only: on a Galera cluster each node grants it on its own. A row
 * that every setup writes first in its transaction holds on both: on one server the second setup
 * waits for the first one's commit; on a cluster, two setups on two nodes conflict at
 * certification (or the first one's write set aborts the second), which fails with a retriable
 * deadlock. So a Galera node needs the row; a single server takes both.
 */
static shopsetup_status shopsetup_mysql_cluster_lock(shopsetup_mysql *db, const shopsetup_mysql_options *options, shopsetup_error *err)
{
	static const char wsrep_on[] = "SHOW SESSION VARIABLES LIKE 'wsrep\\_on'";
	shopsetup_status status = shopsetup_mysql_run(db, wsrep_on, sizeof(wsrep_on) - 1, "connect", shopsetup_mysql_wsrep_on, &db->galera, err);
	if (status != SHOPSETUP_OK) {
		return status;
	}
	if (options->lock_table == NULL) {
		return db->galera ? shopsetup_error_set(err, SHOPSETUP_E_DB, 0, "connect", 7,
			"the server is a Galera node, where GET_LOCK() does not hold across the cluster: the \"lock_table\" option is required")
			: SHOPSETUP_OK;
	}
	snprintf(db->lock_table, sizeof(db->lock_table), "%s%s", db->sql.prefix, options->lock_table);
	char sql[512];
	int64_t found;
	/* the lock row's wait is the lock's */
	int len = snprintf(sql, sizeof(sql), "SET SESSION innodb_lock_wait_timeout = %u", db->lock_timeout);
	if ((status = shopsetup_mysql_query(db, sql, (size_t) len, "connect", err)) != SHOPSETUP_OK) {
		return status;
	}
	snprintf(sql, sizeof(sql), "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = '%s'",
		db->lock_table);
	if ((status = shopsetup_query_int(db, sql, "connect", &found, err)) == SHOPSETUP_OK && found != 1) {
		status = shopsetup_error_set(err, SHOPSETUP_E_DB, 0, "connect", 7,
			"the lock table %s is not in the database (is the plugin that creates it installed and upgraded?)", db->lock_table);
	}
	return status;
}

shopsetup_status shopsetup_mysql_connect(shopsetup_mysql *db, const shopsetup_mysql_options *options, shopsetup_error *err)
{
	memset(db, 0, sizeof(*db));
	const char *prefix = options->prefix ? options->prefix : "mdl_";
	if (!shopsetup_sql_prefix_is_safe(prefix)) {
		return shopsetup_error_set(err, SHOPSETUP_E_DB, 0, "connect", 7,
			"the table prefix must be at most %d characters of [A-Za-z0-9_]", SHOPSETUP_SQL_PREFIX_MAX);
	}
	strcpy(db->sql.prefix, prefix);
	db->sql.ops = &shopsetup_mysql_sql_ops;
	db->sql.conn = db;
	db->sql.quote = '`';
	db->sql.keys_seed = "SELECT -1 AS i, '' AS k";
	db->sql.int_keys_seed = "SELECT -1 AS i, '' AS k";
	if (options->lock_name != NULL && !shopsetup_lock_name_is_safe(options->lock_name)) {
		return shopsetup_error_set(err, SHOPSETUP_E_DB, 0, "connect", 7,
			"the lock name must be 1 to %d characters of [A-Za-z0-9_:.-]", SHOPSETUP_MYSQL_LOCK_NAME_MAX);
	}
	db->lock_timeout = options->lock_timeout_set ? options->lock_timeout : 60;
	if (options->lock_table != NULL && (options->lock_table[0] == '\0'
			|| !shopsetup_sql_word_is_safe(options->lock_table, SHOPSETUP_MYSQL_LOCK_TABLE_MAX, "_"))) {
		return shopsetup_error_set(err, SHOPSETUP_E_DB, 0, "connect", 7,
			"the lock table must be 1 to %d characters of [A-Za-z0-9_]", SHOPSETUP_MYSQL_LOCK_TABLE_MAX);
	}

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
	db->sql.statement_limit = packet > 0 && (size_t) packet / 2 < SHOPSETUP_STATEMENT_MAX ? (size_t) packet / 2 : SHOPSETUP_STATEMENT_MAX;

	/* Emails are matched through the index when the column compares case-insensitively; it also proves the table is there. */
	char sql[512];
	int64_t email_ci;
	snprintf(sql, sizeof(sql),
		"SELECT COLLATION_NAME LIKE '%%\\_ci' FROM information_schema.COLUMNS"
		" WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = '%suser' AND COLUMN_NAME = 'email'", db->sql.prefix);
	if ((status = shopsetup_query_int(db, sql, "connect", &email_ci, err)) != SHOPSETUP_OK) {
		shopsetup_mysql_close(db);
		return status;
	}
	if (email_ci < 0) {
		status = shopsetup_error_set(err, SHOPSETUP_E_DB, 0, "connect", 7,
			"table %suser not found in database \"%s\": is this a Moodle database with prefix \"%s\"?",
			db->sql.prefix, options->database ? options->database : "", db->sql.prefix);
		shopsetup_mysql_close(db);
		return status;
	}
	db->collations[db->ncollations++] = (shopsetup_mysql_collation){ "user", "email", email_ci == 1 };

	if ((status = shopsetup_mysql_cluster_lock(db, options, err)) != SHOPSETUP_OK) {
		shopsetup_mysql_close(db);
		return status;
	}

	if (options->lock_name != NULL) {
		strcpy(db->lock_name, options->lock_name);
		return SHOPSETUP_OK;
	}
	/* One lock per site: database plus prefix, hashed to fit the 64-character limit. */
	char site[256];
	int site_len = snprintf(site, sizeof(site), "%s.%s", options->database ? options->database : "", db->sql.prefix);
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

/* ---- the SQL store's dialect ---- */

static bool shopsetup_mysql_string(void *conn, shopsetup_buf *sql, const char *s, size_t len)
{
	shopsetup_mysql *db = conn;
	if (len > (SIZE_MAX - 3) / 2 || !shopsetup_buf_reserve(sql, 2 * len + 3)) {
		return false;
	}
	sql->ptr[sql->len++] = '\'';
	sql->len += mysql_real_escape_string(db->conn, sql->ptr + sql->len, s, (unsigned long) len);
	sql->ptr[sql->len++] = '\'';
	sql->ptr[sql->len] = '\0';
	return true;
}

/* Runs a statement; with on_row, hands each row of its result on. */
static shopsetup_status shopsetup_mysql_run(void *conn, const char *sql, size_t len, const char *step, shopsetup_sql_row_fn on_row,
	void *ctx, shopsetup_error *err)
{
	shopsetup_mysql *db = conn;
	shopsetup_status status = shopsetup_mysql_query(db, sql, len, step, err);
	if (status != SHOPSETUP_OK || on_row == NULL) {
		return status;
	}
	MYSQL_RES *res = mysql_store_result(db->conn);
	if (res == NULL) {
		return shopsetup_db_error(db, step, err);
	}
	size_t nfields = mysql_num_fields(res), lengths[16];
	if (nfields > SHOPSETUP_COUNT(lengths)) {
		status = shopsetup_error_set(err, SHOPSETUP_E_DB, 0, step, strlen(step), "too many columns");
	}
	MYSQL_ROW row;
	while (status == SHOPSETUP_OK && (row = mysql_fetch_row(res)) != NULL) {
		unsigned long *row_lengths = mysql_fetch_lengths(res);
		for (size_t c = 0; c < nfields; c++) {
			lengths[c] = row_lengths[c];
		}
		status = on_row(ctx, row, lengths, nfields, err);
	}
	mysql_free_result(res);
	return status;
}

/* Whether a column compares case-insensitively (its collation ends in _ci), asked once per column. */
static shopsetup_status shopsetup_mysql_caseless(void *conn, const char *table, const char *column, bool *caseless,
	shopsetup_error *err)
{
	shopsetup_mysql *db = conn;
	for (size_t i = 0; i < db->ncollations; i++) {
		if (strcmp(db->collations[i].table, table) == 0 && strcmp(db->collations[i].column, column) == 0) {
			*caseless = db->collations[i].caseless;
			return SHOPSETUP_OK;
		}
	}
	char sql[512];
	int64_t ci;
	snprintf(sql, sizeof(sql), "SELECT COLLATION_NAME LIKE '%%\\_ci' FROM information_schema.COLUMNS"
		" WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = '%s%s' AND COLUMN_NAME = '%s'", db->sql.prefix, table, column);
	shopsetup_status status = shopsetup_query_int(db, sql, "find the column's collation", &ci, err);
	*caseless = ci == 1;
	if (status == SHOPSETUP_OK && db->ncollations < SHOPSETUP_COUNT(db->collations)) {
		db->collations[db->ncollations++] = (shopsetup_mysql_collation){ table, column, *caseless };
	}
	return status;
}

static const shopsetup_sql_ops shopsetup_mysql_sql_ops = { shopsetup_mysql_run, shopsetup_mysql_string, shopsetup_mysql_caseless };

/* ---- the store ---- */

static shopsetup_status shopsetup_mysql_find(void *self, const shopsetup_query *query, shopsetup_found_fn on_row, void *ctx,
	shopsetup_error *err)
{
	return shopsetup_sql_find(&((shopsetup_mysql *) self)->sql, query, on_row, ctx, err);
}

static shopsetup_status shopsetup_mysql_find_keys(void *self, const shopsetup_query *query, shopsetup_key_fn on_key, void *ctx,
	shopsetup_error *err)
{
	return shopsetup_sql_find_keys(&((shopsetup_mysql *) self)->sql, query, on_key, ctx, err);
}

static shopsetup_status shopsetup_mysql_open(void *self, shopsetup_write kind, const char *table, shopsetup_sink *sink,
	shopsetup_error *err)
{
	return shopsetup_sql_open(&((shopsetup_mysql *) self)->sql, kind, table, sink, err);
}

static shopsetup_status shopsetup_mysql_close_sink(void *self, shopsetup_sink *sink, shopsetup_status status, shopsetup_error *err)
{
	return shopsetup_sql_close(sink, status, err);
}

static shopsetup_status shopsetup_mysql_lock(void *self, shopsetup_error *err)
{
	shopsetup_mysql *db = self;
	if (db->conn == NULL) {
		return shopsetup_error_set(err, SHOPSETUP_E_DB, 0, NULL, 0, "the connection is closed");
	}
	db->statements = 0;
	if (db->galera) {
		return SHOPSETUP_OK;  /* the lock row, written by begin() */
	}
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
	if (db->galera) {
		return;
	}
	char sql[128];
	snprintf(sql, sizeof(sql), "DO RELEASE_LOCK('%s')", db->lock_name);
	mysql_real_query(db->conn, sql, (unsigned long) strlen(sql));
}

/* On a Galera node the transaction starts once the node has applied what the cluster committed before (wsrep_sync_wait). */
static shopsetup_status shopsetup_mysql_begin(void *self, shopsetup_error *err)
{
	static const char isolation[] = "SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED";
	static const char causal[] = "SET SESSION wsrep_sync_wait = 1", not_causal[] = "SET SESSION wsrep_sync_wait = 0";
	shopsetup_mysql *db = self;
	shopsetup_status status = shopsetup_mysql_query(db, isolation, sizeof(isolation) - 1, "start transaction", err);
	if (status == SHOPSETUP_OK && db->galera) {
		status = shopsetup_mysql_query(db, causal, sizeof(causal) - 1, "start transaction", err);
	}
	if (status == SHOPSETUP_OK) {
		status = shopsetup_mysql_query(db, "START TRANSACTION", 17, "start transaction", err);
	}
	if (status == SHOPSETUP_OK && db->galera) {
		status = shopsetup_mysql_query(db, not_causal, sizeof(not_causal) - 1, "start transaction", err);
	}
	if (status == SHOPSETUP_OK && db->lock_table[0] != '\0') {
		char sql[256];
		int len = snprintf(sql, sizeof(sql), "INSERT INTO `%s` (id, setups) VALUES (1, 1) ON DUPLICATE KEY UPDATE setups = setups + 1",
			db->lock_table);
		status = shopsetup_mysql_query(db, sql, (size_t) len, "lock", err);
		if (status != SHOPSETUP_OK && mysql_errno(db->conn) == 1205) {
			status = shopsetup_error_set(err, SHOPSETUP_E_DB, 1205, "lock", 4,
				"another course-session setup held the site's lock (row 1 of %s) for more than %u seconds", db->lock_table, db->lock_timeout);
			if (err != NULL) {
				err->retriable = true;
			}
		}
	}
	return status;
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

static const char *shopsetup_mysql_cluster(void *self)
{
	return ((shopsetup_mysql *) self)->galera ? "galera" : NULL;
}

static const shopsetup_store_ops shopsetup_mysql_ops = {
	shopsetup_mysql_lock, shopsetup_mysql_unlock, shopsetup_mysql_begin, shopsetup_mysql_commit, shopsetup_mysql_rollback,
	shopsetup_mysql_find, shopsetup_mysql_find_keys, shopsetup_mysql_open, shopsetup_mysql_close_sink, shopsetup_mysql_statements,
	shopsetup_mysql_cluster,
};

shopsetup_store shopsetup_mysql_store(shopsetup_mysql *db)
{
	return (shopsetup_store){ &shopsetup_mysql_ops, db };
}
