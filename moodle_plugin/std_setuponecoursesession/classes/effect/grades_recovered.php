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

namespace shophandlers_std_setuponecoursesession\effect;

/**
 * enrol_user() with $CFG->recovergradesdefault: grade_recover_history_grades() of the enrolment.
 *
 * @package    shophandlers_std_setuponecoursesession
 * @copyright  2026 shopsetup contributors
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class grades_recovered extends effect {
    /**
     * Recovers the user's grade history in the course.
     *
     * @param \stdClass $row objectid: the course, userid: the user
     * @param bool $resumed
     * @param batch $batch
     */
    public function deliver(\stdClass $row, bool $resumed, batch $batch): void {
        global $CFG;
        require_once($CFG->libdir . '/gradelib.php');
        grade_recover_history_grades((int) $row->userid, (int) $row->objectid);
    }
}
