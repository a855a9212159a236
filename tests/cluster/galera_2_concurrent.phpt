--TEST--
Galera: 18 setups at once on three nodes, every order run on two nodes at the same time and all of them sharing 60 new emails: certification conflicts retried, 0 duplicates, every order complete, the nodes identical
--EXTENSIONS--
mysqli
shopsetup
--SKIPIF--
<?php
require __DIR__ . '/../fixtures/cluster.inc';
shopsetup_cluster_skip();
?>
--FILE--
<?php
require __DIR__ . '/../fixtures/cluster.inc';
$db = shopsetup_test_db('galera_concurrent');
$db['mysqli']->query("INSERT INTO mdl_user (auth, confirmed, mnethostid, username, firstname, lastname, email)
    VALUES ('manual', 1, 1, 'old.one', 'Old', 'One', 'old@example.com')");

// Order 50 + k: 30 people of its own, the 60 shared ones, one existing account, a tutor of its own.
$shared = shopsetup_cluster_people('shared', 60);
$orders = [];
for ($k = 1; $k <= 9; $k++) {
    $orders[50 + $k] = shopsetup_cluster_order(50 + $k, shopsetup_cluster_people("own{$k}x", 30) + $shared
        + ['old@example.com' => shopsetup_test_person('Old', 'One', 'old@example.com')], shopsetup_cluster_people("tutor{$k}x", 1));
}
// Two processes per node: the first runs three orders, the second the next node's three, at the same time.
$jobs = [];
foreach ([1, 2, 3] as $node) {
    $next = $node % 3 + 1;
    $jobs["$node-a"] = ['options' => shopsetup_cluster_options('galera_concurrent', $node),
        'orders' => array_values(array_slice($orders, ($node - 1) * 3, 3))];
    $jobs["$node-b"] = ['options' => shopsetup_cluster_options('galera_concurrent', $node),
        'orders' => array_values(array_slice($orders, ($next - 1) * 3, 3))];
}
$completed = $attempts = 0;
$created = [];
foreach (shopsetup_cluster_run($jobs) as $job => $lines) {
    foreach ($lines as $line) {
        $attempts += $line['attempts'];
        if (isset($line['error'])) {
            echo "$job order {$line['billitem']} failed after {$line['attempts']} attempts: {$line['error']}\n";
            continue;
        }
        $completed++;
        $created[$line['billitem']] = ($created[$line['billitem']] ?? 0) + $line['created'];
    }
}
echo "setups completed: $completed of 18\n";
echo 'setups refused by the cluster and run again: ', $attempts > 18 ? 'some' : 'none', "\n";
echo 'accounts created by the two runs of each order: ', array_sum($created), "\n";

foreach (shopsetup_cluster_ports() as $node => $port) {
    $m = shopsetup_cluster_mysqli('galera_concurrent', $node);
    echo "node $node: ", shopsetup_cluster_duplicates($m), "\n";
    echo "node $node: ", shopsetup_test_counts($m), "\n";
    echo "node $node: orders ", shopsetup_cluster_orders($m, array_keys($orders)), "\n";
    echo "node $node: lock row ", shopsetup_test_int($m, 'SELECT setups FROM mdl_shophandlers_setup_lock WHERE id = 1') >= 18 ? 'written by every setup' : 'missing writes', "\n";
}
shopsetup_test_db_drop('galera_concurrent');
?>
--CLEAN--
<?php
require __DIR__ . '/../fixtures/db.inc';
shopsetup_test_db_drop('galera_concurrent');
?>
--EXPECT--
setups completed: 18 of 18
setups refused by the cluster and run again: some
accounts created by the two runs of each order: 339
node 1: duplicates: accounts 0, user contexts 0, groups 0, enrolments 0, role assignments 0, group members 0, products 0, outbox rows 0
node 1: user=343 user_preferences=678 context=348 groups=9 user_enrolments=341 role_assignments=1021 groups_members=837 local_shop_product=828 local_shop_productevent=828 cache_flags=341 shophandlers_setup_outbox=2556 task_adhoc=9
node 1: orders 51:93/92 52:93/92 53:93/92 54:93/92 55:93/92 56:93/92 57:93/92 58:93/92 59:93/92
node 1: lock row written by every setup
node 2: duplicates: accounts 0, user contexts 0, groups 0, enrolments 0, role assignments 0, group members 0, products 0, outbox rows 0
node 2: user=343 user_preferences=678 context=348 groups=9 user_enrolments=341 role_assignments=1021 groups_members=837 local_shop_product=828 local_shop_productevent=828 cache_flags=341 shophandlers_setup_outbox=2556 task_adhoc=9
node 2: orders 51:93/92 52:93/92 53:93/92 54:93/92 55:93/92 56:93/92 57:93/92 58:93/92 59:93/92
node 2: lock row written by every setup
node 3: duplicates: accounts 0, user contexts 0, groups 0, enrolments 0, role assignments 0, group members 0, products 0, outbox rows 0
node 3: user=343 user_preferences=678 context=348 groups=9 user_enrolments=341 role_assignments=1021 groups_members=837 local_shop_product=828 local_shop_productevent=828 cache_flags=341 shophandlers_setup_outbox=2556 task_adhoc=9
node 3: orders 51:93/92 52:93/92 53:93/92 54:93/92 55:93/92 56:93/92 57:93/92 58:93/92 59:93/92
node 3: lock row written by every setup
