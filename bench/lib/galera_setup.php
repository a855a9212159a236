<?php
/*
 * One setup of N new participants on a single MariaDB and on node 1 of a three-node Galera cluster,
 * side by side, and the size of its write set: wsrep_replicated_bytes before and after, the rows
 * written, against the node's wsrep_max_ws_size and wsrep_max_ws_rows.
 *
 *   php -d extension=... bench/lib/galera_setup.php RESULTS_DIR SIZES REPS SINGLE_PORT CLUSTER_PORT
 *
 * Each run starts from a fresh database (tests/fixtures' site). Writes galera.json and prints a table.
 */
require __DIR__ . '/common.php';
require BENCH_ROOT . '/tests/fixtures/cluster.inc';

[, $resultsDir, $sizeList, $reps, $singlePort, $clusterPort] = $argv;
$sizes = array_map('intval', explode(',', $sizeList));
$reps = max(1, (int) $reps);

/** One run on the server of $port: milliseconds, statements, rows written, replicated bytes (Galera). */
function galera_run(int $port, int $n, bool $galera): array
{
    putenv("SHOPSETUP_TEST_DB_PORT=$port");
    $db = shopsetup_test_db('bench_galera');
    $m = $db['mysqli'];
    $options = $db['options'] + ['lock_table' => SHOPSETUP_CLUSTER_LOCK_TABLE];
    $order = shopsetup_cluster_order(71, shopsetup_test_people($n));
    $plan = new ShopSetup\Plan($order['buckets'], $order['seats'], $order['roles'], $order['facts']);
    $conn = new ShopSetup\MysqlConnection($options);
    $rows = fn() => array_sum(array_map(fn($t) => shopsetup_test_int($m, "SELECT COUNT(*) FROM mdl_$t"),
        [...SHOPSETUP_TEST_TABLES, 'shophandlers_setup_lock']));
    $bytes = fn() => $galera ? (int) $m->query("SHOW GLOBAL STATUS LIKE 'wsrep_replicated_bytes'")->fetch_row()[1] : 0;
    $rowsBefore = $rows();
    $bytesBefore = $bytes();
    $start = hrtime(true);
    $report = $plan->run($conn);
    $ms = (hrtime(true) - $start) / 1e6;
    $result = ['ms' => $ms, 'statements' => $report['statements'], 'rows' => $rows() - $rowsBefore,
        'bytes' => $bytes() - $bytesBefore, 'cluster' => $report['cluster']];
    $conn->close();
    shopsetup_test_db_drop('bench_galera');
    return $result;
}

$probe = new mysqli('127.0.0.1', getenv('SHOPSETUP_TEST_DB_USER'), getenv('SHOPSETUP_TEST_DB_PASS'), '', (int) $clusterPort);
$limits = [];
foreach (['wsrep_max_ws_size', 'wsrep_max_ws_rows', 'max_allowed_packet', 'version'] as $var) {
    $limits[$var] = $probe->query("SELECT @@$var")->fetch_row()[0];
}
printf("node limits: wsrep_max_ws_size %s, wsrep_max_ws_rows %s, max_allowed_packet %s, MariaDB %s\n",
    $limits['wsrep_max_ws_size'], $limits['wsrep_max_ws_rows'], $limits['max_allowed_packet'], $limits['version']);

$out = ['limits' => $limits, 'sizes' => []];
printf("%8s | %12s | %12s | %6s | %10s | %9s | %10s\n", 'N', 'single ms', 'galera ms', 'ratio', 'statements', 'rows', 'write set');
foreach ($sizes as $n) {
    $single = $galera = [];
    for ($r = 0; $r < $reps; $r++) {
        $single[] = galera_run((int) $singlePort, $n, false);
        $galera[] = galera_run((int) $clusterPort, $n, true);
    }
    if ($galera[0]['cluster'] !== 'galera' || $single[0]['cluster'] !== null) {
        throw new RuntimeException('the servers are not what they should be: ' . json_encode([$single[0], $galera[0]]));
    }
    $row = ['n' => $n, 'single_ms' => bench_median(array_column($single, 'ms')), 'galera_ms' => bench_median(array_column($galera, 'ms')),
        'statements' => $galera[0]['statements'], 'rows' => $galera[0]['rows'], 'write_set_bytes' => bench_median(array_column($galera, 'bytes'))];
    $out['sizes'][] = $row;
    printf("%8d | %12.1f | %12.1f | %5.2fx | %10d | %9d | %7.1f MB\n", $n, $row['single_ms'], $row['galera_ms'],
        $row['galera_ms'] / $row['single_ms'], $row['statements'], $row['rows'], $row['write_set_bytes'] / 1048576);
}
file_put_contents("$resultsDir/galera.json", json_encode($out, JSON_PRETTY_PRINT) . "\n");
