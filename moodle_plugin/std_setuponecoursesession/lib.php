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
 * Moodle callbacks of the handler.
 *
 * @package    shophandlers_std_setuponecoursesession
 * @copyright  2026 shopsetup contributors
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

/**
 * The link to "My course sessions" on the buyer's own profile, when they bought one, and to every
 * customer's sessions for the sales admins.
 *
 * @param \core_user\output\myprofile\tree $tree
 * @param stdClass $user the profile's user
 * @param bool $iscurrentuser
 * @param stdClass|null $course
 */
function shophandlers_std_setuponecoursesession_myprofile_navigation(
    \core_user\output\myprofile\tree $tree,
    $user,
    $iscurrentuser,
    $course
) {
    global $DB;
    if (!$iscurrentuser || isguestuser($user)) {
        return;
    }
    $c = 'shophandlers_std_setuponecoursesession';
    $base = '/local/shop/datahandling/handlers/std_setuponecoursesession/sessions.php';
    // Every view of one's own profile asks: the customer table first (small), the order lines only for a buyer.
    if (
        $DB->record_exists('local_shop_customer', ['hasaccount' => $user->id])
        && \shophandlers_std_setuponecoursesession\seats\sessions::lines((int) $user->id)
    ) {
        $tree->add_node(new \core_user\output\myprofile\node(
            'miscellaneous',
            'shopsetupsessions',
            get_string('mysessions', $c),
            null,
            new moodle_url($base)
        ));
    }
    if (has_capability(\shophandlers_std_setuponecoursesession\seats\sessions::VIEW_ALL, context_system::instance())) {
        $tree->add_node(new \core_user\output\myprofile\node(
            'miscellaneous',
            'shopsetupallsessions',
            get_string('allsessions', $c),
            null,
            new moodle_url($base, ['all' => 1])
        ));
    }
}
