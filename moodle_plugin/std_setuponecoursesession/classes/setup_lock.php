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

/**
 * The site's setup lock: setups of one site run one at a time, whichever store runs them (Moodle
 * has no unique index on user.email, so two setups sharing a new email would both create it).
 *
 * It is Moodle's lock of the plugin's resource. The native stores take the very same lock: the MySQL
 * store GET_LOCK with the name Moodle's MySQL lock factory derives, the PostgreSQL store an advisory
 * lock on the keys Moodle's PostgreSQL lock factory derives. So on a site with Moodle's default lock
 * factory there is one lock, taken by the store when the driver starts.
 *
 * On MySQL and MariaDB a row is the lock as well: every setup writes row 1 of ROW_TABLE first in its
 * transaction (write_row() here, the lock_table option of the MySQL store). GET_LOCK() holds on one
 * server only; on a Galera cluster two setups on two nodes that both wrote the row conflict at
 * certification, and the one refused retries (site_store::run_retrying()).
 *
 * @package    shophandlers_std_setuponecoursesession
 * @copyright  2026 shopsetup contributors
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class setup_lock {
    /** Moodle's lock type (namespace of lock keys). */
    const TYPE = 'shophandlers_std_setuponecoursesession';

    /** The lock resource. */
    const RESOURCE = 'session_setup';

    /** Seconds to wait for another setup of the same site. */
    const TIMEOUT = 60;

    /** The table whose row 1 every setup writes first in its transaction (MySQL and MariaDB). */
    const ROW_TABLE = 'shophandlers_setup_lock';

    /**
     * Writes the lock row in the current transaction on MySQL and MariaDB (on PostgreSQL, with one
     * primary, the advisory lock holds for the whole site); the same statement as the MySQL store's.
     */
    public static function write_row(): void {
        global $DB;
        if ($DB->get_dbfamily() === 'mysql') {
            $DB->execute('INSERT INTO {' . self::ROW_TABLE . '} (id, setups) VALUES (1, 1)
                          ON DUPLICATE KEY UPDATE setups = setups + 1');
        }
    }

    /**
     * Takes the lock through the site's lock factory; waits for another setup, then throws.
     *
     * @return \core\lock\lock
     * @throws \moodle_exception errorlocktimeout when another setup holds the lock too long
     */
    public static function take(): \core\lock\lock {
        $lock = \core\lock\lock_config::get_lock_factory(self::TYPE)->get_lock(self::RESOURCE, self::TIMEOUT);
        if (!$lock) {
            throw new \moodle_exception('errorlocktimeout', self::TYPE);
        }
        return $lock;
    }

    /**
     * Whether the site's lock factory is Moodle's MySQL one, whose lock get_lock_key() names.
     *
     * @return bool
     */
    public static function factory_is_mysql(): bool {
        return ltrim(\core\lock\lock_config::get_lock_factory_class(), '\\') === 'core\lock\mysql_lock_factory';
    }

    /**
     * Whether the site's lock factory is Moodle's PostgreSQL one, whose lock get_pgsql_lock_key() names.
     *
     * @return bool
     */
    public static function factory_is_postgres(): bool {
        return ltrim(\core\lock\lock_config::get_lock_factory_class(), '\\') === 'core\lock\postgres_lock_factory';
    }

    /**
     * The two int4 keys of PostgreSQL's advisory lock, derived as \core\lock\postgres_lock_factory does:
     * the crc32 of "dbname:prefix" as a signed int4, and the first 7 hex digits of the sha1 of the resource.
     *
     * @return int[]
     */
    public static function get_pgsql_lock_key(): array {
        global $CFG;
        $site = crc32($CFG->dbname . ':' . ($CFG->prefix ?? ''));
        if ($site > 0x7FFFFFFF) {
            $site -= 0x100000000;
        }
        return [$site, (int) hexdec(substr(sha1(self::TYPE . '_' . self::RESOURCE), 0, 7))];
    }

    /**
     * The name of the lock in MySQL's GET_LOCK(), derived as \core\lock\mysql_lock_factory does.
     *
     * @return string
     */
    public static function get_lock_key(): string {
        global $CFG;
        return sha1($CFG->dbname . ':' . ($CFG->prefix ?? '') . '_' . self::TYPE . '_' . self::RESOURCE);
    }
}
