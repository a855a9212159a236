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
 * Shows the setup plan of an order and, without --dry-run, produces it.
 *
 * @package    shophandlers_std_setuponecoursesession
 * @copyright  2026 shopsetup contributors
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

use shophandlers_std_setuponecoursesession\result;
use shophandlers_std_setuponecoursesession\session_setup;
use shophandlers_std_setuponecoursesession\site_store;

define('CLI_SCRIPT', true);

require(__DIR__ . '/../../../../../../config.php');
require_once($CFG->libdir . '/clilib.php');

[$options, $unrecognised] = cli_get_params(['billid' => 0, 'dry-run' => false, 'help' => false], ['h' => 'help']);
if ($unrecognised) {
    cli_error(get_string('cliunknowoption', 'admin', implode("\n  ", $unrecognised)));
}
if ($options['help'] || !$options['billid']) {
    echo get_string('clihelp', 'shophandlers_std_setuponecoursesession'), "\n";
    exit($options['help'] ? 0 : 2);
}

$setups = session_setup::of_bill((int) $options['billid']);
if (!$setups) {
    cli_error(get_string('clinoitems', 'shophandlers_std_setuponecoursesession', (int) $options['billid']));
}

foreach ($setups as $billitemid => $setup) {
    $setup->resolve();
    cli_heading(get_string('cliline', 'shophandlers_std_setuponecoursesession', (object) ['id' => $billitemid,
        'course' => $setup->course->shortname, 'group' => $setup->facts['groupname']]));

    if ($options['dry-run']) {
        $plan = $setup->plan();
        $match = site_store::preview($plan);
        $roles = $DB->get_records_menu('role', null, '', 'id, shortname');
        foreach ($plan->people() as $person) {
            $a = (object) [
                'email' => $person['email'],
                'name' => $person['firstname'] . ' ' . $person['lastname'],
                'roles' => implode(', ', array_map(function ($id) use ($roles) {
                    return $roles[$id] ?? $id;
                }, $person['roleids'])),
                'account' => $person['status'] === 'created' ? $person['username'] : '#' . $person['userid'],
            ];
            echo get_string('cliperson' . $person['status'], 'shophandlers_std_setuponecoursesession', $a), "\n";
        }
        foreach ($match['ambiguous'] as $ambiguous) {
            echo result::ambiguous_warning($ambiguous, false), "\n";
        }
        echo get_string('cliseats', 'shophandlers_std_setuponecoursesession', (object) ['used' => $plan->seatsUsed(),
            'people' => count($plan->people())]), "\n";
        continue;
    }

    $result = $setup->produce();
    echo html_to_text($result->feedback()->salesadmin, 0, false), "\n";
}
