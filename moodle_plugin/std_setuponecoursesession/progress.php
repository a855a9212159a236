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

/**
 * The progress of a large addition running in the background (task\add_participants): Moodle's
 * stored progress bar, which polls until the task is done; the operator may leave and come back
 * from the session's page.
 *
 * @package    shophandlers_std_setuponecoursesession
 * @copyright  2026 shopsetup contributors
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

require(__DIR__ . '/../../../../../config.php');

use core\output\stored_progress_bar;
use shophandlers_std_setuponecoursesession\seats\sessions;
use shophandlers_std_setuponecoursesession\task\add_participants;

$id = required_param('id', PARAM_INT);
$taskid = required_param('task', PARAM_INT);
$c = 'shophandlers_std_setuponecoursesession';
$base = '/local/shop/datahandling/handlers/std_setuponecoursesession';
$url = new moodle_url("$base/progress.php", ['id' => $id, 'task' => $taskid]);
$sessionurl = new moodle_url("$base/session.php", ['id' => $id]);
$PAGE->set_url($url);
$PAGE->set_context(context_system::instance());
require_login(null, false);
$line = sessions::require_line($id, sessions::MANAGE_ALL);
$s = sessions::summary($line);
$bar = stored_progress_bar::get_by_idnumber(add_participants::progress_idnumber($id, $taskid));
if (!$bar) {
    throw new moodle_exception('erroraddtaskunknown', $c, $sessionurl);
}
$title = get_string('addprogress', $c);
sessions::page_below_session($s, $title);
echo $OUTPUT->header();
echo $OUTPUT->heading($title);
if ($bar->get_haserrored()) {
    echo $OUTPUT->notification(s($bar->get_message()), \core\output\notification::NOTIFY_ERROR, false);
} else if ($bar->get_percent() >= 100) {
    echo $OUTPUT->notification(s($bar->get_message()), \core\output\notification::NOTIFY_SUCCESS, false);
} else {
    // Moodle's stored progress bar polls the task's progress (core/stored_progress) until it ends.
    echo $bar->get_content();
}
echo html_writer::div(html_writer::link($sessionurl, get_string('backtosession', $c)), 'mt-3');
echo $OUTPUT->footer();
