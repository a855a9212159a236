--TEST--
Plan::run(): new accounts get the site's default preferences given as facts (as user_create_user() applies them)
--EXTENSIONS--
shopsetup
--FILE--
<?php
// Proves: the "user" row a run inserts carries each default preference fact, not the extension's own defaults.
require __DIR__ . '/fixtures/memory_store.inc';

$buckets = ['student' => ['ann@example.com' => plan_person('Ann', 'Lee', 'ann@example.com')]];
$site = ['calendartype' => 'gregorian', 'maildisplay' => 0, 'mailformat' => 0, 'maildigest' => 2,
    'autosubscribe' => 0, 'trackforums' => 1, 'lang' => 'fr', 'country' => 'FR'];
$store = memory_store();
$report = (new ShopSetup\Plan($buckets, 1, plan_roles(), plan_facts($site)))->run($store);
$row = $store->lastRow('user');
echo $row['username'], ' ', $report['users']['created']['ann@example.com'] === $row['id'] ? 'reported' : 'NOT REPORTED', "\n";
foreach (array_keys($site) as $field) {
    echo $field, ': ', var_export($row[$field], true), "\n";
}
plan_expect_throw(fn() => new ShopSetup\Plan($buckets, 1, plan_roles(), plan_facts(['maildisplay' => 'hidden'])));
?>
--EXPECT--
ann.lee reported
calendartype: 'gregorian'
maildisplay: 0
mailformat: 0
maildigest: 2
autosubscribe: 0
trackforums: 1
lang: 'fr'
country: 'FR'
ShopSetup\PlanException: Plan facts: "maildisplay" must be a non-negative int, string given
