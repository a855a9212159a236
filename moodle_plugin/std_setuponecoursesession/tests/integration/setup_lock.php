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
 * One setup lock: the native store's GET_LOCK is the lock Moodle's lock factory takes for the
 * plugin's resource, so a setup through $DB and a native one exclude each other both ways.
 *
 * @package    shophandlers_std_setuponecoursesession
 * @copyright  2026 shopsetup contributors
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

define('CLI_SCRIPT', true);

require(__DIR__ . '/../../../../../../../config.php');
require_once(__DIR__ . '/lib.php');

use shophandlers_std_setuponecoursesession\dml_store;
use shophandlers_std_setuponecoursesession\setup_lock;
use shophandlers_std_setuponecoursesession\site_store;

$t = new shopsetup_it('setup_lock');

if ($DB->get_dbfamily() === 'postgres') {
    $t->check(setup_lock::factory_is_postgres(), 'this site uses Moodle\'s PostgreSQL lock factory (the default)');
    $options = site_store::pgsql_connection_options();
    $t->same(setup_lock::get_pgsql_lock_key(), $options['lock_key'], 'the native store is given the factory\'s lock keys');
    $native = new \ShopSetup\PgsqlConnection(['lock_timeout' => 0] + $options);
} else {
    $t->check(setup_lock::factory_is_mysql(), 'this site uses Moodle\'s MySQL lock factory (the default)');
    $options = site_store::connection_options();
    $t->same(setup_lock::get_lock_key(), $options['lock_name'], 'the native store is given the factory\'s lock name');
    $native = new \ShopSetup\MysqlConnection(['lock_timeout' => 0] + $options);
}

// Moodle's lock held (as the dml store holds it): the native store cannot start.
$held = setup_lock::take();
try {
    $native->lock();
    $t->check(false, 'native store locked while Moodle\'s lock is held');
    $native->unlock();
} catch (\ShopSetup\DatabaseException $e) {
    $t->check(strpos($e->getMessage(), "the site's lock") !== false, 'native store refused while Moodle\'s lock is held');
}
$held->release();

// The native store holding it: neither Moodle's factory nor the dml store gets it.
$native->lock();
$factory = \core\lock\lock_config::get_lock_factory(setup_lock::TYPE);
$t->same(false, $factory->get_lock(setup_lock::RESOURCE, 0), 'Moodle\'s factory refused while the native store holds it');
$native->unlock();
$again = $factory->get_lock(setup_lock::RESOURCE, 0);
$t->check($again !== false, 'released by the native store: Moodle\'s factory gets it');
$again->release();

// The dml store takes the same lock in lock().
$dml = new dml_store();
$dml->lock();
try {
    $native->lock();
    $t->check(false, 'native store locked while the dml store holds the lock');
    $native->unlock();
} catch (\ShopSetup\DatabaseException $e) {
    $t->check(true, 'native store refused while the dml store holds the lock');
}
$dml->unlock();
$native->lock();
$t->check(true, 'the dml store released it');
$native->unlock();
$native->close();

// The lock row (a cluster's lock): its table is installed; on MySQL and MariaDB both stores write it
// first in each setup's transaction, and a setup waits for whoever holds it.
$t->check($DB->get_manager()->table_exists(setup_lock::ROW_TABLE), 'the lock row\'s table is installed');
if ($DB->get_dbfamily() === 'mysql') {
    $t->same(setup_lock::ROW_TABLE, $options['lock_table'], 'the native store is given the lock row\'s table');
    $setups = fn() => (int) $DB->get_field(setup_lock::ROW_TABLE, 'setups', ['id' => 1]);
    $before = $setups();
    $dml = new dml_store();
    $dml->lock();
    $dml->begin();
    $dml->commit();
    $dml->unlock();
    $t->same($before + 1, $setups(), 'the dml store writes the lock row in its transaction');
    $native = new \ShopSetup\MysqlConnection(['lock_timeout' => 1, 'lock_name' => 'shopsetup_it_other'] + $options);
    $native->lock();
    $native->begin();
    $native->commit();
    $native->unlock();
    $t->same($before + 2, $setups(), 'the native store writes the lock row in its transaction');
    // The dml store's transaction holds the row; the native store (another GET_LOCK name) waits 1 s, then is refused for now.
    $dml = new dml_store();
    $dml->begin();
    $native->lock();
    try {
        $native->begin();
        $t->check(false, 'the native store began while the dml store held the lock row');
        $native->rollback();
    } catch (\ShopSetup\DatabaseException $e) {
        $refused = strpos($e->getMessage(), 'row 1 of') !== false && $e->isRetriable();
        $t->check($refused, 'the native store waited for the lock row, then was refused for now: ' . $e->getMessage());
    }
    $native->unlock();
    $dml->rollback();
    $native->close();
    $t->same($before + 2, $setups(), 'a rolled-back setup leaves the lock row as it was');
}
$t->done();
