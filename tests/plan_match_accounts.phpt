--TEST--
Plan::preview() and run(): emails matched normalised, not deleted, on this host; active before suspended, then lowest id; ambiguities reported
--EXTENSIONS--
shopsetup
--FILE--
<?php
// Proves: whatever order and form the store's rows come in (strings as $DB returns them, last first, from a
// generator, a row twice), each email matches one account: trimmed and case-folded, deleted accounts and other hosts
// left out, a longer address not taken for a shorter one; preview() writes nothing and run() matches the same.
require __DIR__ . '/fixtures/memory_store.inc';

$students = [];
foreach (['ann', 'bob', 'cat', 'dan', 'eve'] as $name) {
    $students["$name@example.com"] = plan_person(ucfirst($name), 'Doe', "$name@example.com");
}
$accounts = [
    memory_account(10, ' ANN@Example.com '),                         // case and spaces
    memory_account(21, 'bob@example.com', 1),
    memory_account(22, 'bob@example.com'),
    memory_account(20, 'BOB@example.com'),
    memory_account(31, 'cat@example.com', 1),
    memory_account(41, 'dan@example.com', 1),
    memory_account(40, 'dan@example.com', 1),
    memory_account(39, 'dan@example.com', 0, ['deleted' => 1]),      // deleted: not a candidate
    memory_account(38, 'dan@example.com', 0, ['mnethostid' => 2]),   // another host
    memory_account(99, 'zed@example.com'),                           // not in the roster
    memory_account(98, 'eve@example.com.au'),                        // starts like eve's address
];
$twice = function (string $method, string $table, array $columns, array $found): array {
    // the same row twice, as overlapping chunks of a lookup may return it
    $id = array_search('id', $columns, true);
    return $method === 'find' && $table === 'user' && $id !== false ? [...$found, ...array_filter($found, fn($row) => $row[$id] == 31)] : $found;
};
$options = ['strings' => true, 'reverse' => true, 'results' => 'generator', 'filter' => $twice];

echo "-- preview\n";
$store = memory_store(['user' => $accounts], $options);
$plan = new ShopSetup\Plan(['student' => $students], 5, plan_roles(), plan_facts());
$before = $store->tables();
$report = $plan->preview($store);
echo json_encode($report), "\n";
foreach ($plan->people() as $person) {
    echo $person['email'], ' ', var_export($person['userid'], true), ' ', $person['status'], ' ', var_export($person['username'], true), "\n";
}
echo 'calls: ', implode(', ', array_unique($store->log())), '; tables ', $store->tables() === $before ? 'unchanged' : 'CHANGED', "\n";

echo "-- once only\n";
plan_expect_throw(fn() => $plan->preview($store));
plan_expect_throw(fn() => $plan->run($store));

echo "-- run() matches the same\n";
$store = memory_store(['user' => $accounts], $options + ['ids' => ['user' => 1000]]);
$plan = new ShopSetup\Plan(['student' => $students], 5, plan_roles(), plan_facts());
$run = $plan->run($store);
echo json_encode($run['users']), "\n";
echo 'as preview(): ', json_encode([$run['users']['suspended'], $run['users']['ambiguous']]) === json_encode([$report['suspended'], $report['ambiguous']])
    && count($run['users']['matched']) === $report['matched'] ? 'yes' : 'NO', "\n";
echo 'accounts: ', count($store->rows('user')), ' (', count($accounts) + 1, " before)\n";

echo "-- nobody known\n";
$plan = new ShopSetup\Plan(['student' => $students], 5, plan_roles(), plan_facts());
echo json_encode($plan->preview(memory_store())), ' ', json_encode(array_column($plan->people(), 'status')), "\n";
?>
--EXPECT--
-- preview
{"matched":4,"suspended":["cat@example.com","dan@example.com"],"ambiguous":[{"email":"bob@example.com","ids":[20,21,22],"chosen":20},{"email":"dan@example.com","ids":[40,41],"chosen":40}]}
ann@example.com 10 matched NULL
bob@example.com 20 matched NULL
cat@example.com 31 suspended NULL
dan@example.com 40 suspended NULL
eve@example.com NULL created 'eve.doe'
calls: find user, findKeys user; tables unchanged
-- once only
ShopSetup\PlanException: run: a plan runs once: build a new one to run it again
ShopSetup\PlanException: run: a plan runs once: build a new one to run it again
-- run() matches the same
{"created":{"eve@example.com":1000},"matched":{"ann@example.com":10,"bob@example.com":20,"cat@example.com":31,"dan@example.com":40},"unsupervised":[],"suspended":["cat@example.com","dan@example.com"],"ambiguous":[{"email":"bob@example.com","ids":[20,21,22],"chosen":20},{"email":"dan@example.com","ids":[40,41],"chosen":40}]}
as preview(): yes
accounts: 13 (12 before)
-- nobody known
{"matched":0,"suspended":[],"ambiguous":[]} ["created","created","created","created","created"]
