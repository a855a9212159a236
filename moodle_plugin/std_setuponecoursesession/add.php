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
 * Add people to the free seats of a course session: a form or a list, a preview from the
 * extension's plan, then the same setup as the purchase (in the background for large lists).
 *
 * @package    shophandlers_std_setuponecoursesession
 * @copyright  2026 shopsetup contributors
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

require(__DIR__ . '/../../../../../config.php');

use shophandlers_std_setuponecoursesession\form\add_participants;
use shophandlers_std_setuponecoursesession\seats\addition;
use shophandlers_std_setuponecoursesession\seats\sessions;
use shophandlers_std_setuponecoursesession\task\add_participants as add_task;

$id = required_param('id', PARAM_INT);
$c = 'shophandlers_std_setuponecoursesession';
$base = '/local/shop/datahandling/handlers/std_setuponecoursesession';
$url = new moodle_url("$base/add.php", ['id' => $id]);
$sessionurl = new moodle_url("$base/session.php", ['id' => $id]);
$PAGE->set_url($url);
$PAGE->set_context(context_system::instance());
require_login(null, false);
$line = sessions::require_line($id, sessions::MANAGE_ALL);
$addition = new addition($line);
$s = sessions::summary($line);

$title = get_string('addparticipants', $c);
sessions::page_below_session($s, $title);

// The confirmed list, posted back from the preview.
$confirmed = optional_param('confirmed', '', PARAM_RAW);
if ($confirmed !== '') {
    require_sesskey();
    $rows = json_decode($confirmed, true);
    if (!is_array($rows)) {
        throw new moodle_exception('errorlistempty', $c);
    }
    if (count($rows) > addition::BACKGROUND_ROWS) {
        $taskid = add_task::queue($id, $rows, (int) $USER->id);
        redirect(new moodle_url("$base/progress.php", ['id' => $id, 'task' => $taskid]));
    }
    try {
        [$preview, $result] = $addition->add($rows);
        redirect($sessionurl, addition::summary($preview, $result), null, \core\output\notification::NOTIFY_SUCCESS);
    } catch (moodle_exception $e) {
        $refusal = $e->getMessage();
    }
}

$form = new add_participants($url, ['id' => $id, 'buckets' => $addition->buckets()]);
if ($form->is_cancelled()) {
    redirect($sessionurl);
}
echo $OUTPUT->header();
echo $OUTPUT->heading($title);
echo html_writer::tag('p', get_string('addintro', $c, (object) ['free' => $s->free, 'bought' => $s->bought]));
if (!empty($refusal)) {
    echo $OUTPUT->notification(s($refusal), \core\output\notification::NOTIFY_ERROR);
}
$data = $form->get_data();
$people = $data ? $form->people($data) : null;
if ($people && $people['error'] !== null) {
    echo $OUTPUT->notification(s($people['error']), \core\output\notification::NOTIFY_ERROR);
} else if ($people) {
    echo $OUTPUT->render_from_template(
        'shophandlers_std_setuponecoursesession/add_preview',
        addition::preview_context($addition->preview($people['rows']), $people['rows'], $url)
    );
}
$form->display();
echo $OUTPUT->footer();
