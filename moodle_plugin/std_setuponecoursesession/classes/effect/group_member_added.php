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
 * groups_add_member(): the event per member, and the hook, which Moodle dispatches per member: here
 * once per group and batch with the batch's members.
 *
 * @package    shophandlers_std_setuponecoursesession
 * @copyright  2026 shopsetup contributors
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class group_member_added extends effect {
    /**
     * The event; the member waits for the hook.
     *
     * @param \stdClass $row objectid: the group, userid: the member
     * @param bool $resumed
     * @param batch $batch
     */
    public function deliver(\stdClass $row, bool $resumed, batch $batch): void {
        $group = $batch->record('groups', $row->objectid);
        $conditions = ['objectid' => $group->id, 'relateduserid' => $row->userid];
        if (!$resumed || !$batch->logged('\core\event\group_member_added', $row, $conditions)) {
            $event = \core\event\group_member_added::create(['context' => \context_course::instance($group->courseid),
                'objectid' => $group->id, 'relateduserid' => $row->userid, 'other' => ['component' => '', 'itemid' => 0]]);
            $event->add_record_snapshot('groups', $group);
            $event->trigger();
        }
        $batch->pending[self::class][$row->objectid][] = (int) $row->userid;
    }

    /**
     * The hook, once per group with the batch's members.
     *
     * @param batch $batch
     */
    public function finish(batch $batch): void {
        foreach ($batch->pending[self::class] ?? [] as $groupid => $userids) {
            \core\di::get(\core\hook\manager::class)->dispatch(new \core_group\hook\after_group_membership_added(
                groupinstance: $batch->record('groups', $groupid),
                userids: $userids
            ));
        }
    }
}
