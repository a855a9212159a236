--TEST--
Plan::run() stage 4: a user context for each participant without one, path /<system context id>/<id> and depth 2, reported; existing ones used
--EXTENSIONS--
shopsetup
--FILE--
<?php
// Proves: user contexts are created once per person (not per bucket), only for those without one (a context of another
// level with the same instance id does not count), with the path context_user::instance() gives them under the
// site's real system context; existing ones are used for the cross roles; no system context is an error, rolled back.
require __DIR__ . '/fixtures/memory_store.inc';

$buckets = [
    'student' => ['ann@example.com' => plan_person('Ann', 'Lee', 'ann@example.com'), 'bob@example.com' => plan_person('Bob', 'Ray', 'bob@example.com')],
    'teacher' => ['ann@example.com' => plan_person('Ann', 'Lee', 'ann@example.com')],
];
function user_contexts(MemoryStore $store): void {
    print_rows(array_filter($store->rows('context'), fn($row) => $row['contextlevel'] == 30));
}
function supervisor_contexts(MemoryStore $store): string {
    $ids = [];
    foreach ($store->rows('role_assignments') as $ra) {
        if ($ra['userid'] === 50 && $ra['roleid'] === 4 && $ra['contextid'] !== 120) {
            $ids[] = $ra['contextid'];
        }
    }
    return implode(' ', $ids);
}
$bob = memory_account(11, 'bob@example.com');
$ids = ['ids' => ['user' => 1000, 'context' => 2000]];

echo "-- nobody has a context yet: one row each, Ann once although she is in two buckets\n";
$store = memory_store(['user' => [$bob], 'context' => [['id' => 90, 'contextlevel' => 50, 'instanceid' => 11, 'path' => '/1/90', 'depth' => 2, 'locked' => 0]]], $ids);
$plan = new ShopSetup\Plan($buckets, 10, plan_roles(), plan_facts());
$report = $plan->run($store);
echo json_encode($report['users']['created'] + $report['users']['matched']), ' contexts created ', json_encode($report['contexts_created']), "\n";
user_contexts($store);
echo 'operator supervises in: ', supervisor_contexts($store), "\n";

echo "-- Bob has one: only Ann's is created, Bob's is used\n";
$store = memory_store(['user' => [$bob], 'context' => [memory_user_context(90, 11)]], $ids);
$report = (new ShopSetup\Plan($buckets, 10, plan_roles(), plan_facts()))->run($store);
echo 'contexts created ', json_encode($report['contexts_created']), "\n";
user_contexts($store);
echo 'operator supervises in: ', supervisor_contexts($store), "\n";

echo "-- both have one: none created\n";
$store = memory_store(['user' => [$bob, memory_account(12, 'ann@example.com')], 'context' => [memory_user_context(90, 11), memory_user_context(91, 12)]], $ids);
$before = count($store->rows('context'));
$report = (new ShopSetup\Plan($buckets, 10, plan_roles(), plan_facts()))->run($store);
echo 'contexts created ', json_encode($report['contexts_created']), ', rows ', $before, ' -> ', count($store->rows('context')), "\n";
echo 'operator supervises in: ', supervisor_contexts($store), "\n";

echo "-- the site's system context is not id 1\n";
$tables = memory_site(['user' => [$bob]]);
$tables['context'][0]['id'] = 3;
$tables['context'][0]['path'] = '/3';
$store = new MemoryStore($tables, $ids + ['unique' => memory_unique()]);
$report = (new ShopSetup\Plan($buckets, 10, plan_roles(), plan_facts()))->run($store);
user_contexts($store);

echo "-- no system context: an error, nothing stays\n";
$tables = memory_site(['user' => [$bob]]);
array_shift($tables['context']);
$store = new MemoryStore($tables, $ids + ['unique' => memory_unique()]);
$before = $store->tables();
plan_expect_throw(fn() => (new ShopSetup\Plan($buckets, 10, plan_roles(), plan_facts()))->run($store));
echo 'tables ', $store->tables() === $before ? 'as before' : 'CHANGED', ', ', $store->state(), ', ', implode(', ', array_slice($store->log(), -2)), "\n";
?>
--EXPECT--
-- nobody has a context yet: one row each, Ann once although she is in two buckets
{"ann@example.com":1000,"bob@example.com":11} contexts created {"1000":2000,"11":2001}
  id=500 contextlevel=30 instanceid=50 path=/1/500 depth=2 locked=0
  id=2000 contextlevel=30 instanceid=1000 depth=2 locked=0 path=/1/2000
  id=2001 contextlevel=30 instanceid=11 depth=2 locked=0 path=/1/2001
operator supervises in: 2000 2001
-- Bob has one: only Ann's is created, Bob's is used
contexts created {"1000":2000}
  id=500 contextlevel=30 instanceid=50 path=/1/500 depth=2 locked=0
  id=90 contextlevel=30 instanceid=11 path=/1/90 depth=2 locked=0
  id=2000 contextlevel=30 instanceid=1000 depth=2 locked=0 path=/1/2000
operator supervises in: 2000 90
-- both have one: none created
contexts created [], rows 5 -> 5
operator supervises in: 91 90
-- the site's system context is not id 1
  id=500 contextlevel=30 instanceid=50 path=/1/500 depth=2 locked=0
  id=2000 contextlevel=30 instanceid=1000 depth=2 locked=0 path=/3/2000
  id=2001 contextlevel=30 instanceid=11 depth=2 locked=0 path=/3/2001
-- no system context: an error, nothing stays
ShopSetup\DatabaseException: the site has no system context (context)
tables as before, idle, rollback, unlock
