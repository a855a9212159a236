<?php
require __DIR__ . '/fixtures/db_checks.inc';
$db = shopsetup_test_site('two_buckets');
$m = $db['mysqli'];

$buckets = [
    'student' => [
        'eve@example.com' => shopsetup_test_person('Eve', 'Evans', 'eve@example.com'),
        'lea@example.com' => shopsetup_test_person('Lea', 'Lopez', 'lea@example.com'),
    ],
    'teacher' => [
        'EVE@example.com' => shopsetup_test_person('Eve', 'Evans', 'EVE@example.com'),
    ],
];
$plan = new ShopSetup\Plan($buckets, 3, ['student' => 5, 'teacher' => 4], shopsetup_test_facts());
echo 'seats used: ', $plan->seatsUsed(), "\n";
foreach ($plan->notices() as $notice) {
    echo "notice: {$notice['email']}: {$notice['message']}\n";
}
$conn = shopsetup_test_site_connect($db);
$r = $plan->run($conn);
$eve = $r['users']['created']['eve@example.com'];
echo 'accounts created: ', count($r['users']['created']), "\n";
echo 'accounts for eve: ', shopsetup_test_int($m, "SELECT COUNT(*) FROM mdl_user WHERE email = 'eve@example.com'"), "\n";
echo 'enrolments of eve: ', shopsetup_test_int($m, "SELECT COUNT(*) FROM mdl_user_enrolments WHERE userid = $eve"), "\n";
echo 'user contexts of eve: ', shopsetup_test_int($m, "SELECT COUNT(*) FROM mdl_context WHERE contextlevel = 30 AND instanceid = $eve"), "\n";
echo 'group memberships of eve: ', shopsetup_test_int($m, "SELECT COUNT(*) FROM mdl_groups_members WHERE userid = $eve"), "\n";
echo "roles of eve:\n";
foreach (shopsetup_test_role_lines($m) as $line) {
    if (str_contains($line, 'eve@')) {
        echo "  $line\n";
    }
}
echo "products:\n";
$ue = shopsetup_test_int($m, "SELECT id FROM mdl_user_enrolments WHERE userid = $eve");
$rows = shopsetup_test_rows($m, "SELECT reference, productiondata FROM mdl_local_shop_product WHERE instanceid = $ue ORDER BY productiondata");
foreach ($rows as $p) {
    echo '  ', preg_replace('/.*(roleid=\d+&bucket=\w+&created=\d)$/', '$1', $p['productiondata']), "\n";
}
echo 'distinct references: ', count(array_unique(array_column($rows, 'reference'))), "\n";
echo 'products in report: ', count($r['products']), ', events: ', shopsetup_test_int($m, 'SELECT COUNT(*) FROM mdl_local_shop_productevent'), "\n";
echo shopsetup_test_counts($m), "\n";

// Run again: the second bucket's seat is found by its reference, nothing is added.
$before = shopsetup_test_snapshot($m);
$r = (new ShopSetup\Plan($buckets, 3, ['student' => 5, 'teacher' => 4], shopsetup_test_facts()))->run($conn);
echo 'second run: ', shopsetup_test_compare($before, shopsetup_test_snapshot($m)), ', ', count($r['products']), " products\n";

$conn->close();
shopsetup_test_site_drop('two_buckets');
