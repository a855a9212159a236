<?php
// Tables of bench/moodle/run.sh: medians per N and side, ratios, verification (fails loudly), profiles.
// Usage: php summary.php RESULTSDIR

$dir = $argv[1];
$runs = [];
foreach (file("$dir/runs.jsonl", FILE_IGNORE_NEW_LINES | FILE_SKIP_EMPTY_LINES) as $line) {
    $r = json_decode($line, true);
    $runs[($r['course'] ?? 'full') . '/' . $r['n']][$r['side']][] = $r;
}
ksort($runs, SORT_NATURAL);
$median = function (array $values) {
    sort($values);
    $c = count($values);
    return $c % 2 ? $values[intdiv($c, 2)] : ($values[$c / 2 - 1] + $values[$c / 2]) / 2;
};
$col = fn(array $rs, string $k) => $median(array_column($rs, $k));

$failed = false;
echo "Medians. usable: until production returns; total: usable + log buffer + ad-hoc queue\n";
echo "drained. queries: \$DB reads + writes (usable part); server: statements the server received (Questions),\n";
echo "the native store's own included.\n\n";
printf("%-6s | %7s | %-7s | %4s | %11s | %11s | %9s | %9s | %6s | %10s | %10s\n", 'course', 'N', 'side', 'runs', 'usable ms',
    'total ms', 'queries', 'server', 'adhoc', 'api/side u', 'api/side t');
echo str_repeat('-', 118) . "\n";
foreach ($runs as $key => $bysides) {
    [$course, $n] = explode('/', $key);
    $api = $bysides['api'] ?? null;
    foreach ($bysides as $side => $rs) {
        $u = $col($rs, 'usable_ms');
        $t = $col($rs, 'total_ms');
        printf("%-6s | %7s | %-7s | %4d | %11.1f | %11.1f | %9d | %9d | %6d | %10s | %10s\n", $course, number_format($n), $side, count($rs),
            $u, $t, $col($rs, 'dml_usable'), $col($rs, 'server_statements'), $col($rs, 'adhoc_tasks'),
            $api ? sprintf('%.2fx', $col($api, 'usable_ms') / $u) : '-', $api ? sprintf('%.2fx', $col($api, 'total_ms') / $t) : '-');
    }
}

echo "\nVerification: rows added per run (every run of every side must add the same)\n";
foreach ($runs as $key => $bysides) {
    [$course, $n] = explode('/', $key);
    $n = (int) $n;
    $expected = ['user' => $n / 2, 'context' => $n / 2, 'user_enrolments' => $n + 1, 'role_assignments' => 3 * $n + 1,
        'groups' => 1, 'groups_members' => $n + 1];
    $bad = [];
    foreach ($bysides as $side => $rs) {
        foreach ($rs as $i => $r) {
            if ($r['rows'] != $expected) {
                $bad[] = "$side run " . ($i + 1) . ': ' . json_encode($r['rows']);
            }
        }
    }
    $failed = $failed || $bad;
    echo "  $course N=$n: " . ($bad ? 'DIFFERENT, expected ' . json_encode($expected) . "\n    " . implode("\n    ", $bad) :
        'same on every run: ' . implode(', ', array_map(fn($k, $v) => "$k +$v", array_keys($expected), $expected))) . "\n";
}

foreach (glob("$dir/profile-*.json") as $file) {
    $p = json_decode(file_get_contents($file), true);
    preg_match('/profile-(\w+)-(\w+)-(\d+)\.json$/', $file, $m);
    echo "\nProfile, course $m[1], side $m[2], N=" . number_format((int) $m[3]) . ": {$p['samples']} samples of 1 ms (wall clock, usable + total)\n";
    foreach ($p['components'] as $name => $count) {
        printf("  %-58s %6.1f %%  %7d ms\n", $name, 100 * $count / max(1, $p['samples']), $count);
    }
}
if ($failed) {
    fwrite(STDERR, "VERIFICATION FAILED: the sides did not do the same work\n");
    exit(1);
}
