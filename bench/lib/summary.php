<?php
/*
 * The targets, checked against the results of a run (bench/results/executor.json, micro.json).
 *
 *   php bench/lib/summary.php RESULTS_DIR
 */
$dir = $argv[1] ?? 'bench/results';
$executor = json_decode((string) @file_get_contents("$dir/executor.json"), true);
$micro = json_decode((string) @file_get_contents("$dir/micro.json"), true);
$lines = ['Targets', ''];
$verdict = fn(bool $met) => $met ? 'MET   ' : 'MISSED';

if (isset($executor['sizes'][1000])) {
    $r = $executor['sizes'][1000]['median_ratio']['php_way_over_shopsetup'];
    $lines[] = sprintf('%s executor at N=1,000 at least 10x faster than the PHP way: %.2fx', $verdict($r >= 10), $r);
}
if (isset($executor['sizes'][10000])) {
    $r = $executor['sizes'][10000]['median_ratio']['shopsetup_over_floor'];
    $lines[] = sprintf('%s executor at N=10,000 within 2x of the floor: %.2fx the floor', $verdict($r <= 2), $r);
}
if (isset($micro['roster_10000'])) {
    $m = $micro['roster_10000'];
    $lines[] = sprintf('%s roster planning of 10,000 at least 5x faster than PHP: %.2fx (wall clock; %s in instructions)',
        $verdict($m['ratio'] >= 5), $m['ratio'], $m['instructions'] ? sprintf('%.2fx', $m['instructions']['ratio']) : 'n/a');
}
if (isset($micro['decode_params'])) {
    $m = $micro['decode_params'];
    $lines[] = sprintf('%s decode_params at least 3x faster than PHP: %.2fx (wall clock; %s in instructions)',
        $verdict($m['ratio'] >= 3), $m['ratio'], $m['instructions'] ? sprintf('%.2fx', $m['instructions']['ratio']) : 'n/a');
}
if (isset($executor['sizes'])) {
    $worst = 0;
    $cells = [];
    foreach ($executor['sizes'] as $n => $s) {
        $own = $s['memory']['shopsetup_own_bytes_per_participant'];
        $worst = max($worst, $own);
        $cells[] = sprintf('N=%s %.0f B (%.0f B counting the order array of %.0f B)', number_format($n), $own,
            $s['memory']['shopsetup_bytes_per_participant'], $s['memory']['order_bytes_per_participant']);
    }
    $lines[] = sprintf('%s memory under 1 KiB per participant above the baseline (shopsetup, baseline = process with the order loaded): %s',
        $verdict($worst < 1024), implode(', ', $cells));
}
if (isset($executor['sizes'])) {
    $cells = [];
    foreach ($executor['sizes'] as $n => $s) {
        $m = $s['median_ms'];
        $cells[] = sprintf('N=%s %.0f vs %.0f ms (%s)', number_format($n), $m['shopsetup'] - $m['floor'], $m['php_way'] - $m['floor'],
            $m['shopsetup'] > $m['floor'] ? sprintf('%.1fx', ($m['php_way'] - $m['floor']) / ($m['shopsetup'] - $m['floor'])) : 'shopsetup at or below the floor');
    }
    $lines[] = '       time above the floor, shopsetup vs the PHP way (medians): ' . implode(', ', $cells);
}
if (isset($executor['growth_1000_to_10000'])) {
    $g = $executor['growth_1000_to_10000'];
    $lines[] = sprintf('       growth from 1,000 to 10,000 participants (linear = 10): shopsetup %.1fx, PHP way %.1fx, floor %.1fx',
        $g['shopsetup'], $g['php_way'], $g['floor']);
}
file_put_contents("$dir/targets.txt", implode("\n", $lines) . "\n");
echo implode("\n", $lines), "\n";
