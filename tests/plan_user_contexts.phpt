--TEST--
Plan stage 5: user context rows for the participants without one
--EXTENSIONS--
shopsetup
--FILE--
<?php
require __DIR__ . '/fixtures/plan.inc';

$buckets = [
    'student' => ['ann@example.com' => plan_person('Ann', 'Lee', 'ann@example.com'), 'bob@example.com' => plan_person('Bob', 'Ray', 'bob@example.com')],
    'teacher' => ['ann@example.com' => plan_person('Ann', 'Lee', 'ann@example.com')],
];
$plan = new ShopSetup\Plan($buckets, 10, plan_roles(), plan_facts());
plan_expect_throw(fn() => $plan->userContextRows([]));
plan_drive($plan, [['id' => 11, 'email' => 'bob@example.com', 'suspended' => 0]]);
echo json_encode($plan->userIds()), "\n";

echo "-- nobody has a context yet: one row each, Ann once although she is in two buckets\n";
echo json_encode($plan->userContextRows([])), "\n";
echo "-- Bob has one (as an int, a numeric string or a context row)\n";
echo json_encode($plan->userContextRows([11])), "\n";
echo json_encode($plan->userContextRows(['11'])), "\n";
echo json_encode($plan->userContextRows([['instanceid' => '11', 'id' => 90]])), "\n";
echo "-- both have one\n";
echo json_encode($plan->userContextRows(new ArrayIterator([1000, 11, 3]))), "\n";
plan_expect_throw(fn() => $plan->userContextRows([[]]));
?>
--EXPECT--
ShopSetup\PlanException: userContextRows: needs every participant's user id
{"ann@example.com":1000,"bob@example.com":11}
-- nobody has a context yet: one row each, Ann once although she is in two buckets
[{"contextlevel":30,"instanceid":1000,"depth":2,"locked":0},{"contextlevel":30,"instanceid":11,"depth":2,"locked":0}]
-- Bob has one (as an int, a numeric string or a context row)
[{"contextlevel":30,"instanceid":1000,"depth":2,"locked":0}]
[{"contextlevel":30,"instanceid":1000,"depth":2,"locked":0}]
[{"contextlevel":30,"instanceid":1000,"depth":2,"locked":0}]
-- both have one
[]
TypeError: ShopSetup\Plan::userContextRows(): Argument #1 ($existingUserIds) must contain ints or rows with an int "instanceid"
