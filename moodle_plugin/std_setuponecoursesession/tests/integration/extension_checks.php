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
 * The site says when the extension is missing or too old and what to run: environment checks, the admin
 * notifications page, production itself.
 *
 * @package    shophandlers_std_setuponecoursesession
 * @copyright  2026 shopsetup contributors
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

define('CLI_SCRIPT', true);

require(__DIR__ . '/../../../../../../../config.php');
require_once(__DIR__ . '/lib.php');
require_once($CFG->libdir . '/environmentlib.php');

use shophandlers_std_setuponecoursesession\extension;
use shophandlers_std_setuponecoursesession\hook_callbacks;
use shophandlers_std_setuponecoursesession\session_setup;

$t = new shopsetup_it('extension_checks');
$c = session_setup::COMPONENT;

$t->same(null, extension::problem(), 'the loaded extension (' . phpversion('shopsetup') . ') is recent enough');
$t->same('shopsetuprequired', extension::problem(false), 'not loaded: required');
$t->same('shopsetuptooold', extension::problem('0.1.0'), 'version 0.1.0: too old');
$t->same(null, extension::problem(extension::MIN_VERSION), 'the minimum version is enough');
$message = extension::message('shopsetuptooold', '0.1.0');
$t->check(strpos($message, '0.1.0') !== false && strpos($message, extension::MIN_VERSION) !== false &&
    strpos($message, 'README') !== false, 'the message names both versions and where to look');

// Moodle's environment check (admin/environment.php, and before an upgrade) runs the checks of environment.xml.
[$status, $results] = check_moodle_environment(normalize_version($CFG->release), ENV_SELECT_RELEASE);
$ours = array_values(array_filter($results, fn($r) => ($r->plugin ?? '') === $c));
$parts = array_map(fn($r) => $r->getPart(), $ours);
$t->same(['php_extension', 'custom_check', 'custom_check'], $parts, 'environment.xml: the extension, its version, its store');
$t->same([true, true, true], array_map(fn($r) => $r->getStatus(), $ours), 'all pass with this build on this database');
$store = shophandlers_std_setuponecoursesession_check_native_store(new environment_results('custom_check'));
$t->same(
    get_string('nativestores', $c, class_exists(\ShopSetup\PgsqlConnection::class) ? 'MySQL/MariaDB, PostgreSQL' : 'MySQL/MariaDB'),
    $store ? $store->getInfo() : null,
    'the store check names the native stores of the extension'
);
$t->same(
    \shophandlers_std_setuponecoursesession\site_store::native_class() !== null,
    $store && $store->getStatus(),
    'it passes when this database (' . $DB->get_dbfamily() . ') has one'
);
$custom = shophandlers_std_setuponecoursesession_check_extension_version(new environment_results('custom_check'));
$t->check($custom !== null && $custom->getStatus(), 'the version check passes');

// The admin notifications page: nothing to say while the extension is fine.
\core\session\manager::set_user(get_admin());
$PAGE->set_url('/admin/index.php');
$PAGE->set_pagetype('admin-index');
$hook = new \core\hook\output\before_standard_top_of_body_html_generation($PAGE->get_renderer('core'));
\core\di::get(\core\hook\manager::class)->dispatch($hook);
$t->check(strpos($hook->get_output(), get_string('shopsetuprequired', $c)) === false, 'admin-index: no warning when fine');
$t->check(strpos($hook->get_output(), get_string('nativestoremissing', $c)) === false, 'admin-index: nor about the native store');
$cases = [['postgres', false], ['postgres', true], ['mysql', false]];
$warnings = array_map(fn($case) => hook_callbacks::store_warning(...$case), $cases);
$t->same([get_string('nativestoremissing', $c), null, null], $warnings, 'admin-index warns a PostgreSQL site without libpq');
$t->check(array_key_exists(
    'shophandlers_std_setuponecoursesession\hook_callbacks::admin_notifications',
    array_flip(array_map(
        fn($cb) => is_array($cb['callback']) ? implode('::', $cb['callback']) : $cb['callback'],
        \core\di::get(\core\hook\manager::class)->get_callbacks_for_hook(
            \core\hook\output\before_standard_top_of_body_html_generation::class
        )
    ))
), 'admin-index: the notification callback is registered');
$t->done();
