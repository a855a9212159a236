--TEST--
Plan::run() stage 5: role_assignments (course roles and cross roles in user contexts, never twice), groups_members, and the order's group found by course and idnumber or created once
--EXTENSIONS--
shopsetup
--FILE--
<?php
// Proves: the rows a run adds to role_assignments (the course role of each bucket, the operator's supervisor role in
// the participants' user contexts and theirs in the operator's), to groups_members and groups; rows already there
// are not added again (a re-run adds nothing); the report lists the ids added; the group is the course's one with
// the order's idnumber (lowest id), never one of another course, and is created once.
require __DIR__ . '/fixtures/memory_store.inc';

$roles = ['student' => 5, 'teacher' => 3, '_supervisor' => 4];
$buckets = [
    'student' => ['ann@example.com' => plan_person('Ann', 'Lee', 'ann@example.com'), 'bob@example.com' => plan_person('Bob', 'Ray', 'bob@example.com')],
    'teacher' => ['ann@example.com' => plan_person('Ann', 'Lee', 'ann@example.com')],
    '_supervisor' => ['cat@example.com' => plan_person('Cat', 'Roy', 'cat@example.com')],
];
// Bob (11) and Cat (12, suspended) exist with their user contexts; Ann is new (1000, context 1100).
function site(array $tables = []): MemoryStore {
    return memory_store(array_merge_recursive([
        'user' => [memory_account(11, 'bob@example.com'), memory_account(12, 'cat@example.com', 1)],
        'context' => [memory_user_context(1011, 11), memory_user_context(1012, 12)],
    ], $tables), ['ids' => ['user' => 1000, 'context' => 1100, 'role_assignments' => 700, 'groups' => 40, 'groups_members' => 800]]);
}
function ras(array $rows): void {
    foreach ($rows as $row) {
        echo "  role {$row['roleid']} context {$row['contextid']} user {$row['userid']}\n";
    }
}
function added(MemoryStore $store, array $report): array {
    return array_values(array_filter($store->rows('role_assignments'), fn($row) => in_array($row['id'], $report['role_assignments'], true)));
}

echo "-- role assignments: course roles, the operator's supervisor role, then per participant the cross roles\n";
$store = site(['role_assignments' => [['id' => 1, 'contextid' => 1777, 'roleid' => 5, 'userid' => 777, 'timemodified' => 1, 'modifierid' => 1,
    'component' => '', 'itemid' => 0, 'sortorder' => 0]]]);   // someone else's: left alone
$plan = new ShopSetup\Plan($buckets, 10, $roles, plan_facts());
$report = $plan->run($store);
echo json_encode($report['users']['created'] + $report['users']['matched']), "\n";
$rows = added($store, $report);
var_dump($rows[0]);
ras($rows);
$ids = $report['role_assignments'];
sort($ids);
echo 'reported ', count($ids), ' of ', count($store->rows('role_assignments')) - 1, ' rows, ids ',
    $ids === range(700, 699 + count($rows)) ? 'of the new rows' : json_encode($report['role_assignments']), "\n";
echo "-- a re-run adds nothing\n";
$report = (new ShopSetup\Plan($buckets, 10, $roles, plan_facts()))->run($store);
echo json_encode([$report['role_assignments'], $report['group_members'], $report['group']]), ' ', count($store->rows('role_assignments')), ' ',
    count($store->rows('groups_members')), ' ', count($store->rows('groups')), "\n";

echo "-- rows already there are skipped, whoever added them\n";
$ra = fn(int $context, int $role, int $user) => ['roleid' => $role, 'contextid' => $context, 'userid' => $user, 'timemodified' => 1,
    'modifierid' => 1, 'component' => '', 'itemid' => 0, 'sortorder' => 0];
$store = site(['role_assignments' => [$ra(120, 5, 11), $ra(1011, 4, 50), $ra(120, 3, 11), $ra(500, 4, 11)]]);
$report = (new ShopSetup\Plan($buckets, 10, $roles, plan_facts()))->run($store);
ras(added($store, $report));

echo "-- group members: participants and the operator, minus the members already there; the group is found\n";
$group = ['courseid' => 12, 'idnumber' => 'TX-0001', 'name' => 'Old name', 'description' => '', 'descriptionformat' => 1, 'timecreated' => 1, 'timemodified' => 1];
$member = fn(int $groupid, int $userid) => ['groupid' => $groupid, 'userid' => $userid, 'timeadded' => 1, 'component' => '', 'itemid' => 0];
$store = site(['groups' => [['id' => 32] + $group, ['id' => 33] + $group, ['id' => 31, 'courseid' => 13] + $group],
    'groups_members' => [$member(32, 11), $member(32, 12), $member(33, 1000), $member(31, 50)]]);
$report = (new ShopSetup\Plan($buckets, 10, $roles, plan_facts()))->run($store);
echo json_encode($report['group']), ' ', count($store->rows('groups')), " groups\n";
print_rows($store->rows('groups_members'), ['id', 'groupid', 'userid', 'timeadded', 'component', 'itemid']);
echo 'reported ', json_encode($report['group_members']), "\n";

echo "-- the group is created once, as Moodle's groups_create_group() would write it\n";
$store = site(['groups' => [['id' => 31, 'courseid' => 13] + $group, ['id' => 30, 'idnumber' => 'TX-0002'] + $group]]);
$report = (new ShopSetup\Plan($buckets, 10, $roles, plan_facts()))->run($store);
echo json_encode($report['group']), "\n";
var_dump($store->lastRow('groups'));
echo json_encode(array_unique(array_column($store->rows('groups_members'), 'groupid'))), "\n";
$report = (new ShopSetup\Plan($buckets, 10, $roles, plan_facts()))->run($store);
echo 'again: ', json_encode($report['group']), ' ', count($store->rows('groups')), " groups\n";

echo "-- no mirror role: mirrorroleid 0\n";
$store = site();
$report = (new ShopSetup\Plan($buckets, 10, $roles, plan_facts(['mirrorroleid' => 0])))->run($store);
ras(added($store, $report));

echo "-- enroloperator false: no course role and no membership for the operator; the cross roles stay\n";
$store = site();
$report = (new ShopSetup\Plan(['student' => $buckets['student']], 10, $roles, plan_facts(['enroloperator' => false])))->run($store);
ras(added($store, $report));
echo json_encode($report['group_members']), "\n";

echo "-- the operator among the participants: never a cross role to himself\n";
$store = site();
$report = (new ShopSetup\Plan(['student' => ['operator@example.com' => plan_person('Op', 'Erator', 'operator@example.com'),
    'bob@example.com' => plan_person('Bob', 'Ray', 'bob@example.com')]], 10, $roles, plan_facts()))->run($store);
ras(added($store, $report));
echo json_encode($report['group_members']), "\n";

echo "-- group row without a description, for an order of nobody\n";
$facts = plan_facts(['groupdescription' => null, 'groupname' => 'Élèves SO-9', 'groupidnumber' => 'SO-9', 'courseid' => 4]);
$store = memory_store([], [], $facts);
$report = (new ShopSetup\Plan([], 0, $roles, $facts))->run($store);
echo json_encode($store->lastRow('groups'), JSON_UNESCAPED_UNICODE), ' ', json_encode($report['group']), "\n";
?>
--EXPECT--
-- role assignments: course roles, the operator's supervisor role, then per participant the cross roles
{"ann@example.com":1000,"bob@example.com":11,"cat@example.com":12}
array(9) {
  ["id"]=>
  int(700)
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
reported 11 of 11 rows, ids of the new rows
-- a re-run adds nothing
[[],[],{"id":40,"created":false}] 12 4 1
-- rows already there are skipped, whoever added them
  role 5 context 120 user 1000
  role 3 context 120 user 1000
  role 4 context 120 user 12
  role 4 context 120 user 50
  role 4 context 1100 user 50
  role 5 context 500 user 1000
  role 5 context 500 user 11
  role 4 context 1012 user 50
  role 5 context 500 user 12
-- group members: participants and the operator, minus the members already there; the group is found
{"id":32,"created":false} 3 groups
  id=800 groupid=32 userid=11 timeadded=1 component="" itemid=0
  id=801 groupid=32 userid=12 timeadded=1 component="" itemid=0
  id=802 groupid=33 userid=1000 timeadded=1 component="" itemid=0
  id=803 groupid=31 userid=50 timeadded=1 component="" itemid=0
  id=804 groupid=32 userid=1000 timeadded=1699999000 component="" itemid=0
  id=805 groupid=32 userid=50 timeadded=1699999000 component="" itemid=0
reported [1000,50]
-- the group is created once, as Moodle's groups_create_group() would write it
{"id":40,"created":true}
array(8) {
  ["id"]=>
  int(40)
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
[40]
again: {"id":40,"created":false} 3 groups
-- no mirror role: mirrorroleid 0
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
-- group row without a description, for an order of nobody
{"id":1,"courseid":4,"idnumber":"SO-9","name":"Élèves SO-9","description":"","descriptionformat":1,"timecreated":1699999000,"timemodified":1699999000} {"id":1,"created":true}
