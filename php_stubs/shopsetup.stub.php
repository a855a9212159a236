<?php

/** @generate-class-entries */

namespace ShopSetup {

    /**
     * Decodes handler parameters written as "key=value&key=value".
     *
     * Pairs are split on "&" (empty pairs are skipped), then on the first "=" (a value may hold
     * more "="). "%XX" escapes are decoded; "+" stays a literal plus. A key without "=" is a flag
     * whose value is the empty string.
     *
     * @return array key => value (strings), in input order
     * @throws ParamsException on a malformed escape, an empty or duplicate key, a NUL byte or
     *         invalid UTF-8; the message names the key and the byte offset
     */
    function decode_params(string $params): array {}

    /**
     * Interprets the handler's keys.
     *
     * $context: "now" (int, required), "coursestart" (int), "renewable" (bool), "orderref" and
     * "courseshortname" (strings, for the group name pattern).
     *
     * Returns coursename, supervisor, customersupport (null when absent), starttime, endtime
     * (0: no end), duration (days or null), autoenrolsupervisor, requiredroles (bucket names),
     * tutorrole, mirrorrole ("" disables it), groupname (pattern expanded) and warnings
     * (unknown keys, ignored values).
     *
     * @param array $params decoded handler parameters, key => string
     * @throws ParamsException when a required key is missing or a value is bad
     */
    function handler_config(array $params, array $context): array {}

    /** Tells whether Moodle 4.5's validate_email() accepts the address. */
    function validate_email(string $email): bool {}

    /**
     * The address as accounts are matched on: surrounding white space trimmed, lower case.
     *
     * @return string|null null when the trimmed address is not valid for Moodle
     */
    function normalize_email(string $email): ?string {}

    /**
     * Usernames for new accounts: "firstname.lastname" in [a-z0-9_.@-], with the smallest free
     * numeric suffix on a collision with $taken or with an earlier entry of $people.
     *
     * @param array $people key => array with "firstname", "lastname" and optionally "email"
     * @param array $taken usernames already used in the site
     * @return array key of $people => username
     */
    function make_usernames(array $people, array $taken = []): array {}

    /** Base class of every exception the extension throws. */
    class Exception extends \Exception
    {
    }

    /** Bad handler parameters or configuration. */
    class ParamsException extends Exception
    {
    }

    /** Invalid participants, or more assignments than seats; nothing was planned. */
    class RosterException extends Exception
    {
        /** @var array list of ["bucket", "email", "field", "reason"] */
        private array $errors = [];

        /** @return array every bad row: list of ["bucket", "email", "field", "reason"] */
        public function getErrors(): array {}
    }

    /** A plan used out of order, or facts of the wrong shape. */
    class PlanException extends Exception
    {
    }

    /** The database refused or failed; the setup was rolled back. */
    class DatabaseException extends Exception
    {
        private bool $retriable = false;

        /**
         * Whether the server refused for now (a deadlock, a Galera node's certification failure, a
         * lock wait timeout, a failed commit): nothing was written, and a new plan run in a new
         * transaction may succeed.
         */
        public function isRetriable(): bool {}
    }

    /**
     * A database that the setup driver writes a plan through, for a database the extension has
     * no native store for (the Moodle plugin's store over $DB). A store holds no rule: the driver
     * decides every row, in the order of its stages; the store finds, inserts and updates rows.
     * Values are int or string; a store chunks long key lists and row sets as its database needs.
     */
    /**
     * The kinds of effect the driver records in the caller's outbox (the "kind" column), one per
     * side effect of an imitated Moodle API; the values are the core's own.
     */
    final class Effect
    {
        /**
         * caches: the course's and the group's caches, invalidated first, also after a crash
         * @var string
         * @cvalue SHOPSETUP_EFFECT_CACHES
         */
        public const CACHES = UNKNOWN;
        /**
         * user_create_user(): the event
         * @var string
         * @cvalue SHOPSETUP_EFFECT_USER_CREATED
         */
        public const USER_CREATED = UNKNOWN;
        /**
         * groups_create_group(): the event and the hook
         * @var string
         * @cvalue SHOPSETUP_EFFECT_GROUP_CREATED
         */
        public const GROUP_CREATED = UNKNOWN;
        /**
         * enrol_user(): the event, the course contacts, the after_user_enrolled hook (welcome message)
         * @var string
         * @cvalue SHOPSETUP_EFFECT_USER_ENROLMENT_CREATED
         */
        public const USER_ENROLMENT_CREATED = UNKNOWN;
        /**
         * update_user_enrol(): the event and the course contacts
         * @var string
         * @cvalue SHOPSETUP_EFFECT_USER_ENROLMENT_UPDATED
         */
        public const USER_ENROLMENT_UPDATED = UNKNOWN;
        /**
         * role_assign(): the category caches, the event and the hook
         * @var string
         * @cvalue SHOPSETUP_EFFECT_ROLE_ASSIGNED
         */
        public const ROLE_ASSIGNED = UNKNOWN;
        /**
         * grade_recover_history_grades() of an enrolment
         * @var string
         * @cvalue SHOPSETUP_EFFECT_GRADES_RECOVERED
         */
        public const GRADES_RECOVERED = UNKNOWN;
        /**
         * groups_add_member(): the event and the hook
         * @var string
         * @cvalue SHOPSETUP_EFFECT_GROUP_MEMBER_ADDED
         */
        public const GROUP_MEMBER_ADDED = UNKNOWN;
    }

    interface Store
    {
        /**
         * find(): $keyColumn equals one of $keys.
         * @var int
         */
        const MATCH_EQUAL = 1;
        /**
         * find(): $keyColumn, lower-cased, starts with one of $keys (given in lower case).
         * @var int
         */
        const MATCH_CASELESS_PREFIX = 2;
        /**
         * find(): $keyColumn sorts before the one key, by the database's own comparison.
         * @var int
         */
        const MATCH_BELOW = 3;

        /** Serialises the setups of one site; waits for another one, then throws. */
        public function lock(): void;

        /** Releases lock(); must not throw. */
        public function unlock(): void;

        public function begin(): void;

        public function commit(): void;

        /** Undoes everything since begin(); must not throw. */
        public function rollback(): void;

        /**
         * The rows of $table whose columns in $conditions equal their values and, unless
         * $keyColumn is "", whose $keyColumn matches one of $keys as $match says.
         *
         * @param array $columns the columns to return
         * @param array $conditions column => value
         * @return iterable one list of values per row, in the order of $columns
         */
        public function find(string $table, array $columns, array $conditions, string $keyColumn, int $match, array $keys): iterable;

        /**
         * The keys, as given, that the database's own comparison holds equal to $keyColumn of a
         * row matching $conditions (a collation may hold "Ab" equal to "ab").
         *
         * @return array a list of keys
         */
        public function findKeys(string $table, array $conditions, string $keyColumn, array $keys): array;

        /** Inserts the rows (column => value, the same columns in every row). */
        public function insert(string $table, array $rows): void;

        /** Sets columns by id: each row is column => value, with "id". */
        public function update(string $table, array $rows): void;

        /** Statements sent so far, for the report. */
        public function statements(): int;
    }

    /**
     * A course-session setup: the roster checked and de-duplicated, then written in one
     * transaction by the setup driver, stage by stage, over a store: run() with the native
     * MySQL/MariaDB store (MysqlConnection) or with a Store of the caller's.
     *
     * @not-serializable
     * @strict-properties
     */
    final class Plan
    {
        /**
         * Validates, normalises and de-duplicates the participants and checks the seats.
         *
         * $buckets: bucket => email => participant (array or object with lastname, firstname,
         * email, city, optional institution and phone2), as local_shop stores them.
         * $bucketRoles: bucket => Moodle role id. $facts: see README ("Plan facts").
         *
         * @throws RosterException listing every invalid row, or when assignments exceed the seats
         * @throws PlanException when a fact is missing or of the wrong type
         */
        public function __construct(array $buckets, int $seats, array $bucketRoles, array $facts) {}

        /**
         * A plan of accounts only, for people who are not participants (the buyer's own account):
         * $people maps emails to people (lastname, firstname, email, city...) as a bucket does;
         * $facts needs mnethostid alone. preview() matches them by the setup's own rules (the
         * normalised email, active before suspended, then lowest id) and names the accounts to
         * create from the same pool of taken usernames; run() refuses it.
         *
         * @throws RosterException listing every invalid row
         * @throws PlanException when mnethostid is missing or a fact is of the wrong type
         */
        public static function accounts(array $people, array $facts): Plan {}

        /** @return array normalised emails of the roster, in first-seen order */
        public function emails(): array {}

        /**
         * @return array one entry per person: email, firstname, lastname, city, institution,
         *         phone2, buckets, roleids, supervised, and once resolved userid, username and
         *         status ("matched", "suspended" or "created")
         */
        public function people(): array {}

        /** @return array merges: list of ["email", "buckets", "kind", "message"] */
        public function notices(): array {}

        /** Seats the roster takes: one per (person, bucket). */
        public function seatsUsed(): int {}

        /**
         * Runs every stage through $store in one transaction (lock, begin, the stages, commit;
         * rollback and unlock on any error) and reports what changed: the one way into the driver,
         * whatever the store (the extension's own, driven in C, or one written in PHP). Setups on
         * one site run one at a time (the store's lock), so concurrent orders sharing a new email
         * create one account. A plan runs once: build a new one to retry.
         *
         * @return array what changed: users (created, matched: email => id; suspended,
         *         ambiguous, unsupervised), contexts_created (userid => context id), group (id,
         *         created), enrolments (created, updated: userid => id; unchanged: count),
         *         role_assignments (ids of the rows added), group_members (user ids added),
         *         products (ids added), dirty_users, effects (outbox rows), statements (count),
         *         tables (the tables rows were written to, without the prefix), cluster
         *         ("galera" on a Galera node, else null)
         * @throws DatabaseException or what the store threw; nothing of the setup stays
         */
        public function run(Store $store): array {}

        /**
         * The first stages without writing: which accounts the roster matches and the usernames of
         * the accounts it would create (people() then shows them). The plan cannot run after.
         *
         * @return array ["matched" => int, "suspended" => emails, "ambiguous" => list of
         *         ["email", "ids", "chosen"]]
         */
        public function preview(Store $store): array {}
    }

    /**
     * A native store of the extension (MysqlConnection, PgsqlConnection): Plan::run() and
     * preview() drive its C store directly, in one transaction; its Store methods give PHP the same
     * operations (find() reads every value as text, as Moodle's $DB does; names are lower-case
     * letters, digits and _).
     *
     * @not-serializable
     * @strict-properties
     */
    abstract class NativeConnection implements Store
    {
        /** The site's lock: GET_LOCK() (MySQL) or a transaction-scoped advisory lock (PostgreSQL, which begins the transaction); waits up to lock_timeout seconds, then throws. */
        public function lock(): void {}

        public function unlock(): void {}

        public function begin(): void {}

        public function commit(): void {}

        public function rollback(): void {}

        public function find(string $table, array $columns, array $conditions, string $keyColumn, int $match, array $keys): iterable {}

        public function findKeys(string $table, array $conditions, string $keyColumn, array $keys): array {}

        public function insert(string $table, array $rows): void {}

        public function update(string $table, array $rows): void {}

        public function statements(): int {}

        /** The server's version string. */
        public function serverInfo(): string {}

        /** The server's id of this connection (MySQL's CONNECTION_ID(), PostgreSQL's backend pid), for diagnostics. */
        public function connectionId(): int {}

        /** Closes the connection; later calls throw. */
        public function close(): void {}
    }

    /**
     * The native MySQL/MariaDB store (libmariadb).
     *
     * @not-serializable
     * @strict-properties
     */
    final class MysqlConnection extends NativeConnection
    {
        /**
         * $options: host, port, socket, user, password, database, prefix, connect_timeout,
         * ssl (require TLS), ssl_key, ssl_cert, ssl_ca, ssl_capath, ssl_cipher,
         * ssl_verify_server_cert, lock_timeout (seconds to wait for another setup, default 60),
         * lock_name (GET_LOCK's name, [A-Za-z0-9_:.-]{1,64}: pass the one Moodle's MySQL lock
         * factory takes for the same resource so that both exclude each other; by default one
         * name per database and prefix), lock_table (a table after the prefix, with columns id
         * and setups, whose row 1 every setup writes first in its transaction: a lock that holds
         * on a Galera cluster, where GET_LOCK() is one node's; required on a Galera node, where
         * it replaces GET_LOCK()).
         *
         * @throws DatabaseException when the server cannot be reached or refuses the login
         */
        public function __construct(#[\SensitiveParameter] array $options) {}
    }

#ifdef HAVE_SHOPSETUP_PGSQL
    /**
     * The native PostgreSQL store (libpq; built when libpq was found). Values are escaped by libpq;
     * new rows are written with COPY; emails are looked up by LOWER(email), usernames held equal
     * byte for byte.
     *
     * @not-serializable
     * @strict-properties
     */
    final class PgsqlConnection extends NativeConnection
    {
        /**
         * $options: host, port, socket (the folder of the server's Unix socket, used when host is
         * absent, localhost or 127.0.0.1), user, password, database, prefix, schema (the tables'
         * schema, put first in search_path: Moodle's dboptions dbschema), connect_timeout, sslmode
         * (libpq's: disable, allow, prefer, require, verify-ca, verify-full; a mode that requires
         * TLS never falls back to plain text), sslrootcert, sslcert, sslkey, lock_timeout (seconds
         * to wait for another setup, default 60), lock_key (the transaction-scoped advisory lock's
         * two int4 keys: pass those Moodle's PostgreSQL lock factory takes for the same resource so
         * that both exclude each other; by default two keys per database and prefix).
         *
         * @throws DatabaseException when the server cannot be reached or refuses the login
         */
        public function __construct(#[\SensitiveParameter] array $options) {}
    }
#endif
}
