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
 * The outbox in the request and after it: the default budget delivers a small order entirely; an
 * effect that throws is kept with its error, does not stop the others, shows in the CLI's list and
 * in the sales admin's feedback, and is delivered once by the ad-hoc task when it no longer throws.
 *
 * @package    shophandlers_std_setuponecoursesession
 * @copyright  2026 shopsetup contributors
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

define('CLI_SCRIPT', true);

require(__DIR__ . '/../../../../../../../config.php');
require_once(__DIR__ . '/lib.php');

use shophandlers_std_setuponecoursesession\outbox;
use shophandlers_std_setuponecoursesession\session_setup;
use shophandlers_std_setuponecoursesession\task\deliver_effects;

$t = new shopsetup_it('outbox_failure_and_budget');
$t->drain = false;
$c = session_setup::COMPONENT;

// A small order with the default budget: everything is delivered in the request, no task is queued.
$course = $t->course('small');
$code = $t->product("coursename={$course->shortname}&endtime=+30D");
$billid = $t->order($code, $t->user('operatorsmall'), ['student' => $t->participants('small', 3)], 3);
$mark = shopsetup_it::log_mark();
$feedback = $t->produce($billid);
$billitemid = (int) $t->billitem($billid)->id;
$t->same(0, outbox::pending($billitemid)['pending'], 'a small order is delivered entirely in the request');
$t->same(3, shopsetup_it::events('\core\event\user_created', $mark), 'its events are in the log');
$t->check(!$DB->record_exists_select(
    'task_adhoc',
    'classname = ? AND customdata = ?',
    ['\\' . deliver_effects::class, json_encode(['billitemid' => $billitemid])]
), 'no task is queued for it');

// An effect that throws: one role assignment's row points at nothing for a while.
$course = $t->course('fail');
$code = $t->product("coursename={$course->shortname}&endtime=+30D");
$billid = $t->order($code, $t->user('operatorfail'), ['student' => $t->participants('fail', 5)], 5);
set_config(outbox::BUDGET_SETTING, 0, $c);
$mark = shopsetup_it::log_mark();
$feedback = $t->produce($billid);
unset_config(outbox::BUDGET_SETTING, $c);
$billitemid = (int) $t->billitem($billid)->id;
$pending = outbox::pending($billitemid)['pending'];
$t->check($pending > 10, "with a budget of 0 the effects wait for the task ($pending)");
$t->check(strpos($feedback->salesadmin, "$pending left to the scheduled task") !== false, 'the sales admin sees what is pending');
$t->check(
    strpos($feedback->public, get_string('feedbackeffectspending', $c, $pending)) !== false,
    'the buyer is told that notifications follow'
);
$t->check($DB->record_exists_select(
    'task_adhoc',
    'classname = ? AND customdata = ?',
    ['\\' . deliver_effects::class, json_encode(['billitemid' => $billitemid])]
), 'the ad-hoc task is queued');

$broken = $DB->get_record_select(outbox::TABLE, "billitemid = ? AND kind = 'role_assigned'", [$billitemid], '*', IGNORE_MULTIPLE);
$DB->set_field(outbox::TABLE, 'objectid', -$broken->objectid, ['id' => $broken->id]);
$task = new deliver_effects();
$task->set_custom_data(['billitemid' => $billitemid]);
$CFG->mtrace_wrapper = 'outbox_failure_trace';
$trace = '';

/**
 * Keeps what the task says with mtrace().
 *
 * @param string $line
 * @param string $eol
 */
function outbox_failure_trace(string $line, string $eol): void {
    global $trace;
    $trace .= $line . $eol;
}

try {
    $task->execute();
    $threw = null;
} catch (moodle_exception $e) {
    $threw = $e;
}
$t->check($threw !== null, 'the task fails while an effect throws, so that Moodle runs it again');
$summary = 'delivered ' . ($pending - 1) . ', pending 1, failed 1';
$t->check(strpos($trace, $summary) !== false, 'it says so with mtrace: ' . trim($trace));
$t->same(['pending' => 1, 'failed' => 1], outbox::pending($billitemid), 'the other effects were delivered');
$row = $DB->get_record(outbox::TABLE, ['id' => $broken->id]);
$t->check(strpos((string) $row->lasterror, 'dml_missing_record_exception') === 0, 'the row keeps its error: ' . $row->lasterror);
exec(shopsetup_it::php_command() . ' ' . escapeshellarg(__DIR__ . '/../../cli/deliver_effects.php') . ' --list', $list, $status);
$t->check((bool) preg_grep('/^Order line ' . $billitemid . ': 1 effects to deliver, 1 failed\.$/', $list), 'the CLI lists it');

$ra = $DB->get_record('role_assignments', ['id' => $broken->objectid]);
$DB->set_field(outbox::TABLE, 'objectid', $broken->objectid, ['id' => $broken->id]);
$task->execute();
$t->same(['pending' => 0, 'failed' => 0], outbox::pending($billitemid), 'the task delivers it once it no longer throws');
shopsetup_it::flush_logs();
$t->same(1, shopsetup_it::events(
    '\core\event\role_assigned',
    $mark,
    ['objectid' => $ra->roleid, 'contextid' => $ra->contextid, 'relateduserid' => $ra->userid]
), 'its event is logged once');
$members = shopsetup_it::events('\core\event\group_member_added', $mark);
$t->same(6, $members, 'every other effect was delivered once (5 members and the operator)');

// A row of a kind this release does not know (an outbox written by another release): it fails on its
// own, with its error; the other rows are delivered.
$unknown = $DB->insert_record(outbox::TABLE, ['billitemid' => $billitemid, 'kind' => 'no_such_kind', 'objectid' => 1,
    'userid' => 0, 'attempts' => 0, 'timecreated' => time()]);
$DB->insert_record(outbox::TABLE, ['billitemid' => $billitemid, 'kind' => \ShopSetup\Effect::CACHES,
    'objectid' => $t->group($course->id, $billid)->id, 'userid' => 0, 'attempts' => 0, 'timecreated' => time()]);
$counts = (new outbox())->deliver($billitemid);
$t->same(['delivered' => 1, 'pending' => 1, 'failed' => 1], $counts, 'an unknown kind fails alone, the rest is delivered');
$t->check(
    strpos((string) $DB->get_field(outbox::TABLE, 'lasterror', ['id' => $unknown]), 'Unknown effect no_such_kind') !== false,
    'its row says why'
);
$t->done();
