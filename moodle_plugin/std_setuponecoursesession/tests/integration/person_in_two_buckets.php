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
 * One person in the learners and the tutors: one account, one enrolment, both roles, two seats;
 * one person listed twice in one bucket under keys of different case: merged into one seat.
 *
 * @package    shophandlers_std_setuponecoursesession
 * @copyright  2026 shopsetup contributors
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

define('CLI_SCRIPT', true);

require(__DIR__ . '/../../../../../../../config.php');
require_once(__DIR__ . '/lib.php');

use shophandlers_std_setuponecoursesession\session_setup;
use shophandlers_std_setuponecoursesession\manual_enrolment;

$t = new shopsetup_it('person_in_two_buckets');
$c = session_setup::COMPONENT;
$course = $t->course();
$context = context_course::instance($course->id);
$instance = manual_enrolment::instance($course->id);
$roles = shopsetup_it::roles();
$operator = $t->user('operator');

$both = $t->email('both');
$repeat = $t->email('rep');
$repeatkey = "Rep.$t->tag@Example.COM";
$buckets = [
    'student' => [
        $both => $t->participant('Bea', 'Both', $both),
        $repeat => $t->participant('Rex', 'Repeat', $repeat),
        $t->email('solo') => $t->participant('Sol', 'Solo', $t->email('solo')),
        $repeatkey => $t->participant('Rex', 'Repeat', $repeatkey),
    ],
    'teacher' => [
        strtoupper($both) => $t->participant('Bea', 'Both', strtoupper($both)),
        $t->email('tutor') => $t->participant('Tim', 'Tutor', $t->email('tutor')),
    ],
];
$code = $t->product("coursename={$course->shortname}&supervisor=editingteacher&requiredroles=teacher");
// Five seats: Bea twice (learner and tutor), Rex once, Sol and Tim.
$billid = $t->order($code, $operator, $buckets, 5);
$since = shopsetup_it::log_mark();
$feedback = $t->produce($billid);
$t->same('COMPLETE', $DB->get_field('local_shop_bill', 'status', ['id' => $billid]), 'the bill is complete');
$billitem = $t->billitem($billid);

$count = function (string $email) use ($DB) {
    return $DB->count_records_select('user', 'LOWER(email) = ? AND deleted = 0', [core_text::strtolower($email)]);
};
$t->same(1, $count($both), 'one account for the person in two buckets');
$bea = shopsetup_it::account($both);
$t->same(1, $DB->count_records('user_enrolments', ['enrolid' => $instance->id, 'userid' => $bea->id]), 'one enrolment');
$t->check(user_has_role_assignment($bea->id, $roles['student'], $context->id), 'the learner role');
$t->check(user_has_role_assignment($bea->id, $roles['teacher'], $context->id), 'and the tutor role');
$products = $DB->get_records_select('local_shop_product', 'initialbillitemid = ? AND ' .
    $DB->sql_like('productiondata', '?'), [$billitem->id, "%&userid=$bea->id&%"]);
$t->same(2, count($products), 'two products: one seat per bucket');
$t->same(
    1,
    shopsetup_it::events('\core\event\user_enrolment_created', $since, ['relateduserid' => $bea->id]),
    'one user_enrolment_created event for her'
);
$t->same(2, shopsetup_it::events('\core\event\role_assigned', $since, ['relateduserid' => $bea->id,
    'contextid' => $context->id]), 'two role_assigned events in the course for her');
// The block block_shop_products shows each product with the handler: the seat's own role, not "MANAGER" for all.
require_once($CFG->dirroot . '/local/shop/datahandling/handlers/std_setuponecoursesession/std_setuponecoursesession.class.php');
$handler = new shop_handler_std_setuponecoursesession('');
foreach ($products as $product) {
    $pinfo = (new \local_shop\Product($product->id))->extract_production_data();
    ob_start();
    $handler->display_product_infos($product->id, $pinfo);
    $html = ob_get_clean();
    $role = $DB->get_record('role', ['id' => $pinfo->roleid]);
    $t->check(
        strpos($html, s(role_get_name($role))) !== false && strpos($html, fullname($bea)) !== false,
        "the product of the {$pinfo->bucket} seat shows her and the role $role->shortname"
    );
}
$notice = get_string('warningmerged', $c, (object) ['email' => s($both),
    'message' => s('in buckets "student" and "teacher": one account, one seat per bucket')]);
$t->check(strpos($feedback->salesadmin, $notice) !== false, 'the sales admin is told about the merge');

$t->same(1, $count($repeat), 'one account for the person listed twice in one bucket');
$rex = shopsetup_it::account($repeat);
$t->same(1, $DB->count_records_select('local_shop_product', 'initialbillitemid = ? AND ' .
    $DB->sql_like('productiondata', '?'), [$billitem->id, "%&userid=$rex->id&%"]), 'one seat for the repeat');
$t->check(
    strpos($feedback->salesadmin, s('listed twice in bucket "student": merged into one seat')) !== false,
    'the sales admin is told about the repeat'
);

$t->same(5, $DB->count_records('local_shop_product', ['initialbillitemid' => $billitem->id]), 'five products');
$t->same(4, shopsetup_it::events('\core\event\user_created', $since), 'four accounts');
$t->check(strpos($feedback->salesadmin, '4 participants on 5 seats') !== false, 'the feedback counts people and seats');

// Six seats are not needed: five are enough, four are not.
$billid = $t->order($code, $operator, $buckets, 4);
$before = shopsetup_it::counts();
$error = $t->produce_failure($billid);
$t->check(
    $error instanceof moodle_exception && strpos($error->getMessage(), 'needs 5 seats') !== false,
    'four seats are too few for five assignments'
);
$t->same($before, shopsetup_it::counts(), 'nothing is written then');
$t->done();
