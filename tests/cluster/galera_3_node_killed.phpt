--TEST--
Galera: node 3 killed (SIGKILL) while 18 setups run on the three nodes: each one completes or fails with a clear message, nothing is half-written, the survivors keep serving, and running the orders again on them completes every order with 0 duplicates
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
$db = shopsetup_test_db('galera_killed');

$shared = shopsetup_cluster_people('shared', 50);
$orders = [];
for ($k = 1; $k <= 9; $k++) {
    $orders[60 + $k] = shopsetup_cluster_order(60 + $k, shopsetup_cluster_people("own{$k}x", 150) + $shared);
}
$jobs = [];
foreach ([1, 2, 3] as $node) {
    $next = $node % 3 + 1;
    $jobs["$node-a"] = ['options' => shopsetup_cluster_options('galera_killed', $node), 'orders' => array_values(array_slice($orders, ($node - 1) * 3, 3))];
    $jobs["$node-b"] = ['options' => shopsetup_cluster_options('galera_killed', $node), 'orders' => array_values(array_slice($orders, ($next - 1) * 3, 3))];
}
$killed = shopsetup_cluster_pids()[3];
$results = shopsetup_cluster_run($jobs, function () use ($killed) {
    time_nanosleep(0, 400000000);
    exec("kill -9 $killed");
});
$outcomes = ['completed' => 0, 'failed with a clear message' => 0, 'other' => 0];
$failed_on = [];
foreach ($results as $job => $lines) {
    foreach ($lines as $line) {
        if (!isset($line['error'])) {
            $outcomes['completed']++;
        } else if (preg_match('/^(MySQL error \d+ \(\w+\): .+|cannot connect to MySQL\/MariaDB: .+) \((connect|lock|start transaction|commit|[a-z_]+)\)$/', $line['error'])) {
            $outcomes['failed with a clear message']++;
            $failed_on[] = $job[0];
        } else {
            $outcomes['other']++;
            echo "$job order {$line['billitem']}: {$line['error']}\n";
        }
    }
}
echo 'setups: ', $outcomes['completed'] + $outcomes['failed with a clear message'], " of 18 completed or failed with a clear message, {$outcomes['other']} otherwise\n";
echo 'failures on node 1 or 2: ', count(array_filter($failed_on, fn($node) => $node !== '3')), "\n";
echo 'some setups ran on node 3 when it was killed: ', $outcomes['failed with a clear message'] > 0 ? 'yes' : 'no', "\n";

$survivors = [1 => shopsetup_cluster_mysqli('galera_killed', 1), 2 => shopsetup_cluster_mysqli('galera_killed', 2)];
echo 'cluster size: ', $survivors[1]->query("SHOW STATUS LIKE 'wsrep_cluster_size'")->fetch_row()[1], "\n";
$half = 0;
foreach (explode(' ', shopsetup_cluster_orders($survivors[1], array_keys($orders))) as $order) {
    $half += !in_array(substr($order, 3), ['0/0', '201/200'], true);
}
echo "orders half-written after the kill: $half\n";

// Every order again on the survivors, alternately: what is complete stays as it is, the rest is completed.
$again = [];
foreach (array_values($orders) as $i => $order) {
    $again[$i % 2 + 1][] = $order;
}
foreach (shopsetup_cluster_run([1 => ['options' => shopsetup_cluster_options('galera_killed', 1), 'orders' => $again[1]],
    2 => ['options' => shopsetup_cluster_options('galera_killed', 2), 'orders' => $again[2]]]) as $job => $lines) {
    foreach ($lines as $line) {
        if (isset($line['error'])) {
            echo "again on node $job, order {$line['billitem']}: {$line['error']}\n";
        }
    }
}
foreach ($survivors as $node => $m) {
    echo "node $node: ", shopsetup_cluster_duplicates($m), "\n";
    echo "node $node: ", shopsetup_test_counts($m), "\n";
    echo "node $node: orders ", shopsetup_cluster_orders($m, array_keys($orders)), "\n";
}
shopsetup_test_db_drop('galera_killed');
?>
--CLEAN--
<?php
require __DIR__ . '/../fixtures/db.inc';
shopsetup_test_db_drop('galera_killed');
?>
--EXPECT--
setups: 18 of 18 completed or failed with a clear message, 0 otherwise
failures on node 1 or 2: 0
some setups ran on node 3 when it was killed: yes
cluster size: 2
orders half-written after the kill: 0
node 1: duplicates: accounts 0, user contexts 0, groups 0, enrolments 0, role assignments 0, group members 0, products 0, outbox rows 0
node 1: user=1403 user_preferences=2800 context=1408 groups=9 user_enrolments=1401 role_assignments=4201 groups_members=1809 local_shop_product=1800 local_shop_productevent=1800 cache_flags=1401 shophandlers_setup_outbox=8829 task_adhoc=9
node 1: orders 61:201/200 62:201/200 63:201/200 64:201/200 65:201/200 66:201/200 67:201/200 68:201/200 69:201/200
node 2: duplicates: accounts 0, user contexts 0, groups 0, enrolments 0, role assignments 0, group members 0, products 0, outbox rows 0
node 2: user=1403 user_preferences=2800 context=1408 groups=9 user_enrolments=1401 role_assignments=4201 groups_members=1809 local_shop_product=1800 local_shop_productevent=1800 cache_flags=1401 shophandlers_setup_outbox=8829 task_adhoc=9
node 2: orders 61:201/200 62:201/200 63:201/200 64:201/200 65:201/200 66:201/200 67:201/200 68:201/200 69:201/200
