--TEST--
Plan stages: each method at each stage, out of order is a PlanException; once-only stages stay once-only
--EXTENSIONS--
shopsetup
--FILE--
<?php
require __DIR__ . '/fixtures/plan.inc';

// One new participant (ann.lee, id 1000) and the operator (50).
$stages = [
    'built' => [],
    'matched' => [fn($p) => $p->matchAccounts([])],
    'prefixed' => [fn($p) => $p->usernamePrefixes()],
    'named' => [fn($p) => $p->assignUsernames([])],
    'users' => [fn($p) => $p->setNewUserIds(['ann.lee' => 1000])],
    'changed' => [fn($p) => $p->enrolmentChanges([])],
    'enrolled' => [fn($p) => $p->setEnrolmentIds([1000 => 5000, 50 => 5001])],
];
$calls = [
    'matchAccounts' => fn($p) => $p->matchAccounts([]),
    'usernamePrefixes' => fn($p) => $p->usernamePrefixes(),
    'assignUsernames' => fn($p) => $p->assignUsernames([]),
    'newUserRows' => fn($p) => $p->newUserRows(),
    'setNewUserIds' => fn($p) => $p->setNewUserIds(['ann.lee' => 1000]),
    'newUserPreferenceRows' => fn($p) => $p->newUserPreferenceRows(),
    'userIds' => fn($p) => $p->userIds(),
    'enrolmentChanges' => fn($p) => $p->enrolmentChanges([]),
    'setEnrolmentIds' => fn($p) => $p->setEnrolmentIds([1000 => 5000, 50 => 5001]),
    'roleAssignmentRows' => fn($p) => $p->roleAssignmentRows([1000 => 1100], []),
    'groupMemberRows' => fn($p) => $p->groupMemberRows(33, []),
    'groupRow' => fn($p) => $p->groupRow(),
    'productRows' => fn($p) => $p->productRows([]),
    'productEventRows' => fn($p) => $p->productEventRows([]),
    'views' => fn($p) => [$p->people(), $p->notices(), $p->emails(), $p->seatsUsed()],
];
$steps = [];
foreach ($stages as $stage => $step) {
    $steps = array_merge($steps, $step);
    echo "== $stage\n";
    foreach ($calls as $name => $call) {
        // a fresh plan brought to this stage for every call
        $plan = new ShopSetup\Plan(['student' => ['ann@example.com' => plan_person('Ann', 'Lee', 'ann@example.com')]], 1, plan_roles(), plan_facts());
        foreach ($steps as $s) {
            $s($plan);
        }
        try {
            $call($plan);
            echo "$name: ok\n";
        } catch (ShopSetup\PlanException $e) {
            echo "$name: ", $e->getMessage(), "\n";
        }
    }
}

echo "== a failed call leaves the stage as it was\n";
$plan = new ShopSetup\Plan(['student' => ['ann@example.com' => plan_person('Ann', 'Lee', 'ann@example.com')]], 1, plan_roles(), plan_facts());
plan_expect_throw(fn() => $plan->matchAccounts([['id' => 'x']]));
$plan->matchAccounts([]);
$plan->usernamePrefixes();
plan_expect_throw(fn() => $plan->assignUsernames([[]]));
$plan->assignUsernames([]);
plan_expect_throw(fn() => $plan->setNewUserIds([]));
plan_expect_throw(fn() => $plan->setNewUserIds(['ann.lee' => -1]));
$plan->setNewUserIds(['ann.lee' => 1000]);
plan_expect_throw(fn() => $plan->enrolmentChanges([['userid' => 1000]]));
$changes = $plan->enrolmentChanges([]);
echo count($changes['insert']), " inserts\n";
plan_expect_throw(fn() => $plan->setEnrolmentIds([1000 => 5000]));
$plan->setEnrolmentIds([50 => 5001]);
echo count($plan->productRows([])), " product\n";

echo "== construction\n";
plan_expect_throw(fn() => $plan->__construct([], 0, [], plan_facts()));
plan_expect_throw(fn() => clone $plan);
plan_expect_throw(fn() => serialize($plan));
plan_expect_throw(fn() => $plan->extra = 1);
?>
--EXPECT--
== built
matchAccounts: ok
usernamePrefixes: usernamePrefixes: comes after matchAccounts() and before assignUsernames()
assignUsernames: assignUsernames: comes after matchAccounts() and usernamePrefixes(), once
newUserRows: newUserRows: comes after assignUsernames()
setNewUserIds: setNewUserIds: comes after assignUsernames(), once
newUserPreferenceRows: newUserPreferenceRows: needs the ids of the new accounts
userIds: ok
enrolmentChanges: enrolmentChanges: needs every participant's user id, and runs once
setEnrolmentIds: setEnrolmentIds: comes after enrolmentChanges(), once
roleAssignmentRows: roleAssignmentRows: needs every participant's user id
groupMemberRows: groupMemberRows: needs every participant's user id
groupRow: ok
productRows: productRows: comes after setEnrolmentIds()
productEventRows: productEventRows: comes after setEnrolmentIds()
views: ok
== matched
matchAccounts: matchAccounts: runs once, right after the plan is built
usernamePrefixes: ok
assignUsernames: assignUsernames: needs usernamePrefixes() first
newUserRows: newUserRows: comes after assignUsernames()
setNewUserIds: setNewUserIds: comes after assignUsernames(), once
newUserPreferenceRows: newUserPreferenceRows: needs the ids of the new accounts
userIds: ok
enrolmentChanges: enrolmentChanges: needs every participant's user id, and runs once
setEnrolmentIds: setEnrolmentIds: comes after enrolmentChanges(), once
roleAssignmentRows: roleAssignmentRows: needs every participant's user id
groupMemberRows: groupMemberRows: needs every participant's user id
groupRow: ok
productRows: productRows: comes after setEnrolmentIds()
productEventRows: productEventRows: comes after setEnrolmentIds()
views: ok
== prefixed
matchAccounts: matchAccounts: runs once, right after the plan is built
usernamePrefixes: ok
assignUsernames: ok
newUserRows: newUserRows: comes after assignUsernames()
setNewUserIds: setNewUserIds: comes after assignUsernames(), once
newUserPreferenceRows: newUserPreferenceRows: needs the ids of the new accounts
userIds: ok
enrolmentChanges: enrolmentChanges: needs every participant's user id, and runs once
setEnrolmentIds: setEnrolmentIds: comes after enrolmentChanges(), once
roleAssignmentRows: roleAssignmentRows: needs every participant's user id
groupMemberRows: groupMemberRows: needs every participant's user id
groupRow: ok
productRows: productRows: comes after setEnrolmentIds()
productEventRows: productEventRows: comes after setEnrolmentIds()
views: ok
== named
matchAccounts: matchAccounts: runs once, right after the plan is built
usernamePrefixes: usernamePrefixes: comes after matchAccounts() and before assignUsernames()
assignUsernames: assignUsernames: comes after matchAccounts() and usernamePrefixes(), once
newUserRows: ok
setNewUserIds: ok
newUserPreferenceRows: newUserPreferenceRows: needs the ids of the new accounts
userIds: ok
enrolmentChanges: enrolmentChanges: needs every participant's user id, and runs once
setEnrolmentIds: setEnrolmentIds: comes after enrolmentChanges(), once
roleAssignmentRows: roleAssignmentRows: needs every participant's user id
groupMemberRows: groupMemberRows: needs every participant's user id
groupRow: ok
productRows: productRows: comes after setEnrolmentIds()
productEventRows: productEventRows: comes after setEnrolmentIds()
views: ok
== users
matchAccounts: matchAccounts: runs once, right after the plan is built
usernamePrefixes: usernamePrefixes: comes after matchAccounts() and before assignUsernames()
assignUsernames: assignUsernames: comes after matchAccounts() and usernamePrefixes(), once
newUserRows: ok
setNewUserIds: setNewUserIds: comes after assignUsernames(), once
newUserPreferenceRows: ok
userIds: ok
enrolmentChanges: ok
setEnrolmentIds: setEnrolmentIds: comes after enrolmentChanges(), once
roleAssignmentRows: roleAssignmentRows: comes after setEnrolmentIds()
groupMemberRows: ok
groupRow: ok
productRows: productRows: comes after setEnrolmentIds()
productEventRows: productEventRows: comes after setEnrolmentIds()
views: ok
== changed
matchAccounts: matchAccounts: runs once, right after the plan is built
usernamePrefixes: usernamePrefixes: comes after matchAccounts() and before assignUsernames()
assignUsernames: assignUsernames: comes after matchAccounts() and usernamePrefixes(), once
newUserRows: ok
setNewUserIds: setNewUserIds: comes after assignUsernames(), once
newUserPreferenceRows: ok
userIds: ok
enrolmentChanges: enrolmentChanges: needs every participant's user id, and runs once
setEnrolmentIds: ok
roleAssignmentRows: roleAssignmentRows: comes after setEnrolmentIds()
groupMemberRows: ok
groupRow: ok
productRows: productRows: comes after setEnrolmentIds()
productEventRows: productEventRows: comes after setEnrolmentIds()
views: ok
== enrolled
matchAccounts: matchAccounts: runs once, right after the plan is built
usernamePrefixes: usernamePrefixes: comes after matchAccounts() and before assignUsernames()
assignUsernames: assignUsernames: comes after matchAccounts() and usernamePrefixes(), once
newUserRows: ok
setNewUserIds: setNewUserIds: comes after assignUsernames(), once
newUserPreferenceRows: ok
userIds: ok
enrolmentChanges: enrolmentChanges: needs every participant's user id, and runs once
setEnrolmentIds: setEnrolmentIds: comes after enrolmentChanges(), once
roleAssignmentRows: ok
groupMemberRows: ok
groupRow: ok
productRows: ok
productEventRows: ok
views: ok
== a failed call leaves the stage as it was
TypeError: ShopSetup\Plan::matchAccounts(): Argument #1 ($accounts) must contain rows with an int "id", a string "email" and an int "suspended"
TypeError: ShopSetup\Plan::assignUsernames(): Argument #1 ($taken) must contain strings
ShopSetup\PlanException: ann.lee: new account has no id
ShopSetup\PlanException: ann.lee: user id must be positive
TypeError: ShopSetup\Plan::enrolmentChanges(): Argument #1 ($existing) must contain rows with int id, userid, status, timestart and timeend
2 inserts
ShopSetup\PlanException: user_enrolments: no enrolment id for the operator (user 50)
1 product
== construction
Error: Cannot call ShopSetup\Plan::__construct() twice
Error: Trying to clone an uncloneable object of class ShopSetup\Plan
Exception: Serialization of 'ShopSetup\Plan' is not allowed
Error: Cannot create dynamic property ShopSetup\Plan::$extra
