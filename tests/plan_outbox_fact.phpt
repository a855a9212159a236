--TEST--
Plan facts: "outbox" names the caller's outbox table (Moodle's characters, at most 28), where the effects go with their kinds as ShopSetup\Effect declares them
--EXTENSIONS--
shopsetup
--FILE--
<?php
require __DIR__ . '/fixtures/memory_store.inc';

$buckets = ['student' => ['ann@example.com' => plan_person('Ann', 'Lee', 'ann@example.com')]];
foreach (['mdl_x; DROP TABLE y', 'Outbox', '1outbox', str_repeat('a', 29), "out\0box"] as $table) {
    plan_expect_throw(fn() => new ShopSetup\Plan($buckets, 1, ['student' => 5], plan_facts(['outbox' => $table])));
}
plan_expect_throw(fn() => new ShopSetup\Plan($buckets, 1, ['student' => 5], plan_facts(['outbox' => true])));

$store = memory_store([], ['defaults' => memory_defaults() + ['my_outbox' => ['lasterror' => null, 'timeattempted' => 0]]]);
(new ShopSetup\Plan($buckets, 1, ['student' => 5], plan_facts(['outbox' => 'my_outbox'])))->run($store);
$kinds = array_unique(array_column($store->rows('my_outbox'), 'kind'));
$declared = (new ReflectionClass(ShopSetup\Effect::class))->getConstants();
echo 'kinds written: ', implode(' ', $kinds), "\n";
echo 'each one declared by ShopSetup\Effect: ', array_diff($kinds, $declared) === [] ? 'yes' : 'no', "\n";
?>
--EXPECT--
ShopSetup\PlanException: Plan facts: "outbox" must be a table name of at most 28 characters a-z, 0-9 and _
ShopSetup\PlanException: Plan facts: "outbox" must be a table name of at most 28 characters a-z, 0-9 and _
ShopSetup\PlanException: Plan facts: "outbox" must be a table name of at most 28 characters a-z, 0-9 and _
ShopSetup\PlanException: Plan facts: "outbox" must be a table name of at most 28 characters a-z, 0-9 and _
ShopSetup\PlanException: Plan facts: "outbox" must be a table name of at most 28 characters a-z, 0-9 and _
ShopSetup\PlanException: Plan facts: "outbox" must be a string, bool given
kinds written: caches user_created group_created user_enrolment_created role_assigned group_member_added
each one declared by ShopSetup\Effect: yes
