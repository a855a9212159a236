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
 * The block "Délégation d'administration" (block_user_delegation) on the site: after a setup, the
 * block's own userdelegation::get_delegated_users(), called as the operator, lists exactly the order's
 * attached participants (not a privileged one), and another operator none of them; an order set up
 * before the block (cross role: the supervisor role) is brought to the block's roles by a re-run,
 * without duplicates; crossrole= in the product wins; a missing owner role stops production.
 *
 * @package    shophandlers_std_setuponecoursesession
 * @copyright  2026 shopsetup contributors
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

define('CLI_SCRIPT', true);

require(__DIR__ . '/../../../../../../../config.php');
require_once(__DIR__ . '/lib.php');
require_once($CFG->dirroot . '/blocks/user_delegation/classes/userdelegation.class.php');

use shophandlers_std_setuponecoursesession\delegation_block;
use shophandlers_std_setuponecoursesession\session_setup;

$t = new shopsetup_it('delegation_block');
$c = session_setup::COMPONENT;
$roles = shopsetup_it::roles();
$t->check(delegation_block::installed(), 'the block is installed on the test site');
$t->same('courseowner', delegation_block::owner_role(), "the block's owner role is its default, courseowner");

/**
 * The ids of the accounts the block shows an operator, asked as that operator (the block checks the
 * capability of the current user).
 *
 * @param stdClass $asuser who asks
 * @param int $poweruid whose delegated users
 * @return int[] sorted
 */
function delegation_users(stdClass $asuser, int $poweruid): array {
    global $USER;
    // Back to the CLI's own user afterwards: local_shop takes a logged-in user as the buyer.
    $cliuser = $USER;
    // As a new request of that user (no access data kept on the record): what was assigned since is seen.
    accesslib_clear_all_caches(true);
    \core\session\manager::set_user(\core_user::get_user($asuser->id));
    $ids = array_map('intval', array_keys(\userdelegation::get_delegated_users($poweruid)));
    \core\session\manager::set_user($cliuser);
    sort($ids);
    return $ids;
}

/**
 * The role assignments of (context, role, user) found more than once among a user's cross roles.
 *
 * @param int $operatorid
 * @return int
 */
function delegation_duplicates(int $operatorid): int {
    global $DB;
    return (int) $DB->count_records_sql("SELECT COUNT(1) FROM (
        SELECT ra.contextid, ra.roleid, ra.userid FROM {role_assignments} ra
          JOIN {context} ctx ON ctx.id = ra.contextid AND ctx.contextlevel = ?
         WHERE ra.userid = ? GROUP BY ra.contextid, ra.roleid, ra.userid HAVING COUNT(1) > 1) dup", [CONTEXT_USER, $operatorid]);
}

// An order of 3 learners (one already has an account, one is a manager) and a tutor.
$course = $t->course('D');
$operator = $t->user('operator');
$manager = $t->user('manager');
role_assign($roles['manager'], $manager->id, context_system::instance()->id);
$existing = $t->user('existing');
$learners = $t->participants('learner', 1) + [
    $existing->email => $t->participant($existing->firstname, $existing->lastname, $existing->email),
    $manager->email => $t->participant($manager->firstname, $manager->lastname, $manager->email),
];
$tutors = $t->participants('tutor', 1);
$code = $t->product("coursename={$course->shortname}&supervisor=editingteacher&requiredroles=teacher");
$billid = $t->order($code, $operator, ['student' => $learners, 'teacher' => $tutors], 4);
$t->produce($billid);
$attached = [];
foreach (array_merge(array_keys($learners), array_keys($tutors)) as $email) {
    if ($email !== $manager->email) {
        $attached[] = (int) shopsetup_it::account($email)->id;
    }
}
sort($attached);
$t->same($attached, delegation_users($operator, $operator->id), "the block lists the order's participants to the operator");
$t->check(!in_array((int) $manager->id, delegation_users($operator, $operator->id)), 'never the privileged participant');
$t->check(
    user_has_role_assignment($operator->id, $roles['courseowner'], context_user::instance($existing->id)->id)
        && user_has_role_assignment($existing->id, $roles['student'], context_user::instance($operator->id)->id),
    "the cross roles are the block's: courseowner for the operator, student for the participant"
);
$t->check(
    !user_has_role_assignment($operator->id, $roles['editingteacher'], context_user::instance($existing->id)->id),
    'the supervisor role stays in the course, not in the user contexts'
);
$t->check(
    user_has_role_assignment($operator->id, $roles['editingteacher'], context_course::instance($course->id)->id),
    "the operator's course role is still the supervisor role"
);

// Another operator's order: neither sees the other's people.
$other = $t->user('otheroperator');
$otherpeople = ['student' => $t->participants('otherlearner', 2)];
$otherbill = $t->order($t->product("coursename={$course->shortname}"), $other, $otherpeople, 2);
$t->produce($otherbill);
$otherusers = delegation_users($other, $other->id);
$t->same(2, count($otherusers), "the other operator sees the two people of their order");
$t->same([], array_values(array_intersect($attached, $otherusers)), "and none of the first operator's");
$t->same([], delegation_users($other, $operator->id), "asking for the first operator's users, the other operator gets none");

// An order set up as before the block (the site without it): re-run with the block, its roles added once.
$oldoperator = $t->user('oldoperator');
$oldlearners = $t->participants('oldlearner', 3);
// The supervisor role by default: teacher, which lacks block/user_delegation:isbehalfof.
$oldbill = $t->order($t->product("coursename={$course->shortname}"), $oldoperator, ['student' => $oldlearners], 3);
$version = get_config('block_user_delegation', 'version');
unset_config('version', 'block_user_delegation');
$t->same('', delegation_block::owner_role(), 'without the block, no owner role');
$t->produce($oldbill);
set_config('version', $version, 'block_user_delegation');
$oldids = array_map(fn($email) => (int) shopsetup_it::account($email)->id, array_keys($oldlearners));
sort($oldids);
$t->check(
    user_has_role_assignment($oldoperator->id, $roles['teacher'], context_user::instance($oldids[0])->id),
    "without the block, the operator's cross role is the supervisor role, as before"
);
$t->same([], delegation_users($oldoperator, $oldoperator->id), 'so the block shows none of them');
$script = $CFG->dirroot . '/local/shop/datahandling/handlers/std_setuponecoursesession/cli/setup_session.php';
exec(shopsetup_it::php_command() . ' ' . escapeshellarg($script) . " --billid=$oldbill 2>&1", $output, $status);
$t->same(0, $status, 'the re-run succeeds: ' . implode(' ', array_slice($output, -3)));
$t->same($oldids, delegation_users($oldoperator, $oldoperator->id), 'after the re-run, the block lists them');
$t->same(0, delegation_duplicates((int) $oldoperator->id), 'no role assignment twice');
exec(shopsetup_it::php_command() . ' ' . escapeshellarg($script) . " --billid=$oldbill 2>&1", $output, $status);
$t->same(0, delegation_duplicates((int) $oldoperator->id), 'nor after a second re-run');

// The product names the cross role: it wins over the block's.
$namedoperator = $t->user('namedoperator');
$named = $t->participants('named', 1);
$t->produce($t->order($t->product("coursename={$course->shortname}&crossrole=teacher"), $namedoperator, ['student' => $named], 1));
$namedid = (int) shopsetup_it::account(array_key_first($named))->id;
$t->check(
    user_has_role_assignment($namedoperator->id, $roles['teacher'], context_user::instance($namedid)->id)
        && !user_has_role_assignment($namedoperator->id, $roles['courseowner'], context_user::instance($namedid)->id),
    'crossrole=teacher: the operator gets teacher in the user context, not the block\'s role'
);

// The block's owner role missing: production stops before writing anything, saying which setting.
set_config('corole', 'nosuchrole', 'block_user_delegation');
$failpeople = ['student' => $t->participants('fail', 1)];
$failbill = $t->order($t->product("coursename={$course->shortname}"), $t->user('failoperator'), $failpeople, 1);
$before = shopsetup_it::counts();
$error = $t->produce_failure($failbill);
set_config('corole', 'courseowner', 'block_user_delegation');
$t->check(
    $error !== null && strpos($error->getMessage(), get_string('errordelegationrole', $c, 'nosuchrole')) !== false,
    'a missing owner role stops production with the block\'s setting named: ' . ($error ? $error->getMessage() : 'no error')
);
$t->same($before, shopsetup_it::counts(), 'nothing was written');
$t->done();
