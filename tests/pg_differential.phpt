--TEST--
PgsqlConnection::run(): the same orders written by the MySQL store and the PostgreSQL store give the same rows, table by table
--EXTENSIONS--
mysqli
pgsql
shopsetup
--SKIPIF--
<?php
require __DIR__ . '/fixtures/db.inc';
require __DIR__ . '/fixtures/pg.inc';
shopsetup_test_db_skip();
shopsetup_test_pg_skip();
?>
--FILE--
<?php
require __DIR__ . '/fixtures/db_checks.inc';
require __DIR__ . '/fixtures/pg.inc';

$mysql = shopsetup_test_db('pg_differential');
$pgsql = shopsetup_test_pg('pg_differential');
$stores = [
    'mysql' => new ShopSetup\MysqlConnection($mysql['options']),
    'pgsql' => new ShopSetup\PgsqlConnection($pgsql['options']),
];
$query = [
    'mysql' => fn(string $sql) => $mysql['mysqli']->query($sql),
    'pgsql' => fn(string $sql) => shopsetup_test_pg_query($pgsql['pg'], $sql),
];
/** Every row the driver writes to, by table, values as strings. */
function pg_differential_dump(array $db, string $kind): array
{
    $dump = [];
    foreach (SHOPSETUP_TEST_TABLES as $table) {
        $sql = "SELECT * FROM mdl_$table ORDER BY id";
        $rows = $kind === 'mysql' ? shopsetup_test_rows($db['mysqli'], $sql) : shopsetup_test_pg_rows($db['pg'], $sql);
        $dump[$table] = array_map(fn($row) => array_map(fn($v) => $v === null ? null : (string) $v, $row), $rows);
    }
    return $dump;
}

// Accounts the site has already: one whose email differs in case and spacing, one suspended.
foreach ($query as $run) {
    $run("INSERT INTO mdl_user (auth, confirmed, mnethostid, username, password, firstname, lastname, email, timecreated)
        VALUES ('manual', 1, 1, 'old.timer', 'x', 'Old', 'Timer', 'Old.Timer@Example.com', 1700000000)");
    $run("INSERT INTO mdl_user (auth, confirmed, suspended, mnethostid, username, password, firstname, lastname, email, timecreated)
        VALUES ('manual', 1, 1, 1, 'sleepy', 'x', 'Sleepy', 'Sue', 'sue@example.com', 1700000000)");
}
$hostile = [
    'ann@example.com' => shopsetup_test_person('Ann', "O'Archer", 'ann@example.com', 'Paris', 'ACME; DROP TABLE mdl_user', '0102030405'),
    ' Bob@Example.COM ' => shopsetup_test_person("Bob\tTab", 'Back\\slash', ' Bob@Example.COM ', "Lyon'); --"),
    'old.timer@example.com' => shopsetup_test_person('Old', 'Timer', 'old.timer@example.com'),
    'sue@example.com' => shopsetup_test_person('Sue', 'Sleepy', 'sue@example.com'),
    'zoe@example.com' => shopsetup_test_person('Zoë', 'Ünïcødé 😀', 'zoe@example.com', 'Île-de-France'),
    'pct@example.com' => shopsetup_test_person('Per%cent', 'Under_score', 'pct@example.com'),
];
$orders = [
    'hostile order' => [['student' => $hostile, 'teacher' => ['tom@example.com' => shopsetup_test_person('Tom', 'Turner', 'tom@example.com')]], 7, []],
    'the same again' => [['student' => $hostile, 'teacher' => ['tom@example.com' => shopsetup_test_person('Tom', 'Turner', 'tom@example.com')]], 7, []],
    'a second order, people in common' => [['student' => [
        'tom@example.com' => shopsetup_test_person('Tom', 'Turner', 'tom@example.com'),
        'new@example.com' => shopsetup_test_person('Ann', 'Archer', 'new@example.com'),
    ]], 2, ['billitemid' => 12, 'groupidnumber' => 'shop-12', 'groupname' => 'ORDER-12 SPOC-M1']],
    '600 participants' => [['student' => shopsetup_test_people(600)], 600, ['billitemid' => 13, 'groupidnumber' => 'shop-13',
        'groupname' => 'ORDER-13 SPOC-M1']],
];
foreach ($orders as $name => [$buckets, $seats, $facts]) {
    $reports = [];
    foreach ($stores as $kind => $store) {
        $report = (new ShopSetup\Plan($buckets, $seats, ['student' => 5, 'teacher' => 4], shopsetup_test_facts($facts)))->run($store);
        unset($report['statements']);
        $reports[$kind] = $report;
    }
    printf("%s: reports %s, ", $name, $reports['mysql'] === $reports['pgsql'] ? 'same' : 'DIFFER');
    $dumps = ['mysql' => pg_differential_dump($mysql, 'mysql'), 'pgsql' => pg_differential_dump($pgsql, 'pgsql')];
    $differ = array_keys(array_filter(SHOPSETUP_TEST_TABLES, fn($t) => $dumps['mysql'][$t] !== $dumps['pgsql'][$t], 0));
    echo $differ === [] ? 'rows same' : 'rows DIFFER in ' . implode(', ', array_map(fn($i) => SHOPSETUP_TEST_TABLES[$i], $differ)), "\n";
    if ($differ !== []) {
        $t = SHOPSETUP_TEST_TABLES[$differ[0]];
        var_dump(array_slice(array_udiff($dumps['mysql'][$t], $dumps['pgsql'][$t], fn($a, $b) => $a <=> $b), 0, 2),
            array_slice(array_udiff($dumps['pgsql'][$t], $dumps['mysql'][$t], fn($a, $b) => $a <=> $b), 0, 2));
    }
}
echo 'users: ', shopsetup_test_pg_int($pgsql['pg'], 'SELECT COUNT(*) FROM mdl_user'), "\n";
echo shopsetup_test_pg_rows($pgsql['pg'], "SELECT lastname FROM mdl_user WHERE email = 'bob@example.com'")[0]['lastname'], "\n";
foreach ($stores as $store) {
    $store->close();
}
shopsetup_test_db_drop('pg_differential');
shopsetup_test_pg_drop('pg_differential');
?>
--CLEAN--
<?php
require __DIR__ . '/fixtures/db.inc';
require __DIR__ . '/fixtures/pg.inc';
shopsetup_test_db_drop('pg_differential');
shopsetup_test_pg_drop('pg_differential');
?>
--EXPECT--
hostile order: reports same, rows same
the same again: reports same, rows same
a second order, people in common: reports same, rows same
600 participants: reports same, rows same
users: 611
Back\slash
