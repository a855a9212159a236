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
use ShopSetup\Plan;

/**
 * The extension's bulk executor, on its own connection to the site's MySQL/MariaDB database.
 *
 * @package    shophandlers_std_setuponecoursesession
 * @copyright  2026 shopsetup contributors
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class mysql_executor extends executor {
    /**
     * Runs the plan through libmysqlclient in one transaction.
     *
     * @param Plan $plan
     * @param session_setup $setup
     * @return array
     */
    public function run(Plan $plan, session_setup $setup): array {
        global $DB;
        if ($DB->is_transaction_started()) {
            // A second connection cannot join Moodle's transaction: its rows would not be visible.
            throw new \coding_exception('The shopsetup MySQL executor cannot run inside a Moodle transaction');
        }
        // The dml store's lock too, so that a native and a dml setup (the setting changed meanwhile)
        // never run at once; the extension's own lock (GET_LOCK) guards callers outside Moodle.
        $lock = \core\lock\lock_config::get_lock_factory(session_setup::COMPONENT)
            ->get_lock(dml_store::LOCK_RESOURCE, dml_store::LOCK_TIMEOUT);
        if (!$lock) {
            throw new \moodle_exception('errorlocktimeout', session_setup::COMPONENT);
        }
        $connection = null;
        try {
            $connection = new MysqlConnection(self::connection_options());
            return $connection->run($plan);
        } finally {
            if ($connection) {
                $connection->close();
            }
            $lock->release();
        }
    }

    /**
     * The connection options of Moodle's own database connection, resolved as Moodle's mysqli
     * driver does (mysqli_native_moodle_database::raw_connect()): the socket and the port fall back
     * to PHP's mysqli.default_socket and mysqli.default_port, then 3306.
     *
     * @return array
     */
    public static function connection_options(): array {
        global $DB;
        $config = $DB->export_dbconfig();
        $dboptions = (array) ($config->dboptions ?? []);
        $options = [
            'host' => (string) $config->dbhost,
            'user' => (string) $config->dbuser,
            'password' => (string) $config->dbpass,
            'database' => (string) $config->dbname,
            'prefix' => (string) $config->prefix,
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
