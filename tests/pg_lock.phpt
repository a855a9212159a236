--TEST--
PgsqlConnection: the setup's transaction-scoped advisory lock on the keys of Moodle's postgres_lock_factory excludes Moodle's own lock both ways; lock_timeout; default keys per database
--EXTENSIONS--
pgsql
shopsetup
--SKIPIF--
<?php require __DIR__ . '/fixtures/pg.inc'; shopsetup_test_pg_skip(); ?>
--FILE--
<?php
require __DIR__ . '/fixtures/db_checks.inc';
require __DIR__ . '/fixtures/pg.inc';
$db = shopsetup_test_pg('pg_lock');
$database = $db['options']['database'];

/** The keys \core\lock\postgres_lock_factory takes for a resource (Moodle 4.5). */
function pg_lock_moodle_keys(string $dbname, string $prefix, string $type, string $resource): array
{
    $site = crc32("$dbname:$prefix");
    if ($site > 0x7FFFFFFF) {
        $site -= 0x100000000;
    }
    return [$site, hexdec(substr(sha1($type . '_' . $resource), 0, 7))];
}
$keys = pg_lock_moodle_keys($database, 'mdl_', 'shophandlers_std_setuponecoursesession', 'session_setup');
$moodle = shopsetup_test_pg_connect($database);   // a Moodle request: session-level, as the factory takes it
$lock = fn() => pg_fetch_result(pg_query($moodle, "SELECT pg_try_advisory_lock({$keys[0]}, {$keys[1]})"), 0, 0);
$release = fn() => pg_fetch_result(pg_query($moodle, "SELECT pg_advisory_unlock({$keys[0]}, {$keys[1]})"), 0, 0);
$buckets = ['student' => ['ann@example.com' => shopsetup_test_person('Ann', 'Archer', 'ann@example.com')]];
$run = function (array $options) use ($db, $buckets) {
    $start = microtime(true);
    try {
        $r = (new ShopSetup\Plan($buckets, 1, ['student' => 5], shopsetup_test_facts()))
            ->run(new ShopSetup\PgsqlConnection($options + $db['options']));
        return sprintf('ran, %d created', count($r['users']['created']));
    } catch (ShopSetup\DatabaseException $e) {
        return sprintf('%s, %s', $e->getMessage(), microtime(true) - $start >= 0.9 ? 'after about 1 s' : 'at once');
    }
};

echo 'Moodle takes the lock: ', $lock(), "\n";
echo 'the setup, lock_timeout 1: ', $run(['lock_key' => $keys, 'lock_timeout' => 1]), "\n";
echo 'the setup, lock_timeout 0: ', $run(['lock_key' => $keys, 'lock_timeout' => 0]), "\n";
echo 'the setup on other keys: ', $run(['lock_key' => [$keys[0], $keys[1] + 1]]), "\n";
echo 'Moodle releases it: ', $release(), "\n";
echo 'the setup, lock_timeout 1: ', $run(['lock_key' => $keys, 'lock_timeout' => 1]), "\n";

$store = new ShopSetup\PgsqlConnection(['lock_key' => $keys] + $db['options']);
$store->lock();
echo 'while the store holds it, Moodle: ', $lock(), "\n";
$store->begin();
$store->commit();
echo 'after its commit, Moodle: ', $lock(), ' ', $release(), "\n";
$store->lock();
$store->unlock();
echo 'after lock() and unlock(), Moodle: ', $lock(), ' ', $release(), "\n";

// Without lock_key, one pair of keys per database and prefix: two stores on one site exclude each other.
$first = new ShopSetup\PgsqlConnection($db['options']);
$first->lock();
echo 'the same site, default keys: ', $run(['lock_timeout' => 0]), "\n";
$first->unlock();
echo 'released: ', $run(['lock_timeout' => 0]), "\n";
shopsetup_test_pg_drop('pg_lock');
?>
--CLEAN--
<?php
require __DIR__ . '/fixtures/pg.inc';
shopsetup_test_pg_drop('pg_lock');
?>
--EXPECT--
Moodle takes the lock: t
the setup, lock_timeout 1: another course-session setup held the site's lock for more than 1 seconds (lock), after about 1 s
the setup, lock_timeout 0: another course-session setup holds the site's lock (lock), at once
the setup on other keys: ran, 1 created
Moodle releases it: t
the setup, lock_timeout 1: ran, 0 created
while the store holds it, Moodle: f
after its commit, Moodle: t t
after lock() and unlock(), Moodle: t t
the same site, default keys: another course-session setup holds the site's lock (lock), at once
released: ran, 0 created
