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

use moodle_exception;

/**
 * The roles a setup gives, by the handler's configuration, and their ids.
 *
 * @package    shophandlers_std_setuponecoursesession
 * @copyright  2026 shopsetup contributors
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class roles {
    /**
     * The role a bucket gives: learners are students, tutors get tutorrole, supervisors the
     * supervisor role; any other bucket names a role by its shortname.
     *
     * @param array $config handler_config()'s answer
     * @param string $bucket
     * @return string role shortname
     */
    public static function of_bucket(array $config, string $bucket): string {
        switch ($bucket) {
            case 'student':
                return 'student';
            case 'teacher':
                return $config['tutorrole'];
            case '_supervisor':
                return $config['supervisor'];
            default:
                return $bucket;
        }
    }

    /**
     * A role id by shortname, or a clear exception.
     *
     * @param string $shortname
     * @return int
     */
    public static function id(string $shortname): int {
        global $DB;
        $id = $DB->get_field('role', 'id', ['shortname' => $shortname]);
        if (!$id) {
            throw new moodle_exception('errorrole', 'shophandlers_std_setuponecoursesession', '', s($shortname));
        }
        return (int) $id;
    }
}
