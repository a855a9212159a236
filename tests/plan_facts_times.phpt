--TEST--
Plan facts: now, timestart, timeend and sessiontimeout are times from 0 to 10^11 seconds (the access flags' expiry now + sessiontimeout overflowed)
--EXTENSIONS--
shopsetup
--FILE--
<?php
require __DIR__ . '/fixtures/plan.inc';

$buckets = ['student' => ['ann@example.com' => plan_person('Ann', 'Lee', 'ann@example.com')]];
foreach ([['now' => PHP_INT_MAX], ['sessiontimeout' => PHP_INT_MAX], ['now' => 100000000001], ['timestart' => 100000000001],
    ['timestart' => 1, 'timeend' => PHP_INT_MAX]] as $facts) {
    plan_expect_throw(fn() => new ShopSetup\Plan($buckets, 1, plan_roles(), plan_facts($facts)));
}
echo get_class(new ShopSetup\Plan($buckets, 1, plan_roles(), plan_facts(['now' => 100000000000, 'sessiontimeout' => 100000000000]))), "\n";
?>
--EXPECT--
ShopSetup\PlanException: Plan facts: "now" must be a time in seconds from 0 to 100000000000 (got 9223372036854775807)
ShopSetup\PlanException: Plan facts: "sessiontimeout" must be a time in seconds from 0 to 100000000000 (got 9223372036854775807)
ShopSetup\PlanException: Plan facts: "now" must be a time in seconds from 0 to 100000000000 (got 100000000001)
ShopSetup\PlanException: Plan facts: "timestart" must be a time in seconds from 0 to 100000000000 (got 100000000001)
ShopSetup\PlanException: Plan facts: "timeend" must be a time in seconds from 0 to 100000000000 (got 9223372036854775807)
ShopSetup\Plan
