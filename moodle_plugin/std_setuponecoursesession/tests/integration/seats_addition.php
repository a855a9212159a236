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
 * Adding people to the free seats of an order line: reading the list (csv_import_reader), the
 * preview (nothing written), the addition through the same setup, the seat limit, a second submit.
 *
 * @package    shophandlers_std_setuponecoursesession
 * @copyright  2026 shopsetup contributors
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

define('CLI_SCRIPT', true);

require(__DIR__ . '/../../../../../../../config.php');
require_once(__DIR__ . '/lib.php');

use shophandlers_std_setuponecoursesession\seats\addition;
use shophandlers_std_setuponecoursesession\seats\participant_list;
use shophandlers_std_setuponecoursesession\seats\sessions;

$t = new shopsetup_it('seats_addition');
$c = 'shophandlers_std_setuponecoursesession';

// Reading lists.
$read = participant_list::read("Doe,Jane,jane@example.com\nRoe,Rick,rick@example.com,student,Lyon");
$t->same(
    'csvweirdcolumns',
    $read['error'] === get_string('csvweirdcolumns', 'error') ? 'csvweirdcolumns' : $read['error'],
    'rows of different widths: Moodle\'s own message'
);
$read = participant_list::read("\xEF\xBB\xBFNom;Prénom;Courriel;Rôle\r\n" .
    "Müller;Zoé;zoe@example.com;tutor\r\n\r\nRoe;Rick;RICK@example.com;\r\n");
$t->same(null, $read['error'], 'a French header, semicolons, BOM, CRLF and a blank line');
$t->same([2, 3], array_keys($read['rows']), 'row numbers count the header');
$t->same(
    ['lastname' => 'Müller', 'firstname' => 'Zoé', 'email' => 'zoe@example.com', 'role' => 'tutor', 'city' => ''],
    $read['rows'][2],
    'columns by name, text verbatim'
);
$read = participant_list::read("Doe\tJane\tjane@example.com\tstudent\tLyon");
$t->same(['Doe', 'Jane', 'jane@example.com', 'student', 'Lyon'], array_values($read['rows'][1]), 'tabs, no header: in order');
$t->check(participant_list::read("Doe,Jane")['error'] !== null, 'two columns: refused');
$t->check(
    participant_list::read("lastname,firstname,email,shoesize\nDoe,Jane,j@example.com,9")['error'] !== null,
    'an unknown header: refused'
);
$t->check(participant_list::read("  \n")['error'] !== null, 'an empty list: refused');
$t->check(participant_list::read("Doe,Jane,j@example.com\xff")['error'] !== null, 'not UTF-8: refused');

// An order line of 6 seats, 3 taken.
$course = $t->course('A');
$operator = $t->user('operator');
$existing = $t->user('existing');
$code = $t->product("coursename={$course->shortname}&requiredroles=student,teacher");
$learners = $t->participants('learner', 3);
$billid = $t->order($code, $operator, ['student' => $learners], 6);
$t->produce($billid);
$line = sessions::line((int) $t->billitem($billid)->id);
$addition = new addition($line);
$t->same(3, $addition->free_seats(), '3 seats left');
$t->same('student', $addition->bucket_of(''), 'no role: a learner');
$t->same('teacher', $addition->bucket_of('Tutor'), 'tutor: the teacher bucket');
$t->same(null, $addition->bucket_of('manager'), 'a role the order does not offer: none');

$first = array_key_first($learners);
$list = implode("\n", [
    'lastname,firstname,email,role',
    "New,Nina,{$t->email('nina')},",
    "Exist,Ing,{$existing->email},tutor",
    "New,Nina,{$t->email('nina')},student",
    "Bad,Row,not-an-email,",
    "Role,Less,{$t->email('roleless')},manager",
    "Again,Learner,{$first},",
]);
$rows = participant_list::read($list)['rows'];
$users = $DB->count_records('user');
$preview = $addition->preview($rows);
$t->same($users, $DB->count_records('user'), 'the preview writes nothing');
$t->same(['created' => 1, 'matched' => 1, 'merged' => 1, 'present' => 1], $preview->counts, 'created, matched, merged, present');
$t->same(
    [[5, 'email'], [6, 'role']],
    array_map(fn($e) => [$e['row'], $e['field']], $preview->invalid),
    'the invalid rows by row number and field'
);
$t->same(['free' => 3, 'needed' => 2, 'left' => 1], $preview->seats, 'seats: 3 free, 2 needed, 1 left');
$t->same((int) $existing->id, $preview->rows[3]['account'], 'the existing account is matched by its email');
$t->same('merged', $preview->rows[4]['status'], 'the repeated row is merged');
$t->same('present', $preview->rows[7]['status'], 'a learner of the session already holds a seat');

// The addition refuses invalid rows, then adds the valid ones.
try {
    $addition->add($rows);
    $t->check(false, 'invalid rows refused');
} catch (moodle_exception $e) {
    $t->same('erroraddinvalid', $e->errorcode, 'invalid rows: refused, nothing written');
}
$t->same($users, $DB->count_records('user'), 'nothing written by the refusal');
$valid = array_intersect_key($rows, array_flip([2, 3, 4, 7]));
[$done, $result] = $addition->add($valid);
$t->check($result !== null, 'the valid rows added');
$t->same(5, sessions::summary($line)->assigned, '5 seats taken');
$nina = shopsetup_it::account($t->email('nina'));
$group = groups_get_group_by_idnumber($course->id, 'shopsetup-' . $t->transactionid($billid));
$t->check(groups_is_member($group->id, $nina->id) && groups_is_member($group->id, $existing->id), 'in the order\'s group');
$t->check(is_enrolled(context_course::instance($course->id), $nina), 'Nina enrolled');
$t->same(0, sessions::summary($line)->effects['pending'], 'the effects delivered');

// A second submit of the same rows changes nothing.
$before = [$DB->count_records('user'), $DB->count_records('local_shop_product'), $DB->count_records('role_assignments')];
[$again, $none] = $addition->add($valid);
$t->same(null, $none, 'a second submit: nobody to add');
$t->same(4, $again->counts['present'], 'every row (Nina\'s two) already holds a seat');
$t->same(
    $before,
    [$DB->count_records('user'), $DB->count_records('local_shop_product'), $DB->count_records('role_assignments')],
    'nothing written twice'
);

// More people than seats left: refused before anything is written.
$many = participant_list::read(implode("\n", array_map(fn($i) => "Many,P{$t->letters($i)},{$t->email("many$i")}", range(1, 2))));
$preview = $addition->preview($many['rows']);
$t->same(['free' => 1, 'needed' => 2, 'left' => -1], $preview->seats, 'two people for one seat');
try {
    $addition->add($many['rows']);
    $t->check(false, 'over the seats refused');
} catch (moodle_exception $e) {
    $t->same('erroraddseats', $e->errorcode, 'over the seats: refused');
}
$t->same(false, shopsetup_it::account($t->email('many1')), 'nobody of the refused list created');
$t->done();
