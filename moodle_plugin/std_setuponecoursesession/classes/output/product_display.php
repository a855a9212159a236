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

namespace shophandlers_std_setuponecoursesession\output;

use moodle_exception;
use stdClass;
use shophandlers_std_setuponecoursesession\order_line;

/**
 * How the shop shows a product of this handler: the catalog thumbnail and the product's details.
 *
 * @package    shophandlers_std_setuponecoursesession
 * @copyright  2026 shopsetup contributors
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class product_display {
    /**
     * The catalog thumbnail: the first course overview image narrower than 800 px of the course
     * named by coursename, courseidnumber or courseid. Sales admins see a notice when it is missing.
     *
     * @param \local_shop\CatalogItem $catalogitem
     * @return string|null
     */
    public static function thumbnail_url($catalogitem): ?string {
        global $DB, $OUTPUT;

        try {
            $raw = order_line::raw_params($catalogitem, null, $catalogitem->handlerparams ?? null);
            $params = order_line::decode_params($raw);
        } catch (moodle_exception $e) {
            return null;
        }
        $course = false;
        foreach (['coursename' => 'shortname', 'courseidnumber' => 'idnumber', 'courseid' => 'id'] as $key => $field) {
            if (!empty($params[$key])) {
                $course = $DB->get_record('course', [$field => $params[$key]], '*', IGNORE_MULTIPLE);
                break;
            }
        }
        if (!$course) {
            if (!empty($params) && has_capability('local/shop:salesadmin', \context_system::instance())) {
                echo $OUTPUT->notification(get_string('potentialhandlererror', 'local_shop', s($catalogitem->code)), 'error');
            }
            return null;
        }
        foreach ((new \core_course_list_element($course))->get_course_overviewfiles() as $file) {
            if ($file->is_valid_image() && $file->get_imageinfo()['width'] < 800) {
                return \moodle_url::make_pluginfile_url(
                    $file->get_contextid(),
                    $file->get_component(),
                    $file->get_filearea(),
                    null,
                    $file->get_filepath(),
                    $file->get_filename()
                )->out();
            }
        }
        return null;
    }

    /**
     * HTML for block_shop_products: course, participant and the participant's real role.
     *
     * @param array|stdClass $pinfo decoded production data of the product
     * @return string
     */
    public static function infos_html($pinfo): string {
        global $DB;

        $pinfo = (array) $pinfo;
        $row = function (string $key, string $value): string {
            $label = get_string($key, 'shophandlers_std_setuponecoursesession');
            return \html_writer::div(\html_writer::div($label, 'cs-product-key') .
                \html_writer::div($value, 'cs-product-value'));
        };
        $html = $row('coursename', s(urldecode($pinfo['coursename'] ?? '')));
        $userid = (int) ($pinfo['userid'] ?? 0);
        if ($userid && ($user = $DB->get_record('user', ['id' => $userid]))) {
            $link = \html_writer::link(new \moodle_url('/user/view.php', ['id' => $userid,
                'course' => (int) ($pinfo['courseid'] ?? SITEID)]), fullname($user));
            $html .= $row('beneficiary', $link);
        }
        $roleid = (int) ($pinfo['roleid'] ?? 0);
        $role = $roleid ? $DB->get_record('role', ['id' => $roleid]) : false;
        if ($role) {
            $html .= $row('role', s(role_get_name($role)));
        } else if (!empty($pinfo['supervisor'])) {
            // Products of the original handler recorded only the supervisor role of the order.
            $html .= $row('role', get_string('roleunknown', 'shophandlers_std_setuponecoursesession'));
        }
        return $html;
    }
}
