--TEST--
Plan roster: each (person, bucket) takes a seat; more assignments than seats is a RosterException before anything is planned
--EXTENSIONS--
shopsetup
--FILE--
<?php
require __DIR__ . '/fixtures/plan.inc';

function seats(array $buckets, $seats): void {
    try {
        $plan = new ShopSetup\Plan($buckets, $seats, plan_roles(), plan_facts());
        echo 'ok: ', $plan->seatsUsed(), ' seats used, ', count($plan->emails()), " people\n";
    } catch (ShopSetup\RosterException $e) {
        echo get_class($e), ': ', $e->getMessage(), ' [', count($e->getErrors()), " row errors]\n";
    } catch (ShopSetup\PlanException | TypeError $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
}
$three = ['student' => [
    'a@example.com' => plan_person('Ann', 'Lee', 'a@example.com'),
    'b@example.com' => plan_person('Bob', 'Ray', 'b@example.com'),
    'c@example.com' => plan_person('Cat', 'Roy', 'c@example.com'),
]];
echo "-- three learners\n";
seats($three, 3);
seats($three, 10);
seats($three, 2);
seats($three, 0);

echo "-- one person in two buckets takes two seats\n";
$twice = ['student' => ['a@example.com' => plan_person('Ann', 'Lee', 'a@example.com')],
          'teacher' => ['A@EXAMPLE.COM' => plan_person('Ann', 'Lee', 'A@EXAMPLE.COM')]];
seats($twice, 2);
seats($twice, 1);

echo "-- a repeat inside one bucket takes one seat\n";
$repeat = ['student' => ['a@example.com' => plan_person('Ann', 'Lee', 'a@example.com'),
                         ' a@example.com' => plan_person('Ann', 'Lee', ' a@example.com')]];
seats($repeat, 1);

echo "-- nothing to set up\n";
seats([], 0);
seats(['student' => [], 'teacher' => []], 0);

echo "-- invalid rows are reported before the seats\n";
seats(['student' => ['a@example.com' => plan_person('', 'Lee', 'a@example.com'), 'b@example.com' => plan_person('Bob', 'Ray', 'b@example.com')]], 0);

echo "-- bad seat counts\n";
seats($three, -1);
seats($three, '3');
seats($three, 'three');
?>
--EXPECT--
-- three learners
ok: 3 seats used, 3 people
ok: 3 seats used, 3 people
ShopSetup\RosterException: The order needs 3 seats (one per participant and role) but 2 were bought: nothing was set up [0 row errors]
ShopSetup\RosterException: The order needs 3 seats (one per participant and role) but 0 were bought: nothing was set up [0 row errors]
-- one person in two buckets takes two seats
ok: 2 seats used, 1 people
ShopSetup\RosterException: The order needs 2 seats (one per participant and role) but 1 were bought: nothing was set up [0 row errors]
-- a repeat inside one bucket takes one seat
ok: 1 seats used, 1 people
-- nothing to set up
ok: 0 seats used, 0 people
ok: 0 seats used, 0 people
-- invalid rows are reported before the seats
ShopSetup\RosterException: The participant list has 1 invalid entry: nothing was set up [1 row errors]
-- bad seat counts
ShopSetup\PlanException: seats: must not be negative
ok: 3 seats used, 3 people
TypeError: ShopSetup\Plan::__construct(): Argument #2 ($seats) must be of type int, string given
