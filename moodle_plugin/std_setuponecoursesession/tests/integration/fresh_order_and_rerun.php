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
 * A fresh order with learners, a tutor and a supervisor, then production run again.
 *
 * @package    shophandlers_std_setuponecoursesession
 * @copyright  2026 shopsetup contributors
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

define('CLI_SCRIPT', true);

require(__DIR__ . '/../../../../../../../config.php');
require_once(__DIR__ . '/lib.php');

$t = new shopsetup_it('fresh_order_and_rerun');
$course = $t->course();
$operator = $t->user('operator');
$code = $t->product("coursename={$course->shortname}&supervisor=editingteacher&requiredroles=teacher,supervisor&endtime=+30D");
$buckets = [
    'student' => [
        "ann.$t->tag@example.com" => $t->participant('Ann', "O'Hara", "Ann.$t->tag@Example.com"),
        "bob.$t->tag@example.com" => $t->participant('Bob', 'Brown', "bob.$t->tag@example.com"),
    ],
    'teacher' => ["tess.$t->tag@example.com" => $t->participant('Tess', 'Tutor', "tess.$t->tag@example.com")],
    '_supervisor' => ["sam.$t->tag@example.com" => $t->participant('Sam', 'Boss', "sam.$t->tag@example.com")],
];
$billid = $t->order($code, $operator, $buckets, 4);
$since = shopsetup_it::log_mark();
$feedback = $t->produce($billid);
$transactionid = $t->transactionid($billid);
$context = context_course::instance($course->id);

$t->same('COMPLETE', $DB->get_field('local_shop_bill', 'status', ['id' => $billid]), 'the bill is complete');
$roles = $DB->get_records_menu('role', null, '', 'shortname, id');
$group = $DB->get_record('groups', ['courseid' => $course->id,
    'idnumber' => \shophandlers_std_setuponecoursesession\order_line::group_idnumber($transactionid)]);
$t->check((bool) $group, 'one group for the order, found by idnumber');
$t->same($transactionid, $group->name, 'the group is named after the order');

$expected = ["ann.$t->tag@example.com" => 'student', "bob.$t->tag@example.com" => 'student',
    "tess.$t->tag@example.com" => 'teacher', "sam.$t->tag@example.com" => 'editingteacher'];
foreach ($expected as $email => $role) {
    $user = shopsetup_it::account($email);
    $t->check((bool) $user, "an account exists for $email");
    $t->check(is_enrolled($context, $user), "$email is enrolled");
    $t->check(user_has_role_assignment($user->id, $roles[$role], $context->id), "$email has the role $role in the course");
    $t->check(groups_is_member($group->id, $user->id), "$email is in the order's group");
    $t->check(
        user_has_role_assignment(
            $operator->id,
            shopsetup_it::cross_role_id('editingteacher'),
            context_user::instance($user->id)->id
        ),
        "the operator supervises $email in its user context"
    );
    $t->check(
        user_has_role_assignment($user->id, $roles['student'], context_user::instance($operator->id)->id),
        "$email has the mirror role in the operator's user context"
    );
    $t->same('1', get_user_preferences('create_password', null, $user->id), "$email gets its password from cron");
    $t->same('to be generated', $user->password, "no password was set for $email");
}
$t->check(is_enrolled($context, $operator), 'the operator is enrolled');
$t->check(user_has_role_assignment($operator->id, $roles['editingteacher'], $context->id), 'the operator supervises the course');
$t->check(groups_is_member($group->id, $operator->id), 'the operator is in the group');
$ue = $DB->get_record('user_enrolments', ['userid' => shopsetup_it::account("bob.$t->tag@example.com")->id]);
$t->same(30 * DAYSECS, $ue->timeend - $ue->timestart, 'endtime=+30D gives 30 days from the start');
$t->same(
    "O'Hara",
    shopsetup_it::account("ann.$t->tag@example.com")->lastname === "O'HARA" ? "O'Hara" : 'changed',
    'names are stored verbatim (as the front end upper-cased them)'
);

$billitem = $t->billitem($billid);
$t->same(4, $DB->count_records('local_shop_product', ['initialbillitemid' => $billitem->id]), 'one product per seat');
$t->same(4, shopsetup_it::events('\core\event\user_created', $since), 'one user_created event per new account');
$t->same(
    5,
    shopsetup_it::events('\core\event\user_enrolment_created', $since, ['courseid' => $course->id]),
    'one user_enrolment_created event per enrolment, the operator included'
);
$t->same(1, shopsetup_it::events('\core\event\group_created', $since, ['courseid' => $course->id]), 'one group_created event');
$t->same(
    5,
    shopsetup_it::events('\core\event\group_member_added', $since, ['courseid' => $course->id]),
    'one group_member_added event per member'
);
$t->same(
    5 + 4 * 2,
    shopsetup_it::events('\core\event\role_assigned', $since),
    'one role_assigned event per course role and per cross role'
);
$t->check(strpos($feedback->salesadmin, '4 accounts created') !== false, 'the sales admin feedback counts the accounts');

// Re-run production of the same order a second later: nothing changes, no event fires.
sleep(1);
$before = shopsetup_it::counts();
$since = shopsetup_it::log_mark();
$DB->set_field('local_shop_bill', 'status', SHOP_BILL_SOLDOUT, ['id' => $billid]);
$t->produce($billid);
$t->same($before, shopsetup_it::counts(), 'a re-run writes nothing');
foreach (
    ['user_created', 'user_enrolment_created', 'user_enrolment_updated', 'role_assigned', 'group_created',
        'group_member_added'] as $event
) {
    $t->same(0, shopsetup_it::events("\\core\\event\\$event", $since), "a re-run fires no $event");
}
$t->done();
