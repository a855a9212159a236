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
 * groups_create_group(): the group_created event and hook (its caches are the caches effect's).
 *
 * @package    shophandlers_std_setuponecoursesession
 * @copyright  2026 shopsetup contributors
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class group_created extends effect {
    /**
     * The event and the hook.
     *
     * @param \stdClass $row objectid: the group
     * @param bool $resumed
     * @param batch $batch
     */
    public function deliver(\stdClass $row, bool $resumed, batch $batch): void {
        $group = $batch->record('groups', $row->objectid);
        $context = \context_course::instance($group->courseid);
        if ($resumed && $batch->logged('\core\event\group_created', $row, ['objectid' => $group->id])) {
            return;
        }
        $event = \core\event\group_created::create(['context' => $context, 'objectid' => $group->id]);
        $event->add_record_snapshot('groups', $group);
        $event->trigger();
        \core\di::get(\core\hook\manager::class)->dispatch(new \core_group\hook\after_group_created(groupinstance: $group));
    }
}
