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
 * Tutor and supervisor roles, the customer-support course (by shortname, by id, from the shop's
 * default), an operator who is not enrolled, and no mirror role.
 *
 * @package    shophandlers_std_setuponecoursesession
 * @copyright  2026 shopsetup contributors
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

define('CLI_SCRIPT', true);

require(__DIR__ . '/../../../../../../../config.php');
require_once(__DIR__ . '/lib.php');

$t = new shopsetup_it('tutors_and_support_course');
$roles = shopsetup_it::roles();
// The install of local_shop creates the role "customer"; a site that lost it gets it back here.
if (empty($roles['customer'])) {
    echo "# the site has no role \"customer\": creating it\n";
    $roles['customer'] = (int) create_role('Customer', 'customer', 'Shop customer');
}
$t->check(!empty($roles['customer']), 'the role "customer" exists');

/**
 * An order of one learner, one tutor and one supervisor for a new operator in a new course.
 *
 * @param shopsetup_it $t
 * @param string $suffix
 * @param string $params handler parameters after coursename
 * @return array [course, operator, bill id, participants email => user]
 */
function tutors_order(shopsetup_it $t, string $suffix, string $params): array {
    $course = $t->course($suffix);
    $operator = $t->user("op$suffix");
    $buckets = [
        'student' => [$t->email("learner$suffix") => $t->participant('Lea', 'Learner', $t->email("learner$suffix"))],
        'teacher' => [$t->email("tutor$suffix") => $t->participant('Tom', 'Tutor', $t->email("tutor$suffix"))],
        '_supervisor' => [$t->email("boss$suffix") => $t->participant('Bob', 'Boss', $t->email("boss$suffix"))],
    ];
    $code = $t->product("coursename={$course->shortname}&requiredroles=teacher,supervisor&$params");
    $billid = $t->order($code, $operator, $buckets, 3);
    $t->produce($billid);
    $users = [];
    foreach ($buckets as $participants) {
        foreach (array_keys($participants) as $email) {
            $users[$email] = shopsetup_it::account($email);
        }
    }
    return [$course, $operator, $billid, $users];
}

/**
 * Checks that the operator is a student and a customer of the support course.
 *
 * @param shopsetup_it $t
 * @param stdClass $support
 * @param stdClass $operator
 * @param string $how
 */
function check_support(shopsetup_it $t, stdClass $support, stdClass $operator, string $how): void {
    $roles = shopsetup_it::roles();
    $context = context_course::instance($support->id);
    $t->check(is_enrolled($context, $operator->id), "the operator is enrolled in the support course ($how)");
    $t->check(user_has_role_assignment($operator->id, $roles['student'], $context->id), "... as a student ($how)");
    $t->check(user_has_role_assignment($operator->id, $roles['customer'], $context->id), "... and as a customer ($how)");
}

// Tutors get tutorrole, supervisors and the operator the supervisor role; support course by shortname.
$support1 = $t->course('S1');
[$course, $operator, $billid, $users] = tutors_order(
    $t,
    'A',
    "supervisor=teacher&tutorrole=editingteacher&customersupport={$support1->shortname}"
);
$context = context_course::instance($course->id);
$group = $t->group($course->id, $billid);
$expected = [$t->email('learnerA') => 'student', $t->email('tutorA') => 'editingteacher', $t->email('bossA') => 'teacher'];
foreach ($expected as $email => $role) {
    $user = $users[$email];
    $t->check(user_has_role_assignment($user->id, $roles[$role], $context->id), "$email has the role $role");
    $others = array_diff(['student', 'teacher', 'editingteacher'], [$role]);
    $t->check(!array_filter($others, function ($other) use ($user, $roles, $context) {
        return user_has_role_assignment($user->id, $roles[$other], $context->id);
    }), "$email has no other course role");
    $t->check(groups_is_member($group->id, $user->id), "$email is in the group");
    $t->check(
        user_has_role_assignment($operator->id, shopsetup_it::cross_role_id('teacher'), context_user::instance($user->id)->id),
        "the operator has the supervisor role teacher in the user context of $email"
    );
    $t->check(
        user_has_role_assignment($user->id, $roles['student'], context_user::instance($operator->id)->id),
        "$email has the mirror role student in the operator's context"
    );
}
$t->check(is_enrolled($context, $operator->id), 'the operator is enrolled (autoenrolsupervisor by default)');
$t->check(user_has_role_assignment($operator->id, $roles['teacher'], $context->id), 'the operator supervises the course');
$t->check(groups_is_member($group->id, $operator->id), 'the operator is in the group');
check_support($t, $support1, $operator, 'customersupport=shortname');
$t->same(
    false,
    is_enrolled(context_course::instance($support1->id), $users[$t->email('learnerA')]->id),
    'participants are not enrolled in the support course'
);

// Support course by id: the original looked ids up as shortnames and never found them.
$support2 = $t->course('S2');
[, $operator] = tutors_order($t, 'B', "supervisor=teacher&customersupport={$support2->id}");
check_support($t, $support2, $operator, 'customersupport=id');

// No customersupport key: the shop's default support course (an id), at postpay too.
$support3 = $t->course('S3');
$previous = $DB->get_field('local_shop', 'defaultcustomersupportcourse', ['id' => 1]);
$restore = function () use ($DB, $previous) {
    $DB->set_field('local_shop', 'defaultcustomersupportcourse', $previous, ['id' => 1]);
};
core_shutdown_manager::register_function($restore);
try {
    $DB->set_field('local_shop', 'defaultcustomersupportcourse', $support3->id, ['id' => 1]);
    [, $operator] = tutors_order($t, 'C', 'supervisor=teacher');
} finally {
    $restore();
}
check_support($t, $support3, $operator, "the shop's default");
$t->same(
    $previous,
    $DB->get_field('local_shop', 'defaultcustomersupportcourse', ['id' => 1]),
    "the shop's default is restored"
);

// With autoenrolsupervisor=0 the operator stays out of the course, keeps the cross roles; mirrorrole= : none.
// The group name pattern is URL-decoded (local_shop's own decoding would keep "%20").
[$course, $operator, $billid, $users] = tutors_order(
    $t,
    'D',
    'supervisor=teacher&autoenrolsupervisor=0&mirrorrole=&customersupport=&groupname=Team%20{course}'
);
$context = context_course::instance($course->id);
$group = $t->group($course->id, $billid);
$t->same("Team {$course->shortname}", $group->name, 'groupname=Team%20{course} names the group');
$t->same(false, is_enrolled($context, $operator->id), 'autoenrolsupervisor=0: the operator is not enrolled');
$t->same(false, groups_is_member($group->id, $operator->id), 'autoenrolsupervisor=0: the operator is not in the group');
$t->same(
    false,
    user_has_role_assignment($operator->id, $roles['teacher'], $context->id),
    'autoenrolsupervisor=0: the operator has no course role'
);
$operatorcontext = context_user::instance($operator->id);
foreach ($users as $email => $user) {
    $t->check(is_enrolled($context, $user->id) && groups_is_member($group->id, $user->id), "$email is enrolled and grouped");
    $t->check(
        user_has_role_assignment($operator->id, shopsetup_it::cross_role_id('teacher'), context_user::instance($user->id)->id),
        "the operator still supervises $email"
    );
}
$t->same(
    0,
    $DB->count_records('role_assignments', ['contextid' => $operatorcontext->id]),
    'mirrorrole= : nobody has a role in the operator\'s context'
);
$t->same(
    0,
    $DB->count_records('user_enrolments', ['userid' => $operator->id]),
    'customersupport= : the operator is enrolled nowhere'
);
$t->done();
