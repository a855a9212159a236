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
 * The environment check of the extension's version (environment.xml, CUSTOM_CHECK).
 *
 * @package    shophandlers_std_setuponecoursesession
 * @copyright  2026 shopsetup contributors
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

/**
 * Fails when the loaded shopsetup extension is older than this plugin needs; says nothing when it is
 * not loaded (the PHP_EXTENSION check of environment.xml reports that).
 *
 * @param environment_results $result
 * @return environment_results|null
 */
function shophandlers_std_setuponecoursesession_check_extension_version(environment_results $result): ?environment_results {
    $problem = \shophandlers_std_setuponecoursesession\extension::problem();
    if ($problem === 'shopsetuprequired') {
        return null;
    }
    $required = \shophandlers_std_setuponecoursesession\extension::MIN_VERSION;
    $result->setInfo('shopsetup ' . phpversion('shopsetup') . " (>= $required)");
    $result->setStatus($problem === null);
    return $result;
}

/**
 * Says which native stores the loaded extension has and whether this site's database gets one; a
 * PostgreSQL site whose extension was built without libpq is warned that its setups take the
 * slower $DB store. Says nothing when the extension is not loaded.
 *
 * @param environment_results $result
 * @return environment_results|null
 */
function shophandlers_std_setuponecoursesession_check_native_store(environment_results $result): ?environment_results {
    if (phpversion('shopsetup') === false) {
        return null;
    }
    $stores = ['MySQL/MariaDB'];
    if (class_exists(\ShopSetup\PgsqlConnection::class)) {
        $stores[] = 'PostgreSQL';
    }
    $result->setInfo(get_string('nativestores', 'shophandlers_std_setuponecoursesession', implode(', ', $stores)));
    $result->setStatus(\shophandlers_std_setuponecoursesession\site_store::native_class() !== null);
    return $result;
}
