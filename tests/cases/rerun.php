<?php
require __DIR__ . '/fixtures/db_checks.inc';
$db = shopsetup_test_site('rerun');
$m = $db['mysqli'];

$buckets = [
    'student' => [
        'ann@example.com' => shopsetup_test_person('Ann', 'Archer', 'ann@example.com'),
        'bob@example.com' => shopsetup_test_person('Bob', 'Baker', 'Bob@Example.com'),
        'cid@example.com' => shopsetup_test_person('Cid', 'Carter', 'cid@example.com'),
    ],
    'teacher' => [
        'tom@example.com' => shopsetup_test_person('Tom', 'Turner', 'tom@example.com'),
        'ann@example.com' => shopsetup_test_person('Ann', 'Archer', 'ann@example.com'),
    ],
];
$roles = ['student' => 5, 'teacher' => 4];
$conn = shopsetup_test_site_connect($db);
$first = (new ShopSetup\Plan($buckets, 5, $roles, shopsetup_test_facts()))->run($conn);
printf("first run: %d created, %d enrolments, %d roles, %d members, %d products\n", count($first['users']['created']),
    count($first['enrolments']['created']), count($first['role_assignments']), count($first['group_members']), count($first['products']));
echo shopsetup_test_counts($m), "\n";
$before = shopsetup_test_snapshot($m);

// Same input, same connection.
$again = (new ShopSetup\Plan($buckets, 5, $roles, shopsetup_test_facts()))->run($conn);
echo "after the second run: ", shopsetup_test_compare($before, shopsetup_test_snapshot($m)), "\n";
$matched = $again['users']['matched'];
ksort($matched);
$created = $first['users']['created'];
ksort($created);
echo 'matched the accounts of the first run: ', $matched === $created ? 'yes' : json_encode($matched), "\n";
unset($again['users']['matched'], $again['statements']);
$again['group']['id'] = $again['group']['id'] === $first['group']['id'] ? 'same' : $again['group']['id'];
var_dump($again);

// A later run, on a new connection, at a later "now": still nothing to do.
$conn2 = shopsetup_test_site_connect($db);
$third = (new ShopSetup\Plan($buckets, 5, $roles, shopsetup_test_facts(['now' => 1767315600])))->run($conn2);
echo "after the third run: ", shopsetup_test_compare($before, shopsetup_test_snapshot($m)), "\n";
printf("third run: %d created, %d matched, group created %s, enrolments %d/%d/%d, %d roles, %d members, %d products\n",
    count($third['users']['created']), count($third['users']['matched']), var_export($third['group']['created'], true),
    count($third['enrolments']['created']), count($third['enrolments']['updated']), $third['enrolments']['unchanged'],
    count($third['role_assignments']), count($third['group_members']), count($third['products']));

$conn->close();
$conn2->close();
shopsetup_test_site_drop('rerun');
