/* The PostgreSQL store of the setup driver (libpq). */
#ifndef SHOPSETUP_PGSQL_H
#define SHOPSETUP_PGSQL_H

#include "shopsetup_core.h"
#include "shopsetup_sql.h"

#include <libpq-fe.h>

typedef struct {
	const char *host;        /* NULL, "localhost" or "127.0.0.1" with a socket: the Unix socket */
	const char *socket;      /* the folder of the server's Unix socket */
	const char *user;
	const char *password;
	const char *database;
	const char *prefix;      /* Moodle's table prefix, e.g. "mdl_" */
	const char *schema;      /* the schema of the tables (search_path), as Moodle's dboptions dbschema; NULL: the server's */
	const char *sslmode;     /* libpq's: disable, allow, prefer, require, verify-ca, verify-full */
	const char *sslrootcert, *sslcert, *sslkey;
	unsigned port;
	unsigned connect_timeout; /* seconds, 0: the library's default */
	unsigned lock_timeout;    /* seconds to wait for another setup to finish */
	bool lock_timeout_set;    /* else 60 seconds */
	bool lock_key_set;
	int32_t lock_key[2];      /* the advisory lock's keys, e.g. those Moodle's lock factory takes; else derived */
} shopsetup_pgsql_options;

typedef struct {
	PGconn *conn;
	shopsetup_sql sql;       /* the statements, with the prefix and the statement limit */
	int32_t lock_key[2];
	unsigned lock_timeout;
	bool in_transaction;     /* lock() begins the transaction its lock lives in */
	bool nul_in_value;       /* a value held a NUL byte, which PostgreSQL text cannot hold */
	char sqlstate[6];        /* of the last error (lock_not_available: 55P03) */
	size_t statements;       /* statements sent since the lock was taken, for the report */
} shopsetup_pgsql;

shopsetup_status shopsetup_pgsql_connect(shopsetup_pgsql *db, const shopsetup_pgsql_options *options, shopsetup_error *err);
void shopsetup_pgsql_close(shopsetup_pgsql *db);

/* The store of the setup driver over this connection (shopsetup_driver_run()). */
shopsetup_store shopsetup_pgsql_store(shopsetup_pgsql *db);

#endif
