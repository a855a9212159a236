<?php
/*
 * The PostgreSQL store against a PHP way and its floor, N = SIZES participants: (a) shopsetup
 * (ShopSetup\PgsqlConnection), (b) the PHP way (php_way.php's rules over pgsql, Moodle's pgsql
 * chunking: multi-row INSERTs of 500, one lookup a participant, LOWER() matching), (c) the floor: the rows (a) added, replayed with COPY by psql in one
 * transaction, no logic at all. Then, at the largest N, each table's added rows written once with
 * COPY and once with multi-row INSERTs of 1,000 rows, to say which is faster per table.
 *
 *   php -d extension=... bench/lib/pgsql_executor.php RESULTS_DIR SIZES REPS
 *
 * The site and the order are those of the MySQL executor benchmark (common.php). Each timed run
 * starts from a fresh database (schema, site, N existing accounts, ANALYZE). Writes pgsql.json and
 * prints a table.
 */
require __DIR__ . '/common.php';
require __DIR__ . '/php_way.php';
require BENCH_ROOT . '/tests/fixtures/pg.inc';

[, $resultsDir, $sizeList, $reps] = $argv;
$sizes = array_map('intval', explode(',', $sizeList));
$reps = max(1, (int) $reps);
$env = shopsetup_test_pg_env();
$database = 'shopsetup_bench_pg';
$options = $env + ['database' => $database, 'prefix' => 'mdl_'];
const PGB_TABLES = ['user', 'user_preferences', 'context', 'groups', 'user_enrolments', 'role_assignments', 'groups_members',
    'local_shop_product', 'local_shop_productevent'];

/** A fresh bench database: schema, site, N existing accounts; returns the highest id of each table. */
function pgb_reset(int $n): array
{
    global $database;
    $admin = shopsetup_test_pg_connect();
    shopsetup_test_pg_query($admin, "DROP DATABASE IF EXISTS $database WITH (FORCE)");
    shopsetup_test_pg_query($admin, "CREATE DATABASE $database ENCODING 'UTF8' TEMPLATE template0");
    pg_close($admin);
    $pg = shopsetup_test_pg_connect($database);
    foreach (['moodle_schema.sql', 'moodle_site.sql'] as $file) {
        foreach (shopsetup_test_pg_translate(file_get_contents(BENCH_ROOT . "/tests/fixtures/$file")) as $statement) {
            shopsetup_test_pg_query($pg, $statement);
        }
    }
    // The MySQL bench's accounts: its SQL has no backslash, only \' for an apostrophe.
    shopsetup_test_pg_query($pg, str_replace(["SET autocommit = 0;\n", "\\'"], ["BEGIN;\n", "''"], bench_site_sql($n)));
    $max = [];
    foreach (PGB_TABLES as $table) {
        shopsetup_test_pg_query($pg, "SELECT setval(pg_get_serial_sequence('mdl_$table', 'id'),
            COALESCE((SELECT MAX(id) FROM mdl_$table), 0) + 1, false)");
        $max[$table] = shopsetup_test_pg_int($pg, "SELECT COALESCE(MAX(id), 0) FROM mdl_$table");
    }
    shopsetup_test_pg_query($pg, 'ANALYZE');
    pg_close($pg);
    usleep(300000);
    return $max;
}

/** (a): from the participant buckets to the commit, connecting included. */
function pgb_shopsetup(int $n): float
{
    global $options;
    $buckets = bench_buckets($n);
    $start = hrtime(true);
    $plan = new ShopSetup\Plan($buckets, $n, bench_bucket_roles(), bench_facts($n));
    $plan->run(new ShopSetup\PgsqlConnection($options));
    return (hrtime(true) - $start) / 1e6;
}

/** (b): the same rules in PHP over pgsql, from the participant buckets to the commit, connecting included. */
function pgb_php_way(int $n): float
{
    global $database;
    $buckets = bench_buckets($n);
    $start = hrtime(true);
    $facts = bench_facts($n);
    $roster = php_roster_plan($buckets, $n, bench_bucket_roles(), $facts);
    php_setup(new shopsetup_test_pg_sql(shopsetup_test_pg_connect($database)), $roster, $facts);
    return (hrtime(true) - $start) / 1e6;
}

/** The rows added since $max, per table: [columns, COPY text lines]. */
function pgb_added(array $max): array
{
    global $database;
    $pg = shopsetup_test_pg_connect($database);
    $added = [];
    foreach (PGB_TABLES as $table) {
        $columns = array_column(shopsetup_test_pg_rows($pg, "SELECT column_name FROM information_schema.columns
            WHERE table_name = 'mdl_$table' ORDER BY ordinal_position"), 'column_name');
        $lines = pg_copy_to($pg, "(SELECT * FROM mdl_$table WHERE id > {$max[$table]} ORDER BY id)") ?: [];
        $added[$table] = [$columns, $lines];
    }
    pg_close($pg);
    return $added;
}

/** Checksum of the rows added since $max, per table. */
function pgb_checksums(array $max): array
{
    global $database;
    $pg = shopsetup_test_pg_connect($database);
    $sums = [];
    foreach (PGB_TABLES as $table) {
        $sums[$table] = shopsetup_test_pg_rows($pg, "SELECT COUNT(*) AS n, md5(string_agg(t::text, '|' ORDER BY id)) AS sum
            FROM mdl_$table t WHERE id > {$max[$table]}")[0];
    }
    pg_close($pg);
    return $sums;
}

/** (c): psql replays the added rows with COPY in one transaction; the wall clock of the process. */
function pgb_floor(string $file): float
{
    global $env, $database;
    $command = sprintf('PGPASSWORD=%s psql -X -q -v ON_ERROR_STOP=1 -h %s -p %d -U %s -d %s -f %s >/dev/null',
        escapeshellarg($env['password']), escapeshellarg($env['host']), $env['port'], escapeshellarg($env['user']), $database,
        escapeshellarg($file));
    $start = hrtime(true);
    exec($command, $out, $rc);
    if ($rc !== 0) {
        throw new RuntimeException("psql failed on $file");
    }
    return (hrtime(true) - $start) / 1e6;
}

/** Per table, its added rows written by COPY and by multi-row INSERTs of 1,000 rows, each rolled back. */
function pgb_copy_or_insert(array $added): array
{
    global $database;
    $pg = shopsetup_test_pg_connect($database);
    $times = [];
    foreach ($added as $table => [$columns, $lines]) {
        if (!$lines) {
            continue;
        }
        $list = implode(',', array_map(fn($c) => "\"$c\"", $columns));
        $copy = $insert = [];
        for ($r = 0; $r < 3; $r++) {
            shopsetup_test_pg_query($pg, 'BEGIN');
            $start = hrtime(true);
            pg_copy_from($pg, "mdl_$table ($list)", $lines);
            $copy[] = (hrtime(true) - $start) / 1e6;
            shopsetup_test_pg_query($pg, 'ROLLBACK');
            $rows = array_map(function ($line) use ($pg) {
                $values = array_map(fn($v) => $v === '\N' ? 'NULL' : pg_escape_literal($pg, stripcslashes($v)), explode("\t", rtrim($line, "\n")));
                return '(' . implode(',', $values) . ')';
            }, $lines);
            shopsetup_test_pg_query($pg, 'BEGIN');
            $start = hrtime(true);
            foreach (array_chunk($rows, 1000) as $chunk) {
                shopsetup_test_pg_query($pg, "INSERT INTO mdl_$table ($list) VALUES " . implode(',', $chunk));
            }
            $insert[] = (hrtime(true) - $start) / 1e6;
            shopsetup_test_pg_query($pg, 'ROLLBACK');
        }
        $times[$table] = ['rows' => count($lines), 'copy_ms' => bench_median($copy), 'insert_ms' => bench_median($insert)];
    }
    pg_close($pg);
    return $times;
}

$report = ['sizes' => []];
foreach ($sizes as $n) {
    $floorFile = "$resultsDir/pgsql_floor_$n.sql";
    // Verification round, also the warm-up: (a), its rows dumped into the floor's file, (c) from the same start.
    $max = pgb_reset($n);
    pgb_shopsetup($n);
    $sumA = pgb_checksums($max);
    $added = pgb_added($max);
    $sql = "BEGIN;\n";
    foreach ($added as $table => [$columns, $lines]) {
        if ($lines) {
            $sql .= "COPY mdl_$table (" . implode(',', array_map(fn($c) => "\"$c\"", $columns)) . ") FROM STDIN;\n"
                . implode('', $lines) . "\\.\n";
        }
    }
    file_put_contents($floorFile, $sql . "COMMIT;\n");
    pgb_reset($n);
    pgb_floor($floorFile);
    $same = pgb_checksums($max) === $sumA;
    fprintf(STDERR, "N=%d: the floor writes the same rows as shopsetup: %s\n", $n, $same ? 'yes' : 'NO');
    pgb_reset($n);
    pgb_php_way($n);
    $samePhp = pgb_checksums($max) === $sumA;
    fprintf(STDERR, "N=%d: the PHP way writes the same rows as shopsetup: %s\n", $n, $samePhp ? 'yes' : 'NO');
    if (!$samePhp) {
        foreach (pgb_added($max) as $table => [, $lines]) {
            $diff = array_diff($lines, $added[$table][1]);
            if ($diff || count($lines) !== count($added[$table][1])) {
                fprintf(STDERR, "  %s: %d rows (shopsetup %d), first different: %s", $table, count($lines), count($added[$table][1]),
                    $diff ? reset($diff) : "none\n");
                $other = array_diff($added[$table][1], $lines);
                fprintf(STDERR, "  shopsetup's: %s", $other ? reset($other) : "none\n");
            }
        }
    }
    $runs = ['shopsetup' => [], 'php_way' => [], 'floor' => []];
    $methods = ['shopsetup' => fn() => pgb_shopsetup($n), 'php_way' => fn() => pgb_php_way($n), 'floor' => fn() => pgb_floor($floorFile)];
    for ($r = 0; $r < $reps; $r++) {
        $order = array_keys($methods);
        for ($k = 0; $k < $r % 3; $k++) {
            $order[] = array_shift($order);
        }
        foreach ($order as $method) {
            pgb_reset($n);
            $runs[$method][] = $methods[$method]();
        }
        fprintf(STDERR, "N=%d rep %d/%d: shopsetup %.1f ms, PHP way %.1f ms, floor %.1f ms\n", $n, $r + 1, $reps,
            end($runs['shopsetup']), end($runs['php_way']), end($runs['floor']));
    }
    $ratios = array_map(fn($a, $c) => $a / $c, $runs['shopsetup'], $runs['floor']);
    $phpRatios = array_map(fn($b, $a) => $b / $a, $runs['php_way'], $runs['shopsetup']);
    $report['sizes'][$n] = ['same_rows' => $same && $samePhp, 'rows' => array_map(fn($t) => (int) $t['n'], $sumA),
        'median_ms' => ['shopsetup' => bench_median($runs['shopsetup']), 'php_way' => bench_median($runs['php_way']),
            'floor' => bench_median($runs['floor'])],
        'median_ratio_shopsetup_over_floor' => bench_median($ratios), 'median_ratio_php_way_over_shopsetup' => bench_median($phpRatios),
        'runs' => $runs];
    if ($n === max($sizes)) {
        pgb_reset($n);
        $report['copy_or_insert'] = ['n' => $n, 'tables' => pgb_copy_or_insert($added)];
    }
}
file_put_contents("$resultsDir/pgsql.json", json_encode($report, JSON_PRETTY_PRINT));

printf("%-8s | %12s | %11s | %10s | %14s | %16s | %s\n", 'N', 'shopsetup ms', 'PHP way ms', 'floor ms', 'shopsetup/floor',
    'PHP way/shopsetup', 'same rows');
foreach ($report['sizes'] as $n => $s) {
    printf("%8s | %12.1f | %11.1f | %10.1f | %14.2fx | %16.2fx | %s\n", number_format($n), $s['median_ms']['shopsetup'],
        $s['median_ms']['php_way'], $s['median_ms']['floor'], $s['median_ratio_shopsetup_over_floor'],
        $s['median_ratio_php_way_over_shopsetup'], $s['same_rows'] ? 'yes' : 'NO');
}
if (isset($report['copy_or_insert'])) {
    printf("\nN = %s, each table's added rows written once (median of 3, in a transaction rolled back):\n",
        number_format($report['copy_or_insert']['n']));
    printf("%-24s | %7s | %9s | %13s | %s\n", 'table', 'rows', 'COPY ms', 'INSERT ms', 'INSERT/COPY');
    foreach ($report['copy_or_insert']['tables'] as $table => $t) {
        printf("%-24s | %7d | %9.1f | %13.1f | %.2fx\n", $table, $t['rows'], $t['copy_ms'], $t['insert_ms'],
            $t['insert_ms'] / max(0.001, $t['copy_ms']));
    }
}
$ok = array_reduce($report['sizes'], fn($ok, $s) => $ok && $s['same_rows'], true);
exit($ok ? 0 : 1);
