--TEST--
Plan::run(): of several access flags of one user, the one with the lowest id is updated, as set_cache_flag() does, whatever order the store returns them in
--EXTENSIONS--
shopsetup
--FILE--
<?php
require __DIR__ . '/fixtures/memory_store.inc';

$buckets = ['student' => ['bob@example.com' => plan_person('Bob', 'Ray', 'bob@example.com')]];
$flag = fn(int $id, int $expiry) => ['id' => $id, 'flagtype' => 'accesslib/dirtyusers', 'name' => '11', 'value' => '1',
    'expiry' => $expiry, 'timemodified' => 50];
foreach ([false, true] as $reverse) {
    $store = memory_store([
        'user' => [memory_account(11, 'bob@example.com')],
        'context' => [memory_user_context(1011, 11)],
        'cache_flags' => [$flag(3, 100), $flag(8, 200)],
    ], ['reverse' => $reverse]);
    $facts = plan_facts();
    (new ShopSetup\Plan($buckets, 1, ['student' => 5], $facts))->run($store);
    echo $reverse ? 'rows returned highest id first: ' : 'rows returned lowest id first: ';
    foreach ($store->rows('cache_flags') as $row) {
        if ($row['name'] === '11') {
            echo "#{$row['id']} ", $row['expiry'] == $facts['now'] + ($facts['sessiontimeout'] ?? 7200) ? 'updated' : 'kept', ' ';
        }
    }
    echo "\n";
}
?>
--EXPECT--
rows returned lowest id first: #3 updated #8 kept 
rows returned highest id first: #3 updated #8 kept 
