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
 * Deleting one product (one seat) through local_shop undoes that seat and nothing another seat needs.
 *
 * @package    shophandlers_std_setuponecoursesession
 * @copyright  2026 shopsetup contributors
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

define('CLI_SCRIPT', true);

require(__DIR__ . '/../../../../../../../config.php');
require_once(__DIR__ . '/lib.php');

$t = new shopsetup_it('delete_product');
$course = $t->course();
$context = context_course::instance($course->id);
$roles = shopsetup_it::roles();
$operator = $t->user('operator');
$code = $t->product("coursename={$course->shortname}&supervisor=editingteacher&requiredroles=teacher");
$p = function (string $name) use ($t) {
    return [$t->email($name) => $t->participant(ucfirst($name), 'Seat', $t->email($name))];
};
// Order 1: Ann learns, Ben learns and tutors, Cid learns. Order 2 (another customer): Cid learns.
$order1 = $t->order($code, $operator, ['student' => $p('ann') + $p('ben') + $p('cid'), 'teacher' => $p('ben')], 4);
$t->produce($order1);
$order2 = $t->order($code, $t->user('operator2'), ['student' => $p('cid')], 1);
$t->produce($order2);
$group1 = $t->group($course->id, $order1);
$group2 = $t->group($course->id, $order2);
[$ann, $ben, $cid] = [shopsetup_it::account($t->email('ann')), shopsetup_it::account($t->email('ben')),
    shopsetup_it::account($t->email('cid'))];

$product = function (int $billid, stdClass $user, string $bucket) use ($t, $DB) {
    return $DB->get_record_select(
        'local_shop_product',
        'initialbillitemid = ? AND ' . $DB->sql_like('productiondata', '?'),
        [$t->billitem($billid)->id, "%&userid=$user->id&%&bucket=$bucket&created=%"],
        '*',
        MUST_EXIST
    );
};
$delete = function (stdClass $record) use ($t, $DB) {
    $events = $DB->count_records('local_shop_productevent', ['productid' => $record->id]);
    $t->check($events > 0, "product $record->id has its events");
    (new \local_shop\Product($record->id))->delete();
    $t->same(false, $DB->record_exists('local_shop_product', ['id' => $record->id]), "product $record->id is deleted");
    $t->same(0, $DB->count_records('local_shop_productevent', ['productid' => $record->id]), 'with its events');
};

// Ben's tutor seat: the tutor role goes, his learner seat stays.
$delete($product($order1, $ben, 'teacher'));
$t->same(false, user_has_role_assignment($ben->id, $roles['teacher'], $context->id), 'Ben is no longer a tutor');
$t->check(user_has_role_assignment($ben->id, $roles['student'], $context->id), 'Ben is still a learner');
$t->check(groups_is_member($group1->id, $ben->id), 'Ben stays in the group: he has another seat in the order');
$t->check(is_enrolled($context, $ben->id), 'Ben stays enrolled');

// Ann's only seat: everything goes.
$delete($product($order1, $ann, 'student'));
$t->same(false, user_has_role_assignment($ann->id, $roles['student'], $context->id), 'Ann is no longer a learner');
$t->same(false, groups_is_member($group1->id, $ann->id), 'Ann leaves the group');
$t->same(false, is_enrolled($context, $ann->id), 'Ann is unenrolled: no other product uses her enrolment');
$t->check(
    user_has_role_assignment($operator->id, shopsetup_it::cross_role_id('editingteacher'), context_user::instance($ann->id)->id),
    'the operator keeps the supervisor role in her user context'
);

// Cid's seat in order 1: his seat in order 2 keeps the role and the enrolment.
$delete($product($order1, $cid, 'student'));
$t->check(user_has_role_assignment($cid->id, $roles['student'], $context->id), 'Cid is still a learner (order 2)');
$t->same(false, groups_is_member($group1->id, $cid->id), 'Cid leaves the group of order 1');
$t->check(groups_is_member($group2->id, $cid->id), 'Cid stays in the group of order 2');
$t->check(is_enrolled($context, $cid->id), 'Cid stays enrolled: order 2 uses his enrolment');

// And his seat in order 2: now he goes.
$delete($product($order2, $cid, 'student'));
$t->same(false, is_enrolled($context, $cid->id), 'Cid is unenrolled once no product uses his enrolment');
$t->same(false, groups_is_member($group2->id, $cid->id), 'and leaves the group of order 2');

$t->check(is_enrolled($context, $ben->id) && is_enrolled($context, $operator->id), 'Ben and the operator are untouched');
$t->done();
