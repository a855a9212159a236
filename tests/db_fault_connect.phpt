--TEST--
MysqlConnection::__construct(): server down, bad credentials, unknown database, no Moodle tables, bad prefix
--EXTENSIONS--
mysqli
shopsetup
--SKIPIF--
<?php require __DIR__ . '/fixtures/db.inc'; shopsetup_test_db_skip(); ?>
--FILE--
<?php
require __DIR__ . '/fixtures/db_checks.inc';
$db = shopsetup_test_db('fault_connect');
$m = $db['mysqli'];
$m->query('CREATE DATABASE shopsetup_fault_connect_empty');
$m->query('CREATE TABLE shopsetup_fault_connect_empty.other_user (id BIGINT PRIMARY KEY)');

$try = function (string $what, array $options) {
    $t = microtime(true);
    try {
        $conn = new ShopSetup\MysqlConnection($options);
        echo "$what: connected\n";
        $conn->close();
    } catch (ShopSetup\DatabaseException $e) {
        echo "$what: ", get_class($e), ' (code ', $e->getCode() > 0 ? 'set' : 'missing', '): ', $e->getMessage(), "\n";
    } catch (Throwable $e) {
        echo "$what: ", get_class($e), ': ', $e->getMessage(), "\n";
    }
    return microtime(true) - $t;
};

// Nothing listens on port 1: refused at once (connect_timeout bounds the wait where packets are dropped).
$seconds = $try('server down', ['host' => '127.0.0.1', 'port' => 1, 'connect_timeout' => 2] + $db['options']);
echo 'gave up within the timeout: ', $seconds < 10 ? 'yes' : $seconds, "\n";
$try('bad password', ['password' => 'wrong-password'] + $db['options']);
$try('unknown user', ['user' => 'nosuchuser'] + $db['options']);
$try('unknown database', ['database' => 'shopsetup_fault_connect_nosuchdb'] + $db['options']);
$try('no Moodle tables', ['database' => 'shopsetup_fault_connect_empty'] + $db['options']);
$try('wrong prefix', ['prefix' => 'moodle_'] + $db['options']);
$try('prefix with SQL in it', ['prefix' => "mdl_` WHERE 1; --"] + $db['options']);
$try('prefix too long', ['prefix' => str_repeat('p', 33)] + $db['options']);
$try('the right settings', $db['options']);

// A site without local_shop's event table: found at the last stage, everything rolled back.
$before = shopsetup_test_snapshot($m);
$m->query('RENAME TABLE mdl_local_shop_productevent TO hidden_productevent');
$conn = new ShopSetup\MysqlConnection($db['options']);
try {
    (new ShopSetup\Plan(['student' => ['ann@example.com' => shopsetup_test_person('Ann', 'Archer', 'ann@example.com')]],
        1, ['student' => 5], shopsetup_test_facts()))->run($conn);
} catch (ShopSetup\DatabaseException $e) {
    echo 'missing table: ', get_class($e), ': ', $e->getMessage(), "\n";
}
$conn->close();
$m->query('RENAME TABLE hidden_productevent TO mdl_local_shop_productevent');
echo 'rows: ', shopsetup_test_compare($before, shopsetup_test_snapshot($m)), "\n";

echo shopsetup_test_counts($m), "\n";
$m->query('DROP DATABASE shopsetup_fault_connect_empty');
shopsetup_test_db_drop('fault_connect');
?>
--CLEAN--
<?php
require __DIR__ . '/fixtures/db.inc';
shopsetup_test_db_drop('fault_connect');
shopsetup_test_db_drop('fault_connect_empty');
?>
--EXPECTF--
server down: ShopSetup\DatabaseException (code set): cannot connect to MySQL/MariaDB: Can't connect to %s (connect)
gave up within the timeout: yes
bad password: ShopSetup\DatabaseException (code set): cannot connect to MySQL/MariaDB: Access denied for user 'shopsetup'@'%s' (using password: YES) (connect)
unknown user: ShopSetup\DatabaseException (code set): cannot connect to MySQL/MariaDB: Access denied for user 'nosuchuser'@'%s' (using password: YES) (connect)
unknown database: ShopSetup\DatabaseException (code set): cannot connect to MySQL/MariaDB: Unknown database 'shopsetup_fault_connect_nosuchdb' (connect)
no Moodle tables: ShopSetup\DatabaseException (code set): table mdl_user not found in database "shopsetup_fault_connect_empty": is this a Moodle database with prefix "mdl_"? (connect)
wrong prefix: ShopSetup\DatabaseException (code set): table moodle_user not found in database "shopsetup_fault_connect": is this a Moodle database with prefix "moodle_"? (connect)
prefix with SQL in it: ShopSetup\DatabaseException (code set): the table prefix must be at most 32 characters of [A-Za-z0-9_] (connect)
prefix too long: ShopSetup\DatabaseException (code set): the table prefix must be at most 32 characters of [A-Za-z0-9_] (connect)
the right settings: connected
missing table: ShopSetup\DatabaseException: MySQL error 1146 (42S02): Table 'shopsetup_fault_connect.mdl_local_shop_productevent' doesn't exist (local_shop_productevent)
rows: same
user=3 user_preferences=0 context=8 groups=0 user_enrolments=0 role_assignments=0 groups_members=0 local_shop_product=0 local_shop_productevent=0 cache_flags=0 shophandlers_setup_outbox=0 task_adhoc=0
