--TEST--
MysqlConnection option lock_table: every setup writes the lock row first in its transaction; a setup waits for whoever holds the row, gives up after lock_timeout (retriable) and writes nothing; clear errors
--EXTENSIONS--
mysqli
shopsetup
--SKIPIF--
<?php
require __DIR__ . '/fixtures/db.inc';
shopsetup_test_db_skip();
?>
--FILE--
<?php
require __DIR__ . '/fixtures/db_checks.inc';
$db = shopsetup_test_db('lock_row');
$m = $db['mysqli'];
$options = $db['options'] + ['lock_table' => 'shophandlers_setup_lock'];

function order(int $billitem, array $people): ShopSetup\Plan
{
    return new ShopSetup\Plan(['student' => $people], count($people), ['student' => 5],
        shopsetup_test_facts(['billitemid' => $billitem, 'groupidnumber' => "shop-$billitem", 'groupname' => "ORDER-$billitem"]));
}

$conn = new ShopSetup\MysqlConnection($options);
$r = order(31, shopsetup_test_people(3))->run($conn);
echo 'created ', count($r['users']['created']), ', cluster ', var_export($r['cluster'], true), "\n";
echo 'lock row: ', json_encode(shopsetup_test_rows($m, 'SELECT id, setups FROM mdl_shophandlers_setup_lock')), "\n";
order(31, shopsetup_test_people(3))->run($conn);
echo 'after a re-run: setups ', shopsetup_test_int($m, 'SELECT setups FROM mdl_shophandlers_setup_lock WHERE id = 1'), "\n";

// Another session holds the row (GET_LOCK is free: another lock name): the setup waits lock_timeout, then is refused for now.
$holder = shopsetup_test_db_connect($m->query('SELECT DATABASE()')->fetch_row()[0]);
$holder->begin_transaction();
$holder->query('SELECT setups FROM mdl_shophandlers_setup_lock WHERE id = 1 FOR UPDATE');
$before = shopsetup_test_counts($m);
$waiting = new ShopSetup\MysqlConnection($options + ['lock_timeout' => 1, 'lock_name' => 'shopsetup_lock_row_other']);
$start = microtime(true);
try {
    order(32, shopsetup_test_people(2))->run($waiting);
    echo "no error\n";
} catch (ShopSetup\DatabaseException $e) {
    printf("%s (retriable: %s) after %s\n", $e->getMessage(), var_export($e->isRetriable(), true),
        microtime(true) - $start >= 0.9 ? 'about 1 s' : 'less than 1 s');
}
echo 'nothing written: ', var_export(shopsetup_test_counts($m) === $before, true), "\n";
$holder->rollback();
$r = order(32, shopsetup_test_people(2))->run($waiting);
echo 'once released: created ', count($r['users']['created']) + count($r['users']['matched']), ', setups ',
    shopsetup_test_int($m, 'SELECT setups FROM mdl_shophandlers_setup_lock WHERE id = 1'), "\n";

// A setup rolled back takes its write of the row back with it.
$m->query("CREATE TRIGGER shopsetup_refuse BEFORE INSERT ON mdl_groups FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'refused'");
try {
    order(33, shopsetup_test_people(1))->run($conn);
} catch (ShopSetup\DatabaseException $e) {
    echo 'refused: ', $e->getMessage(), "\n";
}
echo 'setups after a rollback: ', shopsetup_test_int($m, 'SELECT setups FROM mdl_shophandlers_setup_lock WHERE id = 1'), "\n";

// A missing table and bad names.
$m->query('RENAME TABLE mdl_shophandlers_setup_lock TO mdl_elsewhere');
foreach (['shophandlers_setup_lock', '', 'bad-name', str_repeat('t', 41)] as $table) {
    try {
        new ShopSetup\MysqlConnection(['lock_table' => $table] + $options);
        echo "no error\n";
    } catch (ShopSetup\DatabaseException $e) {
        echo $e->getMessage(), "\n";
    }
}
shopsetup_test_db_drop('lock_row');
?>
--CLEAN--
<?php
require __DIR__ . '/fixtures/db.inc';
shopsetup_test_db_drop('lock_row');
?>
--EXPECTF--
created 3, cluster NULL
lock row: [{"id":"1","setups":"1"}]
after a re-run: setups 2
another course-session setup held the site's lock (row 1 of mdl_shophandlers_setup_lock) for more than 1 seconds (lock) (retriable: true) after about 1 s
nothing written: true
once released: created 2, setups 3
refused: MySQL error 1644 (45000): refused (groups)
setups after a rollback: 3
the lock table mdl_shophandlers_setup_lock is not in the database (is the plugin that creates it installed and upgraded?) (connect)
the lock table must be 1 to 40 characters of [A-Za-z0-9_] (connect)
the lock table must be 1 to 40 characters of [A-Za-z0-9_] (connect)
the lock table must be 1 to 40 characters of [A-Za-z0-9_] (connect)
