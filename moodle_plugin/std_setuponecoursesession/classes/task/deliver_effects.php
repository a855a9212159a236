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

/**
 * Delivers what the request that produced an order line left in the outbox.
 *
 * Queued by the extension in the setup's own transaction (plan_facts()), so that a committed setup
 * always has a task that delivers it, and by the sweep (sweep_outbox) for older outboxes.
 * Custom data: billitemid. When an effect still throws, the task fails, so that Moodle runs it
 * again later (with its growing delay); the effects that could be delivered are delivered.
 *
 * @package    shophandlers_std_setuponecoursesession
 * @copyright  2026 shopsetup contributors
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class deliver_effects extends \core\task\adhoc_task {
    /**
     * The task of an order line.
     *
     * @param int $billitemid
     * @return self
     */
    public static function for_line(int $billitemid): self {
        $task = new self();
        $task->set_custom_data(['billitemid' => $billitemid]);
        $task->set_component('shophandlers_std_setuponecoursesession');
        return $task;
    }

    /**
     * The plan facts that make the extension queue this task in the setup's own transaction, with
     * the columns \core\task\manager::queue_adhoc_task() would write.
     *
     * @param int $billitemid
     * @return array
     */
    public static function plan_facts(int $billitemid): array {
        $record = \core\task\manager::record_from_adhoc_task(self::for_line($billitemid));
        return [
            'deliverytask' => $record->classname,
            'deliverycomponent' => $record->component,
            'deliverydata' => $record->customdata,
            'deliveryattempts' => (int) $record->attemptsavailable,
        ];
    }

    /**
     * Queues the delivery of an order line's effects, unless a task for it is already queued.
     *
     * @param int $billitemid
     * @return bool whether a task was queued
     */
    public static function queue(int $billitemid): bool {
        return (bool) \core\task\manager::queue_adhoc_task(self::for_line($billitemid), true);
    }

    /**
     * The order line's tasks that no cron process has started: once its outbox is empty, they have nothing to do.
     *
     * @param int $billitemid
     */
    public static function forget_idle(int $billitemid): void {
        global $DB;
        $record = \core\task\manager::record_from_adhoc_task(self::for_line($billitemid));
        $DB->delete_records_select(
            'task_adhoc',
            'classname = ? AND component = ? AND timestarted IS NULL AND ' .
                $DB->sql_compare_text('customdata', \core_text::strlen($record->customdata) + 1) . ' = ?',
            [$record->classname, $record->component, $record->customdata]
        );
    }

    /**
     * Delivers every pending effect of the order line.
     */
    public function execute() {
        $billitemid = (int) $this->get_custom_data()->billitemid;
        $before = outbox::pending($billitemid)['pending'];
        mtrace("Order line $billitemid: $before effects to deliver");
        $outbox = new outbox(function (string $step, int $delivered) use ($before) {
            if ($step === 'deleted') {
                mtrace("  $delivered of $before delivered");
            }
        });
        $counts = $outbox->deliver($billitemid);
        mtrace("  delivered {$counts['delivered']}, pending {$counts['pending']}, failed {$counts['failed']}");
        foreach ($outbox->notes() as $effect => $reason) {
            mtrace("  $effect: Moodle's own path, because of $reason");
        }
        if ($counts['pending'] > 0) {
            throw new \moodle_exception('erroreffectspending', 'shophandlers_std_setuponecoursesession', '', (object) $counts);
        }
    }
}
