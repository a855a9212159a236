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
 * Lists the effects still to deliver, or delivers those of an order line (or of every line).
 *
 * @package    shophandlers_std_setuponecoursesession
 * @copyright  2026 shopsetup contributors
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

use shophandlers_std_setuponecoursesession\outbox;
use shophandlers_std_setuponecoursesession\read_replica;

define('CLI_SCRIPT', true);

require(__DIR__ . '/../../../../../../config.php');
require_once($CFG->libdir . '/clilib.php');

[$options, $unrecognised] = cli_get_params(
    ['billitemid' => 0, 'all' => false, 'list' => false, 'help' => false],
    ['h' => 'help']
);
if ($unrecognised) {
    cli_error(get_string('cliunknowoption', 'admin', implode("\n  ", $unrecognised)));
}
if ($options['help'] || (!$options['billitemid'] && !$options['all'] && !$options['list'])) {
    echo get_string('clideliverhelp', 'shophandlers_std_setuponecoursesession'), "\n";
    exit($options['help'] ? 0 : 2);
}

// On the primary: a replica may not have the latest setups yet.
$lines = read_replica::on_primary(fn() => $DB->get_records_sql('SELECT billitemid, COUNT(1) AS pending, COUNT(lasterror) AS failed,
    MAX(lasterror) AS lasterror FROM {' . outbox::TABLE . '} GROUP BY billitemid ORDER BY billitemid'));
if ($options['list']) {
    foreach ($lines as $line) {
        echo get_string('clipending', 'shophandlers_std_setuponecoursesession', $line), "\n";
        if ($line->lasterror !== null) {
            echo '  ', $line->lasterror, "\n";
        }
    }
    exit(0);
}
$billitemids = $options['all'] ? array_keys($lines) : [(int) $options['billitemid']];
$failed = 0;
foreach ($billitemids as $billitemid) {
    $outbox = new outbox();
    $counts = $outbox->deliver((int) $billitemid);
    $a = (object) (['billitemid' => $billitemid] + $counts);
    echo get_string('clidelivered', 'shophandlers_std_setuponecoursesession', $a), "\n";
    foreach ($outbox->notes() as $effect => $reason) {
        echo get_string('clideliverynote', 'shophandlers_std_setuponecoursesession', (object) ['effect' => $effect,
            'reason' => $reason]), "\n";
    }
    $failed += $counts['pending'];
}
exit($failed ? 1 : 0);
