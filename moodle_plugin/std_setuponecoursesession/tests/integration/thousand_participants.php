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
 * 1,000 participants, half of them with an account, one tutor per ten learners, through each
 * executor; the times are printed for information only.
 *
 * @package    shophandlers_std_setuponecoursesession
 * @copyright  2026 shopsetup contributors
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

define('CLI_SCRIPT', true);

require(__DIR__ . '/../../../../../../../config.php');
require_once(__DIR__ . '/lib.php');

use shophandlers_std_setuponecoursesession\manual_enrolment;


/** Participants of the order. */
const PEOPLE = 1000;

$t = new shopsetup_it('thousand_participants');
$roles = shopsetup_it::roles();
$timings = [];
foreach (['native', 'dml'] as $executor) {
    $course = $t->course($executor);
    $context = context_course::instance($course->id);
    $instance = manual_enrolment::instance($course->id);
    $operator = $t->user("op$executor");
    $buckets = ['student' => [], 'teacher' => []];
    $existing = [];
    for ($i = 1; $i <= PEOPLE; $i++) {
        $email = $t->email("$executor$i");
        $bucket = $i % 11 === 0 ? 'teacher' : 'student';
        $buckets[$bucket][$email] = $t->participant('P' . $t->letters($i), "Crowd$executor", $email);
        if ($i % 2 === 0) {
            $existing[$email] = $t->user("$executor$i");
        }
    }
    $code = $t->product("coursename={$course->shortname}&supervisor=editingteacher&requiredroles=teacher&endtime=+30D");
    $billid = $t->order($code, $operator, $buckets, PEOPLE);

    shopsetup_it::use_store($executor);
    $before = shopsetup_it::counts();
    $since = shopsetup_it::log_mark();
    $start = microtime(true);
    $feedback = $t->produce($billid);
    $timings[$executor] = microtime(true) - $start;
    shopsetup_it::use_store(null);
    $after = shopsetup_it::counts();

    $t->same('COMPLETE', $DB->get_field('local_shop_bill', 'status', ['id' => $billid]), "$executor: the bill is complete");
    $tutors = count($buckets['teacher']);
    $diff = [];
    foreach ($after as $table => $count) {
        $diff[$table] = $count - $before[$table];
    }
    $t->same([
        'user' => PEOPLE / 2,
        'user_preferences' => PEOPLE,
        'context' => PEOPLE / 2,
        'user_enrolments' => PEOPLE + 1,
        'role_assignments' => PEOPLE + 1 + 2 * PEOPLE,
        'groups' => 1,
        'groups_members' => PEOPLE + 1,
        'local_shop_product' => PEOPLE,
        'local_shop_productevent' => PEOPLE,
        // Every effect was delivered (by the request or by the drain of produce()): the outbox is empty again.
        'shophandlers_setup_outbox' => 0,
        // And the task the setup queued with its rows has run.
        'task_adhoc' => 0,
    ], $diff, "$executor: rows written");
    $t->same(PEOPLE + 1, $DB->count_records('user_enrolments', ['enrolid' => $instance->id]), "$executor: everyone is enrolled");
    $t->same(PEOPLE - $tutors, $DB->count_records('role_assignments', ['contextid' => $context->id,
        'roleid' => $roles['student']]), "$executor: learners");
    $t->same(
        $tutors,
        $DB->count_records('role_assignments', ['contextid' => $context->id, 'roleid' => $roles['teacher']]),
        "$executor: one tutor per ten learners"
    );
    $group = $t->group($course->id, $billid);
    $t->same(PEOPLE + 1, $DB->count_records('groups_members', ['groupid' => $group->id]), "$executor: everyone is in the group");
    foreach ([1, 2, 11, PEOPLE] as $i) {
        $email = $t->email("$executor$i");
        $user = shopsetup_it::account($email);
        $t->check(is_enrolled($context, $user->id) && groups_is_member($group->id, $user->id), "$executor: $email is set up");
    }
    foreach ($existing as $email => $user) {
        if (shopsetup_it::account($email)->id != $user->id) {
            $t->check(false, "$executor: $email keeps its account");
        }
    }
    $t->same(PEOPLE / 2, shopsetup_it::events('\core\event\user_created', $since), "$executor: user_created events");
    $t->same(
        PEOPLE + 1,
        shopsetup_it::events('\core\event\user_enrolment_created', $since, ['courseid' => $course->id]),
        "$executor: user_enrolment_created events"
    );
    $t->same(PEOPLE + 1 + 2 * PEOPLE, shopsetup_it::events('\core\event\role_assigned', $since), "$executor: role_assigned events");
    $accounts = sprintf('%d accounts created, %d existing accounts used', PEOPLE / 2, PEOPLE / 2);
    $t->check(strpos($feedback->salesadmin, $accounts) !== false, "$executor: the feedback counts the accounts");
}
foreach ($timings as $executor => $seconds) {
    printf(
        "# %d participants (%d existing) through the %s executor: %.2f s (local_shop production, events included)\n",
        PEOPLE,
        PEOPLE / 2,
        $executor,
        $seconds
    );
}
$t->done();
