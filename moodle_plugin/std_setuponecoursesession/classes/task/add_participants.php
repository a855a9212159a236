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

use core\output\stored_progress_bar;
use shophandlers_std_setuponecoursesession\seats\addition;
use shophandlers_std_setuponecoursesession\seats\sessions;

/**
 * Adds a large list of people to an order line's free seats in the background, as the user who
 * asked (the addition's own checks and lock apply), reporting its progress in a stored progress
 * bar that the progress page shows. Custom data: billitemid, rows. A refusal (invalid rows, too
 * few seats) ends the task with the reason on the bar; it is not retried.
 *
 * @package    shophandlers_std_setuponecoursesession
 * @copyright  2026 shopsetup contributors
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class add_participants extends \core\task\adhoc_task {
    /**
     * Queues the addition of $rows to an order line, run as $userid.
     *
     * @param int $billitemid
     * @param array $rows as addition::preview()
     * @param int $userid
     * @return int the task's id
     */
    public static function queue(int $billitemid, array $rows, int $userid): int {
        $task = new self();
        $task->set_custom_data(['billitemid' => $billitemid, 'rows' => $rows]);
        $task->set_component('shophandlers_std_setuponecoursesession');
        $task->set_userid($userid);
        $taskid = (int) \core\task\manager::queue_adhoc_task($task);
        // The bar exists from now on, so that the progress page can poll it until the task ends.
        $progress = new stored_progress_bar(self::progress_idnumber($billitemid, $taskid));
        $progress->auto_update(false);
        $progress->start();
        $progress->update_full(0, get_string('addprogressqueued', 'shophandlers_std_setuponecoursesession'));
        return $taskid;
    }

    /**
     * The name of the stored progress bar of a task: its order line is part of it, so that the
     * progress page of one order line never shows another's.
     *
     * @param int $billitemid
     * @param int $taskid
     * @return string
     */
    public static function progress_idnumber(int $billitemid, int $taskid): string {
        return stored_progress_bar::convert_to_idnumber(self::class, $taskid) . '_line' . $billitemid;
    }

    /**
     * The tasks of an order line that have not finished: id => number of rows.
     *
     * @param int $billitemid
     * @return int[]
     */
    public static function unfinished(int $billitemid): array {
        global $DB;
        $tasks = [];
        $records = $DB->get_records('task_adhoc', ['classname' => '\\' . self::class], 'id', 'id, customdata');
        foreach ($records as $record) {
            $data = json_decode((string) $record->customdata);
            if ((int) ($data->billitemid ?? 0) === $billitemid) {
                $tasks[(int) $record->id] = count((array) ($data->rows ?? []));
            }
        }
        return $tasks;
    }

    /**
     * Adds the rows, stage by stage on the progress bar.
     */
    public function execute() {
        global $OUTPUT, $PAGE;
        $data = $this->get_custom_data();
        $billitemid = (int) $data->billitemid;
        $rows = json_decode(json_encode($data->rows), true);
        // As stored_progress_task_trait does (MDL-80770): the bar renders for the CLI.
        $OUTPUT = $PAGE->get_renderer('core', null, 'cli');
        $idnumber = self::progress_idnumber($billitemid, (int) $this->get_id());
        $progress = stored_progress_bar::get_by_idnumber($idnumber);
        if (!$progress) {
            $progress = new stored_progress_bar($idnumber);
            $progress->start();
        }
        $progress->auto_update(false);
        $c = 'shophandlers_std_setuponecoursesession';
        $progress->update(0, 3, get_string('addprogresschecking', $c, count($rows)));
        try {
            $line = sessions::line($billitemid);
            if (!$line) {
                throw new \moodle_exception('errornoorderline', $c);
            }
            $addition = new addition($line);
            [$preview, $result] = $addition->add($rows, function (int $stage, string $message) use ($progress) {
                $progress->update($stage, 3, $message);
            });
        } catch (\moodle_exception $e) {
            $progress->error($e->getMessage());
            mtrace('shopsetup: addition refused: ' . $e->getMessage());
            return;
        } catch (\Throwable $e) {
            $progress->error(get_string('addprogressfailed', $c));
            throw $e;
        }
        $progress->update(3, 3, addition::summary($preview, $result));
    }
}
