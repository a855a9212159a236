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

/**
 * A setup the database refuses for now (a deadlock; a Galera node's certification failure reports
 * the same error, 1213) runs again as a new plan in a new transaction: once refused, it succeeds on
 * the second attempt, exactly once; always refused, it fails cleanly after site_store::ATTEMPTS,
 * nothing written. Through the native store and through the $DB store. The refusals come from a
 * trigger that counts attempts with a sequence (not rolled back with the transaction).
 *
 * @package    shophandlers_std_setuponecoursesession
 * @copyright  2026 shopsetup contributors
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

define('CLI_SCRIPT', true);

require(__DIR__ . '/../../../../../../../config.php');
require_once(__DIR__ . '/lib.php');

use shophandlers_std_setuponecoursesession\read_replica;
use shophandlers_std_setuponecoursesession\site_store;

$t = new shopsetup_it('setup_retry');
if (!site_store::native()) {
    $t->check(false, 'this test needs the native store (a MariaDB or PostgreSQL site, setting store auto)');
    $t->done();
}
$prefix = $CFG->prefix;
$sequence = "{$prefix}shopsetup_attempts";
$pgsql = $DB->get_dbfamily() === 'postgres';
// The triggers' bodies hold ";", which $DB->execute() refuses: the DDL goes through mysqli or pgsql directly.
if ($pgsql) {
    $o = site_store::pgsql_connection_options();
    $pg = pg_connect(sprintf(
        "host='%s' port=%d user='%s' password='%s' dbname='%s'",
        $o['host'] ?? ($o['socket'] ?? ''),
        $o['port'] ?? 5432,
        $o['user'],
        addcslashes($o['password'], "'\\"),
        $o['database']
    ), PGSQL_CONNECT_FORCE_NEW);
    $ddl = fn(string $sql) => pg_query($pg, $sql);
    $nextval = "SELECT nextval('$sequence')";
    // The server's own refusal: a serialization failure (SQLSTATE 40001).
    $refuse = "RAISE EXCEPTION USING ERRCODE = '40001', MESSAGE = 'could not serialize access due to concurrent update'";
    $trigger = fn(string $body) => $ddl("CREATE OR REPLACE FUNCTION {$prefix}shopsetup_refuse() RETURNS trigger LANGUAGE plpgsql AS
        \$\$ BEGIN $body; RETURN NEW; END \$\$") && $ddl("CREATE OR REPLACE TRIGGER {$prefix}shopsetup_refuse BEFORE INSERT
        ON {$prefix}groups FOR EACH ROW EXECUTE FUNCTION {$prefix}shopsetup_refuse()");
    $drop = fn() => $ddl("DROP TRIGGER IF EXISTS {$prefix}shopsetup_refuse ON {$prefix}groups")
        && $ddl("DROP FUNCTION IF EXISTS {$prefix}shopsetup_refuse()");
    $once = "IF nextval('$sequence') < 2 THEN $refuse; END IF";
} else {
    $o = site_store::connection_options();
    $mysqli = new mysqli($o['host'], $o['user'], $o['password'], $o['database'], $o['port'], $o['socket'] ?? null);
    $ddl = fn(string $sql) => $mysqli->query($sql);
    $nextval = "SELECT NEXTVAL($sequence)";
    $refuse = "SIGNAL SQLSTATE '40001' SET MYSQL_ERRNO = 1213,
        MESSAGE_TEXT = 'Deadlock found when trying to get lock; try restarting transaction'";
    $trigger = fn(string $body) => $ddl("DROP TRIGGER IF EXISTS {$prefix}shopsetup_refuse")
        && $ddl("CREATE TRIGGER {$prefix}shopsetup_refuse BEFORE INSERT ON {$prefix}groups FOR EACH ROW $body");
    $drop = fn() => $ddl("DROP TRIGGER IF EXISTS {$prefix}shopsetup_refuse");
    $once = "IF NEXTVAL($sequence) < 2 THEN $refuse; END IF";
}
$operator = $t->user('operator');
try {
    foreach (['auto' => 'native', 'dml' => '$DB'] as $setting => $store) {
        set_config(site_store::SETTING, $setting, 'shophandlers_std_setuponecoursesession');
        $t->same($setting === 'auto', site_store::native(), "the $store store");
        $drop();
        $ddl("DROP SEQUENCE IF EXISTS $sequence");
        $ddl("CREATE SEQUENCE $sequence START WITH 1");
        $t->check((bool) $trigger($once), "a trigger refuses the first attempt ({$DB->get_dbfamily()}, the $store store)");

        // Refused once: the second attempt sets the session up, once.
        $course = $t->course("A$setting");
        $learners = $t->participants("learner$setting", 3);
        $code = $t->product("coursename={$course->shortname}");
        $billid = $t->order($code, $operator, ['student' => $learners], 3);
        $t->produce($billid);
        $t->same(2, (int) read_replica::on_primary(fn() => $DB->get_field_sql($nextval)) - 1, "two attempts ($store store)");
        $t->same(1, $DB->count_records('groups', ['courseid' => $course->id]), 'one group');
        foreach (array_keys($learners) as $email) {
            $t->same(1, $DB->count_records('user', ['email' => $email]), "one account for $email");
        }
        $t->same(3, $DB->count_records_select(
            'user_enrolments',
            'enrolid IN (SELECT id FROM {enrol} WHERE courseid = ?)',
            [$course->id]
        ) - 1, 'three enrolments (and the operator\'s)');

        // Always refused: a clear failure after the attempts, nothing written.
        $t->check((bool) $trigger($refuse), 'then a trigger refuses every attempt');
        $course = $t->course("B$setting");
        $learners = $t->participants("other$setting", 2);
        $billid = $t->order($t->product("coursename={$course->shortname}"), $operator, ['student' => $learners], 2);
        $start = microtime(true);
        $error = $t->produce_failure($billid);
        $retried = $error instanceof moodle_exception && $error->errorcode === 'errordatabaseretried';
        $t->check($retried, "refused every time: a clear error ({$store} store: " . ($error ? $error->getMessage() : 'none') . ')');
        $t->check($error && strpos($error->getMessage(), (string) site_store::ATTEMPTS) !== false, 'it says how many attempts');
        $t->check(microtime(true) - $start >= 0.15, 'with a wait between the attempts');
        $t->same(0, $DB->count_records_select('user', 'email IN (?, ?)', array_keys($learners)), 'nothing written');
        $t->check(!$DB->is_transaction_started(), 'no transaction left open');
    }
} finally {
    unset_config(site_store::SETTING, 'shophandlers_std_setuponecoursesession');
    $drop();
    $ddl("DROP SEQUENCE IF EXISTS $sequence");
}
$t->done();
