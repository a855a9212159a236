--TEST--
Plan::run() and preview(): a plan runs once; a store that throws or answers wrongly at any step: the error reaches the caller, rolled back and unlocked, nothing stays
--EXTENSIONS--
shopsetup
--FILE--
<?php
// Proves: the stages cannot be driven out of order any more: run() and preview() take a fresh plan only (a second
// call, or a run after preview() or after a failed run, is a PlanException that sends nothing to the store); when the
// store throws at any call, or returns rows of the wrong shape or ids that cannot be right, the caller gets a clear
// exception, the driver has rolled back and unlocked (in that order, after the failing call), and the tables are as
// before; a new plan then runs on the same store as on a fresh one.
require __DIR__ . '/fixtures/memory_store.inc';

// Ann is new, Bob (11) exists with a narrower enrolment and no user context, effects go to the outbox: a run uses
// every kind of write.
function plan(): ShopSetup\Plan {
    return new ShopSetup\Plan(['student' => ['ann@example.com' => plan_person('Ann', 'Lee', 'ann@example.com'),
        'bob@example.com' => plan_person('Bob', 'Ray', 'bob@example.com')]], 2, plan_roles(), plan_facts(['outbox' => 'shophandlers_setup_outbox']));
}
function store(array $options = []): MemoryStore {
    return memory_store(['user' => [memory_account(11, 'bob@example.com')],
        'user_enrolments' => [['id' => 21, 'status' => 1, 'enrolid' => 7, 'userid' => 11, 'timestart' => 1700000000, 'timeend' => 1700000001,
            'modifierid' => 9, 'timecreated' => 1, 'timemodified' => 1]]], $options + ['ids' => ['user' => 1000]]);
}
/** Runs $fn on $store; prints what it threw, the calls from the failing one on, and whether the tables are as before. */
function failing(string $what, MemoryStore $store, callable $fn): void {
    $before = $store->tables();
    $calls = count($store->log());
    try {
        $fn();
        echo "$what: no exception\n";
    } catch (Throwable $e) {
        echo "$what: ", get_class($e), ': ', $e->getMessage(), "\n";
    }
    $log = array_slice($store->log(), $calls);
    $failed = array_keys(array_filter($log, fn($line) => str_ends_with($line, '(failed)')));
    $tail = $failed === [] ? array_slice($log, -3) : array_slice($log, $failed[0]);
    echo '    ', implode(', ', $tail), ' | tables ', $store->tables() === $before ? 'as before' : 'CHANGED', ' | ', $store->state(), "\n";
}

echo "== a plan runs once\n";
$reference = store();
$plan = plan();
$first = $plan->run($reference);
echo 'first run: ', json_encode(array_keys($first)), "\n";
echo 'tables written: ', implode(', ', $first['tables']), "\n";
echo 'writes: ', implode(', ', $reference->log(false)), "\n";
$calls = count($reference->log());
plan_expect_throw(fn() => $plan->run($reference));
plan_expect_throw(fn() => $plan->run(store()));
plan_expect_throw(fn() => $plan->preview($reference));
echo 'calls to the store since the first run: ', count($reference->log()) - $calls, "\n";
$plan = plan();
$plan->preview(store());
plan_expect_throw(fn() => $plan->run(store()));
plan_expect_throw(fn() => $plan->preview(store()));

echo "== a store that throws at a call\n";
foreach ([['lock'], ['begin'], ['find', 'user'], ['findKeys', 'user'], ['insert', 'user'], ['find', 'user', 3], ['insert', 'user_preferences'],
    ['find', 'context'], ['insert', 'context'], ['update', 'context'], ['find', 'groups'], ['insert', 'groups'], ['find', 'user_enrolments'],
    ['insert', 'user_enrolments'], ['update', 'user_enrolments'], ['find', 'role_assignments'], ['insert', 'role_assignments'],
    ['find', 'groups_members'], ['insert', 'groups_members'], ['update', 'groups'], ['find', 'local_shop_product'], ['insert', 'local_shop_product'],
    ['insert', 'local_shop_productevent'], ['find', 'cache_flags'], ['insert', 'cache_flags'], ['insert', 'shophandlers_setup_outbox'],
    ['commit']] as $step) {
    $store = store();
    $store->failOn(...$step);
    failing(isset($step[2]) ? "$step[0] $step[1] (read back)" : implode(' ', $step), $store, fn() => plan()->run($store));
}

echo "== after a failed run, the plan does not run again; a new plan runs as on a fresh store\n";
$store = store();
$store->failOn('insert', 'local_shop_productevent');
$plan = plan();
failing('failed run', $store, fn() => $plan->run($store));
plan_expect_throw(fn() => $plan->run($store));
plan()->run($store);
echo 'tables as after a run on a fresh store: ', $store->tables() === $reference->tables() ? 'yes' : 'NO', "\n";

echo "== a store that answers wrongly\n";
/** A store whose find() on $table with $columns returns $fn(rows) instead of the rows. */
function wrong(string $table, array $columns, callable $fn): MemoryStore {
    return store(['filter' => fn($method, $t, $c, $found) => $method === 'find' && $t === $table && $c === $columns ? $fn($found) : $found]);
}
$accounts = ['id', 'email', 'suspended'];
$cases = [
    'too few values' => wrong('user', $accounts, fn($rows) => array_map(fn($row) => array_slice($row, 0, 2), $rows)),
    'too many values' => wrong('user', $accounts, fn($rows) => array_map(fn($row) => [...$row, 'x'], $rows)),
    'no values' => wrong('user', $accounts, fn($rows) => array_map(fn($row) => [], $rows)),
    'a text for an int' => wrong('user', $accounts, fn($rows) => array_map(fn($row) => ['ten', $row[1], $row[2]], $rows)),
    'an int for a text' => wrong('user', ['username'], fn($rows) => [[12]]),
    'an array value' => wrong('user', $accounts, fn($rows) => array_map(fn($row) => [[$row[0]], $row[1], $row[2]], $rows)),
    'a row that is not a list' => wrong('user', $accounts, fn($rows) => ['bob@example.com']),
    'a key not asked for' => store(['filter' => fn($method, $t, $c, $found) => $method === 'findKeys' ? ['zzz.zzz'] : $found]),
    'a cursor that throws' => wrong('user', $accounts, function ($rows) {
        yield from $rows;
        throw new RuntimeException('cursor failed');
    }),
    'the new account read back with an existing id' => wrong('user', ['username', 'id'], fn($rows) => array_map(fn($row) => [$row[0], 11], $rows)),
    'the new account not read back' => wrong('user', ['username', 'id'], fn($rows) => []),
    'the new group not read back' => wrong('groups', ['id'], fn($rows) => []),
    'the new enrolments not read back' => wrong('user_enrolments', ['id', 'userid', 'status', 'timestart', 'timeend'],
        fn($rows) => array_values(array_filter($rows, fn($row) => $row[1] == 11))),
];
foreach ($cases as $what => $store) {
    failing($what, $store, fn() => plan()->run($store));
}

echo "== ids read back that cannot be right (0, -1): refused, the table named, whatever the stage\n";
/** A store whose find() on $table returns every id column as $id. */
function bad_ids(string $table, int $id): MemoryStore {
    return store(['filter' => function ($method, $t, $c, $found) use ($table, $id) {
        $at = array_search('id', $c, true);
        if ($method !== 'find' || $t !== $table || $at === false) {
            return $found;
        }
        return array_map(fn($row) => array_replace($row, [$at => $id]), $found);
    }]);
}
foreach (['user', 'context', 'groups', 'user_enrolments', 'role_assignments', 'local_shop_product'] as $table) {
    foreach ([0, -1] as $id) {
        $store = bad_ids($table, $id);
        failing("$table id $id", $store, fn() => plan()->run($store));
    }
}

echo "== a NULL (a nullable column) reads as 0 or empty: an email NULL matches nobody\n";
$store = wrong('user', $accounts, fn($rows) => array_map(fn($row) => [$row[0], null, $row[2]], $rows));
echo json_encode(plan()->run($store)['users']['created']), "\n";

echo "== preview() over a store that throws: the exception reaches the caller, nothing was locked\n";
$store = store();
$store->failOn('findKeys');
failing('preview', $store, fn() => plan()->preview($store));

echo "== construction\n";
plan_expect_throw(fn() => $plan->__construct([], 0, [], plan_facts()));
plan_expect_throw(fn() => clone $plan);
plan_expect_throw(fn() => serialize($plan));
plan_expect_throw(fn() => $plan->extra = 1);
plan_expect_throw(fn() => plan()->run(new ArrayObject()));
?>
--EXPECT--
== a plan runs once
first run: ["users","contexts_created","group","enrolments","role_assignments","group_members","products","dirty_users","effects","statements","tables","cluster"]
tables written: user, user_preferences, context, groups, user_enrolments, role_assignments, groups_members, local_shop_product, local_shop_productevent, cache_flags, shophandlers_setup_outbox
writes: lock, begin, insert user ×1, insert user_preferences ×2, insert context ×2, update context ×2, insert groups ×1, insert user_enrolments ×2, update user_enrolments ×1, insert role_assignments ×7, insert groups_members ×3, update groups ×1, insert local_shop_product ×2, insert local_shop_productevent ×2, insert cache_flags ×3, insert shophandlers_setup_outbox ×16, commit, unlock
ShopSetup\PlanException: run: a plan runs once: build a new one to run it again
ShopSetup\PlanException: run: a plan runs once: build a new one to run it again
ShopSetup\PlanException: run: a plan runs once: build a new one to run it again
calls to the store since the first run: 0
ShopSetup\PlanException: run: a plan runs once: build a new one to run it again
ShopSetup\PlanException: run: a plan runs once: build a new one to run it again
== a store that throws at a call
lock: RuntimeException: MemoryStore: lock failed (injected)
    lock (failed) | tables as before | idle
begin: RuntimeException: MemoryStore: begin failed (injected)
    begin (failed), unlock | tables as before | idle
find user: RuntimeException: MemoryStore: find user failed (injected)
    find user (failed), rollback, unlock | tables as before | idle
findKeys user: RuntimeException: MemoryStore: findKeys user failed (injected)
    findKeys user (failed), rollback, unlock | tables as before | idle
insert user: RuntimeException: MemoryStore: insert user failed (injected)
    insert user ×1 (failed), rollback, unlock | tables as before | idle
find user (read back): RuntimeException: MemoryStore: find user failed (injected)
    find user (failed), rollback, unlock | tables as before | idle
insert user_preferences: RuntimeException: MemoryStore: insert user_preferences failed (injected)
    insert user_preferences ×2 (failed), rollback, unlock | tables as before | idle
find context: RuntimeException: MemoryStore: find context failed (injected)
    find context (failed), rollback, unlock | tables as before | idle
insert context: RuntimeException: MemoryStore: insert context failed (injected)
    insert context ×2 (failed), rollback, unlock | tables as before | idle
update context: RuntimeException: MemoryStore: update context failed (injected)
    update context ×2 (failed), rollback, unlock | tables as before | idle
find groups: RuntimeException: MemoryStore: find groups failed (injected)
    find groups (failed), rollback, unlock | tables as before | idle
insert groups: RuntimeException: MemoryStore: insert groups failed (injected)
    insert groups ×1 (failed), rollback, unlock | tables as before | idle
find user_enrolments: RuntimeException: MemoryStore: find user_enrolments failed (injected)
    find user_enrolments (failed), rollback, unlock | tables as before | idle
insert user_enrolments: RuntimeException: MemoryStore: insert user_enrolments failed (injected)
    insert user_enrolments ×2 (failed), rollback, unlock | tables as before | idle
update user_enrolments: RuntimeException: MemoryStore: update user_enrolments failed (injected)
    update user_enrolments ×1 (failed), rollback, unlock | tables as before | idle
find role_assignments: RuntimeException: MemoryStore: find role_assignments failed (injected)
    find role_assignments (failed), rollback, unlock | tables as before | idle
insert role_assignments: RuntimeException: MemoryStore: insert role_assignments failed (injected)
    insert role_assignments ×7 (failed), rollback, unlock | tables as before | idle
find groups_members: RuntimeException: MemoryStore: find groups_members failed (injected)
    find groups_members (failed), rollback, unlock | tables as before | idle
insert groups_members: RuntimeException: MemoryStore: insert groups_members failed (injected)
    insert groups_members ×3 (failed), rollback, unlock | tables as before | idle
update groups: RuntimeException: MemoryStore: update groups failed (injected)
    update groups ×1 (failed), rollback, unlock | tables as before | idle
find local_shop_product: RuntimeException: MemoryStore: find local_shop_product failed (injected)
    find local_shop_product (failed), rollback, unlock | tables as before | idle
insert local_shop_product: RuntimeException: MemoryStore: insert local_shop_product failed (injected)
    insert local_shop_product ×2 (failed), rollback, unlock | tables as before | idle
insert local_shop_productevent: RuntimeException: MemoryStore: insert local_shop_productevent failed (injected)
    insert local_shop_productevent ×2 (failed), rollback, unlock | tables as before | idle
find cache_flags: RuntimeException: MemoryStore: find cache_flags failed (injected)
    find cache_flags (failed), rollback, unlock | tables as before | idle
insert cache_flags: RuntimeException: MemoryStore: insert cache_flags failed (injected)
    insert cache_flags ×3 (failed), rollback, unlock | tables as before | idle
insert shophandlers_setup_outbox: RuntimeException: MemoryStore: insert shophandlers_setup_outbox failed (injected)
    insert shophandlers_setup_outbox ×16 (failed), rollback, unlock | tables as before | idle
commit: RuntimeException: MemoryStore: commit failed (injected)
    commit (failed), rollback, unlock | tables as before | idle
== after a failed run, the plan does not run again; a new plan runs as on a fresh store
failed run: RuntimeException: MemoryStore: insert local_shop_productevent failed (injected)
    insert local_shop_productevent ×2 (failed), rollback, unlock | tables as before | idle
ShopSetup\PlanException: run: a plan runs once: build a new one to run it again
tables as after a run on a fresh store: yes
== a store that answers wrongly
too few values: ShopSetup\DatabaseException: the store's find() must yield lists of 3 values (user)
    find user, rollback, unlock | tables as before | idle
too many values: ShopSetup\DatabaseException: the store's find() must yield lists of 3 values (user)
    find user, rollback, unlock | tables as before | idle
no values: ShopSetup\DatabaseException: the store's find() must yield lists of 3 values (user)
    find user, rollback, unlock | tables as before | idle
a text for an int: ShopSetup\DatabaseException: the store's find() gave string for column id, which holds integers (user)
    find user, rollback, unlock | tables as before | idle
an int for a text: ShopSetup\DatabaseException: the store's find() gave int for column username, which holds strings (user)
    find user, rollback, unlock | tables as before | idle
an array value: ShopSetup\DatabaseException: the store's find() gave array for column id, which holds integers (user)
    find user, rollback, unlock | tables as before | idle
a row that is not a list: ShopSetup\DatabaseException: the store's find() must yield lists of 3 values (user)
    find user, rollback, unlock | tables as before | idle
a key not asked for: ShopSetup\DatabaseException: the store's findKeys() returned a key that was not asked (user)
    findKeys user, rollback, unlock | tables as before | idle
a cursor that throws: RuntimeException: cursor failed
    find user, rollback, unlock | tables as before | idle
the new account read back with an existing id: ShopSetup\PlanException: user: user id 11 is given to two people
    find user, rollback, unlock | tables as before | idle
the new account not read back: ShopSetup\PlanException: ann.lee: new account has no id
    find user, rollback, unlock | tables as before | idle
the new group not read back: ShopSetup\DatabaseException: the new group cannot be read back (groups)
    find groups, rollback, unlock | tables as before | idle
the new enrolments not read back: ShopSetup\PlanException: user_enrolments: no enrolment id for user 1000
    find user_enrolments, rollback, unlock | tables as before | idle
== ids read back that cannot be right (0, -1): refused, the table named, whatever the stage
user id 0: ShopSetup\DatabaseException: the store read back a row with id 0: ids must be positive (user)
    find user, rollback, unlock | tables as before | idle
user id -1: ShopSetup\DatabaseException: the store read back a row with id -1: ids must be positive (user)
    find user, rollback, unlock | tables as before | idle
context id 0: ShopSetup\DatabaseException: the store read back a row with id 0: ids must be positive (context)
    find context, rollback, unlock | tables as before | idle
context id -1: ShopSetup\DatabaseException: the store read back a row with id -1: ids must be positive (context)
    find context, rollback, unlock | tables as before | idle
groups id 0: ShopSetup\DatabaseException: the store read back a row with id 0: ids must be positive (groups)
    find groups, rollback, unlock | tables as before | idle
groups id -1: ShopSetup\DatabaseException: the store read back a row with id -1: ids must be positive (groups)
    find groups, rollback, unlock | tables as before | idle
user_enrolments id 0: ShopSetup\DatabaseException: the store read back a row with id 0: ids must be positive (user_enrolments)
    find user_enrolments, rollback, unlock | tables as before | idle
user_enrolments id -1: ShopSetup\DatabaseException: the store read back a row with id -1: ids must be positive (user_enrolments)
    find user_enrolments, rollback, unlock | tables as before | idle
role_assignments id 0: ShopSetup\DatabaseException: the store read back a row with id 0: ids must be positive (role_assignments)
    find role_assignments, rollback, unlock | tables as before | idle
role_assignments id -1: ShopSetup\DatabaseException: the store read back a row with id -1: ids must be positive (role_assignments)
    find role_assignments, rollback, unlock | tables as before | idle
local_shop_product id 0: ShopSetup\DatabaseException: the store read back a row with id 0: ids must be positive (local_shop_product)
    find local_shop_product, rollback, unlock | tables as before | idle
local_shop_product id -1: ShopSetup\DatabaseException: the store read back a row with id -1: ids must be positive (local_shop_product)
    find local_shop_product, rollback, unlock | tables as before | idle
== a NULL (a nullable column) reads as 0 or empty: an email NULL matches nobody
{"ann@example.com":1000,"bob@example.com":1001}
== preview() over a store that throws: the exception reaches the caller, nothing was locked
preview: RuntimeException: MemoryStore: findKeys user failed (injected)
    findKeys user (failed) | tables as before | idle
== construction
Error: Cannot call ShopSetup\Plan::__construct() twice
Error: Trying to clone an uncloneable object of class ShopSetup\Plan
Exception: Serialization of 'ShopSetup\Plan' is not allowed
Error: Cannot create dynamic property ShopSetup\Plan::$extra
TypeError: ShopSetup\Plan::run(): Argument #1 ($store) must be of type ShopSetup\Store, ArrayObject given
