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
 * Who the operator is attached to: accounts the order creates, and existing accounts only when that gives
 * no power over a privileged person (site admin, a role at system or category level, a role listed in the
 * setting privilegedroles); superviseexisting=none and =all; the sales admin is told who and why.
 *
 * @package    shophandlers_std_setuponecoursesession
 * @copyright  2026 shopsetup contributors
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

define('CLI_SCRIPT', true);

require(__DIR__ . '/../../../../../../../config.php');
require_once(__DIR__ . '/lib.php');

use shophandlers_std_setuponecoursesession\session_setup;

$t = new shopsetup_it('supervise_existing');
$c = session_setup::COMPONENT;
$roles = shopsetup_it::roles();
$admin = get_admin();
$manager = $t->user('manager');
role_assign($roles['manager'], $manager->id, context_system::instance()->id);
$creator = $t->user('creator');
role_assign($roles['coursecreator'], $creator->id, context_coursecat::instance(1)->id);
$listed = $t->user('listed');
$elsewhere = $t->course('X');
role_assign($roles['editingteacher'], $listed->id, context_course::instance($elsewhere->id)->id);
$plain = $t->user('plain');

$privileged = ['admin' => [$admin, 'siteadmin'], 'manager' => [$manager, 'systemrole'], 'creator' => [$creator, 'categoryrole'],
    'listed' => [$listed, 'listedrole']];
$existing = ['plain' => $plain] + array_map(fn($entry) => $entry[0], $privileged);

/**
 * Orders every existing account plus a new one, with a handler parameter string, and produces it.
 *
 * @param shopsetup_it $t
 * @param array $existing key => user
 * @param string $params extra handler parameters
 * @return array [course, operator, feedback, new account, bill id]
 */
function supervise_order(shopsetup_it $t, array $existing, string $params): array {
    static $n = 0;
    $n++;
    $course = $t->course("S$n");
    $operator = $t->user("op$n");
    $people = [];
    foreach ($existing as $user) {
        $people[$user->email] = $t->participant($user->firstname, $user->lastname, $user->email);
    }
    $newemail = $t->email("new$n");
    $people[$newemail] = $t->participant('Nel', 'New', $newemail);
    $code = $t->product("coursename={$course->shortname}&supervisor=editingteacher$params");
    $billid = $t->order($code, $operator, ['student' => $people], count($people));
    $feedback = $t->produce($billid);
    return [$course, $operator, $feedback, shopsetup_it::account($newemail), $billid];
}

/**
 * Whether the operator holds the supervisor role in a user's context and the user the mirror role in the operator's.
 *
 * @param stdClass $operator
 * @param stdClass $user
 * @return array [supervises, mirrored]
 */
function supervise_cross_roles(stdClass $operator, stdClass $user): array {
    global $DB;
    $roles = shopsetup_it::roles();
    return [
        $DB->record_exists('role_assignments', ['roleid' => shopsetup_it::cross_role_id('editingteacher'),
            'userid' => $operator->id, 'contextid' => context_user::instance($user->id)->id]),
        $DB->record_exists('role_assignments', ['roleid' => $roles['student'], 'userid' => $user->id,
            'contextid' => context_user::instance($operator->id)->id]),
    ];
}

set_config('privilegedroles', 'editingteacher', $c);
try {
    $modes = ['' => 'unprivileged', '&superviseexisting=none' => 'none', '&superviseexisting=all' => 'all'];
    foreach (['native', 'dml'] as $executor) {
        shopsetup_it::use_store($executor);
        foreach ($modes as $params => $name) {
            $mode = "$executor, $name";
            [$course, $operator, $feedback, $new, $billid] = supervise_order($t, $existing, $params);
            $group = $t->group($course->id, $billid);
            $t->same([true, true], supervise_cross_roles($operator, $new), "$mode: the account the order created is attached");
            foreach ($existing as $key => $user) {
                $expected = $name === 'all' || ($name === 'unprivileged' && $key === 'plain');
                $t->same(
                    [$expected, $expected],
                    supervise_cross_roles($operator, $user),
                    "$mode: $key is " . ($expected ? '' : 'not ') . 'attached'
                );
                $t->check(is_enrolled(context_course::instance($course->id), $user->id), "$mode: $key is enrolled");
                $t->check(groups_is_member($group->id, $user->id), "$mode: $key is in the group");
                $reason = $privileged[$key][1] ?? 'existing';
                $warning = get_string('warningunsupervised', $c, (object) ['email' => s($user->email),
                    'reason' => get_string("unsupervised_$reason", $c)]);
                $t->same(
                    !$expected,
                    strpos($feedback->salesadmin, $warning) !== false,
                    "$mode: the sales admin is " . ($expected ? 'not ' : '') . "told that $key was not attached ($reason)"
                );
            }
            $t->check(
                strpos($feedback->public . $feedback->private, 'privileged') === false &&
                strpos($feedback->public . $feedback->private, get_string('unsupervised_siteadmin', $c)) === false,
                "$mode: the customer is not told who is privileged"
            );
        }
    }
    set_config('privilegedroles', 'nosuchrole', $c);
    $failure = $t->produce_failure($t->order(
        $t->product("coursename={$t->course('Z')->shortname}&supervisor=editingteacher"),
        $t->user('opz'),
        ['student' => [$t->email('z') => $t->participant('Zed', 'Zulu', $t->email('z'))]],
        1
    ));
    $t->check(
        $failure instanceof moodle_exception && $failure->errorcode === 'errorprivilegedrole',
        'an unknown role in privilegedroles stops production with a clear error'
    );
} finally {
    shopsetup_it::use_store(null);
    set_config('privilegedroles', null, $c);
}
$t->done();
