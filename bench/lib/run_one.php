<?php
/*
 * One timed executor run in its own process; prints one JSON line.
 *
 *   php -d extension=modules/shopsetup.so bench/lib/run_one.php shopsetup|php N
 *
 * shopsetup: new ShopSetup\Plan(...) + $plan->run(new ShopSetup\MysqlConnection(...))
 * php:       php_roster_plan(...) + new mysqli(...) + php_setup(...)
 *
 * Timed with hrtime: from the participant buckets to the commit (connecting included). Memory:
 * the peak RSS of this process (VmHWM, see bench_maxrss_kib()) right after bootstrap, once the order
 * is built (the input both methods are given) and at the end.
 */
require __DIR__ . '/common.php';
require __DIR__ . '/php_way.php';

[$method, $n] = [$argv[1] ?? '', (int) ($argv[2] ?? 0)];
if (!in_array($method, ['shopsetup', 'php'], true) || $n <= 0) {
    fwrite(STDERR, "usage: run_one.php shopsetup|php N\n");
    exit(2);
}
$options = bench_db_options();
$baselineKib = bench_maxrss_kib();
$before = memory_get_usage();

$buckets = bench_buckets($n);
$roles = bench_bucket_roles();
$facts = bench_facts($n);
$orderBytes = memory_get_usage() - $before;
$orderKib = bench_maxrss_kib();
$zendBefore = memory_get_usage();
memory_reset_peak_usage();
$cpu = function (): float {
    $u = getrusage();
    return ($u['ru_utime.tv_sec'] + $u['ru_stime.tv_sec']) * 1e3 + ($u['ru_utime.tv_usec'] + $u['ru_stime.tv_usec']) / 1e3;
};
$cpuStart = $cpu();

if ($method === 'shopsetup') {
    $start = hrtime(true);
    $plan = new ShopSetup\Plan($buckets, $n, $roles, $facts);
    $report = $plan->run(new ShopSetup\MysqlConnection($options));
    $elapsed = hrtime(true) - $start;
    $summary = ['created' => count($report['users']['created']), 'matched' => count($report['users']['matched']),
        'role_assignments' => count($report['role_assignments']), 'group_members' => count($report['group_members']),
        'products' => count($report['products']), 'statements' => $report['statements']];
} else {
    $start = hrtime(true);
    $roster = php_roster_plan($buckets, $n, $roles, $facts);
    mysqli_report(MYSQLI_REPORT_ERROR | MYSQLI_REPORT_STRICT);
    $db = new mysqli($options['host'], $options['user'], $options['password'], $options['database'], $options['port']);
    $db->set_charset('utf8mb4');
    $report = php_setup($db, $roster, $facts);
    $elapsed = hrtime(true) - $start;
    $summary = array_intersect_key($report, array_flip(['created', 'matched', 'role_assignments', 'group_members',
        'products', 'statements']));
}
$cpuMs = $cpu() - $cpuStart;
$peakKib = bench_maxrss_kib();
// zend_peak_bytes: growth of PHP's own heap (arrays, strings) during the work, above the order;
// the rest of the RSS growth is C memory (the plan, libmysqlclient, mysqlnd, statement buffers).
echo json_encode(['method' => $method, 'n' => $n, 'ms' => $elapsed / 1e6, 'cpu_ms' => $cpuMs, 'baseline_kib' => $baselineKib,
    'order_kib' => $orderKib,
    'peak_kib' => $peakKib, 'ru_maxrss_kib' => getrusage()['ru_maxrss'], 'order_bytes' => $orderBytes, 'zend_peak_bytes' => memory_get_peak_usage() - $zendBefore]
    + $summary), "\n";
