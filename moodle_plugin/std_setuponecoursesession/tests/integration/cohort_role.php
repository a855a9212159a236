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
 * A participant who already holds the course's student role through cohort sync (component
 * enrol_cohort): the handler adds the manual enrolment's own role, as enrol_user() does through
 * role_assign(), so the paid participant keeps the role when the cohort sync drops theirs.
 *
 * @package    shophandlers_std_setuponecoursesession
 * @copyright  2026 shopsetup contributors
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

define('CLI_SCRIPT', true);

require(__DIR__ . '/../../../../../../../config.php');
require_once(__DIR__ . '/lib.php');

use shophandlers_std_setuponecoursesession\manual_enrolment;


$t = new shopsetup_it('cohort_role');
$roles = shopsetup_it::roles();
$cohortinstance = 4242;

/**
 * A course with a learner who holds its student role through cohort sync.
 *
 * @param shopsetup_it $t
 * @param string $x
 * @param int $itemid the cohort instance
 * @return array [course, learner]
 */
function cohort_role_course(shopsetup_it $t, string $x, int $itemid): array {
    $course = $t->course($x);
    $learner = $t->user("learner$x");
    role_assign(shopsetup_it::roles()['student'], $learner->id, context_course::instance($course->id)->id, 'enrol_cohort', $itemid);
    return [$course, $learner];
}

/**
 * The learner's student assignments in the course, as "component/itemid", sorted.
 *
 * @param stdClass $course
 * @param stdClass $learner
 * @return string[]
 */
function cohort_role_assignments(stdClass $course, stdClass $learner): array {
    global $DB;
    $rows = $DB->get_records('role_assignments', ['roleid' => shopsetup_it::roles()['student'], 'userid' => $learner->id,
        'contextid' => context_course::instance($course->id)->id]);
    $list = array_map(fn($ra) => "$ra->component/$ra->itemid", array_values($rows));
    sort($list);
    return $list;
}

// Moodle's own API: a manual enrolment with the student role.
[$apicourse, $apilearner] = cohort_role_course($t, 'A', $cohortinstance);
enrol_get_plugin('manual')->enrol_user(manual_enrolment::instance($apicourse->id), $apilearner->id, $roles['student']);
$api = cohort_role_assignments($apicourse, $apilearner);
$t->same(['/0', 'enrol_cohort/4242'], $api, "enrol_user() adds the manual role next to the cohort's");

// The handler, for the same situation.
[$course, $learner] = cohort_role_course($t, 'H', $cohortinstance);
$people = [$learner->email => $t->participant($learner->firstname, $learner->lastname, $learner->email)];
$billid = $t->order($t->product("coursename={$course->shortname}"), $t->user('operator'), ['student' => $people], 1);
$t->produce($billid);
$t->same($api, cohort_role_assignments($course, $learner), 'the handler writes what enrol_user() writes');
$t->produce_failure($billid);
$t->same($api, cohort_role_assignments($course, $learner), 'a re-run adds nothing');

// The cohort sync drops them: the paid participant keeps the student role.
foreach ([[$apicourse, $apilearner], [$course, $learner]] as [$c, $u]) {
    role_unassign_all(['userid' => $u->id, 'contextid' => context_course::instance($c->id)->id, 'component' => 'enrol_cohort',
        'itemid' => $cohortinstance]);
}
$t->check(
    user_has_role_assignment($learner->id, $roles['student'], context_course::instance($course->id)->id),
    'after the cohort sync drops its role, the paid participant is still a student'
);
$t->same(cohort_role_assignments($apicourse, $apilearner), cohort_role_assignments($course, $learner), 'as with Moodle\'s API');
$t->done();
