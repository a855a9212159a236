<?php
/*
 * In-process micro-benchmarks (run by bench/run.sh): the extension against the same rules in PHP.
 *
 *   php -d extension=modules/shopsetup.so bench/lib/micro.php RESULTS_DIR [BATCHES]
 *
 * Each figure is the median of BATCHES timed batches (default 9) after one warm-up batch, the
 * two implementations alternating batch by batch; ratios are medians of per-batch ratios.
 */
require __DIR__ . '/common.php';
require __DIR__ . '/php_way.php';
require __DIR__ . '/micro_inputs.php';

$resultsDir = $argv[1] ?? 'bench/results';
$batches = max(5, (int) ($argv[2] ?? 9));
@mkdir($resultsDir, 0777, true);

/** Times $fn over $iterations calls; ns per call. */
function batch(callable $fn, int $iterations): float
{
    $start = hrtime(true);
    for ($i = 0; $i < $iterations; $i++) {
        $fn();
    }
    return (hrtime(true) - $start) / $iterations;
}

/** Warm-up, then $batches alternating batches of both; medians and the median per-batch ratio. */
function compare(callable $c, callable $php, int $iterations, int $batches): array
{
    batch($c, $iterations);
    batch($php, $iterations);
    $cs = $ps = $ratios = [];
    for ($b = 0; $b < $batches; $b++) {
        $first = $b % 2 === 0;
        $x = $first ? batch($c, $iterations) : null;
        $y = batch($php, $iterations);
        $x ??= batch($c, $iterations);
        $cs[] = $x;
        $ps[] = $y;
        $ratios[] = $y / $x;
    }
    return ['shopsetup_ns' => bench_median($cs), 'php_ns' => bench_median($ps), 'ratio' => bench_median($ratios),
        'iterations_per_batch' => $iterations, 'batches' => $batches, 'shopsetup_batches_ns' => $cs, 'php_batches_ns' => $ps];
}

/** Instructions per call under callgrind: (I(K) - I(0)) / K in two fresh processes; null without valgrind. */
function instructions(string $what, int $k): ?float
{
    if (trim((string) shell_exec('command -v valgrind')) === '') {
        return null;
    }
    $count = function (int $iterations) use ($what): int {
        $command = ['valgrind', '--tool=callgrind', '--callgrind-out-file=/dev/null', PHP_BINARY, '-d',
            'extension=' . bench_module(), __DIR__ . '/micro_count.php', $what, (string) $iterations];
        $process = proc_open($command, [0 => ['file', '/dev/null', 'r'], 1 => ['file', '/dev/null', 'w'], 2 => ['pipe', 'w']], $pipes);
        $err = stream_get_contents($pipes[2]);
        fclose($pipes[2]);
        if (proc_close($process) !== 0 || !preg_match('/I\s+refs:\s+([\d,]+)/', $err, $m)) {
            throw new RuntimeException("callgrind failed for $what: $err");
        }
        return (int) str_replace(',', '', $m[1]);
    };
    return ($count($k) - $count(0)) / $k;
}

$report = [];

// ---- decode_params: a realistic handler string, 8 keys, escapes, a literal '+', a flag.
$params = micro_params();
$expected = ShopSetup\decode_params($params);
if (php_decode_params($params) !== $expected || count($expected) !== 8) {
    fwrite(STDERR, "decode_params: the PHP implementation disagrees with the extension\n");
    exit(1);
}
// The error paths: same exception (kind) and the same message.
$bad = ['a=%zz', 'ab%4=1', 'a=1&b=2&a=3', '=x', 'a=1&=2', 'k=%00', "k=a\0b", 'k=%C3%28', 'k%FF=1', "k=\xE2\x82", 'x=1&&y'];
$sameErrors = 0;
$errorCases = [];
foreach ($bad as $input) {
    try {
        $c = ShopSetup\decode_params($input);
        $c = 'ok ' . json_encode($c);
    } catch (ShopSetup\ParamsException $e) {
        $c = $e->getMessage();
    }
    try {
        $p = 'ok ' . json_encode(php_decode_params($input));
    } catch (PhpParamsException $e) {
        $p = $e->getMessage();
    }
    $sameErrors += $c === $p;
    $errorCases[] = ['input' => bin2hex($input), 'shopsetup' => $c, 'php' => $p];
}
fprintf(STDERR, "decode_params: same result on %d of %d malformed or edge-case inputs\n", $sameErrors, count($bad));
$report['decode_params'] = compare(fn() => ShopSetup\decode_params($params), fn() => php_decode_params($params), 20000, $batches)
    + ['input' => $params, 'keys' => count($expected), 'same_result_on_bad_inputs' => "$sameErrors/" . count($bad),
        'bad_inputs' => $errorCases];

// ---- roster planning of 10,000 participants (plus repeats: 200 people in both buckets, 100 typed twice).
[$buckets, $seats, $roles, $facts] = micro_roster_input();
$n = 10000;
$plan = new ShopSetup\Plan($buckets, $seats, $roles, $facts);
$roster = php_roster_plan($buckets, $seats, $roles, $facts);
$counts = [
    'shopsetup' => ['people' => count($plan->people()), 'assignments' => $plan->seatsUsed(), 'notices' => count($plan->notices())],
    'php' => ['people' => count($roster['people']), 'assignments' => count($roster['assignments']),
        'notices' => count($roster['notices'])],
];
$sameNotices = array_column($plan->notices(), 'message') === array_column($roster['notices'], 'message');
$sameEmails = $plan->emails() === array_column($roster['people'], 'email');
unset($plan, $roster);
if ($counts['shopsetup'] !== $counts['php'] || !$sameNotices || !$sameEmails) {
    fwrite(STDERR, 'roster: the PHP implementation disagrees with the extension: ' . json_encode($counts) . "\n");
    exit(1);
}
fprintf(STDERR, "roster: %d people, %d assignments, %d merges on both sides (same emails, same merge messages)\n",
    $counts['php']['people'], $counts['php']['assignments'], $counts['php']['notices']);
// The error paths: the same list of invalid rows (bucket, email, field, reason).
$badRoster = ['student' => [
    'ok@example.com' => ['firstname' => 'Ok', 'lastname' => 'Fine', 'email' => 'ok@example.com'],
    'no-at.example.com' => ['firstname' => 'No', 'lastname' => 'At', 'email' => 'no-at.example.com'],
    'a@b.c' => ['firstname' => '', 'lastname' => 'Nofirst', 'email' => 'a@b.c'],
    'long@example.com' => ['firstname' => 'Long', 'lastname' => 'City', 'email' => 'long@example.com', 'city' => str_repeat('é', 121)],
    'ctl@example.com' => ['firstname' => "Tab\tok", 'lastname' => "Bell\x07", 'email' => 'ctl@example.com'],
    'utf@example.com' => ['firstname' => "Bad\xC3", 'lastname' => 'Utf', 'email' => 'utf@example.com'],
    'arr@example.com' => ['firstname' => ['x'], 'lastname' => 'Array', 'email' => 'arr@example.com'],
    'lt@example.com' => ['firstname' => 'Lt', 'lastname' => 'Gt', 'email' => '<lt@example.com>'],
    'ph@example.com' => ['firstname' => 'Ph', 'lastname' => 'One', 'email' => 'ph@example.com', 'phone2' => str_repeat('1', 21)],
], 'nobody' => []];
try {
    new ShopSetup\Plan($badRoster, 100, $roles, $facts);
    $cErrors = [];
} catch (ShopSetup\RosterException $e) {
    $cErrors = array_map(fn($e) => [$e['bucket'], $e['email'], $e['field'], $e['reason']], $e->getErrors());
}
try {
    php_roster_plan($badRoster, 100, $roles, $facts);
    $phpErrors = [];
} catch (PhpRosterException $e) {
    $phpErrors = $e->errors;
}
$sameRosterErrors = $cErrors === $phpErrors;
fprintf(STDERR, "roster: same %d invalid rows reported on a bad roster: %s\n", count($cErrors), $sameRosterErrors ? 'yes' : 'NO');
if (!$sameRosterErrors) {
    fwrite(STDERR, json_encode(['shopsetup' => $cErrors, 'php' => $phpErrors], JSON_INVALID_UTF8_SUBSTITUTE) . "\n");
}

$report['roster_10000'] = compare(fn() => new ShopSetup\Plan($buckets, $seats, $roles, $facts),
    fn() => php_roster_plan($buckets, $seats, $roles, $facts), 3, $batches)
    + ['participants' => $n + 300, 'counts' => $counts['php'], 'same_errors_on_bad_roster' => $sameRosterErrors,
        'bad_roster_errors' => count($cErrors)];

// Instruction counts (callgrind): the same comparison without the noise of a shared machine.
fwrite(STDERR, "counting instructions under callgrind...\n");
foreach (['decode_params' => ['decode', 2000], 'roster_10000' => ['roster', 2]] as $name => [$what, $k]) {
    $c = instructions("{$what}_c", $k);
    $php = $c === null ? null : instructions("{$what}_php", $k);
    $report[$name]['instructions'] = $c === null ? null : ['shopsetup' => $c, 'php' => $php, 'ratio' => $php / $c];
}

// The table.
$lines = [sprintf('Micro-benchmarks: median of %d batches after one warm-up batch (alternating); ratio = median of per-batch PHP/shopsetup', $batches), ''];
$lines[] = sprintf('%-44s | %14s | %14s | %8s | %13s | %13s | %8s', 'benchmark', 'shopsetup', 'PHP', 'PHP/shop',
    'shopsetup Ir', 'PHP Ir', 'Ir ratio');
$lines[] = str_repeat('-', 134);
$ir = fn(array $b, string $k) => $b['instructions'] === null ? 'n/a' : number_format($b['instructions'][$k]);
$irRatio = fn(array $b) => $b['instructions'] === null ? 'n/a' : sprintf('%.2fx', $b['instructions']['ratio']);
$d = $report['decode_params'];
$lines[] = sprintf('%-44s | %11.2f us | %11.2f us | %7.2fx | %13s | %13s | %8s', 'decode_params, 8 keys (' . strlen($params) . ' bytes)',
    $d['shopsetup_ns'] / 1e3, $d['php_ns'] / 1e3, $d['ratio'], $ir($d, 'shopsetup'), $ir($d, 'php'), $irRatio($d));
$r = $report['roster_10000'];
$lines[] = sprintf('%-44s | %11.2f ms | %11.2f ms | %7.2fx | %13s | %13s | %8s', 'roster planning, 10,000 participants (+300)',
    $r['shopsetup_ns'] / 1e6, $r['php_ns'] / 1e6, $r['ratio'], $ir($r, 'shopsetup'), $ir($r, 'php'), $irRatio($r));
$lines[] = '(Ir: instructions per call counted by callgrind, (I(K) - I(0)) / K; noise-free, but blind to cache misses and'
    . ' the cost of each instruction)';
$lines[] = '';
$lines[] = sprintf('decode_params: identical result on the sample; identical message on %s malformed/edge inputs', $d['same_result_on_bad_inputs']);
$lines[] = sprintf('roster: %d people, %d assignments (seats), %d merges on both sides; same emails and merge messages;'
    . ' same %d invalid rows on a bad roster: %s', $r['counts']['people'], $r['counts']['assignments'], $r['counts']['notices'],
    $r['bad_roster_errors'], $r['same_errors_on_bad_roster'] ? 'yes' : 'NO');
$report['table'] = $lines;
file_put_contents("$resultsDir/micro.json", json_encode($report, JSON_PRETTY_PRINT | JSON_INVALID_UTF8_SUBSTITUTE));
file_put_contents("$resultsDir/micro.txt", implode("\n", $lines) . "\n");
echo implode("\n", $lines), "\n";
