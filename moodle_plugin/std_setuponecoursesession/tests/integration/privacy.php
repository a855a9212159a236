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
 * The privacy provider: metadata, contexts and users of a participant's seats, export with Moodle's
 * real content writer, deletion (the user id is removed from the seats' production data).
 *
 * @package    shophandlers_std_setuponecoursesession
 * @copyright  2026 shopsetup contributors
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

define('CLI_SCRIPT', true);

require(__DIR__ . '/../../../../../../../config.php');
require_once(__DIR__ . '/lib.php');

use core_privacy\local\metadata\collection;
use core_privacy\local\request\approved_contextlist;
use core_privacy\local\request\approved_userlist;
use core_privacy\local\request\userlist;
use core_privacy\local\request\writer;
use shophandlers_std_setuponecoursesession\privacy\provider;

$t = new shopsetup_it('privacy');
$component = 'shophandlers_std_setuponecoursesession';
$course = $t->course();
$operator = $t->user('operator');
$code = $t->product("coursename={$course->shortname}&supervisor=editingteacher&requiredroles=teacher");
$email = $t->email('pia');
$buckets = [
    'student' => [$email => $t->participant('Pia', 'Private', $email)] + $t->participants('other', 1),
    'teacher' => [$email => $t->participant('Pia', 'Private', $email)],
];
$billid = $t->order($code, $operator, $buckets, 3);
$t->produce($billid);
$pia = shopsetup_it::account($email);
$other = shopsetup_it::account($t->email('other1'));
$piacontext = context_user::instance($pia->id);
$billitem = $t->billitem($billid);

$manager = new \core_privacy\manager();
$t->check($manager->component_is_compliant($component), 'Moodle\'s privacy manager finds the component compliant');
$metadata = provider::get_metadata(new collection($component));
$tables = [];
foreach ($metadata->get_collection() as $item) {
    $tables[$item->get_name()] = array_keys($item->get_privacy_fields() ?? []);
}
$t->check(
    isset($tables['local_shop_product']) && in_array('productiondata', $tables['local_shop_product']),
    'the metadata names local_shop_product.productiondata'
);
$t->check(isset($tables['shopsetup_access_resent'], $tables['shopsetup_access_resends']), 'and the preferences of re-sent access');
foreach ($metadata->get_collection() as $item) {
    foreach (array_merge([$item->get_summary()], array_values($item->get_privacy_fields() ?? [])) as $identifier) {
        $t->check(get_string_manager()->string_exists($identifier, $component), "the metadata string $identifier exists");
    }
}

$contexts = provider::get_contexts_for_userid($pia->id);
$t->same(
    [(int) $piacontext->id],
    array_map('intval', $contexts->get_contextids()),
    'a participant\'s data is in their user context'
);
$t->same([], provider::get_contexts_for_userid($operator->id)->get_contextids(), 'the operator holds no seat');
$userlist = new userlist($piacontext, $component);
provider::get_users_in_context($userlist);
$t->same([(int) $pia->id], array_map('intval', $userlist->get_userids()), 'the users of the context: the participant');

// Export with Moodle's own content writer, then read the archive it makes.
writer::reset();
provider::export_user_data(new approved_contextlist($pia, $component, [$piacontext->id]));
$zipfile = writer::with_context($piacontext)->finalise_content();
$zip = new ZipArchive();
$t->same(true, $zip->open($zipfile), 'the export is a zip archive');
$exported = null;
for ($i = 0; $i < $zip->numFiles; $i++) {
    $name = $zip->getNameIndex($i);
    if (strpos($name, get_string('pluginname', $component)) !== false && substr($name, -9) === 'data.json') {
        $exported = json_decode($zip->getFromIndex($i));
    }
}
$zip->close();
$t->check($exported !== null, 'the export holds the seats under the handler\'s name');
$seats = $exported->seats ?? [];
$t->same(2, count($seats), 'both of the participant\'s seats are exported');
$references = $DB->get_fieldset_select('local_shop_product', 'reference', 'initialbillitemid = ? AND ' .
    $DB->sql_like('productiondata', '?'), [$billitem->id, "%&userid=$pia->id&%"]);
$exportedrefs = array_map(function ($seat) {
    return $seat->reference;
}, $seats);
sort($references);
sort($exportedrefs);
$t->same($references, $exportedrefs, 'with their references');

// The preferences of re-sent access are exported with the user's preferences.
set_user_preference(\shophandlers_std_setuponecoursesession\seats\access::SENT_PREFERENCE, time(), $pia);
writer::reset();
provider::export_user_preferences((int) $pia->id);
$zipfile = writer::with_context(context_system::instance())->finalise_content();
$zip = new ZipArchive();
$preferences = '';
if ($zip->open($zipfile) === true) {
    for ($i = 0; $i < $zip->numFiles; $i++) {
        if (substr($zip->getNameIndex($i), -strlen("$component.json")) === "$component.json") {
            $preferences .= $zip->getFromIndex($i);
        }
    }
    $zip->close();
}
$t->check(strpos($preferences, 'shopsetup_access_resent') !== false, 'the export holds when access was re-sent');

// Deletion: the seats stay for the shop's accounts, without the participant's user id.
provider::delete_data_for_user(new approved_contextlist($pia, $component, [$piacontext->id]));
$t->same(
    0,
    $DB->count_records_select('local_shop_product', $DB->sql_like('productiondata', '?'), ["%&userid=$pia->id&%"]),
    'no seat names the participant any more'
);
$t->same(3, $DB->count_records('local_shop_product', ['initialbillitemid' => $billitem->id]), 'the seats stay');
$t->same(2, $DB->count_records_select(
    'local_shop_product',
    'initialbillitemid = ? AND ' . $DB->sql_like('productiondata', '?'),
    [$billitem->id, '%&userid=0&%']
), 'her two seats now read userid=0');
$t->same([], provider::get_contexts_for_userid($pia->id)->get_contextids(), 'nothing is found for her any more');
$t->same([(int) context_user::instance($other->id)->id], array_map(
    'intval',
    provider::get_contexts_for_userid($other->id)->get_contextids()
), 'the other participant is untouched');

// Deletion for a user list and for a whole context.
$othercontext = context_user::instance($other->id);
provider::delete_data_for_users(new approved_userlist($othercontext, $component, [$other->id]));
$t->same([], provider::get_contexts_for_userid($other->id)->get_contextids(), 'delete_data_for_users() forgets the user');
$t->same(3, $DB->count_records_select(
    'local_shop_product',
    'initialbillitemid = ? AND ' . $DB->sql_like('productiondata', '?'),
    [$billitem->id, '%&userid=0&%']
), 'every seat of the order now reads userid=0');
$t->done();
