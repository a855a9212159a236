--TEST--
Plan stage 4: enrolmentChanges() inserts missing enrolments, widens existing ones (never shortens), leaves identical ones; setEnrolmentIds()
--EXTENSIONS--
shopsetup
--FILE--
<?php
require __DIR__ . '/fixtures/plan.inc';

function roster(array $names): array {
    $list = [];
    foreach ($names as $name) {
        $list["$name@example.com"] = plan_person(ucfirst($name), 'Doe', "$name@example.com");
    }
    return ['student' => $list];
}
function to_users(ShopSetup\Plan $plan, array $accounts): void {
    $plan->matchAccounts($accounts);
    $plan->usernamePrefixes();
    $ids = [];
    foreach ($plan->assignUsernames([]) as $username) {
        $ids[$username] = 101 + count($ids);
    }
    $plan->setNewUserIds($ids);
}
function account(string $name, int $id): array {
    return ['id' => $id, 'email' => "$name@example.com", 'suspended' => 0];
}
function enrolment(int $id, int $userid, int $status, int $start, int $end): array {
    return ['id' => $id, 'userid' => $userid, 'status' => $status, 'timestart' => $start, 'timeend' => $end];
}
function show(array $changes): void {
    foreach (['insert', 'update'] as $kind) {
        foreach ($changes[$kind] as $row) {
            echo $kind, ' ', json_encode($row), "\n";
        }
    }
    echo 'unchanged ', $changes['unchanged'], "\n";
}

// The plan enrols from 1700000000 to 1702592000.
$plan = new ShopSetup\Plan(roster(['ann', 'bob', 'cat', 'dan', 'eve', 'fay', 'gus']), 7, plan_roles(), plan_facts());
to_users($plan, [account('bob', 11), account('cat', 12), account('dan', 13), account('eve', 14), account('fay', 15), account('gus', 16)]);
echo "-- setEnrolmentIds() comes after enrolmentChanges()\n";
plan_expect_throw(fn() => $plan->setEnrolmentIds([101 => 5001]));
plan_expect_throw(fn() => $plan->enrolmentChanges([['id' => 1, 'userid' => 11]]));
plan_expect_throw(fn() => $plan->enrolmentChanges(42));

echo "-- changes\n";
$changes = $plan->enrolmentChanges([
    enrolment(21, 11, 0, 1700000000, 1702592000),   // bob: identical
    enrolment(22, 12, 0, 1700100000, 1702000000),   // cat: narrower, widened on both ends
    enrolment(23, 13, 0, 1600000000, 1800000000),   // dan: wider, kept
    enrolment(24, 14, 0, 0, 0),                     // eve: no start, no end, kept
    enrolment(25, 15, 1, 1700000000, 1702592000),   // fay: suspended, reactivated
    (object) ['id' => '26', 'userid' => '16', 'status' => '0', 'timestart' => '1690000000', 'timeend' => '1695000000'], // gus: ended, extended
    enrolment(27, 50, 0, 1700000000, 1701000000),   // the operator: extended
    enrolment(28, 999, 0, 1, 2),                    // someone else: ignored
]);
show($changes);

echo "-- ids of the inserted enrolments\n";
plan_expect_throw(fn() => $plan->setEnrolmentIds(['ann' => 5001]));
plan_expect_throw(fn() => $plan->setEnrolmentIds([101 => 0]));
plan_expect_throw(fn() => $plan->setEnrolmentIds([999 => 5001]));
plan_expect_throw(fn() => $plan->setEnrolmentIds([]));
$plan->setEnrolmentIds([101 => '5001']);
echo json_encode(array_column($plan->productRows([]), 'instanceid')), "\n";
plan_expect_throw(fn() => $plan->setEnrolmentIds([101 => 5001]));
plan_expect_throw(fn() => $plan->enrolmentChanges([]));

echo "-- open-ended plan (timeend 0) widens every end to 0\n";
$plan = new ShopSetup\Plan(roster(['bob', 'cat']), 2, plan_roles(), plan_facts(['timeend' => 0]));
to_users($plan, [account('bob', 11), account('cat', 12)]);
show($plan->enrolmentChanges([enrolment(21, 11, 0, 1690000000, 1702000000), enrolment(22, 12, 0, 1710000000, 0), enrolment(27, 50, 0, 1700000000, 0)]));

echo "-- enroloperator false: the operator is left alone\n";
$plan = new ShopSetup\Plan(roster(['bob']), 1, plan_roles(), plan_facts(['enroloperator' => false]));
to_users($plan, [account('bob', 11)]);
show($plan->enrolmentChanges([enrolment(27, 50, 0, 1, 2)]));
plan_expect_throw(fn() => $plan->setEnrolmentIds([11 => 31, 50 => 32]));

echo "-- the operator is also a participant: one enrolment\n";
$plan = new ShopSetup\Plan(roster(['bob', 'op']), 2, plan_roles(), plan_facts());
to_users($plan, [account('op', 50)]);
show($plan->enrolmentChanges([]));
?>
--EXPECT--
-- setEnrolmentIds() comes after enrolmentChanges()
ShopSetup\PlanException: setEnrolmentIds: comes after enrolmentChanges(), once
TypeError: ShopSetup\Plan::enrolmentChanges(): Argument #1 ($existing) must contain rows with int id, userid, status, timestart and timeend
TypeError: ShopSetup\Plan::enrolmentChanges(): Argument #1 ($existing) must be of type Traversable|array, int given
-- changes
insert {"status":0,"enrolid":7,"userid":101,"timestart":1700000000,"timeend":1702592000,"modifierid":2,"timecreated":1699999000,"timemodified":1699999000}
update {"id":22,"userid":12,"status":0,"timestart":1700000000,"timeend":1702592000,"modifierid":2,"timemodified":1699999000}
update {"id":25,"userid":15,"status":0,"timestart":1700000000,"timeend":1702592000,"modifierid":2,"timemodified":1699999000}
update {"id":26,"userid":16,"status":0,"timestart":1690000000,"timeend":1702592000,"modifierid":2,"timemodified":1699999000}
update {"id":27,"userid":50,"status":0,"timestart":1700000000,"timeend":1702592000,"modifierid":2,"timemodified":1699999000}
unchanged 3
-- ids of the inserted enrolments
TypeError: ShopSetup\Plan::setEnrolmentIds(): Argument #1 ($idsByUserid) must map user ids to user_enrolments ids
ShopSetup\PlanException: user_enrolments: id must be positive
ShopSetup\PlanException: user_enrolments: user 999 is not enrolled by this plan
ShopSetup\PlanException: user_enrolments: no enrolment id for user 101
[5001,21,22,23,24,25,26]
ShopSetup\PlanException: setEnrolmentIds: comes after enrolmentChanges(), once
ShopSetup\PlanException: enrolmentChanges: needs every participant's user id, and runs once
-- open-ended plan (timeend 0) widens every end to 0
update {"id":21,"userid":11,"status":0,"timestart":1690000000,"timeend":0,"modifierid":2,"timemodified":1699999000}
update {"id":22,"userid":12,"status":0,"timestart":1700000000,"timeend":0,"modifierid":2,"timemodified":1699999000}
unchanged 1
-- enroloperator false: the operator is left alone
insert {"status":0,"enrolid":7,"userid":11,"timestart":1700000000,"timeend":1702592000,"modifierid":2,"timecreated":1699999000,"timemodified":1699999000}
unchanged 0
ShopSetup\PlanException: user_enrolments: user 50 is not enrolled by this plan
-- the operator is also a participant: one enrolment
insert {"status":0,"enrolid":7,"userid":101,"timestart":1700000000,"timeend":1702592000,"modifierid":2,"timecreated":1699999000,"timemodified":1699999000}
insert {"status":0,"enrolid":7,"userid":50,"timestart":1700000000,"timeend":1702592000,"modifierid":2,"timecreated":1699999000,"timemodified":1699999000}
unchanged 0
