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
 * user_create_user(): the user_created event.
 *
 * @package    shophandlers_std_setuponecoursesession
 * @copyright  2026 shopsetup contributors
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class user_created extends effect {
    /**
     * The user.
     *
     * @return string|null
     */
    public function record_table(): ?string {
        return 'user';
    }

    /**
     * The event.
     *
     * @param \stdClass $row objectid: the user
     * @param bool $resumed
     * @param batch $batch
     */
    public function deliver(\stdClass $row, bool $resumed, batch $batch): void {
        if ($resumed && $batch->logged('\core\event\user_created', $row, ['objectid' => $row->objectid])) {
            return;
        }
        $event = \core\event\user_created::create_from_userid((int) $row->objectid);
        $event->add_record_snapshot('user', $batch->record('user', $row->objectid));
        $event->trigger();
    }
}
