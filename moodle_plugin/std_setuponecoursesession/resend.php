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
 * Re-sends access to a participant of a session (seats\access), then back to the session.
 *
 * @package    shophandlers_std_setuponecoursesession
 * @copyright  2026 shopsetup contributors
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

require(__DIR__ . '/../../../../../config.php');

use shophandlers_std_setuponecoursesession\seats\access;
use shophandlers_std_setuponecoursesession\seats\sessions;

$id = required_param('id', PARAM_INT);
$userid = required_param('userid', PARAM_INT);
$c = 'shophandlers_std_setuponecoursesession';
$sessionurl = new moodle_url('/local/shop/datahandling/handlers/std_setuponecoursesession/session.php', ['id' => $id]);
$PAGE->set_url(new moodle_url(
    '/local/shop/datahandling/handlers/std_setuponecoursesession/resend.php',
    ['id' => $id, 'userid' => $userid]
));
$PAGE->set_context(context_system::instance());
require_login(null, false);
$line = sessions::require_line($id, sessions::MANAGE_ALL);
require_sesskey();
try {
    access::resend($line, $userid, (int) $USER->id);
    redirect(
        $sessionurl,
        get_string('accessresent', $c, fullname(core_user::get_user($userid))),
        null,
        \core\output\notification::NOTIFY_SUCCESS
    );
} catch (moodle_exception $e) {
    redirect($sessionurl, $e->getMessage(), null, \core\output\notification::NOTIFY_ERROR);
}
