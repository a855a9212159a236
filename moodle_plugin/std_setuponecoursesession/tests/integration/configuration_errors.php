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
 * Every configuration or roster error stops production before anything is written, so local_shop
 * leaves the bill SOLDOUT; local_shop's "test products" page reports the product-level ones.
 *
 * @package    shophandlers_std_setuponecoursesession
 * @copyright  2026 shopsetup contributors
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

define('CLI_SCRIPT', true);

require(__DIR__ . '/../../../../../../../config.php');
require_once(__DIR__ . '/lib.php');

use shophandlers_std_setuponecoursesession\session_setup;
use shophandlers_std_setuponecoursesession\site_store;

/**
 * From here on every PHP warning and notice shows (local_shop's order placement warns on its own:
 * shop_get_transid() adds a string to a number, so orders are placed before this is called).
 */
function debug_all(): void {
    global $CFG;
    $CFG->debug = E_ALL;
    $CFG->debugdisplay = 1;
    error_reporting(E_ALL);
    ini_set('display_errors', '1');
}

$t = new shopsetup_it('configuration_errors');
$c = session_setup::COMPONENT;
$course = $t->course();
$closed = $t->course('closed');
$DB->set_field('enrol', 'status', ENROL_INSTANCE_DISABLED, ['courseid' => $closed->id, 'enrol' => 'manual']);
$operator = $t->user('operator');
$people = $t->participants('learner', 3);
$two = array_slice($people, 0, 2, true);
$unknown = "NO$t->tag";
$base = "coursename={$course->shortname}&supervisor=teacher";

// Handler parameters that are wrong, with what the message must say.
$cases = [
    'missing coursename' => ['supervisor=teacher', [], get_string('errornotarget', $c)],
    'unknown course' => ["coursename=$unknown&supervisor=teacher", [], get_string('errorcoursenotexists', $c, $unknown)],
    'course without an enabled manual instance' => ["coursename={$closed->shortname}&supervisor=teacher", [],
        get_string('errorcoursenotenrollable', $c, $closed->shortname)],
    'unknown supervisor role' => ["coursename={$course->shortname}&supervisor=nosuchrole$t->tag", [],
        get_string('errorrole', $c, "nosuchrole$t->tag")],
    'endtime +30X' => ["$base&endtime=+30X", [], 'endtime'],
    'endtime tomorrow' => ["$base&endtime=tomorrow", [], 'endtime'],
    'endtime before the start' => ["$base&starttime=2000000000&endtime=1900000000", [], 'not after the start'],
    'negative duration' => ["$base&duration=-5", ['renewable' => 1], 'duration'],
];
$codes = $bills = [];
foreach ($cases as $name => [$params, $fields, $expected]) {
    $codes[$name] = $t->product($params, $fields);
    $bills[$name] = $t->order($codes[$name], $operator, ['student' => $two], 2);
}

// Roster errors: too many participants, participants that cannot get an account.
$code = $t->product($base);
$nofirst = $t->email('nofirst');
$bademail = "no.at.sign." . strtolower($t->tag);
$rosters = [
    'three participants on two seats' => [['student' => $people], 2, 'needs 3 seats (one per participant and role) but 2'],
    'a participant without a firstname' => [
        ['student' => $two, 'teacher' => [$nofirst => $t->participant('', 'Nofirst', $nofirst)]], 3,
        get_string('errorrosterline', $c, (object) ['bucket' => 'teacher', 'email' => $nofirst, 'field' => 'firstname',
        'reason' => 'is required'])],
    'a bad email' => [['student' => $two + [$bademail => $t->participant('Bad', 'Email', $bademail)]], 3,
        get_string('errorrosterline', $c, (object) ['bucket' => 'student', 'email' => $bademail, 'field' => 'email',
        'reason' => 'is not a valid email address'])],
];
foreach ($rosters as $name => [$buckets, $quantity, $expected]) {
    $bills[$name] = $t->order($code, $operator, $buckets, $quantity);
}

debug_all();
foreach ($cases as $name => [$params, $fields, $expected]) {
    $billid = $bills[$name];
    $before = shopsetup_it::counts();
    ob_start();
    $error = $t->produce_failure($billid);
    $output = ob_get_clean();
    $t->check($error instanceof moodle_exception, "$name: production throws");
    $message = $error ? $error->getMessage() : '';
    $t->check(strpos($message, $expected) !== false, "$name: the message says \"$expected\"");
    if (strpos($message, $expected) === false) {
        echo "    message: $message\n";
    }
    $t->same(SHOP_BILL_SOLDOUT, $DB->get_field('local_shop_bill', 'status', ['id' => $billid]), "$name: the bill stays SOLDOUT");
    $t->same($before, shopsetup_it::counts(), "$name: nothing is written");
    $t->check(!preg_match('/^(PHP )?(Warning|Notice):/m', $output), "$name: no PHP warning");
}

foreach ($rosters as $name => [$buckets, $quantity, $expected]) {
    $billid = $bills[$name];
    $before = shopsetup_it::counts();
    ob_start();
    $error = $t->produce_failure($billid);
    $output = ob_get_clean();
    $message = $error ? $error->getMessage() : '';
    $t->check($error instanceof moodle_exception && strpos($message, $expected) !== false, "$name: production throws: $expected");
    if (strpos($message, $expected) === false) {
        echo "    message: $message\n";
    }
    $t->same(SHOP_BILL_SOLDOUT, $DB->get_field('local_shop_bill', 'status', ['id' => $billid]), "$name: the bill stays SOLDOUT");
    $t->same($before, shopsetup_it::counts(), "$name: nothing is written");
    $t->check(!preg_match('/^(PHP )?(Warning|Notice):/m', $output), "$name: no PHP warning");
}

// The "test products" page, as local_shop's produce_unittests() runs it.
$good = $t->product("$base&customersupport={$course->shortname}");
$nosupervisor = $t->product("coursename={$course->shortname}");
$shop = new \local_shop\Shop(1);
// As local_shop's unittests controller: the catalogue set on the shop, the products listed (ours
// have no category, so get_all_products_for_admin() would not list them: they are given by code).
$shop->thecatalogue = new \local_shop\Catalog($shop->catalogid);
$selected = array_merge(array_values($codes), [$good, $nosupervisor]);
$products = array_map(function ($code) {
    return (object) ['code' => $code];
}, $selected);
$errors = $warnings = $messages = [];
ob_start();
produce_unittests($shop, $products, $selected, $errors, $warnings, $messages);
$output = ob_get_clean();
$t->check(!preg_match('/Warning|Notice/', $output), 'unit_test(): no PHP warning or notice');
$t->check(strpos($output, '++ ') === false, 'unit_test(): no debugging message');
// The shop's own classes create dynamic properties (PHP 8.2 deprecations): shown elsewhere, not here.
$shown = preg_grep('/^\s*$|Deprecated: Creation of dynamic property local_shop/', explode("\n", $output), PREG_GREP_INVERT);
if ($shown) {
    echo preg_replace('/^/m', '    ', implode("\n", $shown)), "\n";
}
foreach ($cases as $name => [$params, $fields, $expected]) {
    $found = array_filter($errors[$codes[$name]] ?? [], function ($error) use ($expected) {
        return strpos($error, $expected) !== false;
    });
    $t->check((bool) $found, "unit_test(): $name is an error saying \"$expected\"");
    if (!$found) {
        echo '    errors: ' . json_encode($errors[$codes[$name]] ?? []) . "\n";
    }
    $t->check(
        in_array(get_string('usinghandler', 'local_shop', 'std_setuponecoursesession'), $messages[$codes[$name]] ?? []),
        "unit_test(): $name: the handler is named"
    );
}
$t->same([], $errors[$good] ?? [], 'unit_test(): a good product has no error');
$t->same([], $warnings[$good] ?? [], 'unit_test(): nor a warning');
$warning = get_string('warningconfiguration', $c, 'supervisor is not set: the operator gets the role "teacher"');
$t->check(in_array($warning, $warnings[$nosupervisor] ?? []), 'unit_test(): a missing supervisor is a warning');
$t->same([], $errors[$nosupervisor] ?? [], 'unit_test(): and not an error');

// The admin setting store chooses the store; a bad value stops production with a clear error.
$stores = ['auto' => true, 'native' => true, 'dml' => false];
foreach ($stores as $store => $native) {
    shopsetup_it::use_store($store);
    $t->same($native, site_store::native(), "store=$store on MariaDB: " . ($native ? 'the native store' : 'the dml store'));
}
shopsetup_it::use_store(null);
$t->same(true, site_store::native(), 'store unset: auto, the native store');
shopsetup_it::use_store('fast');
try {
    $course = $t->course('store');
    $code = $t->product("coursename={$course->shortname}&supervisor=editingteacher");
    $failure = $t->produce_failure($t->order($code, $t->user('opstore'), ['student' => [$t->email('s1') =>
        $t->participant('Sam', 'Store', $t->email('s1'))]], 1));
    $t->same(
        'errorstoresetting',
        $failure instanceof moodle_exception ? $failure->errorcode : null,
        'store=fast: production stops with a clear error'
    );
    $t->check(!shopsetup_it::account($t->email('s1')), 'store=fast: nothing was written');
} finally {
    shopsetup_it::use_store(null);
}
$t->done();
