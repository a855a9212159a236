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
 * Last names as local_shop's checkout stores them (upper-cased byte by byte: "MüLLER"): new accounts get
 * what the person would expect ("MÜLLER"); existing accounts are left as they are.
 *
 * @package    shophandlers_std_setuponecoursesession
 * @copyright  2026 shopsetup contributors
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

define('CLI_SCRIPT', true);

require(__DIR__ . '/../../../../../../../config.php');
require_once(__DIR__ . '/lib.php');

$t = new shopsetup_it('checkout_lastnames');
$course = $t->course();
$operator = $t->user('operator');
$existing = $t->user('known', ['lastname' => 'Ångström', 'email' => $t->email('known')]);

// What local_shop's participants step stores: strtoupper(), byte by byte.
$checkout = function (string $firstname, string $lastname, string $email): stdClass {
    return (object) ['lastname' => strtoupper($lastname), 'firstname' => $firstname, 'email' => $email, 'city' => 'PARIS'];
};
$people = [
    $t->email('muller') => $checkout('Jürgen', "Müller$t->tag", $t->email('muller')),
    $t->email('eloise') => $checkout('Éloïse', "de la Tour-Ébène$t->tag", $t->email('eloise')),
    $t->email('plain') => $checkout('Paul', "Smith$t->tag", $t->email('plain')),
    $t->email('known') => $checkout('Known', 'Ångström', $t->email('known')),
];
$stored = $people[$t->email('muller')]->lastname;
$t->same('MüLLER' . strtoupper($t->tag), $stored, 'the checkout upper-cases byte by byte (the defect this repairs)');
$code = $t->product("coursename={$course->shortname}&supervisor=editingteacher");
$billid = $t->order($code, $operator, ['student' => $people], 4);
$t->produce($billid);

$tag = strtoupper($t->tag);
$t->same("MÜLLER$tag", shopsetup_it::account($t->email('muller'))->lastname, 'Müller is stored as MÜLLER');
$eloise = shopsetup_it::account($t->email('eloise'));
$t->same("DE LA TOUR-ÉBÈNE$tag", $eloise->lastname, 'every small non-ASCII letter is upper-cased');
$t->same('Éloïse', shopsetup_it::account($t->email('eloise'))->firstname, 'first names are stored as typed');
$t->same("SMITH$tag", shopsetup_it::account($t->email('plain'))->lastname, 'an ASCII name is unchanged');
$t->same('Ångström', $DB->get_field('user', 'lastname', ['id' => $existing->id]), 'an existing account keeps its last name');
$known = $DB->count_records_select('user', 'LOWER(email) = ? AND deleted = 0', [$t->email('known')]);
$t->same(1, $known, 'the existing account is matched, not duplicated');

// A last name with small ASCII letters did not come through the checkout's upper-casing: kept verbatim.
$repaired = \shophandlers_std_setuponecoursesession\order_line::checkout_participant((object) ['lastname' => 'Müller']);
$t->same('Müller', $repaired->lastname, 'a mixed-case last name is kept as typed');
$repaired = \shophandlers_std_setuponecoursesession\order_line::checkout_participant(['lastname' => 'MüLLER']);
$t->same('MÜLLER', $repaired['lastname'], 'participants stored as arrays are repaired too');
$t->done();
