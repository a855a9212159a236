<?php
/*
 * Executor benchmark driver (run by bench/run.sh): for each N, a verification round that is also
 * the warm-up, then REPS repetitions of (a) shopsetup, (b) the PHP way, (c) the floor, in rotating
 * order, each on a freshly reset database. Writes RESULTS/executor.json and prints a table.
 *
 *   php bench/lib/executor.php RESULTS_DIR SIZES REPS      e.g. bench/results 100,1000,10000 7
 *
 * Database: BENCH_DB_* (see common.php); the user must be allowed to drop and create the database.
 */
require __DIR__ . '/common.php';

const TABLES = ['user', 'user_preferences', 'context', 'groups', 'user_enrolments', 'role_assignments',
    'groups_members', 'local_shop_product', 'local_shop_productevent'];
const NOT_COMPARED = ['id', 'timecreated', 'timemodified', 'timeadded', 'datecreated'];

$options = bench_db_options();
$extension = bench_module();
$client = ['mariadb', '--no-defaults', '--protocol=TCP', '-h' . $options['host'], '-P' . $options['port'],
    '-u' . $options['user'], '-p' . $options['password'], '--default-character-set=utf8mb4', '--max-allowed-packet=256M'];

/** Runs a command with stdin from $input; returns [stdout, wall-clock ms]; dies on failure. */
function run(array $command, ?string $input = null): array
{
    $spec = [0 => $input === null ? ['file', '/dev/null', 'r'] : ['file', $input, 'r'], 1 => ['pipe', 'w'], 2 => ['pipe', 'w']];
    $start = hrtime(true);
    $process = proc_open($command, $spec, $pipes);
    if ($process === false) {
        throw new RuntimeException('cannot start ' . $command[0]);
    }
    $out = stream_get_contents($pipes[1]);
    $err = stream_get_contents($pipes[2]);
    fclose($pipes[1]);
    fclose($pipes[2]);
    $status = proc_close($process);
    $ms = (hrtime(true) - $start) / 1e6;
    if ($status !== 0) {
        throw new RuntimeException(basename($command[0]) . " failed ($status): " . trim($err ?: $out));
    }
    return [$out, $ms];
}

function db(): mysqli
{
    $o = bench_db_options();
    mysqli_report(MYSQLI_REPORT_ERROR | MYSQLI_REPORT_STRICT);
    $db = new mysqli($o['host'], $o['user'], $o['password'], $o['database'], $o['port']);
    $db->set_charset('utf8mb4');
    return $db;
}

/** The SQL that resets the database: schema, sample site, N existing accounts, fresh index statistics. */
function write_reset_file(int $n, string $file): void
{
    $database = bench_db_options()['database'];
    file_put_contents($file, "DROP DATABASE IF EXISTS `$database`;\n"
        . "CREATE DATABASE `$database` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;\n"
        . "USE `$database`;\n"
        . file_get_contents(BENCH_ROOT . '/tests/fixtures/moodle_schema.sql')
        . file_get_contents(BENCH_ROOT . '/tests/fixtures/moodle_site.sql')
        . bench_site_sql($n)
        . "ANALYZE TABLE mdl_user, mdl_context;\n");
}

/** Drops and recreates the database with the schema, the sample site and N existing accounts. Not timed. */
function reset_db(string $file): array
{
    global $client;
    run($client, $file);
    $db = db();
    $max = [];
    foreach (TABLES as $table) {
        $max[$table] = (int) $db->query("SELECT COALESCE(MAX(id), 0) FROM mdl_$table")->fetch_row()[0];
    }
    $db->close();
    usleep(300000);   // let the server settle after the load
    return $max;
}

/** Row count and an order-independent checksum of every table's compared columns. */
function checksums(): array
{
    $db = db();
    $out = [];
    foreach (TABLES as $table) {
        $columns = [];
        $result = $db->query("SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE()"
            . " AND TABLE_NAME = 'mdl_$table' ORDER BY ORDINAL_POSITION");
        foreach ($result->fetch_all() as [$column]) {
            if (!in_array($column, NOT_COMPARED, true)) {
                $columns[] = "`$column`";
            }
        }
        $hashes = [];
        $result = $db->query('SELECT ' . implode(',', $columns) . " FROM mdl_$table", MYSQLI_USE_RESULT);
        while ($row = $result->fetch_row()) {
            $hashes[] = sha1(json_encode($row, JSON_THROW_ON_ERROR | JSON_INVALID_UTF8_IGNORE), true);
        }
        $result->free();
        sort($hashes, SORT_STRING);
        $out[$table] = [count($hashes), substr(sha1(implode('', $hashes)), 0, 16)];
    }
    $db->close();
    return $out;
}

/**
 * The rows the setup added (ids above the starting state), as one multi-row INSERT per table in one
 * transaction: the id and every column that is not at its default in all of them (with $allColumns,
 * every column).
 */
function dump_floor(array $startMax, string $file, bool $allColumns = false): array
{
    $db = db();
    $fh = fopen($file, 'w');
    fwrite($fh, "START TRANSACTION;\n");
    $counts = [];
    $numeric = [MYSQLI_TYPE_TINY, MYSQLI_TYPE_SHORT, MYSQLI_TYPE_INT24, MYSQLI_TYPE_LONG, MYSQLI_TYPE_LONGLONG];
    foreach (TABLES as $table) {
        $defaults = [];
        $result = $db->query("SELECT COLUMN_NAME, COLUMN_DEFAULT, IS_NULLABLE FROM information_schema.COLUMNS"
            . " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'mdl_$table'");
        foreach ($result->fetch_all() as [$column, $default, $nullable]) {
            // SQL literal of the default, or null when the column has none (NOT NULL without DEFAULT)
            $defaults[$column] = $default === null ? ($nullable === 'YES' ? 'NULL' : null) : $default;
        }
        $result = $db->query("SELECT * FROM mdl_$table WHERE id > {$startMax[$table]} ORDER BY id");
        $fields = $result->fetch_fields();
        $isInt = array_map(fn($field) => in_array($field->type, $numeric, true), $fields);
        $rows = [];
        $keep = [];
        foreach ($fields as $i => $field) {
            $keep[$i] = $allColumns || $field->name === 'id' || $defaults[$field->name] === null;
        }
        while ($row = $result->fetch_row()) {
            foreach ($row as $i => $value) {
                $row[$i] = $value === null ? 'NULL' : ($isInt[$i] ? $value : "'" . $db->real_escape_string($value) . "'");
                $keep[$i] = $keep[$i] || $row[$i] !== $defaults[$fields[$i]->name];
            }
            $rows[] = $row;
        }
        $counts[$table] = count($rows);
        if ($rows) {
            $columns = array_keys(array_filter($keep));
            $values = array_map(fn($row) => '(' . implode(',', array_map(fn($i) => $row[$i], $columns)) . ')', $rows);
            fwrite($fh, "INSERT INTO `mdl_$table` (`" . implode('`,`', array_map(fn($i) => $fields[$i]->name, $columns))
                . "`) VALUES\n" . implode(",\n", $values) . ";\n");
        }
    }
    fwrite($fh, "COMMIT;\n");
    fclose($fh);
    $db->close();
    return $counts;
}

function run_method(string $method, int $n, string $floorFile): array
{
    global $client, $extension, $options;
    if ($method === 'floor') {
        [, $ms] = run([...$client, $options['database']], $floorFile);
        return ['method' => 'floor', 'n' => $n, 'ms' => $ms];
    }
    [$out] = run([PHP_BINARY, '-d', 'memory_limit=-1', '-d', "extension=$extension", __DIR__ . '/run_one.php',
        $method === 'a' ? 'shopsetup' : 'php', (string) $n]);
    $result = json_decode($out, true, 8, JSON_THROW_ON_ERROR);
    $expected = ['created' => intdiv($n, 2), 'matched' => $n - intdiv($n, 2), 'group_members' => $n + 1,
        'products' => $n, 'role_assignments' => 3 * $n + 1];
    if (array_intersect_key($result, $expected) != $expected) {
        throw new RuntimeException("$method at N=$n did not write what was expected: $out");
    }
    return $result;
}

if (realpath($argv[0] ?? '') !== __FILE__) {
    return; // included for its functions
}
[$resultsDir, $sizes, $reps] = [$argv[1] ?? 'bench/results', $argv[2] ?? '100,1000,10000', (int) ($argv[3] ?? 7)];
$sizes = array_map('intval', explode(',', $sizes));
if ($reps < 1 || !$sizes || min($sizes) < 10) {
    fwrite(STDERR, "usage: executor.php RESULTS_DIR SIZES REPS\n");
    exit(2);
}
@mkdir($resultsDir, 0777, true);
$names = ['a' => 'shopsetup', 'b' => 'PHP way', 'c' => 'floor'];
$report = ['started' => date('c'), 'reps' => $reps, 'sizes' => []];
foreach ($sizes as $n) {
    $resetFile = "$resultsDir/reset_$n.sql";
    $floorFile = "$resultsDir/floor_$n.sql";
    write_reset_file($n, $resetFile);

    // Verification round, also the warm-up: (a), dump its rows for (c), then (b) and (c) on the same start.
    fprintf(STDERR, "N=%d: verification and warm-up\n", $n);
    $startMax = reset_db($resetFile);
    run_method('a', $n, $floorFile);
    $sumA = checksums();
    $floorRows = dump_floor($startMax, $floorFile);
    reset_db($resetFile);
    run_method('b', $n, $floorFile);
    $sumB = checksums();
    reset_db($resetFile);
    run_method('floor', $n, $floorFile);
    $sumC = checksums();
    $verify = ['php_way_same_rows' => $sumA === $sumB, 'floor_same_rows' => $sumA === $sumC, 'tables' => []];
    foreach (TABLES as $table) {
        $verify['tables'][$table] = ['rows' => $sumA[$table][0], 'added' => $floorRows[$table], 'checksum' => $sumA[$table][1],
            'php_way' => $sumB[$table] === $sumA[$table] ? 'same' : "DIFFERENT ({$sumB[$table][0]} rows, {$sumB[$table][1]})",
            'floor' => $sumC[$table] === $sumA[$table] ? 'same' : "DIFFERENT ({$sumC[$table][0]} rows, {$sumC[$table][1]})"];
    }
    fprintf(STDERR, "N=%d: PHP way writes the same rows as shopsetup: %s; floor: %s\n", $n,
        $verify['php_way_same_rows'] ? 'yes' : 'NO', $verify['floor_same_rows'] ? 'yes' : 'NO');

    $runs = ['a' => [], 'b' => [], 'c' => []];
    $orders = [['a', 'b', 'c'], ['b', 'c', 'a'], ['c', 'a', 'b']];
    for ($r = 0; $r < $reps; $r++) {
        foreach ($orders[$r % 3] as $m) {
            reset_db($resetFile);
            $runs[$m][$r] = run_method($m === 'c' ? 'floor' : $m, $n, $floorFile);
        }
        fprintf(STDERR, "N=%d rep %d/%d: shopsetup %.1f ms, PHP way %.1f ms, floor %.1f ms\n", $n, $r + 1, $reps,
            $runs['a'][$r]['ms'], $runs['b'][$r]['ms'], $runs['c'][$r]['ms']);
    }
    $ms = fn($m) => array_column($runs[$m], 'ms');
    $ratio = fn($x, $y) => array_map(fn($r) => $runs[$x][$r]['ms'] / $runs[$y][$r]['ms'], range(0, $reps - 1));
    $perParticipant = fn($m) => array_map(fn($run) => ($run['peak_kib'] - $run['baseline_kib']) * 1024 / $n, $runs[$m]);
    $ownPerParticipant = fn($m) => array_map(fn($run) => ($run['peak_kib'] - $run['order_kib']) * 1024 / $n, $runs[$m]);
    $report['sizes'][$n] = [
        'verification' => $verify,
        'median_ms' => ['shopsetup' => bench_median($ms('a')), 'php_way' => bench_median($ms('b')), 'floor' => bench_median($ms('c'))],
        'median_ratio' => ['php_way_over_shopsetup' => bench_median($ratio('b', 'a')),
            'shopsetup_over_floor' => bench_median($ratio('a', 'c')), 'php_way_over_floor' => bench_median($ratio('b', 'c'))],
        'memory' => [
            'shopsetup_bytes_per_participant' => bench_median($perParticipant('a')),
            'php_way_bytes_per_participant' => bench_median($perParticipant('b')),
            'shopsetup_own_bytes_per_participant' => bench_median($ownPerParticipant('a')),
            'php_way_own_bytes_per_participant' => bench_median($ownPerParticipant('b')),
            'order_bytes_per_participant' => $runs['a'][0]['order_bytes'] / $n,
            'shopsetup_baseline_kib' => bench_median(array_column($runs['a'], 'baseline_kib')),
            'shopsetup_peak_kib' => bench_median(array_column($runs['a'], 'peak_kib')),
            'php_way_baseline_kib' => bench_median(array_column($runs['b'], 'baseline_kib')),
            'php_way_peak_kib' => bench_median(array_column($runs['b'], 'peak_kib')),
        ],
        'statements' => ['shopsetup' => $runs['a'][0]['statements'], 'php_way' => $runs['b'][0]['statements']],
        'median_client_cpu_ms' => ['shopsetup' => bench_median(array_column($runs['a'], 'cpu_ms')),
            'php_way' => bench_median(array_column($runs['b'], 'cpu_ms'))],
        'median_zend_heap_bytes_per_participant' => ['shopsetup' => bench_median(array_column($runs['a'], 'zend_peak_bytes')) / $n,
            'php_way' => bench_median(array_column($runs['b'], 'zend_peak_bytes')) / $n],
        'runs' => $runs,
    ];
    file_put_contents("$resultsDir/executor.json", json_encode($report, JSON_PRETTY_PRINT));
}

// The table.
$lines = [];
$lines[] = sprintf('Executor: median of %d runs after one warm-up; ratios are medians of per-repetition ratios', $reps);
$lines[] = '';
$lines[] = sprintf('%8s | %12s | %12s | %10s | %11s | %12s | %12s | %9s | %9s | %s', 'N', 'shopsetup ms', 'PHP way ms',
    'floor ms', 'PHP/shopset', 'shopset/floor', 'PHP/floor', 'B/part (a)', 'B/part (b)', 'same rows (b) (c)');
$lines[] = str_repeat('-', 132);
foreach ($report['sizes'] as $n => $s) {
    $lines[] = sprintf('%8s | %12.1f | %12.1f | %10.1f | %10.2fx | %12.2fx | %11.2fx | %10.0f | %10.0f | %s %s',
        number_format($n), $s['median_ms']['shopsetup'], $s['median_ms']['php_way'], $s['median_ms']['floor'],
        $s['median_ratio']['php_way_over_shopsetup'], $s['median_ratio']['shopsetup_over_floor'],
        $s['median_ratio']['php_way_over_floor'], $s['memory']['shopsetup_bytes_per_participant'],
        $s['memory']['php_way_bytes_per_participant'], $s['verification']['php_way_same_rows'] ? 'yes' : 'NO',
        $s['verification']['floor_same_rows'] ? 'yes' : 'NO');
}
$lines[] = '';
$lines[] = 'B/part: (peak RSS - peak RSS right after bootstrap) / N, median (VmHWM); it includes the order array (same for both).';
$lines[] = 'Own memory above the process with the order loaded ((peak RSS - peak RSS once the order is built) / N, median):';
foreach ($report['sizes'] as $n => $s) {
    $lines[] = sprintf('  N=%s: shopsetup %.0f B, PHP way %.0f B per participant', number_format($n),
        $s['memory']['shopsetup_own_bytes_per_participant'], $s['memory']['php_way_own_bytes_per_participant']);
}
$lines[] = '';
$lines[] = sprintf('%8s | %10s | %10s | %12s | %12s | %9s | %9s | %9s | %9s', 'N', 'statements', 'statements', 'client CPU',
    'client CPU', 'order', 'PHP heap', 'PHP heap', 'RSS (a)');
$lines[] = sprintf('%8s | %10s | %10s | %12s | %12s | %9s | %9s | %9s | %9s', '', 'shopsetup', 'PHP way', 'shopsetup ms',
    'PHP way ms', 'B/part', '(a) B/pt', '(b) B/pt', 'KiB');
$lines[] = str_repeat('-', 106);
foreach ($report['sizes'] as $n => $s) {
    $lines[] = sprintf('%8s | %10d | %10d | %12.1f | %12.1f | %9.0f | %9.0f | %9.0f | %4d->%d', number_format($n),
        $s['statements']['shopsetup'], $s['statements']['php_way'], $s['median_client_cpu_ms']['shopsetup'],
        $s['median_client_cpu_ms']['php_way'], $s['memory']['order_bytes_per_participant'],
        $s['median_zend_heap_bytes_per_participant']['shopsetup'], $s['median_zend_heap_bytes_per_participant']['php_way'],
        $s['memory']['shopsetup_baseline_kib'], $s['memory']['shopsetup_peak_kib']);
}
$lines[] = 'client CPU: user+system time of the php process during the timed part (the rest of the wall time is the server';
$lines[] = 'and the network); PHP heap: growth of PHP\'s own heap during the work (report arrays, mysqli results), above the order.';
if (isset($report['sizes'][1000], $report['sizes'][10000])) {
    $g = fn($k) => $report['sizes'][10000]['median_ms'][$k] / $report['sizes'][1000]['median_ms'][$k];
    $lines[] = sprintf('Growth from N=1,000 to N=10,000 (linear = 10): shopsetup %.1fx, PHP way %.1fx, floor %.1fx',
        $g('shopsetup'), $g('php_way'), $g('floor'));
    $report['growth_1000_to_10000'] = ['shopsetup' => $g('shopsetup'), 'php_way' => $g('php_way'), 'floor' => $g('floor')];
}
$lines[] = '';
$lines[] = 'Verification (rows of each table after the run; checksum of every column but id and time columns):';
foreach ($report['sizes'] as $n => $s) {
    $cells = [];
    foreach ($s['verification']['tables'] as $table => $t) {
        $cells[] = "$table {$t['rows']} (+{$t['added']}) {$t['php_way']}" . ($t['floor'] === 'same' ? '' : " floor {$t['floor']}");
    }
    $lines[] = sprintf('  N=%s: %s', number_format($n), implode(', ', $cells));
}
$report['finished'] = date('c');
$report['table'] = $lines;
file_put_contents("$resultsDir/executor.json", json_encode($report, JSON_PRETTY_PRINT));
file_put_contents("$resultsDir/executor.txt", implode("\n", $lines) . "\n");
echo implode("\n", $lines), "\n";
$ok = true;
foreach ($report['sizes'] as $s) {
    $ok = $ok && $s['verification']['php_way_same_rows'] && $s['verification']['floor_same_rows'];
}
exit($ok ? 0 : 1);
