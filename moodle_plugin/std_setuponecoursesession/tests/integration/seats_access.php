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
 * Access re-sent to a participant: only to an account the order created that never logged in,
 * through Moodle's own mechanism (the next send_new_user_passwords run mails a new password),
 * once an hour per account, a bounded number an hour per user asking, logged as an event.
 *
 * @package    shophandlers_std_setuponecoursesession
 * @copyright  2026 shopsetup contributors
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

define('CLI_SCRIPT', true);

require(__DIR__ . '/../../../../../../../config.php');
require_once(__DIR__ . '/lib.php');

use shophandlers_std_setuponecoursesession\seats\access;
use shophandlers_std_setuponecoursesession\seats\sessions;

$t = new shopsetup_it('seats_access');
$course = $t->course('R');
$operator = $t->user('operator');
$existing = $t->user('existing');
$learners = $t->participants('learner', 3);
$learners[$existing->email] = $t->participant($existing->firstname, $existing->lastname, $existing->email);
$code = $t->product("coursename={$course->shortname}");
$billid = $t->order($code, $operator, ['student' => $learners], 5);
$t->produce($billid);
$line = sessions::line((int) $t->billitem($billid)->id);
[$first, $second, $third] = array_map(fn($e) => shopsetup_it::account($e), array_slice(array_keys($learners), 0, 3));

$refused = function (callable $f): string {
    try {
        $f();
        return '';
    } catch (moodle_exception $e) {
        return $e->errorcode;
    }
};
$now = time();
// The setup's own credentials were sent already (the preference consumed by cron, as on a live site).
foreach ([$first, $second, $third] as $user) {
    unset_user_preference('create_password', $user);
}
$resend = fn(stdClass $user, int $when) => $refused(fn() => access::resend($line, (int) $user->id, (int) $operator->id, $when));
$t->same('', $resend($first, $now), 'a created account that never logged in');
$t->same('1', get_user_preferences('create_password', null, $first->id), 'Moodle\'s own mechanism: cron mails a new password');
$t->same('1', get_user_preferences('auth_forcepasswordchange', null, $first->id), 'which must be changed at first login');
$t->same(
    'accessresenttoosoon',
    $refused(fn() => access::resend($line, (int) $first->id, (int) $operator->id, $now + 60)),
    'a second time within the hour: refused'
);
$t->same('', $resend($first, $now + HOURSECS), 'an hour later: sent');
$t->same(
    'accessnotresendable',
    $refused(fn() => access::resend($line, (int) $existing->id, (int) $operator->id, $now)),
    'an account the order matched: refused'
);
$DB->set_field('user', 'lastlogin', $now, ['id' => $second->id]);
$t->same(
    'accessnotresendable',
    $refused(fn() => access::resend($line, (int) $second->id, (int) $operator->id, $now)),
    'an account that logged in: refused'
);
$DB->set_field('user', 'suspended', 1, ['id' => $third->id]);
$t->same(
    'accessnotresendable',
    $refused(fn() => access::resend($line, (int) $third->id, (int) $operator->id, $now)),
    'a suspended account: refused'
);
$t->same(
    'accessnotresendable',
    $refused(fn() => access::resend($line, (int) $operator->id, (int) $operator->id, $now)),
    'someone without a seat: refused'
);
$DB->set_field('user', 'suspended', 0, ['id' => $third->id]);
set_user_preference(access::ASKED_PREFERENCE, implode(',', array_fill(0, access::RESENDS_PER_HOUR, $now - 10)), $operator);
$t->same(
    'accessresendlimit',
    $refused(fn() => access::resend($line, (int) $third->id, (int) $operator->id, $now)),
    'past ' . access::RESENDS_PER_HOUR . ' re-sends in the hour: refused'
);
$t->same(
    '',
    $refused(fn() => access::resend($line, (int) $third->id, (int) $operator->id, $now + HOURSECS)),
    'the next hour: sent'
);

// Each re-send is an event in the log.
get_log_manager()->dispose();
$logged = $DB->count_records('logstore_standard_log', [
    'eventname' => '\\shophandlers_std_setuponecoursesession\\event\\access_resent', 'userid' => $operator->id]);
$t->same(3, $logged, 'three re-sends logged');
$t->done();
