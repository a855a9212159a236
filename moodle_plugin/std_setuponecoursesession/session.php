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
 * A course session: the seats of one order line and who holds them, for its buyer (operator) or a
 * holder of the capability viewallsessions.
 *
 * @package    shophandlers_std_setuponecoursesession
 * @copyright  2026 shopsetup contributors
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

require(__DIR__ . '/../../../../../config.php');

use shophandlers_std_setuponecoursesession\seats\participants_table;
use shophandlers_std_setuponecoursesession\seats\sessions;
use shophandlers_std_setuponecoursesession\task\add_participants;

$id = required_param('id', PARAM_INT);
$c = 'shophandlers_std_setuponecoursesession';
$url = new moodle_url('/local/shop/datahandling/handlers/std_setuponecoursesession/session.php', ['id' => $id]);
$PAGE->set_url($url);
$PAGE->set_context(context_system::instance());
require_login(null, false);
$line = sessions::require_line($id, sessions::VIEW_ALL);
$s = sessions::summary($line);

$PAGE->set_pagelayout('report');
$PAGE->set_title(get_string('session', $c, s($s->transactionid)));
$PAGE->set_heading(get_string('session', $c, s($s->transactionid)));
$sessionsurl = new moodle_url('/local/shop/datahandling/handlers/std_setuponecoursesession/sessions.php');
$PAGE->navbar->add(get_string('mysessions', $c), $sessionsurl);
echo $OUTPUT->header();
$facts = [
    get_string('course') => $s->course ? format_string($s->course->fullname) : '-',
    get_string('group') => $s->group ? format_string($s->group->name) : '-',
    get_string('seatsbought', $c) => $s->bought,
    get_string('seatsassigned', $c) => $s->assigned,
    get_string('seatsfree', $c) => $s->free,
];
$list = '';
foreach ($facts as $label => $value) {
    $list .= html_writer::tag('dt', $label, ['class' => 'col-sm-3']) . html_writer::tag('dd', $value, ['class' => 'col-sm-9']);
}
echo html_writer::tag('dl', $list, ['class' => 'row shopsetup-session-facts']);
if (sessions::can_manage($line, (int) $USER->id)) {
    $base = '/local/shop/datahandling/handlers/std_setuponecoursesession';
    foreach (add_participants::unfinished($id) as $taskid => $count) {
        $progress = html_writer::link(
            new moodle_url("$base/progress.php", ['id' => $id, 'task' => $taskid]),
            get_string('addrunning', $c, $count)
        );
        echo $OUTPUT->notification($progress, \core\output\notification::NOTIFY_INFO, false);
    }
    if ($s->free > 0) {
        echo $OUTPUT->single_button(
            new moodle_url("$base/add.php", ['id' => $id]),
            get_string('addparticipants', $c),
            'get',
            ['type' => single_button::BUTTON_PRIMARY]
        );
    }
}

$table = new participants_table($line, (int) ($s->course->id ?? 0), $url, sessions::can_manage($line, (int) $USER->id));
$table->out(50, true);
echo $OUTPUT->footer();
