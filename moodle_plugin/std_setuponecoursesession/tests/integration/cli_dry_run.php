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
 * cli/setup_session.php: --dry-run shows the plan and writes nothing; without it the order is
 * produced and the sales admin report printed; a second run has nothing new to do.
 *
 * @package    shophandlers_std_setuponecoursesession
 * @copyright  2026 shopsetup contributors
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

define('CLI_SCRIPT', true);

require(__DIR__ . '/../../../../../../../config.php');
require_once(__DIR__ . '/lib.php');

$t = new shopsetup_it('cli_dry_run');
$course = $t->course();
$context = context_course::instance($course->id);
$operator = $t->user('operator');
$known = $t->user('known');
$code = $t->product("coursename={$course->shortname}&supervisor=editingteacher&requiredroles=teacher");
$buckets = [
    'student' => $t->participants('fresh', 2) + [$known->email => $t->participant('Known', 'Person', $known->email)],
    'teacher' => [$t->email('coach') => $t->participant('Coach', 'Carter', $t->email('coach'))],
];
$billid = $t->order($code, $operator, $buckets, 4);
$script = $CFG->dirroot . '/local/shop/datahandling/handlers/std_setuponecoursesession/cli/setup_session.php';

/**
 * Runs the CLI script in its own process.
 *
 * @param string $script
 * @param string $args
 * @return array [exit status, output lines without PHP deprecation notices]
 */
function run_cli(string $script, string $args): array {
    exec(shopsetup_it::php_command() . ' ' . escapeshellarg($script) . " $args 2>&1", $lines, $status);
    // What the CLI wrote, read as a later request reads it.
    shopsetup_it::wait_for_replica();
    $lines = array_values(array_filter($lines, function ($line) {
        return trim($line) !== '' && !preg_match('/^(PHP )?Deprecated:/', $line);
    }));
    return [$status, $lines];
}

$before = shopsetup_it::counts();
[$status, $lines] = run_cli($script, "--billid=$billid --dry-run");
$t->same(0, $status, '--dry-run exits with 0');
$t->same($before, shopsetup_it::counts(), '--dry-run writes nothing');
$expected = [
    $t->email('fresh1') => ['create', 'student'],
    $t->email('fresh2') => ['create', 'student'],
    $known->email => ['match', 'student'],
    $t->email('coach') => ['create', 'teacher'],
];
foreach ($expected as $email => [$action, $role]) {
    $found = array_values(array_filter($lines, function ($line) use ($email) {
        return strpos($line, "<$email>") !== false;
    }));
    $t->same(1, count($found), "--dry-run prints one line for $email");
    $line = $found[0] ?? '';
    $t->check(strpos($line, $action) === 0, "... saying $action");
    $t->check(preg_match("/roles: $role$/", $line) === 1, "... with the role $role");
}
$t->check(in_array("#$known->id", preg_split('/\s+/', implode(' ', $lines))), 'the matched account is named by its id');
$t->check((bool) preg_grep('/^4 participants, 4 seats\.$/', $lines), 'the seats are counted');
if ($t->failures) {
    echo preg_replace('/^/m', '    ', implode("\n", $lines)), "\n";
}

[$status, $lines] = run_cli($script, "--billid=$billid");
$t->same(0, $status, 'producing exits with 0');
$report = implode("\n", $lines);
$t->check(strpos($report, '3 accounts created, 1 existing accounts used') !== false, 'the sales admin report is printed');
$t->check(is_enrolled($context, shopsetup_it::account($t->email('coach'))->id), 'the order is produced');
$t->check(is_enrolled($context, $known->id), 'the existing account is enrolled');

$before = shopsetup_it::counts();
[$status, $lines] = run_cli($script, "--billid=$billid");
$report = implode("\n", $lines);
$t->same(0, $status, 'a second run exits with 0');
$t->check(strpos($report, '0 accounts created, 4 existing accounts used; 0 enrolled, 5 already enrolled, 0 enrolment periods ' .
    'extended; 0 role assignments, 0 group memberships, 0 products recorded') !== false, 'a second run reports nothing new');
$t->same($before, shopsetup_it::counts(), 'and writes nothing');
if ($t->failures) {
    echo preg_replace('/^/m', '    ', $report), "\n";
}
[$status] = run_cli($script, '--billid=0');
$t->same(2, $status, 'without --billid the help is shown and the status is 2');
$t->done();
