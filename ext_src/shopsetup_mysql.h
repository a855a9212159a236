/* The MySQL/MariaDB bulk executor (libmysqlclient): a whole plan in one transaction. */
#ifndef SHOPSETUP_MYSQL_H
#define SHOPSETUP_MYSQL_H

#include "shopsetup_core.h"
#include "shopsetup_plan.h"

#include <mysql.h>

typedef struct {
	const char *host;        /* NULL or "localhost": the Unix socket */
	const char *user;
	const char *password;
	const char *database;
	const char *socket;
	const char *prefix;      /* Moodle's table prefix, e.g. "mdl_" */
	const char *ssl_key, *ssl_cert, *ssl_ca, *ssl_capath, *ssl_cipher;
	bool ssl;                 /* require TLS even without key/cert/CA */
	bool ssl_verify_server_cert;
	unsigned port;
	unsigned connect_timeout; /* seconds, 0: the library's default */
	unsigned lock_timeout;    /* seconds to wait for another setup to finish */
	bool lock_timeout_set;    /* else 60 seconds */
} shopsetup_mysql_options;

#define SHOPSETUP_MYSQL_PREFIX_MAX 32

typedef struct {
	MYSQL *conn;
	char prefix[SHOPSETUP_MYSQL_PREFIX_MAX + 1];
	char lock_name[65];
	unsigned lock_timeout;
	size_t statement_limit;  /* bytes per multi-row statement, below max_allowed_packet */
	bool email_ci;           /* user.email compares case-insensitively */
	size_t statements;       /* statements sent by the last run, for the report */
} shopsetup_mysql;

typedef struct {
	int64_t userid, id;
} shopsetup_id_pair;

/* What a run changed, so that the caller fires one event per real change. */
typedef struct {
	shopsetup_match_report match;
	shopsetup_vec users_created;       /* uint32_t person */
	shopsetup_vec contexts_created;    /* shopsetup_id_pair userid -> context id */
	int64_t groupid;
	bool group_created;
	shopsetup_vec enrolments_created;  /* shopsetup_id_pair userid -> user_enrolments id */
	shopsetup_vec enrolments_updated;  /* shopsetup_id_pair */
	size_t enrolments_unchanged;
	shopsetup_vec roles_added;         /* int64_t role_assignments ids */
	shopsetup_vec members_added;       /* int64_t userid */
	shopsetup_vec products_added;      /* shopsetup_id_pair (userid, product id) */
	size_t statements;
} shopsetup_run_report;

typedef struct {
	int64_t id, contextid, roleid, userid;
} shopsetup_role_assignment_added;

void shopsetup_run_report_init(shopsetup_run_report *report);
void shopsetup_run_report_free(shopsetup_run_report *report);

/* Process-wide library set-up, from MINIT / MSHUTDOWN. */
bool shopsetup_mysql_library_init(void);
void shopsetup_mysql_library_end(void);

shopsetup_status shopsetup_mysql_connect(shopsetup_mysql *db, const shopsetup_mysql_options *options, shopsetup_error *err);
void shopsetup_mysql_close(shopsetup_mysql *db);

/*
 * Called with the complete report just before COMMIT: whatever the caller makes of the report and
 * whatever may fail doing it happens while an error still rolls everything back.
 */
typedef struct {
	shopsetup_status (*fn)(void *ctx, const shopsetup_plan *plan, const shopsetup_run_report *report, shopsetup_error *err);
	void *ctx;
} shopsetup_before_commit;

/*
 * Runs every stage of a freshly built plan in one transaction; rolls back and reports on any error.
 * After COMMIT only infallible work remains (the lock's release, frees).
 */
shopsetup_status shopsetup_mysql_run(shopsetup_mysql *db, shopsetup_plan *plan, shopsetup_run_report *report,
	shopsetup_before_commit before_commit, shopsetup_error *err);

#endif
