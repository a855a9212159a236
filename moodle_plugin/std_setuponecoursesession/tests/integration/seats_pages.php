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
 * The server side of the seats pages: an operator's sessions with their seats and effects, a
 * session's participants (role, created or matched, enrolment, attached), and who may see them.
 *
 * @package    shophandlers_std_setuponecoursesession
 * @copyright  2026 shopsetup contributors
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

define('CLI_SCRIPT', true);

require(__DIR__ . '/../../../../../../../config.php');
require_once(__DIR__ . '/lib.php');

use shophandlers_std_setuponecoursesession\seats\participants_table;
use shophandlers_std_setuponecoursesession\seats\sessions;

$t = new shopsetup_it('seats_pages');
$roles = shopsetup_it::roles();
$course = $t->course('P');
$operator = $t->user('operator');
$existing = $t->user('existing');
$learners = $t->participants('learner', 2) + [
    $existing->email => $t->participant($existing->firstname, $existing->lastname, $existing->email),
];
$tutors = $t->participants('tutor', 1);
$code = $t->product("coursename={$course->shortname}&supervisor=editingteacher&requiredroles=teacher");
$billid = $t->order($code, $operator, ['student' => $learners, 'teacher' => $tutors], 6);
$t->produce($billid);
$billitemid = (int) $t->billitem($billid)->id;

// My sessions.
$lines = sessions::lines((int) $operator->id);
$t->same([$billitemid], array_keys($lines), "the operator's sessions: this order line");
$s = sessions::summary($lines[$billitemid]);
$t->same([6, 4, 2], [$s->bought, $s->assigned, $s->free], 'seats bought, taken and left');
$t->same((int) $course->id, (int) ($s->course->id ?? 0), 'its course');
$t->same($t->transactionid($billid), $s->group->name ?? null, 'its group');
$t->same(0, $s->effects['pending'], 'every effect delivered');
$t->check($s->startdate !== null && $s->enddate === null, 'the period starts and has no end');
$other = $t->user('otheroperator');
$t->same([], sessions::lines((int) $other->id), 'another operator has no session');

// Who may see the session.
$manager = $t->user('manager');
role_assign($roles['manager'], $manager->id, context_system::instance()->id);
$participant = shopsetup_it::account(array_key_first($learners));
$line = sessions::line($billitemid);
$t->check(sessions::can_view($line, (int) $operator->id), 'its operator sees it');
$t->check(!sessions::can_view($line, (int) $other->id), 'another operator does not');
$t->check(!sessions::can_view($line, (int) $participant->id), 'a participant does not');
$t->check(!sessions::can_view($line, (int) guest_user()->id), 'the guest does not');
$t->check(!sessions::can_view($line, 0), 'nobody logged in does not');
$t->check(sessions::can_view($line, (int) $manager->id), 'a manager does (viewallsessions)');
$t->same(null, sessions::line(-1), 'an order line that does not exist is none');
$t->check(in_array($billitemid, array_keys(sessions::lines(null))), "every customer's sessions hold it");
$t->same(count(sessions::lines(null)), sessions::count(null), "every customer's sessions: counted");
$t->same(1, sessions::count((int) $operator->id), "the operator's sessions: counted");
$t->same(array_slice(array_keys(sessions::lines(null)), 1, 1), array_keys(sessions::lines(null, 1, 1)), 'paged: the second line');

// The session's participants.
$table = new participants_table($line, (int) $course->id, new moodle_url('/x'));
$table->setup();
$table->query_db(50, false);
$rows = [];
foreach ($table->rawdata as $row) {
    $rows[$row->email] = [$table->col_role($row), $table->col_account($row), $table->col_attached($row)];
}
ksort($rows);
$c = 'shophandlers_std_setuponecoursesession';
$expected = [];
foreach ($learners as $email => $p) {
    $account = get_string($email === $existing->email ? 'accountmatched' : 'accountcreated', $c);
    $expected[$email] = [get_string('defaultcoursestudent'), $account, get_string('attachedyes', $c)];
}
foreach ($tutors as $email => $p) {
    $expected[$email] = [role_get_name($DB->get_record('role', ['id' => $roles['teacher']])), get_string('accountcreated', $c),
        get_string('attachedyes', $c)];
}
ksort($expected);
$t->same($expected, $rows, 'one row per seat: role, created or matched, attached');
$t->same(4, (int) $table->totalrows, 'the table counts the seats');

// Links from local_shop's pages of the bill: the buyer's invoice step and the sales admin's bill.
$linkson = function (string $path, array $get, stdClass $user): string {
    global $PAGE;
    $_GET = $get;
    \core\session\manager::set_user($user);
    $PAGE = new moodle_page();
    $PAGE->set_url(new moodle_url($path, ['view' => $get['view']]));
    $PAGE->set_context(context_system::instance());
    $hook = new \core\hook\output\before_standard_top_of_body_html_generation($PAGE->get_renderer('core'));
    \core\di::get(\core\hook\manager::class)->dispatch($hook);
    $_GET = [];
    return (string) $hook->get_output();
};
$sessionurl = (new moodle_url('/local/shop/datahandling/handlers/std_setuponecoursesession/session.php', ['id' => $billitemid]))
    ->out();
$invoice = ['view' => 'invoice', 'transid' => $t->transactionid($billid)];
$t->check(
    strpos($linkson('/local/shop/front/view.php', $invoice, $operator), $sessionurl) !== false,
    "the buyer's invoice step links to the session"
);
$t->check(
    strpos($linkson('/local/shop/front/view.php', $invoice, $other), $sessionurl) === false,
    "another operator's invoice step (the same transaction id) does not"
);
$bill = ['view' => 'viewBill', 'billid' => $billid];
$t->check(
    strpos($linkson('/local/shop/bills/view.php', $bill, $manager), $sessionurl) !== false,
    'the bill page links to the session for a manager'
);
$t->same('', $linkson('/local/shop/bills/view.php', ['view' => 'viewAllBills'], $manager), 'the list of bills: no link');
$t->same('', $linkson('/local/shop/front/view.php', ['view' => 'shop'], $operator), 'the shop front: no link');
$t->done();
