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

namespace shophandlers_std_setuponecoursesession;

use stdClass;

/**
 * The course's manual enrolment instance, the one the handler enrols through (enrol_manual).
 *
 * @package    shophandlers_std_setuponecoursesession
 * @copyright  2026 shopsetup contributors
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class manual_enrolment {
    /**
     * The first enabled manual enrolment instance of a course.
     *
     * @param int $courseid
     * @return stdClass|null
     */
    public static function instance(int $courseid): ?stdClass {
        global $DB;
        $instances = $DB->get_records('enrol', ['enrol' => 'manual', 'courseid' => $courseid,
            'status' => ENROL_INSTANCE_ENABLED], 'sortorder ASC, id ASC', '*', 0, 1);
        return $instances ? reset($instances) : null;
    }
}
