<?php
/*
 * Runs one micro-benchmark body K times, for instruction counting under callgrind (noise-free on a
 * shared machine): instructions per call = (I(K) - I(0)) / K, both processes preparing the same input.
 *
 *   valgrind --tool=callgrind php -d extension=modules/shopsetup.so bench/lib/micro_count.php decode_c|decode_php|roster_c|roster_php K
 */
require __DIR__ . '/common.php';
require __DIR__ . '/php_way.php';
require __DIR__ . '/micro_inputs.php';

[$what, $k] = [$argv[1] ?? '', (int) ($argv[2] ?? 0)];
$params = micro_params();
if (str_starts_with($what, 'roster')) {
    [$buckets, $seats, $roles, $facts] = micro_roster_input();
}
for ($i = 0; $i < $k; $i++) {
    match ($what) {
        'decode_c' => ShopSetup\decode_params($params),
        'decode_php' => php_decode_params($params),
        'roster_c' => new ShopSetup\Plan($buckets, $seats, $roles, $facts),
        'roster_php' => php_roster_plan($buckets, $seats, $roles, $facts),
    };
}
