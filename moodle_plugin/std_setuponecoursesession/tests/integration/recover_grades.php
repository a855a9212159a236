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
 * With $CFG->recovergradesdefault on, enrol_user() recovers a returning learner's grade history; the
 * handler does the same; with it off, nothing is recovered.
 *
 * @package    shophandlers_std_setuponecoursesession
 * @copyright  2026 shopsetup contributors
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

define('CLI_SCRIPT', true);

require(__DIR__ . '/../../../../../../../config.php');
require_once(__DIR__ . '/lib.php');

use shophandlers_std_setuponecoursesession\manual_enrolment;
require_once($CFG->libdir . '/gradelib.php');


$t = new shopsetup_it('recover_grades');

/**
 * A course where a learner was graded 75, then unenrolled: the grade is only in the history.
 *
 * @param shopsetup_it $t
 * @param string $suffix
 * @return array [course, learner, grade item]
 */
function graded_leaver(shopsetup_it $t, string $suffix): array {
    global $DB;
    $course = $t->course($suffix);
    $learner = $t->user("leaver$suffix");
    $instance = manual_enrolment::instance($course->id);
    $manual = enrol_get_plugin('manual');
    $manual->enrol_user($instance, $learner->id, shopsetup_it::roles()['student'], 0, 0, ENROL_USER_ACTIVE, false);
    $item = new grade_item(['courseid' => $course->id, 'itemtype' => 'manual', 'itemname' => "Lab $suffix", 'grademax' => 100]);
    $item->insert();
    $item->update_final_grade($learner->id, 75, 'test');
    $manual->unenrol_user($instance, $learner->id);
    $t->check(
        !$DB->record_exists('grade_grades', ['itemid' => $item->id, 'userid' => $learner->id]),
        "$suffix: the leaver's grade is gone from grade_grades"
    );
    $t->check(
        $DB->record_exists('grade_grades_history', ['itemid' => $item->id, 'userid' => $learner->id]),
        "$suffix: ... and kept in its history"
    );
    return [$course, $learner, $item];
}

$previous = $CFG->recovergradesdefault ?? 0;
try {
    foreach (['ON' => 1, 'OFF' => 0] as $suffix => $recover) {
        [$course, $learner, $item] = graded_leaver($t, $suffix);
        set_config('recovergradesdefault', $recover);
        $operator = $t->user("operator$suffix");
        $code = $t->product("coursename={$course->shortname}&supervisor=editingteacher");
        $billid = $t->order($code, $operator, ['student' => [$learner->email => $t->participant(
            $learner->firstname,
            $learner->lastname,
            $learner->email
        )]], 1);
        $t->produce($billid);
        $t->check(is_enrolled(context_course::instance($course->id), $learner->id), "$suffix: the learner is enrolled again");
        $grade = $DB->get_record('grade_grades', ['itemid' => $item->id, 'userid' => $learner->id]);
        if ($recover) {
            $t->same(75.0, $grade ? (float) $grade->finalgrade : null, 'recovergradesdefault on: the grade is recovered');
        } else {
            $t->check(!$grade, 'recovergradesdefault off: no grade is recovered');
        }
    }
} finally {
    set_config('recovergradesdefault', $previous);
}
$t->done();
