--TEST--
Plan facts: the group idnumber and name must not be empty (an empty idnumber would match another group)
--EXTENSIONS--
shopsetup
--FILE--
<?php
require __DIR__ . '/fixtures/plan.inc';

$buckets = ['student' => ['ann@example.com' => plan_person('Ann', 'Lee', 'ann@example.com')]];
plan_expect_throw(fn() => new ShopSetup\Plan($buckets, 1, plan_roles(), plan_facts(['groupidnumber' => ''])));
plan_expect_throw(fn() => new ShopSetup\Plan($buckets, 1, plan_roles(), plan_facts(['groupname' => ''])));
echo get_class(new ShopSetup\Plan($buckets, 1, plan_roles(), plan_facts(['groupidnumber' => '0', 'groupname' => '0']))), "\n";
?>
--EXPECT--
ShopSetup\PlanException: Plan facts: groupidnumber and groupname must not be empty (the group is found by its idnumber)
ShopSetup\PlanException: Plan facts: groupidnumber and groupname must not be empty (the group is found by its idnumber)
ShopSetup\Plan
