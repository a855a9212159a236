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
 * My sessions: the course sessions a buyer (operator) bought, with their seats and the state of
 * their effects; with the capability viewallsessions, those of every customer, or of one.
 *
 * @package    shophandlers_std_setuponecoursesession
 * @copyright  2026 shopsetup contributors
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

require(__DIR__ . '/../../../../../config.php');

use shophandlers_std_setuponecoursesession\seats\sessions;

$userid = optional_param('userid', 0, PARAM_INT);
$all = optional_param('all', 0, PARAM_BOOL);
$page = optional_param('page', 0, PARAM_INT);
$perpage = 50;
$c = 'shophandlers_std_setuponecoursesession';
$url = new moodle_url(
    '/local/shop/datahandling/handlers/std_setuponecoursesession/sessions.php',
    array_filter(['userid' => $userid, 'all' => (int) $all])
);
$context = context_system::instance();
$PAGE->set_url($url);
$PAGE->set_context($context);
require_login(null, false);
if (isguestuser()) {
    redirect(get_login_url());
}
if ($all || ($userid && $userid != $USER->id)) {
    require_capability(sessions::VIEW_ALL, $context);
}
$owner = $all ? null : ($userid ?: (int) $USER->id);

$title = $owner === null || $owner == $USER->id ? get_string($all ? 'allsessions' : 'mysessions', $c)
    : get_string('sessionsof', $c, fullname(core_user::get_user($owner, '*', MUST_EXIST)));
$PAGE->set_pagelayout('report');
$PAGE->set_title($title);
$PAGE->set_heading($title);
echo $OUTPUT->header();

$total = sessions::count($owner);
$lines = sessions::lines($owner, $page * $perpage, $perpage);
if (!$lines) {
    echo $OUTPUT->notification(get_string('nosessions', $c), \core\output\notification::NOTIFY_INFO);
} else {
    $table = new html_table();
    $table->caption = $title;
    $table->captionhide = true;
    $table->attributes['class'] = 'generaltable shopsetup-sessions';
    $table->head = [get_string('order', $c), get_string('course'), get_string('group'), get_string('seatsbought', $c),
        get_string('seatsassigned', $c), get_string('seatsfree', $c), get_string('period', $c), get_string('effects', $c)];
    if ($owner === null) {
        array_unshift($table->head, get_string('customer', $c));
    }
    foreach ($lines as $line) {
        $s = sessions::summary($line);
        $link = html_writer::link(new moodle_url(
            '/local/shop/datahandling/handlers/std_setuponecoursesession/session.php',
            ['id' => $s->billitemid]
        ), s($s->transactionid));
        $format = get_string('strftimedatefullshort', 'langconfig');
        $period = $s->startdate === null ? '-' : userdate($s->startdate, $format) . ' - '
            . ($s->enddate === null ? get_string('noend', $c) : userdate($s->enddate, $format));
        $effects = $s->effects['pending'] === 0 ? get_string('effectsdelivered', $c)
            : get_string($s->effects['failed'] ? 'effectsfailed' : 'effectspending', $c, (object) $s->effects);
        $row = [$link, $s->course ? format_string($s->course->fullname) : '-', $s->group ? format_string($s->group->name) : '-',
            $s->bought, $s->assigned, $s->free, $period, $effects];
        if ($owner === null) {
            array_unshift($row, s(trim($line->firstname . ' ' . $line->lastname)));
        }
        $table->data[] = $row;
    }
    echo html_writer::div(html_writer::table($table), 'table-responsive');
    echo $OUTPUT->paging_bar($total, $page, $perpage, $url);
}
echo $OUTPUT->footer();
