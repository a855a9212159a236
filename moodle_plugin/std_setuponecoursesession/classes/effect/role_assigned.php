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

use core_course_category;

/**
 * role_assign(): in the producing process, the users' access data marked dirty (mark_user_dirty()'s
 * in-process part; its cache_flags rows are the driver's); from the outbox, the category caches once
 * per role and context, the event and the hook.
 *
 * @package    shophandlers_std_setuponecoursesession
 * @copyright  2026 shopsetup contributors
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class role_assigned extends effect {
    /**
     * What role_assign() does in the process that assigns: the access data of the users whose
     * roles changed is reloaded on their next check.
     *
     * @param int[] $userids the run report's dirty_users
     */
    public static function in_process(array $userids): void {
        global $ACCESSLIB_PRIVATE;
        foreach ($userids as $userid) {
            $ACCESSLIB_PRIVATE->dirtyusers[$userid] = 1;
            unset($ACCESSLIB_PRIVATE->accessdatabyuser[$userid]);
        }
    }

    /**
     * The role assignment.
     *
     * @return string|null
     */
    public function record_table(): ?string {
        return 'role_assignments';
    }

    /**
     * The category caches, the event and the hook.
     *
     * @param \stdClass $row objectid: the role assignment
     * @param bool $resumed
     * @param batch $batch
     */
    public function deliver(\stdClass $row, bool $resumed, batch $batch): void {
        $ra = $batch->record('role_assignments', $row->objectid);
        $context = \context::instance_by_id($ra->contextid);
        $key = $context->contextlevel == CONTEXT_USER ? "user/$ra->roleid" : "$context->id/$ra->roleid";
        if ($batch->first("categories/$key")) {
            core_course_category::role_assignment_changed($ra->roleid, $context);
        }
        $conditions = ['objectid' => $ra->roleid, 'contextid' => $ra->contextid, 'relateduserid' => $ra->userid];
        if ($resumed && $batch->logged('\core\event\role_assigned', $row, $conditions)) {
            return;
        }
        $event = \core\event\role_assigned::create(['context' => $context, 'objectid' => $ra->roleid,
            'relateduserid' => $ra->userid, 'other' => ['id' => (int) $ra->id, 'component' => $ra->component,
            'itemid' => (int) $ra->itemid]]);
        $event->add_record_snapshot('role_assignments', $ra);
        $event->trigger();
        \core\di::get(\core\hook\manager::class)->dispatch(new \core\hook\access\after_role_assigned(
            context: $context,
            userid: $ra->userid
        ));
    }
}
