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

namespace shophandlers_std_setuponecoursesession;

use core\hook\output\before_standard_top_of_body_html_generation;

/**
 * Hook callbacks of the plugin.
 *
 * @package    shophandlers_std_setuponecoursesession
 * @copyright  2026 shopsetup contributors
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class hook_callbacks {
    /**
     * On the admin notifications page, tells site admins when the extension is missing or too old, and what to do.
     *
     * @param before_standard_top_of_body_html_generation $hook
     */
    public static function admin_notifications(before_standard_top_of_body_html_generation $hook): void {
        global $OUTPUT, $PAGE;
        if ($PAGE->pagetype !== 'admin-index' || !is_siteadmin()) {
            return;
        }
        $problem = extension::problem();
        if ($problem !== null) {
            $hook->add_html($OUTPUT->notification(extension::message($problem), \core\output\notification::NOTIFY_ERROR));
        }
    }
}
