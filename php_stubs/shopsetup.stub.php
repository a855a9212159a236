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
    }

    /**
     * A course-session setup: the roster checked and de-duplicated, then the rows to write,
     * produced stage by stage as the caller tells what the database holds.
     *
     * MysqlConnection::run() drives every stage itself; on other databases the Moodle plugin
     * drives them through $DB. Both write what the plan yields.
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

        /** @return array normalised emails of the roster, in first-seen order */
        public function emails(): array {}

        /**
         * @return array one entry per person: email, firstname, lastname, city, institution,
         *         phone2, buckets, roleids, and once resolved userid, username and status
         *         ("matched", "suspended" or "created")
         */
        public function people(): array {}

        /** @return array merges: list of ["email", "buckets", "kind", "message"] */
        public function notices(): array {}

        /** Seats the roster takes: one per (person, bucket). */
        public function seatsUsed(): int {}

        /**
         * Stage 1: the site's accounts for emails() (not deleted, local host), as rows with id,
         * email, suspended. Several accounts for one email: active before suspended, then
         * lowest id.
         *
         * @return array ["matched" => int, "suspended" => emails, "ambiguous" => list of
         *         ["email", "ids", "chosen"]]
         */
        public function matchAccounts(iterable $accounts): array {}

        /** @return array Stage 2: base usernames of the people still without an account */
        public function usernamePrefixes(): array {}

        /**
         * Stage 2: usernames of the new accounts, given every taken username that starts with
         * one of usernamePrefixes().
         *
         * @return array email => username
         */
        public function assignUsernames(iterable $taken): array {}

        /** @return array Stage 3: "user" rows, one per new account, without any password */
        public function newUserRows(): array {}

        /** Stage 3: ids of the inserted accounts, username => id. */
        public function setNewUserIds(array $idsByUsername): void {}

        /** @return array Stage 3: "user_preferences" rows (create_password, auth_forcepasswordchange) */
        public function newUserPreferenceRows(): array {}

        /** @return array email => user id for every participant */
        public function userIds(): array {}

        /**
         * Stage 4: enrolments to insert or update, given the instance's current ones for
         * userIds() and the operator (rows with id, userid, status, timestart, timeend).
         *
         * @return array ["insert" => rows, "update" => rows with id, "unchanged" => count]
         */
        public function enrolmentChanges(iterable $existing): array {}

        /** Stage 4: user_enrolments ids once they all exist, userid => id. */
        public function setEnrolmentIds(array $idsByUserid): void {}

        /**
         * Stage 5: "context" rows for the participants without a user context, given the user ids
         * that have one: contextlevel 30, depth 2. The path "/<system context id>/<id>" needs the
         * new id: set it after the insert, as context_user::instance() does.
         *
         * @return array rows
         */
        public function userContextRows(iterable $existingUserIds): array {}

        /**
         * Stage 5: "role_assignments" rows to add: course roles and the cross roles in user
         * contexts. $userContextIds: userid => context id for the participants and the operator;
         * $existing: rows with contextid, roleid, userid already there.
         *
         * @return array rows
         */
        public function roleAssignmentRows(array $userContextIds, iterable $existing): array {}

        /**
         * Stage 5: "groups_members" rows to add, given the user ids already in the group.
         *
         * @return array rows
         */
        public function groupMemberRows(int $groupid, iterable $existingMembers): array {}

        /** @return array the "groups" row for the order's group, when it does not exist yet */
        public function groupRow(): array {}

        /**
         * Stage 6: "local_shop_product" rows to add (one per seat of this order line), given the
         * references this order line already has.
         *
         * @return array rows
         */
        public function productRows(iterable $existingReferences): array {}

        /**
         * Stage 6: "local_shop_productevent" rows for the products just added, reference => id.
         *
         * @return array rows
         */
        public function productEventRows(array $productIdsByReference): array {}
    }

    /**
     * A MySQL/MariaDB connection (libmysqlclient) that writes a whole Plan in one transaction.
     *
     * @not-serializable
     * @strict-properties
     */
    final class MysqlConnection
    {
        /**
         * $options: host, port, socket, user, password, database, prefix, connect_timeout,
         * ssl (require TLS), ssl_key, ssl_cert, ssl_ca, ssl_capath, ssl_cipher,
         * ssl_verify_server_cert, lock_timeout (seconds to wait for another setup, default 60).
         *
         * @throws DatabaseException when the server cannot be reached or refuses the login
         */
        public function __construct(#[\SensitiveParameter] array $options) {}

        /**
         * Runs every stage of the plan in one transaction and commits; on any error rolls back.
         * Setups on one site run one at a time (a named lock), so concurrent orders sharing a new
         * email create one account. A plan runs once: build a new one to retry.
         *
         * @return array what changed: users (created, matched: email => id; suspended,
         *         ambiguous), contexts_created (userid => context id), group (id, created),
         *         enrolments (created, updated: userid => id; unchanged: count),
         *         role_assignments (ids of the rows added), group_members (user ids added),
         *         products (ids added), statements (count)
         * @throws DatabaseException with the server's message; nothing of the setup stays
         */
        public function run(Plan $plan): array {}

        /** The server's version string. */
        public function serverInfo(): string {}

        /** The server's id of this connection (CONNECTION_ID()), for diagnostics. */
        public function connectionId(): int {}

        /** Closes the connection; later calls throw. */
        public function close(): void {}
    }
}
