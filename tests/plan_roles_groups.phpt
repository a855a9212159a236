--TEST--
Plan stage 5: role_assignments (course roles and cross roles in user contexts), groups_members and the groups row
--EXTENSIONS--
shopsetup
--FILE--
<?php
require __DIR__ . '/fixtures/plan.inc';

$roles = ['student' => 5, 'teacher' => 3, '_supervisor' => 4];
function build(array $buckets, array $roles, array $facts, array $accounts): ShopSetup\Plan {
    $plan = new ShopSetup\Plan($buckets, 10, $roles, plan_facts($facts));
    plan_drive($plan, $accounts);
    return $plan;
}
function ras(array $rows): void {
    foreach ($rows as $row) {
        echo "  role {$row['roleid']} context {$row['contextid']} user {$row['userid']}\n";
    }
}
$buckets = [
    'student' => ['ann@example.com' => plan_person('Ann', 'Lee', 'ann@example.com'), 'bob@example.com' => plan_person('Bob', 'Ray', 'bob@example.com')],
    'teacher' => ['ann@example.com' => plan_person('Ann', 'Lee', 'ann@example.com')],
    '_supervisor' => ['cat@example.com' => plan_person('Cat', 'Roy', 'cat@example.com')],
];
$accounts = [['id' => 11, 'email' => 'bob@example.com', 'suspended' => 0], ['id' => 12, 'email' => 'cat@example.com', 'suspended' => 1]];

echo "-- the group row can be built at any time\n";
$plan = new ShopSetup\Plan($buckets, 10, $roles, plan_facts());
var_dump($plan->groupRow());
plan_expect_throw(fn() => $plan->roleAssignmentRows([], []));

echo "-- role assignments: course roles, the operator's supervisor role, then per participant the cross roles\n";
$plan = build($buckets, $roles, [], $accounts);
echo json_encode($plan->userIds()), "\n";
$contexts = [1000 => 1100, 11 => 1011, 12 => 1012, 50 => 500, 777 => 1777];   // a context for someone else is ignored
plan_expect_throw(fn() => $plan->roleAssignmentRows([1000 => 1100, 11 => 1011], []));
plan_expect_throw(fn() => $plan->roleAssignmentRows(['x' => 1], []));
plan_expect_throw(fn() => $plan->roleAssignmentRows([1000 => -1], []));
plan_expect_throw(fn() => $plan->roleAssignmentRows($contexts, [['contextid' => 120]]));
$rows = $plan->roleAssignmentRows($contexts, []);
var_dump($rows[0]);
ras($rows);
echo "-- rows already there are skipped (a re-run adds nothing)\n";
ras($plan->roleAssignmentRows($contexts, [
    ['contextid' => 120, 'roleid' => 5, 'userid' => 11],
    (object) ['contextid' => '1011', 'roleid' => '4', 'userid' => '50'],
]));
echo count($plan->roleAssignmentRows($contexts, $rows)), " rows on a re-run\n";

echo "-- group members: participants and the operator, minus the members already there\n";
plan_expect_throw(fn() => $plan->groupMemberRows(0, []));
plan_expect_throw(fn() => $plan->groupMemberRows(33, [['id' => 11]]));
foreach ($plan->groupMemberRows(33, [11, (object) ['userid' => '12']]) as $row) {
    echo json_encode($row), "\n";
}

echo "-- no mirror role: mirrorroleid 0 or absent\n";
ras(build($buckets, $roles, ['mirrorroleid' => 0], $accounts)->roleAssignmentRows($contexts, []));

echo "-- enroloperator false: no course role and no membership for the operator; the cross roles stay\n";
$plan = build(['student' => $buckets['student']], $roles, ['enroloperator' => false], $accounts);
ras($plan->roleAssignmentRows($contexts, []));
echo json_encode(array_column($plan->groupMemberRows(33, []), 'userid')), "\n";

echo "-- the operator among the participants: never a cross role to himself\n";
$plan = build(['student' => ['op@example.com' => plan_person('Op', 'Erator', 'op@example.com'), 'bob@example.com' => plan_person('Bob', 'Ray', 'bob@example.com')]],
    $roles, [], [['id' => 50, 'email' => 'op@example.com', 'suspended' => 0], ['id' => 11, 'email' => 'bob@example.com', 'suspended' => 0]]);
ras($plan->roleAssignmentRows([11 => 1011], []));
echo json_encode(array_column($plan->groupMemberRows(33, []), 'userid')), "\n";

echo "-- group row without a description\n";
$plan = new ShopSetup\Plan([], 0, $roles, plan_facts(['groupdescription' => null, 'groupname' => 'Élèves SO-9', 'groupidnumber' => 'SO-9', 'courseid' => 4]));
echo json_encode($plan->groupRow(), JSON_UNESCAPED_UNICODE), "\n";
?>
--EXPECT--
-- the group row can be built at any time
array(7) {
  ["courseid"]=>
  int(12)
  ["idnumber"]=>
  string(7) "TX-0001"
  ["name"]=>
  string(10) "ORDER-0001"
  ["description"]=>
  string(26) "Group built by Moodle Shop"
  ["descriptionformat"]=>
  int(1)
  ["timecreated"]=>
  int(1699999000)
  ["timemodified"]=>
  int(1699999000)
}
ShopSetup\PlanException: roleAssignmentRows: comes after setEnrolmentIds()
-- role assignments: course roles, the operator's supervisor role, then per participant the cross roles
{"ann@example.com":1000,"bob@example.com":11,"cat@example.com":12}
ShopSetup\PlanException: userContextIds: no user context for user 12
TypeError: ShopSetup\Plan::roleAssignmentRows(): Argument #1 ($userContextIds) must map user ids to context ids
ShopSetup\PlanException: context: id must be positive
TypeError: ShopSetup\Plan::roleAssignmentRows(): Argument #2 ($existing) must contain rows with int contextid, roleid and userid
array(8) {
  ["roleid"]=>
  int(5)
  ["contextid"]=>
  int(120)
  ["userid"]=>
  int(1000)
  ["timemodified"]=>
  int(1699999000)
  ["modifierid"]=>
  int(2)
  ["component"]=>
  string(0) ""
  ["itemid"]=>
  int(0)
  ["sortorder"]=>
  int(0)
}
  role 5 context 120 user 1000
  role 5 context 120 user 11
  role 3 context 120 user 1000
  role 4 context 120 user 12
  role 4 context 120 user 50
  role 4 context 1100 user 50
  role 5 context 500 user 1000
  role 4 context 1011 user 50
  role 5 context 500 user 11
  role 4 context 1012 user 50
  role 5 context 500 user 12
-- rows already there are skipped (a re-run adds nothing)
  role 5 context 120 user 1000
  role 3 context 120 user 1000
  role 4 context 120 user 12
  role 4 context 120 user 50
  role 4 context 1100 user 50
  role 5 context 500 user 1000
  role 5 context 500 user 11
  role 4 context 1012 user 50
  role 5 context 500 user 12
0 rows on a re-run
-- group members: participants and the operator, minus the members already there
ShopSetup\PlanException: groupid: must be positive
TypeError: ShopSetup\Plan::groupMemberRows(): Argument #2 ($existingMembers) must contain ints or rows with an int "userid"
{"groupid":33,"userid":1000,"timeadded":1699999000,"component":"","itemid":0}
{"groupid":33,"userid":50,"timeadded":1699999000,"component":"","itemid":0}
-- no mirror role: mirrorroleid 0 or absent
  role 5 context 120 user 1000
  role 5 context 120 user 11
  role 3 context 120 user 1000
  role 4 context 120 user 12
  role 4 context 120 user 50
  role 4 context 1100 user 50
  role 4 context 1011 user 50
  role 4 context 1012 user 50
-- enroloperator false: no course role and no membership for the operator; the cross roles stay
  role 5 context 120 user 1000
  role 5 context 120 user 11
  role 4 context 1100 user 50
  role 5 context 500 user 1000
  role 4 context 1011 user 50
  role 5 context 500 user 11
[1000,11]
-- the operator among the participants: never a cross role to himself
  role 5 context 120 user 50
  role 5 context 120 user 11
  role 4 context 120 user 50
  role 4 context 1011 user 50
  role 5 context 500 user 11
[50,11]
-- group row without a description
{"courseid":4,"idnumber":"SO-9","name":"Élèves SO-9","description":"","descriptionformat":1,"timecreated":1699999000,"timemodified":1699999000}
