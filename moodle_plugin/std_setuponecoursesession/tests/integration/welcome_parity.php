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
 * The course welcome message delivered by the outbox's fast path (effect\welcome_message) against
 * Moodle's own enrol_user() path, on two courses alike: the notifications rows, the popup rows and
 * the notification_sent events, field by field; and Moodle's own path where a third-party callback
 * listens to the hook.
 *
 * @package    shophandlers_std_setuponecoursesession
 * @copyright  2026 shopsetup contributors
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

define('CLI_SCRIPT', true);

require(__DIR__ . '/../../../../../../../config.php');
require_once(__DIR__ . '/lib.php');

use shophandlers_std_setuponecoursesession\effect\welcome_message;
use shophandlers_std_setuponecoursesession\manual_enrolment;
use shophandlers_std_setuponecoursesession\outbox;

$t = new shopsetup_it('welcome_parity');
$t->same(null, welcome_message::unsafe(), 'this site is one the fast path covers (Moodle 4.5, its own callbacks and processors)');

$roles = shopsetup_it::roles();
$teacher = $t->user('contact');
$text = 'Hello {$a->firstname} {$a->lastname} ({$a->email}), welcome to <b>{$a->coursename}</b> as {$a->courserole}: ' .
    '{$a->profileurl}';
$courses = [];
foreach (['api', 'handler'] as $side) {
    $course = create_course((object) ['fullname' => "Welcome & parity $t->tag", 'shortname' => "$t->tag-$side", 'category' => 1]);
    $instance = manual_enrolment::instance($course->id);
    $DB->update_record('enrol', (object) ['id' => $instance->id, 'customint1' => ENROL_SEND_EMAIL_FROM_COURSE_CONTACT,
        'customtext1' => $text]);
    enrol_get_plugin('manual')->enrol_user(
        $DB->get_record('enrol', ['id' => $instance->id]),
        $teacher->id,
        $roles['editingteacher']
    );
    $courses[$side] = $course;
}
$people = [];
foreach (['ann', 'bob', 'cyd'] as $name) {
    $people[] = $t->user($name, ['firstname' => ucfirst($name) . ' <i>', 'lastname' => "Ö'$t->tag"]);
}
$operator = $t->user('operator');
$marks = ['notifications' => (int) $DB->get_field_sql('SELECT MAX(id) FROM {notifications}'),
    'log' => (int) $DB->get_field_sql('SELECT MAX(id) FROM {logstore_standard_log}')];

// Moodle's own path.
$sink = new shopsetup_it_mail_sink();
$instance = manual_enrolment::instance($courses['api']->id);
foreach ($people as $user) {
    enrol_get_plugin('manual')->enrol_user($instance, $user->id, $roles['student']);
}
// The handler's, with the operator not enrolled (supervisor role only in the user contexts).
$learners = [];
foreach ($people as $user) {
    $learners[$user->email] = $t->participant($user->firstname, $user->lastname, $user->email);
}
$code = $t->product("coursename={$courses['handler']->shortname}&autoenrolsupervisor=0");
$apimail = $sink->messages();
$t->produce($t->order($code, $operator, ['student' => $learners], 3));
$handlermail = array_slice($sink->messages(), count($apimail));
shopsetup_it::flush_logs();

/**
 * The welcome notifications of a course since the mark, by recipient, with the course's id replaced.
 *
 * @param stdClass $course
 * @param array $users
 * @param array $marks
 * @return array
 */
function welcome_parity_rows(stdClass $course, array $users, array $marks): array {
    global $DB;
    $rows = [];
    foreach ($users as $user) {
        $records = $DB->get_records_select('notifications', 'id > ? AND useridto = ? AND eventtype = ? AND ' .
            $DB->sql_like('contexturl', '?'), [$marks['notifications'], $user->id, 'enrolcoursewelcomemessage',
            "%course=$course->id"]);
        foreach ($records as $record) {
            $popup = $DB->count_records('message_popup_notifications', ['notificationid' => $record->id]);
            $events = $DB->get_records_select(
                'logstore_standard_log',
                'id > ? AND objectid = ? AND objecttable = ?',
                [$marks['log'], $record->id, 'notifications'],
                'id',
                'eventname, userid, relateduserid, contextid, other, crud'
            );
            $events = array_map(function ($e) use ($course) {
                $e->other = str_replace('"' . $course->id . '"', '"COURSE"', str_replace(":$course->id", ':COURSE', $e->other));
                return (array) $e;
            }, array_values($events));
            unset($record->id, $record->timecreated);
            $record->contexturl = str_replace("course=$course->id", 'course=COURSE', $record->contexturl);
            $record->fullmessage = str_replace("course=$course->id", 'course=COURSE', $record->fullmessage);
            $record->fullmessagehtml = str_replace("course=$course->id", 'course=COURSE', $record->fullmessagehtml);
            $record->fullmessage = str_replace($course->shortname, 'SHORTNAME', $record->fullmessage);
            $rows[$user->id][] = ['notification' => (array) $record, 'popup' => $popup, 'events' => $events];
        }
    }
    return $rows;
}
/**
 * The emails of a course's welcome, by recipient, as comparable text: the date, message id and MIME
 * boundary left out, the bodies decoded, the course's id and short name replaced.
 *
 * @param array $messages from shopsetup_it_mail_sink::messages()
 * @param stdClass $course
 * @return array
 */
function welcome_parity_mail(array $messages, stdClass $course): array {
    $mail = [];
    foreach ($messages as $message) {
        $headers = array_diff_key($message['headers'], ['date' => 1, 'message-id' => 1]);
        $boundary = preg_match('/boundary="([^"]+)"/', $headers['content-type'] ?? '', $m) ? $m[1] : null;
        $text = json_encode($headers) . "\n" . quoted_printable_decode($message['body']);
        if ($boundary !== null) {
            $text = str_replace($boundary, 'BOUNDARY', $text);
        }
        $text = str_replace(
            [$course->shortname, "course=$course->id", "id=$course->id"],
            ['SHORTNAME', 'course=COURSE', 'id=COURSE'],
            $text
        );
        $mail[$headers['to'] ?? ''][] = $text;
    }
    ksort($mail);
    return $mail;
}
$api = welcome_parity_rows($courses['api'], $people, $marks);
$handler = welcome_parity_rows($courses['handler'], $people, $marks);
$t->same(3, count($api), 'Moodle\'s path: one welcome per participant');
$t->same($api, $handler, 'the handler\'s welcome notifications, popup rows and events are Moodle\'s, field by field');
$t->same(3, count(welcome_parity_mail($apimail, $courses['api'])), 'Moodle\'s path: one email per participant, captured');
$t->same(
    welcome_parity_mail($apimail, $courses['api']),
    welcome_parity_mail($handlermail, $courses['handler']),
    'the handler\'s welcome emails are Moodle\'s: headers and bodies'
);
$first = reset($handler)[0] ?? null;
$t->check($first && $first['notification']['useridfrom'] == $teacher->id, 'sent by the course contact');
$t->check($first && strpos($first['notification']['fullmessagehtml'], '<b>') !== false, 'the HTML text through format_text');
$t->check(
    $first && count($first['events']) === 1 && $first['events'][0]['eventname'] === '\\core\\event\\notification_sent',
    'one notification_sent event'
);
// A site where the hook's callbacks do more than the fast path accounts for (here the communication
// subsystem enabled: its listener acts): the hook is dispatched for each participant, as Moodle does,
// and the delivery report says why.
set_config('enablecommunicationsubsystem', 1);
$t->same('the communication subsystem is enabled', welcome_message::unsafe(), 'the fast path is unsafe there');
$course = create_course((object) ['fullname' => "Welcome & parity $t->tag", 'shortname' => "$t->tag-fallback", 'category' => 1]);
$instance = manual_enrolment::instance($course->id);
$DB->update_record('enrol', (object) ['id' => $instance->id, 'customint1' => ENROL_SEND_EMAIL_FROM_COURSE_CONTACT,
    'customtext1' => $text]);
enrol_get_plugin('manual')->enrol_user($DB->get_record('enrol', ['id' => $instance->id]), $teacher->id, $roles['editingteacher']);
set_config(outbox::BUDGET_SETTING, 0, 'shophandlers_std_setuponecoursesession');
$t->drain = false;
$code = $t->product("coursename={$course->shortname}&autoenrolsupervisor=0");
$billid = $t->order($code, $operator, ['student' => $learners], 3);
$t->produce($billid);
$mark = count($sink->messages());
$outbox = new outbox();
$outbox->deliver((int) $t->billitem($billid)->id);
$fallbackmail = array_slice($sink->messages(), $mark);
$sink->stop();
shopsetup_it::flush_logs();
$t->same(
    'the communication subsystem is enabled',
    $outbox->notes()['welcome'] ?? null,
    'the delivery report says why Moodle\'s path was taken'
);
$t->same($api, welcome_parity_rows($course, $people, $marks), 'Moodle\'s path through the hook: the same messages');
$t->same(
    welcome_parity_mail($apimail, $courses['api']),
    welcome_parity_mail($fallbackmail, $course),
    'Moodle\'s path through the hook: the same emails'
);
unset_config(outbox::BUDGET_SETTING, 'shophandlers_std_setuponecoursesession');
set_config('enablecommunicationsubsystem', 0);
$t->done();
