--TEST--
MysqlConnection::run(): the connection killed mid-transaction leaves nothing of the setup
--EXTENSIONS--
mysqli
shopsetup
--SKIPIF--
<?php require __DIR__ . '/fixtures/db.inc'; shopsetup_test_db_skip(); ?>
--FILE--
<?php
require __DIR__ . '/fixtures/db_checks.inc';
$db = shopsetup_test_db('fault_kill');
$m = $db['mysqli'];

// The first insert into user_enrolments sleeps 5 s inside the transaction (accounts, contexts and
// the group are written by then). A procedure, called asynchronously on a second connection,
// waits until the executor's connection is in that sleep (the process list shows the trigger's
// statement) and kills it: no timing guesses, so it also works under valgrind.
$m->query("CREATE TRIGGER shopsetup_slow BEFORE INSERT ON mdl_user_enrolments FOR EACH ROW
    BEGIN
        IF @shopsetup_slept IS NULL THEN
            SET @shopsetup_slept = SLEEP(5);
        END IF;
    END");
$m->query("CREATE PROCEDURE shopsetup_kill_when_enrolling(IN target BIGINT, IN whole BOOL)
    BEGIN
        DECLARE tries INT DEFAULT 0;
        WHILE tries < 600 AND NOT EXISTS (SELECT 1 FROM information_schema.PROCESSLIST
                WHERE ID = target AND INFO LIKE 'SET @shopsetup\\_slept = SLEEP%') DO
            DO SLEEP(0.05);
            SET tries = tries + 1;
        END WHILE;
        DO SLEEP(0.2);
        IF whole THEN
            KILL CONNECTION target;
        ELSE
            KILL QUERY target;
        END IF;
        SELECT tries < 600 AS killed_in_insert;
    END");

$buckets = [
    'student' => [
        'ann@example.com' => shopsetup_test_person('Ann', 'Archer', 'ann@example.com'),
        'bob@example.com' => shopsetup_test_person('Bob', 'Baker', 'bob@example.com'),
    ],
    'teacher' => [
        'tom@example.com' => shopsetup_test_person('Tom', 'Turner', 'tom@example.com'),
    ],
];
$before = shopsetup_test_snapshot($m);
$conn = new ShopSetup\MysqlConnection($db['options']);
$id = $conn->connectionId();
echo 'connection id: ', $id > 0 && $id !== $m->thread_id ? 'ok' : $id, "\n";

$killer = shopsetup_test_db_connect($db['options']['database']);
$killer->query("CALL shopsetup_kill_when_enrolling($id, TRUE)", MYSQLI_ASYNC);
$t = microtime(true);
try {
    (new ShopSetup\Plan($buckets, 3, ['student' => 5, 'teacher' => 4], shopsetup_test_facts()))->run($conn);
    echo "no exception\n";
} catch (ShopSetup\DatabaseException $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
    echo 'says the connection was lost: ',
        preg_match('/killed|lost connection|gone away|interrupted/i', $e->getMessage()) ? 'yes' : 'no', "\n";
}
echo 'ended by the kill, not the 5 s sleep: ', microtime(true) - $t < 5 ? 'yes' : 'no', "\n";
$result = $killer->reap_async_query();
echo 'killed inside the insert: ', $result->fetch_row()[0], "\n";
$result->free();
while ($killer->more_results() && $killer->next_result()) {
}
$killer->close();

// The server rolled back: nothing of the setup, no account, and the site's lock is free again.
echo 'rows: ', shopsetup_test_compare($before, shopsetup_test_snapshot($m)), "\n";
echo 'accounts: ', shopsetup_test_int($m, "SELECT COUNT(*) FROM mdl_user WHERE email LIKE '%@example.com' AND id > 3"), "\n";

// The dead connection keeps failing cleanly.
try {
    (new ShopSetup\Plan($buckets, 3, ['student' => 5, 'teacher' => 4], shopsetup_test_facts()))->run($conn);
} catch (ShopSetup\DatabaseException $e) {
    echo 'dead connection: ', get_class($e), ': ', $e->getMessage(), "\n";
}
$conn->close();

// KILL QUERY: the statement is interrupted, the connection lives on; the executor rolls back
// itself and releases the lock, and the connection can run a new plan.
$conn = new ShopSetup\MysqlConnection($db['options']);
$killer = shopsetup_test_db_connect($db['options']['database']);
$killer->query("CALL shopsetup_kill_when_enrolling({$conn->connectionId()}, FALSE)", MYSQLI_ASYNC);
try {
    (new ShopSetup\Plan($buckets, 3, ['student' => 5, 'teacher' => 4], shopsetup_test_facts()))->run($conn);
    echo "no exception\n";
} catch (ShopSetup\DatabaseException $e) {
    echo 'query killed: ', get_class($e), ': ', $e->getMessage(), "\n";
}
$result = $killer->reap_async_query();
echo 'killed inside the insert: ', $result->fetch_row()[0], "\n";
$result->free();
while ($killer->more_results() && $killer->next_result()) {
}
$killer->close();
echo 'rows: ', shopsetup_test_compare($before, shopsetup_test_snapshot($m)), "\n";

$m->query('DROP TRIGGER shopsetup_slow');
// The lock was released although the connection lives: another connection gets it at once.
$other = new ShopSetup\MysqlConnection($db['options'] + ['lock_timeout' => 1]);
$r = (new ShopSetup\Plan($buckets, 3, ['student' => 5, 'teacher' => 4], shopsetup_test_facts()))->run($other);
printf("other connection: %d created, %d enrolments, %d products\n", count($r['users']['created']), count($r['enrolments']['created']), count($r['products']));
$other->close();
$r = (new ShopSetup\Plan($buckets, 3, ['student' => 5, 'teacher' => 4], shopsetup_test_facts()))->run($conn);
printf("same connection again: %d created, %d matched, %d unchanged\n", count($r['users']['created']), count($r['users']['matched']), $r['enrolments']['unchanged']);
echo shopsetup_test_counts($m), "\n";
$conn->close();
shopsetup_test_db_drop('fault_kill');
?>
--CLEAN--
<?php
require __DIR__ . '/fixtures/db.inc';
shopsetup_test_db_drop('fault_kill');
?>
--EXPECTF--
connection id: ok
ShopSetup\DatabaseException: MySQL error %d (%s): %s (user_enrolments)
says the connection was lost: yes
ended by the kill, not the 5 s sleep: yes
killed inside the insert: 1
rows: same
accounts: 0
dead connection: ShopSetup\DatabaseException: MySQL error %d (%s): %s (lock)
query killed: ShopSetup\DatabaseException: MySQL error %d (%s): %s (user_enrolments)
killed inside the insert: 1
rows: same
other connection: 3 created, 4 enrolments, 3 products
same connection again: 0 created, 3 matched, 4 unchanged
user=6 user_preferences=6 context=11 groups=1 user_enrolments=4 role_assignments=10 groups_members=4 local_shop_product=3 local_shop_productevent=3 cache_flags=4 shophandlers_setup_outbox=0 task_adhoc=0
