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

namespace shophandlers_std_setuponecoursesession\task;

use shophandlers_std_setuponecoursesession\outbox;
use shophandlers_std_setuponecoursesession\read_replica;

/**
 * Queues a delivery task for every order line whose outbox rows are older than a few minutes and
 * that no queued task covers: outboxes of installs older than the task queued in the setup's own
 * transaction, or whose task row was deleted. Cron runs the queued tasks right after this one.
 *
 * @package    shophandlers_std_setuponecoursesession
 * @copyright  2026 shopsetup contributors
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class sweep_outbox extends \core\task\scheduled_task {
    /** Seconds after which an outbox row is the sweep's: the request and its task have had their chance. */
    const AGE = 300;

    /**
     * The task's name, for the admin pages.
     *
     * @return string
     */
    public function get_name() {
        return get_string('tasksweepoutbox', 'shophandlers_std_setuponecoursesession');
    }

    /**
     * Queues the missing delivery tasks.
     */
    public function execute() {
        global $DB;
        // On the primary: a replica behind would hide a task just queued, or show one just run.
        read_replica::on_primary(function () use ($DB) {
            $lines = $DB->get_fieldset_sql(
                'SELECT DISTINCT billitemid FROM {' . outbox::TABLE . '} WHERE timecreated < ? ORDER BY billitemid',
                [time() - self::AGE]
            );
            foreach ($lines as $billitemid) {
                if (deliver_effects::queue((int) $billitemid)) {
                    mtrace("Order line $billitemid: effects left without a task, delivery queued");
                }
            }
        });
    }
}
