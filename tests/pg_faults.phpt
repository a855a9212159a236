--TEST--
PgsqlConnection: a statement failing at each stage, a deadlock, a server that ends the connection mid-setup, a read-only database, a NUL byte: a clear exception and nothing written
--EXTENSIONS--
pgsql
shopsetup
--SKIPIF--
<?php require __DIR__ . '/fixtures/pg.inc'; shopsetup_test_pg_skip(); ?>
--FILE--
<?php
require __DIR__ . '/fixtures/db_checks.inc';
require __DIR__ . '/fixtures/pg.inc';
$db = shopsetup_test_pg('pg_faults');
$pg = $db['pg'];

// Two participants already have an account (and Ann an enrolment to widen), three are new.
shopsetup_test_pg_query($pg, "INSERT INTO mdl_user (auth, confirmed, mnethostid, username, firstname, lastname, email) VALUES
    ('manual', 1, 1, 'ann.archer', 'Ann', 'Archer', 'ann@example.com'), ('manual', 1, 1, 'bob.baker', 'Bob', 'Baker', 'bob@example.com')");
$ann = shopsetup_test_pg_int($pg, "SELECT id FROM mdl_user WHERE username = 'ann.archer'");
shopsetup_test_pg_query($pg, "INSERT INTO mdl_user_enrolments (status, enrolid, userid, timestart, timeend) VALUES (0, 1, $ann, 1769904000, 1793491200)");
$buckets = [
    'student' => [
        'ann@example.com' => shopsetup_test_person('Ann', 'Archer', 'ann@example.com'),
        'bob@example.com' => shopsetup_test_person('Bob', 'Baker', 'bob@example.com'),
        'cid@example.com' => shopsetup_test_person('Cid', 'Carter', 'cid@example.com'),
        'dan@example.com' => shopsetup_test_person('Dan', 'Dupont', 'dan@example.com'),
    ],
    'teacher' => ['tom@example.com' => shopsetup_test_person('Tom', 'Turner', 'tom@example.com')],
];
$roles = ['student' => 5, 'teacher' => 4];
$plan = fn() => new ShopSetup\Plan($buckets, 5, $roles, shopsetup_test_facts());
$conn = new ShopSetup\PgsqlConnection($db['options']);
$before = shopsetup_test_pg_snapshot($pg);

echo "--- a statement failing at each stage\n";
$faults = [
    ['INSERT', 'user', 2], ['INSERT', 'user_preferences', 3], ['INSERT', 'context', 3], ['INSERT', 'groups', 1],
    ['UPDATE', 'user_enrolments', 1], ['INSERT', 'user_enrolments', 3], ['INSERT', 'role_assignments', 3],
    ['INSERT', 'groups_members', 4], ['INSERT', 'local_shop_product', 5], ['INSERT', 'local_shop_productevent', 5],
];
foreach ($faults as [$event, $table, $row]) {
    shopsetup_test_pg_fault($pg, $event, $table, $row, 'P0001');
    try {
        $plan()->run($conn);
        echo "$event $table: no exception\n";
    } catch (ShopSetup\DatabaseException $e) {
        printf("%s %s: %s | retriable %s | %s\n", $event, $table, $e->getMessage(), var_export($e->isRetriable(), true),
            shopsetup_test_compare($before, shopsetup_test_pg_snapshot($pg)));
    }
    shopsetup_test_pg_query($pg, "DROP TRIGGER shopsetup_fault ON mdl_$table");
}

echo "--- what the server refuses for now: retriable\n";
foreach (['40001', '40P01'] as $state) {
    shopsetup_test_pg_fault($pg, 'INSERT', 'role_assignments', 2, $state);
    try {
        $plan()->run($conn);
    } catch (ShopSetup\DatabaseException $e) {
        printf("%s: retriable %s | %s\n", $state, var_export($e->isRetriable(), true), shopsetup_test_compare($before, shopsetup_test_pg_snapshot($pg)));
    }
    shopsetup_test_pg_query($pg, 'DROP TRIGGER shopsetup_fault ON mdl_role_assignments');
}

echo "--- the server ends the connection mid-setup\n";
shopsetup_test_pg_fault($pg, 'INSERT', 'groups_members', 2, 'kill');
try {
    $plan()->run($conn);
} catch (ShopSetup\DatabaseException $e) {
    echo str_contains($e->getMessage(), 'terminat') || str_contains($e->getMessage(), 'closed') ? 'connection lost: ' : 'other: ',
        get_class($e), ' | ', shopsetup_test_compare($before, shopsetup_test_pg_snapshot($pg)), "\n";
}
shopsetup_test_pg_query($pg, 'DROP TRIGGER shopsetup_fault ON mdl_groups_members');
try {
    $plan()->run($conn);
} catch (ShopSetup\DatabaseException $e) {
    echo 'the lost connection afterwards: ', get_class($e), "\n";
}
$conn = new ShopSetup\PgsqlConnection($db['options']);

echo "--- a read-only database\n";
shopsetup_test_pg_query($pg, "ALTER DATABASE {$db['options']['database']} SET default_transaction_read_only = on");
try {
    $plan()->run(new ShopSetup\PgsqlConnection($db['options']));
} catch (ShopSetup\DatabaseException $e) {
    echo $e->getMessage(), ' | ', shopsetup_test_compare($before, shopsetup_test_pg_snapshot($pg)), "\n";
}
shopsetup_test_pg_query($pg, "ALTER DATABASE {$db['options']['database']} RESET default_transaction_read_only");

echo "--- a NUL byte, which PostgreSQL text cannot hold\n";
foreach (['insert' => fn() => $conn->insert('user_preferences', [['userid' => 2, 'name' => "a\0b", 'value' => 'x']]),
    'find' => fn() => iterator_to_array($conn->find('user', ['id'], [], 'username', ShopSetup\Store::MATCH_EQUAL, ["a\0b"]))] as $what => $call) {
    $conn->begin();
    try {
        $call();
        echo "$what: no exception\n";
    } catch (ShopSetup\DatabaseException $e) {
        echo "$what: ", $e->getMessage(), "\n";
    }
    $conn->rollback();
}
echo 'after it all: ', shopsetup_test_compare($before, shopsetup_test_pg_snapshot($pg)), "\n";
$r = $plan()->run($conn);
printf("then the setup runs: %d created, %d matched\n", count($r['users']['created']), count($r['users']['matched']));
$conn->close();
shopsetup_test_pg_drop('pg_faults');
?>
--CLEAN--
<?php
require __DIR__ . '/fixtures/pg.inc';
shopsetup_test_pg_drop('pg_faults');
?>
--EXPECT--
--- a statement failing at each stage
INSERT user: PostgreSQL error P0001: injected failure on INSERT 2 of mdl_user (user) | retriable false | same
INSERT user_preferences: PostgreSQL error P0001: injected failure on INSERT 3 of mdl_user_preferences (user_preferences) | retriable false | same
INSERT context: PostgreSQL error P0001: injected failure on INSERT 3 of mdl_context (context) | retriable false | same
INSERT groups: PostgreSQL error P0001: injected failure on INSERT 1 of mdl_groups (groups) | retriable false | same
UPDATE user_enrolments: PostgreSQL error P0001: injected failure on UPDATE 1 of mdl_user_enrolments (user_enrolments) | retriable false | same
INSERT user_enrolments: PostgreSQL error P0001: injected failure on INSERT 3 of mdl_user_enrolments (user_enrolments) | retriable false | same
INSERT role_assignments: PostgreSQL error P0001: injected failure on INSERT 3 of mdl_role_assignments (role_assignments) | retriable false | same
INSERT groups_members: PostgreSQL error P0001: injected failure on INSERT 4 of mdl_groups_members (groups_members) | retriable false | same
INSERT local_shop_product: PostgreSQL error P0001: injected failure on INSERT 5 of mdl_local_shop_product (local_shop_product) | retriable false | same
INSERT local_shop_productevent: PostgreSQL error P0001: injected failure on INSERT 5 of mdl_local_shop_productevent (local_shop_productevent) | retriable false | same
--- what the server refuses for now: retriable
40001: retriable true | same
40P01: retriable true | same
--- the server ends the connection mid-setup
connection lost: ShopSetup\DatabaseException | same
the lost connection afterwards: ShopSetup\DatabaseException
--- a read-only database
PostgreSQL error 25006: cannot execute COPY FROM in a read-only transaction (user) | same
--- a NUL byte, which PostgreSQL text cannot hold
insert: a value holds a NUL byte, which PostgreSQL text cannot store (user_preferences)
find: a value holds a NUL byte, which PostgreSQL text cannot store (user)
after it all: same
then the setup runs: 3 created, 2 matched