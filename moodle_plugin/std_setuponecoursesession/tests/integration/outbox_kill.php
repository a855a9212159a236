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
 * The effects outbox when the delivering process is killed (SIGKILL) after the commit, at several
 * steps of the delivery, and when the producing process is killed right after its commit (cron alone
 * delivers it, with the task committed with the setup, or queued by the sweep when that task is gone):
 * every event is in the log exactly once, and each welcome message was sent once, as in the same
 * order delivered without a kill.
 *
 * @package    shophandlers_std_setuponecoursesession
 * @copyright  2026 shopsetup contributors
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

define('CLI_SCRIPT', true);

require(__DIR__ . '/../../../../../../../config.php');
require_once(__DIR__ . '/lib.php');

use shophandlers_std_setuponecoursesession\outbox;
use shophandlers_std_setuponecoursesession\session_setup;
use shophandlers_std_setuponecoursesession\task\deliver_effects;
use shophandlers_std_setuponecoursesession\task\sweep_outbox;
use shophandlers_std_setuponecoursesession\manual_enrolment;

$t = new shopsetup_it('outbox_kill');
$t->drain = false;
$c = session_setup::COMPONENT;
$events = ['\core\event\user_created', '\core\event\group_created', '\core\event\user_enrolment_created',
    '\core\event\role_assigned', '\core\event\group_member_added'];

/**
 * An order of 40 learners (half of them with an account) and 4 tutors, produced with every effect
 * but the caches left in the outbox (deliverybudget 0), or not produced.
 *
 * @param shopsetup_it $t
 * @param string $x
 * @param bool $produce
 * @return array [billitemid, course, billid]
 */
function outbox_kill_order(shopsetup_it $t, string $x, bool $produce = true): array {
    $course = $t->course($x);
    // A course contact, so that enrol_manual sends its welcome message to every new enrolment.
    $teacher = $t->user("contact$x");
    enrol_get_plugin('manual')->enrol_user(
        manual_enrolment::instance($course->id),
        $teacher->id,
        shopsetup_it::roles()['editingteacher']
    );
    $learners = $t->participants("learner$x", 40);
    foreach (array_slice(array_keys($learners), 0, 20) as $i => $email) {
        $t->user("learner$x$i", ['email' => $email]);
    }
    $buckets = ['student' => $learners, 'teacher' => $t->participants("tutor$x", 4)];
    $code = $t->product("coursename={$course->shortname}&endtime=+30D");
    $billid = $t->order($code, $t->user("operator$x"), $buckets, 44);
    if ($produce) {
        set_config(outbox::BUDGET_SETTING, 0, session_setup::COMPONENT);
        $t->produce($billid);
        unset_config(outbox::BUDGET_SETTING, session_setup::COMPONENT);
    }
    return [(int) $t->billitem($billid)->id, $course, $billid];
}

/**
 * Produces an order in a child process killed (SIGKILL) right after its setup's commit, before any
 * effect is delivered (this process holds the order line's delivery lock meanwhile).
 *
 * @param shopsetup_it $t
 * @param int $billid
 * @param int $billitemid
 */
function outbox_kill_after_commit(shopsetup_it $t, int $billid, int $billitemid): void {
    $lock = \core\lock\lock_config::get_lock_factory(session_setup::COMPONENT)->get_lock('outbox_' . $billitemid, 0);
    $t->check((bool) $lock, 'the test holds the delivery lock of the order line');
    $script = escapeshellarg(__DIR__ . '/fixtures/produce_and_die.php');
    exec(shopsetup_it::php_command() . " $script $billid 2>&1", $output, $status);
    $lock->release();
    $t->same(128 + SIGKILL, $status, 'the producing process is killed right after the commit: ' . implode(' ', $output));
}

/**
 * Runs Moodle's own cron runners, as a site's cron does: nothing of the plugin's CLI.
 *
 * @param string $script admin/cli script
 * @param string $options
 * @return string what it printed
 */
function outbox_kill_cron(string $script, string $options): string {
    global $CFG;
    exec(shopsetup_it::php_command() . ' ' . escapeshellarg("$CFG->dirroot/admin/cli/$script") . " $options 2>&1", $output);
    return implode("\n", $output);
}

/**
 * The delivery tasks queued for an order line.
 *
 * @param int $billitemid
 * @return int
 */
function outbox_kill_tasks(int $billitemid): int {
    global $DB;
    shopsetup_it::wait_for_replica();
    return $DB->count_records_select(
        'task_adhoc',
        'classname = ? AND ' . $DB->sql_compare_text('customdata') . ' = ?',
        ['\\' . deliver_effects::class, json_encode(['billitemid' => $billitemid])]
    );
}

/**
 * Events and welcome messages of a course since a log mark: counts, and objects seen more than once.
 *
 * @param int $courseid
 * @param int $mark
 * @param int $since
 * @return array
 */
function outbox_kill_effects(int $courseid, int $mark, int $since): array {
    global $DB;
    shopsetup_it::wait_for_replica();
    $context = context_course::instance($courseid);
    $key = $DB->sql_concat('contextid', "'/'", 'objectid', "'/'", 'COALESCE(relateduserid, 0)');
    $rows = $DB->get_records_sql(
        "SELECT eventname, COUNT(1) AS n, COUNT(DISTINCT $key) AS distinctn
        FROM {logstore_standard_log} WHERE id > ? AND (courseid = ? OR contextlevel = ?) GROUP BY eventname",
        [$mark, $courseid, CONTEXT_USER]
    );
    $effects = [];
    foreach ($rows as $row) {
        $effects[$row->eventname] = [(int) $row->n, (int) $row->distinctn];
    }
    $welcome = $DB->get_records_sql("SELECT useridto, COUNT(1) AS n FROM {notifications}
        WHERE eventtype = 'enrolcoursewelcomemessage' AND timecreated >= ? AND " . $DB->sql_like('contexturl', '?') . "
        GROUP BY useridto", [$since, '%course=' . $courseid]);
    $effects['welcome messages'] = [(int) array_sum(array_column($welcome, 'n')), count($welcome)];
    return $effects;
}

// The control: the same order, delivered without a kill.
$since = time();
$mark = shopsetup_it::log_mark();
[$control, $controlcourse] = outbox_kill_order($t, 'a');
$t->same(1, outbox_kill_tasks($control), 'the setup queued its delivery task in its own transaction');
$t->check(outbox::pending($control)['pending'] > 200, 'with a budget of 0, production leaves the effects to deliver');
$t->check(
    $DB->count_records(outbox::TABLE, ['billitemid' => $control, 'kind' => 'caches']) == 0,
    'the caches are invalidated at once, whatever the budget'
);
(new outbox())->deliver($control);
$t->same(0, outbox::pending($control)['pending'], 'the control order is drained');
shopsetup_it::flush_logs();
$expected = outbox_kill_effects($controlcourse->id, $mark, $since);
$t->check($expected['welcome messages'][0] > 0, 'the course sends welcome messages');

// The same order, its delivery killed again and again, then drained.
$mark = shopsetup_it::log_mark();
[$billitemid, $course] = outbox_kill_order($t, 'b');
$total = outbox::pending($billitemid)['pending'];
$script = __DIR__ . '/fixtures/deliver_and_die.php';
// Rows in order: 20 user_created, group_created, 45 user_enrolment_created (welcome messages), role_assigned, members.
$kills = [['effect', 5], ['committed', 1], ['logged', 10], ['effect', 27], ['logged', 40], ['deleted', 1], ['effect', 30]];
foreach ($kills as [$step, $after]) {
    $before = outbox::pending($billitemid)['pending'];
    exec(shopsetup_it::php_command(false) . ' ' . escapeshellarg($script) . " $billitemid $step $after 2>&1", $output, $status);
    $t->same(128 + SIGKILL, $status, "the delivery is killed at '$step' after $after effects");
    $left = outbox::pending($billitemid)['pending'];
    $t->check($left <= $before && $left > 0, "killed at '$step': $left of $total effects left to deliver");
}
$cli = escapeshellarg(__DIR__ . '/../../cli/deliver_effects.php');
exec(
    shopsetup_it::php_command(false) . " $cli --billitemid=$billitemid",
    $output,
    $status
);
$t->same(0, $status, 'the CLI drains the rest');
$t->same(0, outbox::pending($billitemid)['pending'], 'nothing is left in the outbox');
shopsetup_it::flush_logs();
$got = outbox_kill_effects($course->id, $mark, $since);
foreach (array_merge($events, ['welcome messages']) as $name) {
    $t->same($expected[$name] ?? null, $got[$name] ?? null, "$name: [count, distinct] as without a kill");
    $t->same($got[$name][0] ?? -1, $got[$name][1] ?? -2, "$name: each one exactly once");
}

// The producing process killed right after its commit: cron alone delivers every effect, exactly once.
$mark = shopsetup_it::log_mark();
[$billitemid, $course, $billid] = outbox_kill_order($t, 'c', false);
outbox_kill_after_commit($t, $billid, $billitemid);
$t->same($total + 1, outbox::pending($billitemid)['pending'], 'after the kill, every effect is in the outbox, the caches too');
$t->same(1, outbox_kill_tasks($billitemid), 'a delivery task is queued: it was committed with the setup');
$trace = outbox_kill_cron('adhoc_task.php', '--execute --classname=' . escapeshellarg('\\' . deliver_effects::class));
$t->same(0, outbox::pending($billitemid)['pending'], 'Moodle\'s ad-hoc task runner drains the outbox');
$t->same(0, outbox_kill_tasks($billitemid), 'and the task is done: ' . substr($trace, -300));
shopsetup_it::flush_logs();
$got = outbox_kill_effects($course->id, $mark, $since);
foreach (array_merge($events, ['welcome messages']) as $name) {
    $t->same($expected[$name] ?? null, $got[$name] ?? null, "killed at the commit, $name: [count, distinct] as without a kill");
}

// An outbox whose task is gone (an older install, a deleted task row): the scheduled sweep queues one.
$mark = shopsetup_it::log_mark();
[$billitemid, $course, $billid] = outbox_kill_order($t, 'd', false);
outbox_kill_after_commit($t, $billid, $billitemid);
deliver_effects::forget_idle($billitemid);
$trace = outbox_kill_cron('scheduled_task.php', '--execute=' . escapeshellarg('\\' . sweep_outbox::class));
$t->same(0, outbox_kill_tasks($billitemid), 'the sweep leaves a young outbox to its request: ' . substr($trace, -200));
$DB->execute(
    'UPDATE {' . outbox::TABLE . '} SET timecreated = timecreated - ? WHERE billitemid = ?',
    [sweep_outbox::AGE + 60, $billitemid]
);
$trace = outbox_kill_cron('scheduled_task.php', '--execute=' . escapeshellarg('\\' . sweep_outbox::class));
$t->same(1, outbox_kill_tasks($billitemid), 'the sweep queues a task for an outbox left without one: ' . substr($trace, -200));
outbox_kill_cron('scheduled_task.php', '--execute=' . escapeshellarg('\\' . sweep_outbox::class));
$t->same(1, outbox_kill_tasks($billitemid), 'a second sweep queues no second task');
outbox_kill_cron('adhoc_task.php', '--execute --classname=' . escapeshellarg('\\' . deliver_effects::class));
$t->same(0, outbox::pending($billitemid)['pending'], 'cron then drains the orphaned outbox');
shopsetup_it::flush_logs();
$got = outbox_kill_effects($course->id, $mark, $since);
foreach (array_merge($events, ['welcome messages']) as $name) {
    $t->same($expected[$name] ?? null, $got[$name] ?? null, "swept, $name: [count, distinct] as without a kill");
}
$t->done();
