--TEST--
Galera: the store detects a node (wsrep_on), requires the lock row there, says "galera" in its report; the rows and the lock row reach every node
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
$db = shopsetup_test_db('galera_node');
$options = shopsetup_cluster_options('galera_node', 1);

try {
    new ShopSetup\MysqlConnection(array_diff_key($options, ['lock_table' => 1]));
    echo "no error\n";
} catch (ShopSetup\DatabaseException $e) {
    echo $e->getMessage(), "\n";
}

$conn = new ShopSetup\MysqlConnection($options);
$order = shopsetup_cluster_order(41, shopsetup_cluster_people('solo', 20), shopsetup_cluster_people('tutor', 2));
$r = (new ShopSetup\Plan($order['buckets'], $order['seats'], $order['roles'], $order['facts']))->run($conn);
echo 'created ', count($r['users']['created']), ', cluster ', var_export($r['cluster'], true), "\n";
foreach (shopsetup_cluster_ports() as $node => $port) {
    $m = shopsetup_cluster_mysqli('galera_node', $node);
    echo "node $node: ", shopsetup_test_counts($m), ', lock row ', shopsetup_test_int($m, 'SELECT setups FROM mdl_shophandlers_setup_lock WHERE id = 1'),
        ', wsrep_cluster_size ', $m->query("SHOW STATUS LIKE 'wsrep_cluster_size'")->fetch_row()[1], "\n";
}
shopsetup_test_db_drop('galera_node');
?>
--CLEAN--
<?php
require __DIR__ . '/../fixtures/db.inc';
shopsetup_test_db_drop('galera_node');
?>
--EXPECT--
the server is a Galera node, where GET_LOCK() does not hold across the cluster: the "lock_table" option is required (connect)
created 22, cluster 'galera'
node 1: user=25 user_preferences=44 context=30 groups=1 user_enrolments=23 role_assignments=67 groups_members=23 local_shop_product=22 local_shop_productevent=22 cache_flags=23 shophandlers_setup_outbox=137 task_adhoc=1, lock row 1, wsrep_cluster_size 3
node 2: user=25 user_preferences=44 context=30 groups=1 user_enrolments=23 role_assignments=67 groups_members=23 local_shop_product=22 local_shop_productevent=22 cache_flags=23 shophandlers_setup_outbox=137 task_adhoc=1, lock row 1, wsrep_cluster_size 3
node 3: user=25 user_preferences=44 context=30 groups=1 user_enrolments=23 role_assignments=67 groups_members=23 local_shop_product=22 local_shop_productevent=22 cache_flags=23 shophandlers_setup_outbox=137 task_adhoc=1, lock row 1, wsrep_cluster_size 3
