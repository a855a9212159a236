--TEST--
MysqlConnection::run(): a setup waits for another one on the same site, gives up after lock_timeout, and other sites are not blocked
--EXTENSIONS--
mysqli
shopsetup
--SKIPIF--
<?php
require __DIR__ . '/fixtures/db.inc';
shopsetup_test_db_skip();
if (!function_exists('proc_open')) die('skip proc_open() is not available');
?>
--FILE--
<?php
require __DIR__ . '/fixtures/db_checks.inc';
$db = shopsetup_test_db('lock_timeout');
$other_site = shopsetup_test_db('lock_timeout_other');
$m = $db['mysqli'];

// A child process runs a setup whose first enrolment insert sleeps 5 s, holding the site's lock.
$m->query("CREATE TRIGGER shopsetup_slow BEFORE INSERT ON mdl_user_enrolments FOR EACH ROW
    BEGIN
        IF @shopsetup_slept IS NULL THEN
            SET @shopsetup_slept = SLEEP(5);
        END IF;
    END");
$child = <<<'PHP'
<?php
$options = json_decode($argv[1], true);
$conn = new ShopSetup\MysqlConnection($options);
$r = (new ShopSetup\Plan(['student' => ['kid@example.com' => ['firstname' => 'Kid', 'lastname' => 'Child',
    'email' => 'kid@example.com', 'city' => 'Paris']]], 1, ['student' => 5], json_decode($argv[2], true)))->run($conn);
echo 'child: created ', count($r['users']['created']), "\n";
PHP;
$script = sys_get_temp_dir() . '/shopsetup_db_lock_timeout_' . getmypid() . '.php';
file_put_contents($script, $child);
$proc = proc_open(shopsetup_test_php_command($script, json_encode($db['options']), json_encode(shopsetup_test_facts())),
    [['pipe', 'r'], ['pipe', 'w'], ['pipe', 'w']], $pipes);
fclose($pipes[0]);

// Wait until the child sits in the sleep, i.e. inside its transaction, lock held.
for ($i = 0; $i < 600; $i++) {
    if (shopsetup_test_int($m, "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE DB = DATABASE() AND INFO LIKE 'SET @shopsetup\\_slept = SLEEP%'") > 0) {
        break;
    }
    usleep(100000);
}
echo 'child holds the lock: ', $i < 600 ? 'yes' : 'no', "\n";

$buckets = ['student' => ['ann@example.com' => shopsetup_test_person('Ann', 'Archer', 'ann@example.com')]];
$conn = new ShopSetup\MysqlConnection($db['options'] + ['lock_timeout' => 1]);
$t = microtime(true);
try {
    (new ShopSetup\Plan($buckets, 1, ['student' => 5], shopsetup_test_facts()))->run($conn);
    echo "same site: ran\n";
} catch (ShopSetup\DatabaseException $e) {
    echo 'same site: ', get_class($e), ': ', $e->getMessage(), "\n";
}
$waited = microtime(true) - $t;
echo 'waited about lock_timeout: ', $waited >= 0.9 && $waited < 4 ? 'yes' : $waited, "\n";

// lock_timeout 0: give up at once.
$now = new ShopSetup\MysqlConnection($db['options'] + ['lock_timeout' => 0]);
$t = microtime(true);
try {
    (new ShopSetup\Plan($buckets, 1, ['student' => 5], shopsetup_test_facts()))->run($now);
    echo "no wait: ran\n";
} catch (ShopSetup\DatabaseException $e) {
    echo 'no wait: ', $e->getMessage(), ', at once: ', microtime(true) - $t < 0.9 ? 'yes' : 'no', "\n";
}
$now->close();

// Another site (database) has its own lock.
$elsewhere = new ShopSetup\MysqlConnection($other_site['options'] + ['lock_timeout' => 1]);
$r = (new ShopSetup\Plan($buckets, 1, ['student' => 5], shopsetup_test_facts()))->run($elsewhere);
echo 'other site: created ', count($r['users']['created']), "\n";
$elsewhere->close();

echo stream_get_contents($pipes[1]), stream_get_contents($pipes[2]);
fclose($pipes[1]);
fclose($pipes[2]);
echo 'child exit status: ', proc_close($proc), "\n";
unlink($script);
echo 'rows written: ', shopsetup_test_int($m, "SELECT COUNT(*) FROM mdl_user WHERE email = 'ann@example.com'"), ' for the refused setup, ',
    shopsetup_test_int($m, "SELECT COUNT(*) FROM mdl_user WHERE email = 'kid@example.com'"), " for the child's\n";

// Once the child is done, the same connection goes through.
$m->query('DROP TRIGGER shopsetup_slow');
$r = (new ShopSetup\Plan($buckets, 1, ['student' => 5], shopsetup_test_facts()))->run($conn);
echo 'retry: created ', count($r['users']['created']), ', group created ', var_export($r['group']['created'], true), "\n";
$conn->close();
shopsetup_test_db_drop('lock_timeout');
shopsetup_test_db_drop('lock_timeout_other');
?>
--CLEAN--
<?php
require __DIR__ . '/fixtures/db.inc';
shopsetup_test_db_drop('lock_timeout');
shopsetup_test_db_drop('lock_timeout_other');
?>
--EXPECT--
child holds the lock: yes
same site: ShopSetup\DatabaseException: another course-session setup held the site's lock for more than 1 seconds (lock)
waited about lock_timeout: yes
no wait: another course-session setup held the site's lock for more than 0 seconds (lock), at once: yes
other site: created 1
child: created 1
child exit status: 0
rows written: 0 for the refused setup, 1 for the child's
retry: created 1, group created false
