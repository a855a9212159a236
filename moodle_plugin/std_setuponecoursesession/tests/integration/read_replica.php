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
 * A site that reads from a replica ($CFG->dboptions['readonly']; .ci/replica.sh delays it on
 * purpose): the native store connects to the primary; right after a setup, Moodle reads what it
 * wrote from the primary although the replica does not have it yet; a later process (the plugin's
 * delivery CLI) delivers the effects once the replica has the setup's rows. On a site without a
 * replica, nothing of this sends a statement.
 *
 * @package    shophandlers_std_setuponecoursesession
 * @copyright  2026 shopsetup contributors
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

define('CLI_SCRIPT', true);

require(__DIR__ . '/../../../../../../../config.php');
require_once(__DIR__ . '/lib.php');

use shophandlers_std_setuponecoursesession\order_line;
use shophandlers_std_setuponecoursesession\outbox;
use shophandlers_std_setuponecoursesession\read_replica;
use shophandlers_std_setuponecoursesession\session_setup;
use shophandlers_std_setuponecoursesession\site_store;

$t = new shopsetup_it('read_replica');
$t->drain = false;
$readonly = $CFG->dboptions['readonly'] ?? null;
$t->same(!empty($readonly), read_replica::in_use(), 'the plugin knows whether the site reads from a replica');
if ($DB->get_dbfamily() === 'mysql') {
    // Before this process writes anything: $DB's last connection is then the replica's.
    $options = site_store::connection_options();
    $primary = [(string) $CFG->dbhost, (int) ($CFG->dboptions['dbport'] ?? 0) ?: 3306];
    $t->same($primary, [$options['host'], $options['port']], 'the native store connects to the primary (dbhost, dbport)');
}
if (!read_replica::in_use()) {
    $queries = $DB->perf_get_queries();
    read_replica::written(['user', 'groups']);
    read_replica::wait_for_outbox(outbox::TABLE, 1);
    $t->same($queries, $DB->perf_get_queries(), 'no statement on a site without a replica');
    $t->done();
}

$instance = $readonly['instance'][0];
$replica = new mysqli(
    (string) $instance['dbhost'],
    (string) $CFG->dbuser,
    (string) $CFG->dbpass,
    (string) $CFG->dbname,
    (int) $instance['dbport']
);
$course = $t->course();
$learners = $t->participants('learner', 5);
$billid = $t->order($t->product("coursename={$course->shortname}"), $t->user('operator'), ['student' => $learners], 5);
set_config(outbox::BUDGET_SETTING, 0, session_setup::COMPONENT);
$t->produce($billid);
unset_config(outbox::BUDGET_SETTING, session_setup::COMPONENT);
// Moodle reads what the native store wrote while the replica still does not have it: from the primary.
$groupidnumber = order_line::group_idnumber($t->transactionid($billid));
[$in, $params] = $DB->get_in_or_equal(array_keys($learners));
$t->same(5, $DB->count_records_select('user', "email $in", $params), 'Moodle reads the new accounts');
$group = $DB->get_record('groups', ['courseid' => $course->id, 'idnumber' => $groupidnumber]);
$t->check((bool) $group, 'and the order\'s group');
$t->same(6, $DB->count_records('groups_members', ['groupid' => $group->id ?? 0]), 'and its members (the operator too)');
$emails = "'" . implode("', '", array_map([$replica, 'real_escape_string'], array_keys($learners))) . "'";
$onreplica = (int) $replica->query("SELECT COUNT(*) FROM {$CFG->prefix}user WHERE email IN ($emails)")->fetch_row()[0];
$t->same(0, $onreplica, 'which the replica does not have yet: Moodle read them from the primary');
$billitemid = (int) $t->billitem($billid)->id;
$t->check($DB->count_records(outbox::TABLE, ['billitemid' => $billitemid]) > 0, 'the effects wait in the outbox');
$pending = $replica->query("SELECT COUNT(*) FROM {$CFG->prefix}" . outbox::TABLE . " WHERE billitemid = $billitemid");
$t->same(0, (int) $pending->fetch_row()[0], 'which the replica does not have yet');

// The plugin's delivery in a process of its own that has written nothing (the CLI; Moodle's ad-hoc
// task runner sees the task only once the replica has it, with the whole setup).
$start = microtime(true);
$cli = escapeshellarg(__DIR__ . '/../../cli/deliver_effects.php');
exec(shopsetup_it::php_command(false) . " $cli --billitemid=$billitemid 2>&1", $output, $status);
$t->same(0, $status, 'the delivery ran: ' . implode(' ', array_slice($output, -2)));
$left = read_replica::on_primary(fn() => $DB->count_records(outbox::TABLE, ['billitemid' => $billitemid]));
$t->same(0, $left, 'it waited for the replica, then delivered every effect (' . round(microtime(true) - $start, 1) . ' s)');
$logged = read_replica::on_primary(fn() => $DB->count_records_select(
    'logstore_standard_log',
    'eventname = ? AND courseid = ?',
    ['\core\event\user_enrolment_created', $course->id]
));
$t->same(6, $logged, 'each enrolment\'s event is in the log once (the operator\'s too)');
$t->done();
