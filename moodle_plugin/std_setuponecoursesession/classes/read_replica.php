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
 * What the plugin does on a site that reads from a replica ($CFG->dboptions['readonly'],
 * moodle_read_slave_trait): Moodle sends a read of a table to the primary for 'latency' seconds
 * after this request wrote the table through $DB, else to the replica. The native stores write on
 * connections of their own (always to the primary, dbhost), which Moodle does not see.
 *
 * - After a native setup, written() tells Moodle which tables it wrote, the one public way there
 *   is: a write statement naming each table, which changes no row. For 'latency' seconds the
 *   request's reads of those tables go to the primary, as after Moodle's own writes.
 * - The outbox's delivery reads on the primary (on_primary()): a replica that is behind would give it
 *   rows already delivered and deleted, and hide the events already logged. In a later process
 *   that has written nothing, it first waits until the replica holds the order line's last outbox
 *   row (wait_for_outbox()), written in the same transaction as all of the setup's rows, so that
 *   what its effects read through Moodle's APIs afterwards is there too.
 *
 * @package    shophandlers_std_setuponecoursesession
 * @copyright  2026 shopsetup contributors
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class read_replica {
    /** Seconds a later process waits for the replica to hold a setup's rows. */
    const WAIT = 60;

    /**
     * Whether this site reads from a replica.
     *
     * @return bool
     */
    public static function in_use(): bool {
        global $DB;
        return method_exists($DB, 'want_read_slave') && $DB->want_read_slave();
    }

    /**
     * Tells Moodle's read-replica logic that these tables were just written (nothing on a site
     * without a replica).
     *
     * @param string[] $tables table names without the prefix
     */
    public static function written(array $tables): void {
        global $DB;
        if (!self::in_use()) {
            return;
        }
        foreach (array_unique($tables) as $table) {
            if (preg_match('/^[a-z][a-z0-9_]*$/', $table)) {
                $DB->execute('UPDATE {' . $table . '} SET id = id WHERE 1 = 0');
            }
        }
    }

    /**
     * Runs $read with every query on the primary: inside a transaction, which Moodle runs there,
     * rolled back if $read throws (nothing more on a site without a replica, or when a transaction
     * is already open).
     *
     * @param callable $read
     * @return mixed what $read returns
     */
    public static function on_primary(callable $read) {
        global $DB;
        if (!self::in_use() || $DB->is_transaction_started()) {
            return $read();
        }
        $transaction = $DB->start_delegated_transaction();
        try {
            $result = $read();
        } catch (\Throwable $e) {
            $transaction->rollback($e);
        }
        $transaction->allow_commit();
        return $result;
    }

    /**
     * Waits until the replica holds the order line's last outbox row (read on the primary), so
     * the setup that wrote it: rows of one transaction reach a replica together.
     *
     * @param string $table the outbox table
     * @param int $billitemid
     * @param float $timeout seconds
     * @throws \moodle_exception errorreplicabehind when it does not within $timeout
     */
    public static function wait_for_outbox(string $table, int $billitemid, float $timeout = self::WAIT): void {
        global $DB;
        if (!self::in_use()) {
            return;
        }
        $last = self::on_primary(fn() => (int) $DB->get_field_select($table, 'MAX(id)', 'billitemid = ?', [$billitemid]));
        $until = microtime(true) + $timeout;
        while ($last && !$DB->record_exists($table, ['id' => $last])) {
            if (microtime(true) > $until) {
                throw new \moodle_exception('errorreplicabehind', 'shophandlers_std_setuponecoursesession', '', $timeout);
            }
            usleep(100000);
        }
    }
}
