/* The MySQL/MariaDB store of the setup driver (libmariadb / libmysqlclient). */
#ifndef SHOPSETUP_MYSQL_H
#define SHOPSETUP_MYSQL_H

#include "shopsetup_core.h"
#include "shopsetup_sql.h"

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
	const char *lock_name;    /* GET_LOCK's name, e.g. the one Moodle's lock factory takes; else derived */
	const char *lock_table;   /* a table (after the prefix) whose row 1 every setup writes first: a lock that holds
	                           * on a Galera cluster too; required on a Galera node */
} shopsetup_mysql_options;

#define SHOPSETUP_MYSQL_LOCK_NAME_MAX 64
#define SHOPSETUP_MYSQL_LOCK_TABLE_MAX 40

typedef struct {
	const char *table, *column;  /* static strings of the driver */
	bool caseless;
} shopsetup_mysql_collation;

typedef struct {
	MYSQL *conn;
	shopsetup_sql sql;       /* the statements, with the prefix and the statement limit */
	char lock_name[SHOPSETUP_MYSQL_LOCK_NAME_MAX + 1];
	unsigned lock_timeout;
	char lock_table[SHOPSETUP_SQL_PREFIX_MAX + SHOPSETUP_MYSQL_LOCK_TABLE_MAX + 1]; /* prefixed, or empty */
	bool galera;             /* the server is a Galera node (wsrep_on) */
	shopsetup_mysql_collation collations[8]; /* the columns whose case-insensitivity was asked */
	size_t ncollations;
	size_t statements;       /* statements sent since the lock was taken, for the report */
} shopsetup_mysql;

/* Process-wide library set-up, from MINIT / MSHUTDOWN. */
bool shopsetup_mysql_library_init(void);
void shopsetup_mysql_library_end(void);

shopsetup_status shopsetup_mysql_connect(shopsetup_mysql *db, const shopsetup_mysql_options *options, shopsetup_error *err);
void shopsetup_mysql_close(shopsetup_mysql *db);

/* The store of the setup driver over this connection (shopsetup_driver_run()). */
shopsetup_store shopsetup_mysql_store(shopsetup_mysql *db);

#endif
