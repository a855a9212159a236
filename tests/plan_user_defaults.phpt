--TEST--
Plan: new accounts get the site's default preferences given as facts (as user_create_user() applies them)
--EXTENSIONS--
shopsetup
--FILE--
<?php
require __DIR__ . '/fixtures/plan.inc';

$buckets = ['student' => ['ann@example.com' => plan_person('Ann', 'Lee', 'ann@example.com')]];
$site = ['calendartype' => 'gregorian', 'maildisplay' => 0, 'mailformat' => 0, 'maildigest' => 2,
    'autosubscribe' => 0, 'trackforums' => 1, 'lang' => 'fr', 'country' => 'FR'];
$plan = new ShopSetup\Plan($buckets, 1, plan_roles(), plan_facts($site));
$plan->matchAccounts([]);
$plan->usernamePrefixes();
$plan->assignUsernames([]);
$row = $plan->newUserRows()[0];
foreach (array_keys($site) as $field) {
    echo $field, ': ', var_export($row[$field], true), "\n";
}
plan_expect_throw(fn() => new ShopSetup\Plan($buckets, 1, plan_roles(), plan_facts(['maildisplay' => 'hidden'])));
?>
--EXPECT--
calendartype: 'gregorian'
maildisplay: 0
mailformat: 0
maildigest: 2
autosubscribe: 0
trackforums: 1
lang: 'fr'
country: 'FR'
ShopSetup\PlanException: Plan facts: "maildisplay" must be a non-negative int, string given
