--TEST--
DatabaseException::isRetriable(): a deadlock (as InnoDB and a Galera node's certification failure report it) is retriable and leaves nothing written; the setup lock's timeout and other errors are not
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
$db = shopsetup_test_db('retriable');
$m = $db['mysqli'];
$buckets = ['student' => ['ann@example.com' => shopsetup_test_person('Ann', 'Archer', 'ann@example.com')]];
$plan = fn() => new ShopSetup\Plan($buckets, 1, ['student' => 5], shopsetup_test_facts());

// The server answers the group's insert as InnoDB answers a deadlock, and Galera a certification
// failure: error 1213, SQLSTATE 40001.
$m->query("CREATE TRIGGER shopsetup_deadlock BEFORE INSERT ON mdl_groups FOR EACH ROW
    SIGNAL SQLSTATE '40001' SET MYSQL_ERRNO = 1213, MESSAGE_TEXT = 'Deadlock found when trying to get lock; try restarting transaction'");
$conn = new ShopSetup\MysqlConnection($db['options']);
try {
    $plan()->run($conn);
    echo "ran\n";
} catch (ShopSetup\DatabaseException $e) {
    echo 'deadlock: ', preg_match('/MySQL error 1213 \(40001\)/', $e->getMessage()) ? '1213' : $e->getMessage(),
        ', retriable: ', var_export($e->isRetriable(), true), "\n";
}
echo 'rows written: ', shopsetup_test_int($m, "SELECT COUNT(*) FROM mdl_user WHERE email = 'ann@example.com'"), "\n";
$m->query('DROP TRIGGER shopsetup_deadlock');
$r = $plan()->run($conn);
echo 'a new plan on the same connection: created ', count($r['users']['created']), "\n";
$conn->close();

// The setup lock held too long: not retriable (the wait was already spent).
$name = 'shopsetup_retriable_test';
shopsetup_test_int($m, "SELECT GET_LOCK('$name', 0)");
$conn = new ShopSetup\MysqlConnection($db['options'] + ['lock_name' => $name, 'lock_timeout' => 0]);
try {
    $plan()->run($conn);
} catch (ShopSetup\DatabaseException $e) {
    echo 'setup lock: retriable: ', var_export($e->isRetriable(), true), "\n";
}
$conn->close();
shopsetup_test_int($m, "SELECT RELEASE_LOCK('$name')");

// A wrong password: not retriable.
try {
    new ShopSetup\MysqlConnection(['password' => 'wrong', 'user' => 'nobody'] + $db['options']);
} catch (ShopSetup\DatabaseException $e) {
    echo 'login refused: retriable: ', var_export($e->isRetriable(), true), "\n";
}
echo 'made by PHP code: retriable: ', var_export((new ShopSetup\DatabaseException('x'))->isRetriable(), true), "\n";
shopsetup_test_db_drop('retriable');
?>
--CLEAN--
<?php
require __DIR__ . '/fixtures/db.inc';
shopsetup_test_db_drop('retriable');
?>
--EXPECT--
deadlock: 1213, retriable: true
rows written: 0
a new plan on the same connection: created 1
setup lock: retriable: false
login refused: retriable: false
made by PHP code: retriable: false
