--TEST--
Plan::run() stage 4: missing enrolments inserted, existing ones widened (never shortened) by id, identical ones left alone; ids reported and used by the products
--EXTENSIONS--
shopsetup
--FILE--
<?php
// Proves: on the plan's enrolment instance only, each participant and the operator has one enrolment after a run:
// inserted when missing, updated (only status, times, modifier, timemodified) when narrower, suspended or ended, left
// untouched when it already covers the plan; the report tells which (userid => id); a re-run changes nothing.
require __DIR__ . '/fixtures/memory_store.inc';

function roster(array $names): array {
    $list = [];
    foreach ($names as $name) {
        $list["$name@example.com"] = plan_person(ucfirst($name), 'Doe', "$name@example.com");
    }
    return ['student' => $list];
}
function accounts(array $ids): array {
    $rows = [];
    foreach ($ids as $name => $id) {
        $rows[] = memory_account($id, "$name@example.com");
    }
    return $rows;
}
function enrolment(int $id, int $userid, int $status, int $start, int $end, int $enrolid = 7): array {
    return ['id' => $id, 'status' => $status, 'enrolid' => $enrolid, 'userid' => $userid, 'timestart' => $start, 'timeend' => $end,
        'modifierid' => 9, 'timecreated' => 1, 'timemodified' => 1];
}
function run(array $names, array $accounts, array $enrolments, array $facts = []): array {
    $store = memory_store(['user' => accounts($accounts), 'user_enrolments' => $enrolments], ['ids' => ['user' => 101, 'user_enrolments' => 5001]]);
    $plan = new ShopSetup\Plan(roster($names), count($names), plan_roles(), plan_facts($facts));
    $report = $plan->run($store);
    foreach ($store->calls('insert') as [, $table, $rows]) {
        foreach ($table === 'user_enrolments' ? $rows : [] as $row) {
            echo 'insert ', json_encode($row), "\n";
        }
    }
    foreach ($store->calls('update') as [, $table, $rows]) {
        foreach ($table === 'user_enrolments' ? $rows : [] as $row) {
            echo 'update ', json_encode($row), "\n";
        }
    }
    echo 'report ', json_encode($report['enrolments']), "\n";
    return [$store, $plan, $report];
}

// The plan enrols from 1700000000 to 1702592000.
echo "-- changes\n";
[$store, $plan, $report] = run(['ann', 'bob', 'cat', 'dan', 'eve', 'fay', 'gus'],
    ['bob' => 11, 'cat' => 12, 'dan' => 13, 'eve' => 14, 'fay' => 15, 'gus' => 16], [
    enrolment(21, 11, 0, 1700000000, 1702592000),   // bob: identical
    enrolment(22, 12, 0, 1700100000, 1702000000),   // cat: narrower, widened on both ends
    enrolment(23, 13, 0, 1600000000, 1800000000),   // dan: wider, kept
    enrolment(24, 14, 0, 0, 0),                     // eve: no start, no end, kept
    enrolment(25, 15, 1, 1700000000, 1702592000),   // fay: suspended, reactivated
    enrolment(26, 16, 0, 1690000000, 1695000000),   // gus: ended, extended
    enrolment(27, 50, 0, 1700000000, 1701000000),   // the operator: extended
    enrolment(28, 999, 0, 1, 2),                    // someone else: ignored
    enrolment(29, 11, 1, 1, 2, 8),                  // bob on another instance: ignored
]);
echo "-- the rows after the run: untouched ones keep their modifier and time\n";
print_rows($store->rows('user_enrolments'), ['id', 'enrolid', 'userid', 'status', 'timestart', 'timeend', 'modifierid', 'timemodified']);
echo "-- the products are on the enrolments, new and existing\n";
echo json_encode(array_column($store->rows('local_shop_product'), 'instanceid')), "\n";
echo "-- a re-run changes nothing\n";
$report = (new ShopSetup\Plan(roster(['ann', 'bob', 'cat', 'dan', 'eve', 'fay', 'gus']), 7, plan_roles(), plan_facts()))->run($store);
echo json_encode($report['enrolments']), ' ', count($store->rows('user_enrolments')), " rows\n";

echo "-- open-ended plan (timeend 0) widens every end to 0\n";
run(['bob', 'cat'], ['bob' => 11, 'cat' => 12], [enrolment(21, 11, 0, 1690000000, 1702000000), enrolment(22, 12, 0, 1710000000, 0),
    enrolment(27, 50, 0, 1700000000, 0)], ['timeend' => 0]);

echo "-- enroloperator false: the operator is left alone\n";
[$store] = run(['bob'], ['bob' => 11], [enrolment(27, 50, 0, 1, 2)], ['enroloperator' => false]);
print_rows($store->rows('user_enrolments'), ['id', 'userid', 'timestart', 'timeend']);

echo "-- the operator is also a participant: one enrolment\n";
$tables = memory_site(['user' => [memory_account(50, 'op@example.com', 0, ['username' => 'op'])]]);
array_shift($tables['user']);   // the site's operator, replaced by one with the participant's address
$store = new MemoryStore($tables, ['unique' => memory_unique(), 'ids' => ['user' => 101, 'user_enrolments' => 5001]]);
$report = (new ShopSetup\Plan(roster(['bob', 'op']), 2, plan_roles(), plan_facts()))->run($store);
print_rows($store->rows('user_enrolments'), ['id', 'userid']);
echo json_encode($report['enrolments']), "\n";
?>
--EXPECT--
-- changes
insert {"status":0,"enrolid":7,"userid":101,"timestart":1700000000,"timeend":1702592000,"modifierid":2,"timecreated":1699999000,"timemodified":1699999000}
update {"id":22,"status":0,"timestart":1700000000,"timeend":1702592000,"modifierid":2,"timemodified":1699999000}
update {"id":25,"status":0,"timestart":1700000000,"timeend":1702592000,"modifierid":2,"timemodified":1699999000}
update {"id":26,"status":0,"timestart":1690000000,"timeend":1702592000,"modifierid":2,"timemodified":1699999000}
update {"id":27,"status":0,"timestart":1700000000,"timeend":1702592000,"modifierid":2,"timemodified":1699999000}
report {"created":{"101":5001},"updated":{"12":22,"15":25,"16":26,"50":27},"unchanged":3}
-- the rows after the run: untouched ones keep their modifier and time
  id=21 enrolid=7 userid=11 status=0 timestart=1700000000 timeend=1702592000 modifierid=9 timemodified=1
  id=22 enrolid=7 userid=12 status=0 timestart=1700000000 timeend=1702592000 modifierid=2 timemodified=1699999000
  id=23 enrolid=7 userid=13 status=0 timestart=1600000000 timeend=1800000000 modifierid=9 timemodified=1
  id=24 enrolid=7 userid=14 status=0 timestart=0 timeend=0 modifierid=9 timemodified=1
  id=25 enrolid=7 userid=15 status=0 timestart=1700000000 timeend=1702592000 modifierid=2 timemodified=1699999000
  id=26 enrolid=7 userid=16 status=0 timestart=1690000000 timeend=1702592000 modifierid=2 timemodified=1699999000
  id=27 enrolid=7 userid=50 status=0 timestart=1700000000 timeend=1702592000 modifierid=2 timemodified=1699999000
  id=28 enrolid=7 userid=999 status=0 timestart=1 timeend=2 modifierid=9 timemodified=1
  id=29 enrolid=8 userid=11 status=1 timestart=1 timeend=2 modifierid=9 timemodified=1
  id=5001 enrolid=7 userid=101 status=0 timestart=1700000000 timeend=1702592000 modifierid=2 timemodified=1699999000
-- the products are on the enrolments, new and existing
[5001,21,22,23,24,25,26]
-- a re-run changes nothing
{"created":[],"updated":[],"unchanged":8} 10 rows
-- open-ended plan (timeend 0) widens every end to 0
update {"id":21,"status":0,"timestart":1690000000,"timeend":0,"modifierid":2,"timemodified":1699999000}
update {"id":22,"status":0,"timestart":1700000000,"timeend":0,"modifierid":2,"timemodified":1699999000}
report {"created":[],"updated":{"11":21,"12":22},"unchanged":1}
-- enroloperator false: the operator is left alone
insert {"status":0,"enrolid":7,"userid":11,"timestart":1700000000,"timeend":1702592000,"modifierid":2,"timecreated":1699999000,"timemodified":1699999000}
report {"created":{"11":5001},"updated":[],"unchanged":0}
  id=27 userid=50 timestart=1 timeend=2
  id=5001 userid=11 timestart=1700000000 timeend=1702592000
-- the operator is also a participant: one enrolment
  id=5001 userid=101
  id=5002 userid=50
{"created":{"101":5001,"50":5002},"updated":[],"unchanged":0}
