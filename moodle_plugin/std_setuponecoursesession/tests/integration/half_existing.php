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
 * An order where half the participants already have accounts: email case, deleted, suspended and
 * duplicate accounts, enrolments that are already longer or shorter than the order's.
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

$t = new shopsetup_it('half_existing');
$c = session_setup::COMPONENT;

/**
 * The scenario, through one executor.
 *
 * @param shopsetup_it $t
 * @param string $executor the store: 'native' or 'dml'
 */
function half_existing(shopsetup_it $t, string $executor): void {
    global $DB;
    $c = session_setup::COMPONENT;
    $x = $executor;
    echo "# through the $executor executor\n";
    $course = $t->course($x);
    $context = context_course::instance($course->id);
    $instance = manual_enrolment::instance($course->id);
    $manual = enrol_get_plugin('manual');
    $roles = shopsetup_it::roles();
    $operator = $t->user("operator$x");
    $now = time();

    // Seven participants without an account.
    $buckets = ['student' => $t->participants("new$x", 5)];

    // Same address, other case: the account is matched, no account is made.
    $ann = $t->user("ann$x", ['email' => "Ann$x.{$t->tag}@Example.COM"]);
    // A deleted account (user_delete_user() rewrites its email) and an account flagged deleted that kept
    // its email (older sites, restores): neither is reused.
    $deleted = $t->user("gone$x");
    user_delete_user($deleted);
    $flagged = $t->user("flagged$x");
    $DB->set_field('user', 'deleted', 1, ['id' => $flagged->id]);
    // A suspended account: reused, and the sales admin is told.
    $suspended = $t->user("susp$x", ['suspended' => 1]);
    // Two active accounts with one email: the lowest id is used, and the sales admin is told.
    $twin1 = $t->user("twin$x");
    $twin2 = $t->user("twin$x", ['username' => strtolower("twin2$x.$t->tag")]);
    // Already enrolled longer than the order: kept as is. Already enrolled shorter: extended.
    $longer = $t->user("longer$x");
    $manual->enrol_user($instance, $longer->id, $roles['student'], $now - 10 * DAYSECS, $now + 400 * DAYSECS);
    $shorter = $t->user("shorter$x");
    $manual->enrol_user($instance, $shorter->id, $roles['student'], $now, $now + 5 * DAYSECS);
    $plain = $t->user("plain$x");

    foreach (
        ['ann' => 'Ann', 'gone' => 'Gina', 'flagged' => 'Flo', 'susp' => 'Sue', 'twin' => 'Tom', 'longer' => 'Lena',
            'shorter' => 'Shay', 'plain' => 'Paul'] as $local => $firstname
    ) {
        $email = $t->email("$local$x");
        $buckets['student'][$email] = $t->participant($firstname, "Known$t->tag", $email);
    }
    $code = $t->product("coursename={$course->shortname}&supervisor=editingteacher&endtime=+30D");
    $billid = $t->order($code, $operator, $buckets, 13);

    $since = shopsetup_it::log_mark();
    $feedback = $t->produce($billid);
    $t->same('COMPLETE', $DB->get_field('local_shop_bill', 'status', ['id' => $billid]), 'the bill is complete');
    $group = $t->group($course->id, $billid);
    $t->check((bool) $group, 'the order has its group');

    $accounts = function (string $email) use ($DB) {
        return $DB->get_records_select('user', 'LOWER(email) = ? AND deleted = 0', [core_text::strtolower($email)], 'id');
    };
    $used = [];
    foreach (array_keys($buckets['student']) as $email) {
        $list = $accounts($email);
        $user = reset($list);
        $used[$email] = $user;
        $t->check(is_enrolled($context, $user->id), "$email is enrolled");
        $t->check(user_has_role_assignment($user->id, $roles['student'], $context->id), "$email is a student");
        $t->check(groups_is_member($group->id, $user->id), "$email is in the order's group");
        // Existing accounts too: the original gave cross roles to new accounts only (its defect 7).
        $t->check(
            user_has_role_assignment(
                $operator->id,
                shopsetup_it::cross_role_id('editingteacher'),
                context_user::instance($user->id)->id
            ),
            "the operator supervises $email"
        );
        $t->check(
            user_has_role_assignment($user->id, $roles['student'], context_user::instance($operator->id)->id),
            "$email has the mirror role in the operator's user context"
        );
    }

    $t->same((int) $ann->id, (int) $used[$t->email("ann$x")]->id, 'an account whose email differs only in case is matched');
    $t->same(1, count($accounts($t->email("ann$x"))), 'no second account for Ann');
    $t->same("Ann$x.{$t->tag}@Example.COM", $DB->get_field('user', 'email', ['id' => $ann->id]), "Ann's account is not modified");
    $t->check((int) $used[$t->email("gone$x")]->id > (int) $deleted->id, 'a deleted account is not reused: a new one is made');
    $t->check((int) $used[$t->email("flagged$x")]->id !== (int) $flagged->id, 'an account flagged deleted is not reused');
    $t->same('0', $used[$t->email("flagged$x")]->deleted, 'the new account of the flagged address is active');
    $t->same(false, is_enrolled($context, $flagged->id), 'the deleted account is not enrolled');
    $t->same((int) $suspended->id, (int) $used[$t->email("susp$x")]->id, 'a suspended account is reused');
    $t->same('1', $DB->get_field('user', 'suspended', ['id' => $suspended->id]), 'the suspended account stays suspended');
    $t->check(
        strpos($feedback->salesadmin, get_string('warningsuspended', $c, s($t->email("susp$x")))) !== false,
        'the sales admin is told about the suspended account'
    );
    $t->same((int) $twin1->id, (int) $used[$t->email("twin$x")]->id, 'of two accounts with one email, the lowest id is used');
    $t->same(false, is_enrolled($context, $twin2->id), 'the other account is not enrolled');
    $ambiguous = get_string('warningambiguous', $c, (object) ['email' => s($t->email("twin$x")),
        'ids' => "$twin1->id, $twin2->id", 'chosen' => $twin1->id]);
    $t->check(strpos($feedback->salesadmin, $ambiguous) !== false, 'the sales admin is told which of the two accounts was used');

    $ue = $DB->get_record('user_enrolments', ['enrolid' => $instance->id, 'userid' => $longer->id]);
    $t->same(
        [$now - 10 * DAYSECS, $now + 400 * DAYSECS],
        [(int) $ue->timestart, (int) $ue->timeend],
        'a longer enrolment is not shortened'
    );
    $product = $DB->get_record_select('local_shop_product', 'initialbillitemid = ? AND ' .
        $DB->sql_like('productiondata', '?'), [$t->billitem($billid)->id, "%&userid=$plain->id&%"], '*', MUST_EXIST);
    $ue = $DB->get_record('user_enrolments', ['enrolid' => $instance->id, 'userid' => $shorter->id]);
    $t->same((int) $product->enddate, (int) $ue->timeend, 'a shorter enrolment is extended to the end of the order');
    $t->same($now, (int) $ue->timestart, 'its start is kept');
    $t->same(30 * DAYSECS, $product->enddate - $product->startdate, 'the order runs for 30 days');

    $t->same(7, shopsetup_it::events('\core\event\user_created', $since), 'seven accounts are created');
    $t->same(1, shopsetup_it::events('\core\event\user_enrolment_updated', $since), 'one enrolment is updated');
    $t->same(
        1,
        shopsetup_it::events('\core\event\user_enrolment_updated', $since, ['relateduserid' => $shorter->id]),
        'user_enrolment_updated fires for the extended enrolment'
    );
    $t->same(
        11 + 1,
        shopsetup_it::events('\core\event\user_enrolment_created', $since, ['courseid' => $course->id]),
        'the others and the operator are enrolled'
    );
    $t->same(
        13,
        $DB->count_records('local_shop_product', ['initialbillitemid' => $t->billitem($billid)->id]),
        'one product per seat'
    );
    $t->check(
        strpos($feedback->salesadmin, '7 accounts created, 6 existing accounts used') !== false,
        'the sales admin feedback counts created and existing accounts'
    );
    $t->check(
        strpos($feedback->salesadmin, '1 enrolment periods extended') !== false,
        'the sales admin feedback counts the extended enrolment'
    );
}

foreach (['native', 'dml'] as $executor) {
    shopsetup_it::use_store($executor);
    half_existing($t, $executor);
    shopsetup_it::use_store(null);
}
$t->done();
