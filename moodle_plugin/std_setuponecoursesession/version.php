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
 * Version details.
 *
 * @package    shophandlers_std_setuponecoursesession
 * @copyright  2026 shopsetup contributors
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

defined('MOODLE_INTERNAL') || die();

$plugin->component = 'shophandlers_std_setuponecoursesession';
$plugin->version = 2026120800;
// Moodle 4.4: \core\di, the hooks after_user_enrolled, after_group_created, after_group_membership_added and
// access\after_role_assigned. Built and tested on 4.5 only.
$plugin->requires = 2024042200;
$plugin->supported = [404, 405];
$plugin->maturity = MATURITY_BETA;
$plugin->release = '1.4.0';
$plugin->dependencies = ['local_shop' => 2025011400];
