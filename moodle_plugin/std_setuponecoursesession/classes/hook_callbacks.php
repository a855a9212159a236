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
     * On the admin notifications page, tells site admins when the extension is missing or too old, or
     * has no native store for the site's database, and what to do.
     *
     * @param before_standard_top_of_body_html_generation $hook
     */
    public static function admin_notifications(before_standard_top_of_body_html_generation $hook): void {
        global $OUTPUT, $PAGE;
        if ($PAGE->pagetype !== 'admin-index' || !is_siteadmin()) {
            return;
        }
        global $DB;
        $problem = extension::problem();
        if ($problem !== null) {
            $hook->add_html($OUTPUT->notification(extension::message($problem), \core\output\notification::NOTIFY_ERROR));
            return;
        }
        $warning = self::store_warning($DB->get_dbfamily(), class_exists(\ShopSetup\PgsqlConnection::class));
        if ($warning !== null) {
            $hook->add_html($OUTPUT->notification($warning, \core\output\notification::NOTIFY_WARNING));
        }
    }

    /**
     * What the admin notifications page says about the native store: a PostgreSQL site whose
     * extension was built without libpq sets sessions up through the slower $DB store.
     *
     * @param string $dbfamily the site's database family
     * @param bool $pgsqlbuilt whether the extension has its PostgreSQL store
     * @return string|null
     */
    public static function store_warning(string $dbfamily, bool $pgsqlbuilt): ?string {
        return $dbfamily === 'postgres' && !$pgsqlbuilt
            ? get_string('nativestoremissing', 'shophandlers_std_setuponecoursesession') : null;
    }

    /**
     * On local_shop's pages of one bill (the buyer's invoice step, the sales admin's bill), links
     * to the session page of each order line of this handler that the user may see.
     *
     * @param before_standard_top_of_body_html_generation $hook
     */
    public static function shop_bill_links(before_standard_top_of_body_html_generation $hook): void {
        global $OUTPUT, $PAGE, $USER;
        if (!$PAGE->has_set_url() || !isloggedin() || isguestuser()) {
            return;
        }
        // Every page comes here: the path first, the request's parameters only on local_shop's two pages.
        $path = $PAGE->url->get_path();
        if (str_ends_with($path, '/local/shop/bills/view.php') && optional_param('view', '', PARAM_ALPHA) === 'viewBill') {
            $lines = seats\sessions::of_bill(optional_param('billid', 0, PARAM_INT));
        } else if (str_ends_with($path, '/local/shop/front/view.php') && optional_param('view', '', PARAM_ALPHA) === 'invoice') {
            $lines = seats\sessions::of_bill(0, optional_param('transid', '', PARAM_RAW_TRIMMED));
        } else {
            return;
        }
        $links = [];
        foreach ($lines as $line) {
            if (seats\sessions::can_view($line, (int) $USER->id)) {
                $url = new \moodle_url(
                    '/local/shop/datahandling/handlers/std_setuponecoursesession/session.php',
                    ['id' => $line->billitemid]
                );
                $text = get_string('sessionlink', 'shophandlers_std_setuponecoursesession', format_string($line->productname));
                $links[] = \html_writer::link($url, $text);
            }
        }
        if ($links) {
            $hook->add_html($OUTPUT->notification(implode('<br>', $links), \core\output\notification::NOTIFY_INFO, false));
        }
    }
}
