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

use cache_helper;

/**
 * The caches of the setup's course and group, as groups_create_group(), enrol_user(),
 * role_assign() and groups_add_member() invalidate them; delivered first and whatever the budget,
 * and again after a crash, which does no harm. The users' access flags are written by the driver.
 *
 * @package    shophandlers_std_setuponecoursesession
 * @copyright  2026 shopsetup contributors
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class caches extends effect {
    /**
     * Delivered at once, so that a participant sees the course the moment production returns.
     *
     * @return bool
     */
    public function urgent(): bool {
        return true;
    }

    /**
     * Invalidates the caches.
     *
     * @param \stdClass $row objectid: the group
     * @param bool $resumed
     * @param batch $batch
     */
    public function deliver(\stdClass $row, bool $resumed, batch $batch): void {
        global $DB;
        $group = $DB->get_record('groups', ['id' => $row->objectid]);
        if (!$group) {
            return;
        }
        $courseid = (int) $group->courseid;
        cache_helper::invalidate_by_definition('core', 'groupdata', [], [$courseid]);
        \core_group\visibility::update_hiddengroups_cache($courseid);
        cache_helper::invalidate_by_definition('core', 'suspended_userids', [], [$courseid]);
        $members = $DB->get_fieldset_select('groups_members', 'userid', 'groupid = ?', [$group->id]);
        if ($members) {
            cache_helper::invalidate_by_definition('core', 'user_group_groupings', [], $members);
        }
        // What core_course_category::role_assignment_changed() and user_enrolment_changed() invalidate.
        cache_helper::purge_by_event('changesincategoryenrolment');
        \cache::make('core', 'coursecontacts')->delete($courseid);
    }
}
