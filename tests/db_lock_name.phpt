--TEST--
MysqlConnection option lock_name: the store takes the named lock it is given (the one Moodle's MySQL lock factory takes), held elsewhere it waits then throws; a name that is not a safe word is refused
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
$db = shopsetup_test_db('lock_name');
$m = $db['mysqli'];
$name = sha1('moodle:mdl__shophandlers_std_setuponecoursesession_session_setup');
$buckets = ['student' => ['ann@example.com' => shopsetup_test_person('Ann', 'Archer', 'ann@example.com')]];

// Another connection (Moodle's, through its lock factory) holds the name.
echo 'held elsewhere: ', shopsetup_test_int($m, "SELECT GET_LOCK('$name', 0)"), "\n";
$conn = new ShopSetup\MysqlConnection($db['options'] + ['lock_name' => $name, 'lock_timeout' => 0]);
try {
    (new ShopSetup\Plan($buckets, 1, ['student' => 5], shopsetup_test_facts()))->run($conn);
    echo "ran\n";
} catch (ShopSetup\DatabaseException $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
echo 'rows written: ', shopsetup_test_int($m, "SELECT COUNT(*) FROM mdl_user WHERE email = 'ann@example.com'"), "\n";

// A store without the option uses its own name: not blocked.
$own = new ShopSetup\MysqlConnection($db['options'] + ['lock_timeout' => 0]);
$own->lock();
echo "default name: not blocked\n";
$own->unlock();
$own->close();

// Released elsewhere, the store takes it, and holds it while it runs.
shopsetup_test_int($m, "SELECT RELEASE_LOCK('$name')");
$conn->lock();
echo 'held by the store: ', shopsetup_test_int($m, "SELECT IS_USED_LOCK('$name') IS NOT NULL"), "\n";
$conn->unlock();
echo 'released by unlock(): ', shopsetup_test_int($m, "SELECT IS_FREE_LOCK('$name')"), "\n";
$r = (new ShopSetup\Plan($buckets, 1, ['student' => 5], shopsetup_test_facts()))->run($conn);
echo 'then ran: created ', count($r['users']['created']), "\n";
$conn->close();

foreach (['', str_repeat('a', 65), "a'b", 'a b', "a\0b", 'été'] as $bad) {
    try {
        new ShopSetup\MysqlConnection($db['options'] + ['lock_name' => $bad]);
        echo "accepted\n";
    } catch (ShopSetup\DatabaseException $e) {
        echo json_encode($bad), ': ', $e->getMessage(), "\n";
    } catch (ValueError $e) {
        echo json_encode($bad), ': ', get_class($e), ': ', $e->getMessage(), "\n";
    }
}
$ok = new ShopSetup\MysqlConnection($db['options'] + ['lock_name' => str_repeat('a', 64)]);
echo "64 characters: accepted\n";
$ok->close();
shopsetup_test_db_drop('lock_name');
?>
--CLEAN--
<?php
require __DIR__ . '/fixtures/db.inc';
shopsetup_test_db_drop('lock_name');
?>
--EXPECT--
held elsewhere: 1
ShopSetup\DatabaseException: another course-session setup held the site's lock for more than 0 seconds (lock)
rows written: 0
default name: not blocked
held by the store: 1
released by unlock(): 1
then ran: created 1
"": the lock name must be 1 to 64 characters of [A-Za-z0-9_:.-] (connect)
"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa": the lock name must be 1 to 64 characters of [A-Za-z0-9_:.-] (connect)
"a'b": the lock name must be 1 to 64 characters of [A-Za-z0-9_:.-] (connect)
"a b": the lock name must be 1 to 64 characters of [A-Za-z0-9_:.-] (connect)
"a\u0000b": ValueError: ShopSetup\MysqlConnection::__construct(): Argument #1 ($options) option "lock_name" must be a string without NUL bytes
"\u00e9t\u00e9": the lock name must be 1 to 64 characters of [A-Za-z0-9_:.-] (connect)
64 characters: accepted