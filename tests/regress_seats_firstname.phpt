--TEST--
Regression (spec section 7, defect #12): seats are enforced server side and firstname is validated
--EXTENSIONS--
shopsetup
--FILE--
<?php
// Defect #12 of the original handler: the seat check lived only in the browser (an order could carry more
// participants than seats, e.g. after removing cart units), and a copy-paste bug checked lastname twice, so an
// empty firstname was accepted.
require __DIR__ . '/fixtures/plan.inc';

$three = [
    'student' => [
        'ann@example.com' => plan_person('Ann', 'Lee', 'ann@example.com'),
        'bob@example.com' => plan_person('Bob', 'Ray', 'bob@example.com'),
    ],
    'teacher' => [
        'cat@example.com' => plan_person('Cat', 'Roy', 'cat@example.com'),
    ],
];
// Two seats bought, three assignments: refused before anything is planned.
$e = plan_expect_throw(fn() => new ShopSetup\Plan($three, 2, plan_roles(), plan_facts()));
var_dump($e instanceof ShopSetup\RosterException, $e->getErrors());
// A tutor's seat counts like a learner's: one person in two buckets needs two seats.
$both = ['student' => ['ann@example.com' => plan_person('Ann', 'Lee', 'ann@example.com')], 'teacher' => ['ann@example.com' => plan_person('Ann', 'Lee', 'ann@example.com')]];
plan_expect_throw(fn() => new ShopSetup\Plan($both, 1, plan_roles(), plan_facts()));
echo (new ShopSetup\Plan($three, 3, plan_roles(), plan_facts()))->seatsUsed(), " seats used with three bought\n";

// Empty or missing firstname.
$e = plan_expect_throw(fn() => new ShopSetup\Plan(['student' => [
    'ann@example.com' => ['lastname' => 'Lee', 'firstname' => '', 'email' => 'ann@example.com', 'city' => 'Paris'],
    'bob@example.com' => ['lastname' => 'Ray', 'email' => 'bob@example.com', 'city' => 'Lyon'],
    'cat@example.com' => (object) ['lastname' => 'Roy', 'firstname' => " \t", 'email' => 'cat@example.com'],
]], 3, plan_roles(), plan_facts()));
plan_print_errors($e);
?>
--EXPECT--
ShopSetup\RosterException: The order needs 3 seats (one per participant and role) but 2 were bought: nothing was set up
bool(true)
array(0) {
}
ShopSetup\RosterException: The order needs 2 seats (one per participant and role) but 1 were bought: nothing was set up
3 seats used with three bought
ShopSetup\RosterException: The participant list has 3 invalid entries: nothing was set up
student | ann@example.com | firstname | is required
student | bob@example.com | firstname | is required
student | cat@example.com | firstname | is required
