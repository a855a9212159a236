--TEST--
Plan::matchAccounts(): emails matched normalised; active before suspended, then lowest id; ambiguities reported
--EXTENSIONS--
shopsetup
--FILE--
<?php
require __DIR__ . '/fixtures/plan.inc';

$students = [];
foreach (['ann', 'bob', 'cat', 'dan', 'eve'] as $name) {
    $students["$name@example.com"] = plan_person(ucfirst($name), 'Doe', "$name@example.com");
}
$plan = new ShopSetup\Plan(['student' => $students], 5, plan_roles(), plan_facts());

echo "-- bad input leaves the plan as it was\n";
plan_expect_throw(fn() => $plan->matchAccounts('ann@example.com'));
plan_expect_throw(fn() => $plan->matchAccounts([['id' => 'ten', 'email' => 'ann@example.com']]));
plan_expect_throw(fn() => $plan->matchAccounts([['id' => 10, 'email' => null]]));
plan_expect_throw(fn() => $plan->matchAccounts([['id' => 10, 'email' => 'ann@example.com', 'suspended' => 'no']]));
plan_expect_throw(fn() => $plan->matchAccounts([10]));
plan_expect_throw(function () use ($plan) {
    $plan->matchAccounts((function () {
        yield ['id' => 10, 'email' => 'ann@example.com'];
        throw new RuntimeException('cursor failed');
    })());
});

echo "-- accounts as \$DB returns them: objects with string ids, from a generator\n";
$rows = function () {
    yield (object) ['id' => '10', 'email' => ' ANN@Example.com ', 'suspended' => '0'];   // case and spaces
    yield (object) ['id' => '21', 'email' => 'bob@example.com', 'suspended' => '1'];
    yield (object) ['id' => '22', 'email' => 'bob@example.com', 'suspended' => '0'];
    yield (object) ['id' => '20', 'email' => 'BOB@example.com', 'suspended' => '0'];
    yield ['id' => 31, 'email' => 'cat@example.com', 'suspended' => 1];
    yield ['id' => 31, 'email' => 'cat@example.com', 'suspended' => 1];                  // the same row twice
    yield ['id' => 41, 'email' => 'dan@example.com', 'suspended' => 1];
    yield ['id' => 40, 'email' => 'dan@example.com', 'suspended' => 1];
    yield ['id' => 99, 'email' => 'zed@example.com'];                                    // not in the roster; no "suspended" column
    yield ['id' => 0, 'email' => 'eve@example.com'];                                     // not a real id: ignored
};
$report = $plan->matchAccounts($rows());
echo json_encode($report), "\n";
echo json_encode($plan->userIds()), "\n";
foreach ($plan->people() as $person) {
    echo $person['email'], ' ', var_export($person['userid'], true), ' ', $person['status'], "\n";
}

echo "-- once only\n";
plan_expect_throw(fn() => $plan->matchAccounts([]));

echo "-- nobody known\n";
$plan = new ShopSetup\Plan(['student' => $students], 5, plan_roles(), plan_facts());
echo json_encode($plan->matchAccounts(new ArrayIterator([]))), ' ', json_encode(array_column($plan->people(), 'status')), "\n";
?>
--EXPECT--
-- bad input leaves the plan as it was
TypeError: ShopSetup\Plan::matchAccounts(): Argument #1 ($accounts) must be of type Traversable|array, string given
TypeError: ShopSetup\Plan::matchAccounts(): Argument #1 ($accounts) must contain rows with an int "id", a string "email" and an int "suspended"
TypeError: ShopSetup\Plan::matchAccounts(): Argument #1 ($accounts) must contain rows with an int "id", a string "email" and an int "suspended"
TypeError: ShopSetup\Plan::matchAccounts(): Argument #1 ($accounts) must contain rows with an int "id", a string "email" and an int "suspended"
TypeError: ShopSetup\Plan::matchAccounts(): Argument #1 ($accounts) must contain rows with an int "id", a string "email" and an int "suspended"
RuntimeException: cursor failed
-- accounts as $DB returns them: objects with string ids, from a generator
{"matched":4,"suspended":["cat@example.com","dan@example.com"],"ambiguous":[{"email":"bob@example.com","ids":[21,22,20],"chosen":20},{"email":"dan@example.com","ids":[41,40],"chosen":40}]}
{"ann@example.com":10,"bob@example.com":20,"cat@example.com":31,"dan@example.com":40}
ann@example.com 10 matched
bob@example.com 20 matched
cat@example.com 31 suspended
dan@example.com 40 suspended
eve@example.com NULL created
-- once only
ShopSetup\PlanException: matchAccounts: runs once, right after the plan is built
-- nobody known
{"matched":0,"suspended":[],"ambiguous":[]} ["created","created","created","created","created"]
