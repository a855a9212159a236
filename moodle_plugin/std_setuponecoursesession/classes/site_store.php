<?php
// This file is part of Moodle - https://moodle.org/
//
// Moodle is free software: you can redistribute it and/or modify
// it under the terms of the GNU General Public License as published by
// the Free Software Foundation, either version 3 of the License, or
// (at your option) any later version.
//
// Moodle is distributed in the hope that it will be useful,
// but WITHOUT ANY WARRANTY; without even the implied warranty of
// MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
// GNU General Public License for more details.
//
// You should have received a copy of the GNU General Public License
// along with Moodle.  If not, see <https://www.gnu.org/licenses/>.

namespace shophandlers_std_setuponecoursesession;

use ShopSetup\MysqlConnection;
use ShopSetup\PgsqlConnection;
use ShopSetup\Plan;
use ShopSetup\Store;

/**
 * The site's store for the extension's setup driver, and the one way a plan runs in the plugin:
 * the native store where the extension has one for the site's database (MySQL/MariaDB), else the
 * store over Moodle's DML (dml_store); the plugin setting "store" chooses (auto, native, dml).
 *
 * @package    shophandlers_std_setuponecoursesession
 * @copyright  2026 shopsetup contributors
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class site_store {
    /** The admin setting that chooses the store: auto (native where the database has one), native, dml. */
    const SETTING = 'store';

    /**
     * The extension's native store for this site's database, or null: MysqlConnection on MySQL and
     * MariaDB, PgsqlConnection on PostgreSQL when the extension was built with libpq.
     *
     * @return string|null class name
     */
    public static function native_class(): ?string {
        global $DB;
        switch ($DB->get_dbfamily()) {
            case 'mysql':
                return MysqlConnection::class;
            case 'postgres':
                return class_exists(PgsqlConnection::class) ? PgsqlConnection::class : null;
            default:
                return null;
        }
    }

    /**
     * Whether the setting, for this site's database, asks for the native store.
     *
     * @return bool
     */
    public static function native(): bool {
        global $DB;
        $c = 'shophandlers_std_setuponecoursesession';
        $setting = (string) (get_config($c, self::SETTING) ?: 'auto');
        $available = self::native_class() !== null;
        switch ($setting) {
            case 'auto':
                return $available;
            case 'native':
                if (!$available) {
                    throw new \moodle_exception('errornativestore', $c, '', $DB->get_dbfamily());
                }
                return true;
            case 'dml':
                return false;
            default:
                throw new \moodle_exception('errorstoresetting', $c, '', s($setting));
        }
    }

    /** Attempts of a setup that the database refuses for now (DatabaseException::isRetriable()), the first included. */
    const ATTEMPTS = 3;

    /**
     * Runs a plan like run(); when the database refuses it for now (a deadlock, a Galera node's
     * certification failure, a lock wait timeout, a serialization failure), runs a new plan in a
     * new transaction, up to ATTEMPTS times, after a random wait that grows with each attempt.
     *
     * @param callable $plan makes a fresh plan
     * @return array [the plan that ran, its report]
     * @throws \moodle_exception errordatabaseretried when every attempt was refused
     */
    public static function run_retrying(callable $plan): array {
        for ($attempt = 1;; $attempt++) {
            $current = $plan();
            try {
                return [$current, self::run($current)];
            } catch (\ShopSetup\DatabaseException | \dml_exception $e) {
                $error = self::refused_for_now($e);
                if ($error === null) {
                    throw $e;
                }
                if ($attempt >= self::ATTEMPTS) {
                    throw new \moodle_exception(
                        'errordatabaseretried',
                        'shophandlers_std_setuponecoursesession',
                        '',
                        (object) ['attempts' => $attempt, 'error' => $error]
                    );
                }
                // Concurrent setups that met once should not meet again at the same moment.
                usleep(random_int(50000, 200000) * $attempt);
            }
        }
    }

    /**
     * The server's message when a setup's error is a refusal for now that a new transaction may not
     * meet, else null. The native stores say so (DatabaseException::isRetriable()); of the $DB store,
     * Moodle keeps the server's message only: MySQL's and MariaDB's refusals say "try restarting
     * transaction" (a Galera node's certification failure too) or name WSREP, PostgreSQL's name the
     * serialization failure or the deadlock. Inside a transaction of the caller's, nothing is retried:
     * that transaction is lost anyway.
     *
     * @param \Throwable $e what the setup threw
     * @return string|null
     */
    public static function refused_for_now(\Throwable $e): ?string {
        global $DB;
        if ($e instanceof \ShopSetup\DatabaseException) {
            return $e->isRetriable() ? $e->getMessage() : null;
        }
        if (!($e instanceof \dml_read_exception || $e instanceof \dml_write_exception) || $DB->is_transaction_started()) {
            return null;
        }
        $refused = '/try restarting transaction|WSREP|could not serialize access|deadlock detected/i';
        return preg_match($refused, (string) $e->error) ? (string) $e->error : null;
    }

    /**
     * Runs every stage of the plan in one transaction through the site's store.
     *
     * @param Plan $plan a freshly built plan
     * @return array the run's report (\ShopSetup\Plan::run())
     */
    public static function run(Plan $plan): array {
        $native = self::native();
        $report = self::with_store(fn(Store $store) => $plan->run($store));
        if ($native) {
            // Moodle did not see the native store's writes: on a site with a replica, say which tables they were.
            read_replica::written([...$report['tables'], setup_lock::ROW_TABLE]);
        }
        return $report;
    }

    /**
     * The plan's first stages without writing, through the site's store (\ShopSetup\Plan::preview()).
     *
     * @param Plan $plan a freshly built plan
     * @return array the preview's answer
     */
    public static function preview(Plan $plan): array {
        return self::with_store(fn(Store $store) => $plan->preview($store));
    }

    /**
     * Calls $use with the site's store, its connection closed after.
     *
     * @param callable $use
     * @return array what $use returns
     */
    protected static function with_store(callable $use): array {
        global $DB;
        if (!self::native()) {
            return $use(new dml_store());
        }
        if ($DB->is_transaction_started()) {
            // A second connection cannot join Moodle's transaction: its rows would not be visible.
            throw new \coding_exception('The shopsetup native store cannot run inside a Moodle transaction');
        }
        // The native store's lock (GET_LOCK, or PostgreSQL's advisory lock) is Moodle's lock when the
        // site's lock factory is Moodle's one for its database; with another factory, Moodle's lock
        // too, so that a dml setup (the store setting changed meanwhile) never runs at the same time.
        $mysql = self::native_class() === MysqlConnection::class;
        $lock = ($mysql ? setup_lock::factory_is_mysql() : setup_lock::factory_is_postgres()) ? null : setup_lock::take();
        $connection = null;
        try {
            $connection = $mysql
                ? new MysqlConnection(self::connection_options())
                : new PgsqlConnection(self::pgsql_connection_options());
            return $use($connection);
        } finally {
            if ($connection) {
                $connection->close();
            }
            if ($lock) {
                $lock->release();
            }
        }
    }

    /**
     * The primary's connection settings, as config.php gives them. Not $DB->export_dbconfig(): on a
     * site that reads from a replica, it describes the connection $DB opened last, which is the
     * replica's until the request writes.
     *
     * @return \stdClass dbhost, dbuser, dbpass, dbname, prefix, dboptions
     */
    protected static function primary_config(): \stdClass {
        global $CFG;
        return (object) ['dbhost' => $CFG->dbhost, 'dbuser' => $CFG->dbuser, 'dbpass' => $CFG->dbpass, 'dbname' => $CFG->dbname,
            'prefix' => $CFG->prefix, 'dboptions' => $CFG->dboptions ?? []];
    }

    /**
     * The PostgreSQL connection options of Moodle's own database connection, resolved as Moodle's
     * pgsql driver does (pgsql_native_moodle_database::raw_connect()): a socket folder (dbsocket with
     * a slash) for localhost, else the host and dbport (default 5432); connecttimeout, ssl (the
     * sslmode) and dbschema (the search path) as they are.
     *
     * @return array
     */
    public static function pgsql_connection_options(): array {
        $config = self::primary_config();
        $dboptions = (array) ($config->dboptions ?? []);
        $options = [
            'user' => (string) $config->dbuser,
            'password' => (string) $config->dbpass,
            'database' => (string) $config->dbname,
            'prefix' => (string) $config->prefix,
            'lock_key' => setup_lock::get_pgsql_lock_key(),
        ];
        $local = in_array((string) $config->dbhost, ['localhost', '127.0.0.1'], true);
        if (!empty($dboptions['dbsocket']) && $local) {
            // Without a folder, libpq's default socket (no host at all).
            if (strpos((string) $dboptions['dbsocket'], '/') !== false) {
                $options['socket'] = (string) $dboptions['dbsocket'];
            }
            if (!empty($dboptions['dbport'])) {
                $options['port'] = (int) $dboptions['dbport'];
            }
        } else {
            $options['host'] = (string) $config->dbhost;
            $options['port'] = (int) ($dboptions['dbport'] ?? 0) ?: 5432;
        }
        if (!empty($dboptions['connecttimeout'])) {
            $options['connect_timeout'] = (int) $dboptions['connecttimeout'];
        }
        if (isset($dboptions['ssl'])) {
            $options['sslmode'] = (string) $dboptions['ssl'];
        }
        if (!empty($dboptions['dbschema'])) {
            $options['schema'] = (string) $dboptions['dbschema'];
        }
        return $options;
    }

    /**
     * The connection options of Moodle's own database connection, resolved as Moodle's mysqli
     * driver does (mysqli_native_moodle_database::raw_connect()): the socket and the port fall back
     * to PHP's mysqli.default_socket and mysqli.default_port, then 3306.
     *
     * @return array
     */
    public static function connection_options(): array {
        $config = self::primary_config();
        $dboptions = (array) ($config->dboptions ?? []);
        $options = [
            'host' => (string) $config->dbhost,
            'user' => (string) $config->dbuser,
            'password' => (string) $config->dbpass,
            'database' => (string) $config->dbname,
            'prefix' => (string) $config->prefix,
            'lock_name' => setup_lock::get_lock_key(),
            'lock_table' => setup_lock::ROW_TABLE,
        ];
        $options['port'] = (int) (!empty($dboptions['dbport']) ? $dboptions['dbport'] : ini_get('mysqli.default_port')) ?: 3306;
        // Like Moodle's mysqli driver: a socket option only counts when it is a path; the socket is
        // used only when the host is localhost.
        if (!empty($dboptions['dbsocket']) && preg_match('~[/\\\\]~', $dboptions['dbsocket'])) {
            $options['socket'] = (string) $dboptions['dbsocket'];
        } else if ((string) ini_get('mysqli.default_socket') !== '') {
            $options['socket'] = (string) ini_get('mysqli.default_socket');
        }
        if (!empty($dboptions['connecttimeout'])) {
            $options['connect_timeout'] = (int) $dboptions['connecttimeout'];
        }
        if (!empty($dboptions['ssl'])) {
            $options['ssl'] = true;
            $options['ssl_verify_server_cert'] = $dboptions['ssl'] === 'verify-full';
        }
        return $options;
    }
}
