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
 * The customer's own account at prepay: created with Moodle's API when there is none, linked and
 * left untouched when an account has the customer's email (in another case, or stored with white
 * space, the account the driver matches too); a username the database holds equal does not block it.
 *
 * @package    shophandlers_std_setuponecoursesession
 * @copyright  2026 shopsetup contributors
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

define('CLI_SCRIPT', true);

require(__DIR__ . '/../../../../../../../config.php');
require_once(__DIR__ . '/lib.php');

use shophandlers_std_setuponecoursesession\session_setup;

$t = new shopsetup_it('prepay_customer');
$c = session_setup::COMPONENT;
$t->check(!isloggedin(), 'nobody is logged in (as when a payment callback produces the order)');
$course = $t->course();
$context = context_course::instance($course->id);
$roles = shopsetup_it::roles();
$code = $t->product("coursename={$course->shortname}&supervisor=editingteacher");
$mailtrace = $CFG->dataroot . '/merchant_mail_trace.log';
$tracesize = function () use ($mailtrace) {
    clearstatcache();
    return is_file($mailtrace) ? filesize($mailtrace) : 0;
};

// A customer without an account.
$email = $t->email('carla');
$custid = $t->customer('Carla', "Client$t->tag", "Carla.$t->tag@Example.com", 0);
$buckets = ['student' => $t->participants('learner', 2)];
$billid = $t->order($code, null, $buckets, 2, $custid);
$since = shopsetup_it::log_mark();
$size = $tracesize();
$feedback = $t->produce($billid);
$t->same('COMPLETE', $DB->get_field('local_shop_bill', 'status', ['id' => $billid]), 'the bill is complete');
$accountid = (int) $DB->get_field('local_shop_customer', 'hasaccount', ['id' => $custid]);
$account = $DB->get_record('user', ['id' => $accountid]);
$t->check((bool) $account, 'the customer now has an account');
$t->same($email, $account->email, 'with the email in its normal form');
$t->same(['manual', '1', (string) $CFG->mnet_localhost_id, '0', '0'], [$account->auth, $account->confirmed,
    $account->mnethostid, $account->deleted, $account->suspended], 'a confirmed local manual account');
$t->same(["Carla", "Client$t->tag"], [$account->firstname, $account->lastname], 'with the customer\'s names');
$t->same('to be generated', $account->password, 'no password is set: cron makes and mails one');
$t->same('1', get_user_preferences('create_password', null, $accountid), 'the create_password preference is set');
$t->same('1', get_user_preferences('auth_forcepasswordchange', null, $accountid), 'the password must be changed');
$t->same(
    1,
    shopsetup_it::events('\core\event\user_created', $since, ['objectid' => $accountid]),
    'user_created fires for the customer\'s account'
);
$t->same($size, $tracesize(), 'nothing is written to local_shop\'s mail trace (the original put passwords there)');
$t->check(strpos($t->prepayfeedback->salesadmin, get_string('customercreated', $c, (object) ['id' => $accountid,
    'username' => s($account->username)])) !== false, 'the sales admin is told about the new account');
$t->check(is_enrolled($context, $accountid), 'the new account is the operator: enrolled');
$learner = shopsetup_it::account($t->email('learner1'));
$t->check(
    user_has_role_assignment($accountid, shopsetup_it::cross_role_id('editingteacher'), context_user::instance($learner->id)->id),
    'and supervising the participants'
);

// A customer whose email is an existing account's, in another case: linked, never modified.
$existing = $t->user('dora', ['email' => "Dora.$t->tag@Example.COM", 'lastname' => "Client$t->tag"]);
$before = $DB->get_record('user', ['id' => $existing->id]);
$custid = $t->customer('Theodora', "Client$t->tag", $t->email('dora'), 0);
$buckets = ['student' => $t->participants('pupil', 2)];
$billid = $t->order($code, null, $buckets, 2, $custid);
$since = shopsetup_it::log_mark();
$count = $DB->count_records('user');
$t->produce($billid);
$t->same('COMPLETE', $DB->get_field('local_shop_bill', 'status', ['id' => $billid]), 'the bill is complete');
$t->same(
    (int) $existing->id,
    (int) $DB->get_field('local_shop_customer', 'hasaccount', ['id' => $custid]),
    'the customer is linked to the existing account'
);
$after = $DB->get_record('user', ['id' => $existing->id]);
foreach (['username', 'password', 'firstname', 'lastname', 'email', 'auth', 'timemodified'] as $field) {
    $t->same($before->$field, $after->$field, "the account's $field is not modified");
}
$t->same(false, get_user_preferences('create_password', false, $existing->id), 'no new password is asked for');
$t->same($count + 2, $DB->count_records('user'), 'only the two participants get accounts');
$t->same(0, shopsetup_it::events('\core\event\user_updated', $since, ['objectid' => $existing->id]), 'no user_updated');
$t->check(strpos($t->prepayfeedback->salesadmin, get_string('customermatched', $c, (object) ['id' => $existing->id,
    'email' => s($t->email('dora'))])) !== false, 'the sales admin is told the account was linked');
$t->check(is_enrolled($context, $existing->id), 'the existing account is the operator');

// An account whose stored email has white space around it: the customer path and the participant
// path (the driver) choose the same account, by the same rules.
$eve = $t->user('eve', ['lastname' => "Client$t->tag"]);
$DB->set_field('user', 'email', "  Eve.$t->tag@EXAMPLE.com\t", ['id' => $eve->id]);
$custid = $t->customer('Eve', "Client$t->tag", $t->email('eve'), 0);
$count = $DB->count_records('user');
$billid = $t->order($code, null, ['student' => $t->participants('eveslearner', 1)], 1, $custid);
$t->produce($billid);
$t->same(
    (int) $eve->id,
    (int) $DB->get_field('local_shop_customer', 'hasaccount', ['id' => $custid]),
    'prepay: the customer is linked to the account stored with white space and capitals'
);
$evebucket = ['student' => [$t->email('eve') => $t->participant('Eve', "Client$t->tag", $t->email('eve'))]];
$billid = $t->order($code, $t->user('otherbuyer'), $evebucket, 1);
$t->produce($billid);
$t->same($count + 2, $DB->count_records('user'), 'postpay: the same person as a participant gets no second account');
$t->check(is_enrolled($context, $eve->id), 'postpay: the participant is the same account');

// A username the database holds equal to the customer's (a trailing space, equal under Moodle's
// MySQL collations; a different username on PostgreSQL, which compares byte for byte) does not
// block the creation of the customer's account.
$taken = $t->user('erintaken');
$base = \ShopSetup\make_usernames([['firstname' => 'Erin', 'lastname' => "Client$t->tag"]])[0];
$DB->set_field('user', 'username', "$base ", ['id' => $taken->id]);
$custid = $t->customer('Erin', "Client$t->tag", $t->email('erin'), 0);
$billid = $t->order($code, null, ['student' => $t->participants('erinslearner', 1)], 1, $custid);
$t->check($t->produce_failure($billid) === null, 'the order of a customer whose username is taken modulo collation is produced');
$erin = $DB->get_record('user', ['id' => (int) $DB->get_field('local_shop_customer', 'hasaccount', ['id' => $custid])]);
$t->check($erin && $erin->id != $taken->id, 'the customer has an account of their own');
$pgsql = $DB->get_dbfamily() === 'postgres';
$t->same($pgsql ? $base : $base . '1', $erin->username ?? null, $pgsql ? 'a different username on PostgreSQL: the name itself' :
    'named with the next free suffix');
$t->done();
