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
use ShopSetup\Effect as kind;

/**
 * enrol_user() and update_user_enrol(): the event, the course contacts, and for a new enrolment
 * the hook that sends the course welcome message (welcome_message: its callbacks' work, the
 * course's part once per batch, where they are Moodle's own).
 *
 * @package    shophandlers_std_setuponecoursesession
 * @copyright  2026 shopsetup contributors
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class user_enrolment extends effect {
    /**
     * The user enrolment.
     *
     * @return string|null
     */
    public function record_table(): ?string {
        return 'user_enrolments';
    }

    /**
     * The event, the course contacts, the hook.
     *
     * @param \stdClass $row objectid: the user enrolment
     * @param bool $resumed
     * @param batch $batch
     */
    public function deliver(\stdClass $row, bool $resumed, batch $batch): void {
        $ue = $batch->record('user_enrolments', $row->objectid);
        $instance = $batch->record('enrol', $ue->enrolid);
        $courseid = (int) $instance->courseid;
        $created = $row->kind === kind::USER_ENROLMENT_CREATED;
        $eventclass = $created ? '\core\event\user_enrolment_created' : '\core\event\user_enrolment_updated';
        if (!$resumed || !$batch->logged($eventclass, $row, ['objectid' => $ue->id])) {
            $eventclass::create(['objectid' => $ue->id, 'courseid' => $courseid, 'context' => \context_course::instance($courseid),
                'relateduserid' => $ue->userid, 'other' => ['enrol' => $instance->enrol]])->trigger();
            core_course_category::user_enrolment_changed($courseid, $ue->userid, $ue->status, $ue->timestart, $ue->timeend);
        }
        if ($created && (!$resumed || !$batch->welcomed($row, $courseid))) {
            $batch->afterwards($row, fn() => $this->welcome($batch, $instance, $ue));
        }
    }

    /**
     * The course welcome message of a new enrolment, as the hook after_user_enrolled sends it.
     *
     * @param batch $batch
     * @param \stdClass $instance enrol record
     * @param \stdClass $ue user_enrolments record
     */
    protected function welcome(batch $batch, \stdClass $instance, \stdClass $ue): void {
        $unsafe = $batch->memo('welcome/unsafe', fn() => welcome_message::unsafe());
        if ($unsafe === null) {
            // The hook's callbacks are Moodle's own: what they do, with the course's part once.
            $welcome = welcome_message::of_instance($batch, $instance);
            if ($welcome) {
                $batch->memo('welcome/users', fn() => $batch->preload('user', array_column(
                    $batch->records_of('user_enrolments'),
                    'userid'
                )));
                $welcome->send($batch->record('user', (int) $ue->userid));
            }
            return;
        }
        $batch->notes['welcome'] = $unsafe;
        \core\di::get(\core\hook\manager::class)->dispatch(new \core_enrol\hook\after_user_enrolled(
            enrolinstance: $instance,
            userenrolmentinstance: $ue
        ));
    }
}
