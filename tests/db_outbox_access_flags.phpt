--TEST--
MysqlConnection::run(): the access flags of mark_user_dirty(), the effects outbox and its delivery task are written with the rows, in one transaction
--EXTENSIONS--
mysqli
shopsetup
--SKIPIF--
<?php require __DIR__ . '/fixtures/db.inc'; shopsetup_test_db_skip(); ?>
--FILE--
<?php
require __DIR__ . '/fixtures/db_checks.inc';
$db = shopsetup_test_db('outbox_access_flags');
$m = $db['mysqli'];

// Ann exists and already holds a stale dirty flag (twice: set_cache_flag() updates the first one).
$m->query("INSERT INTO mdl_user (auth, confirmed, mnethostid, username, password, firstname, lastname, email)
    VALUES ('manual', 1, 1, 'ann.archer', 'x', 'Ann', 'Archer', 'ann@example.com')");
$ann = $m->insert_id;
$m->query("INSERT INTO mdl_cache_flags (flagtype, name, value, expiry, timemodified)
    VALUES ('accesslib/dirtyusers', '$ann', '1', 100, 50), ('accesslib/dirtyusers', '$ann', '1', 100, 50),
    ('other/flag', '$ann', 'x', 100, 50)");

$buckets = [
    'student' => [
        'ann@example.com' => shopsetup_test_person('Ann', 'Archer', 'ann@example.com'),
        'bob@example.com' => shopsetup_test_person('Bob', 'Baker', 'bob@example.com'),
    ],
    'teacher' => ['tom@example.com' => shopsetup_test_person('Tom', 'Turner', 'tom@example.com')],
];
$facts = shopsetup_test_facts(['outbox' => 'shophandlers_setup_outbox', 'sessiontimeout' => 3600, 'recovergrades' => true,
    'deliverytask' => '\\shophandlers_std_setuponecoursesession\\task\\deliver_effects',
    'deliverycomponent' => 'shophandlers_std_setuponecoursesession', 'deliverydata' => '{"billitemid":11}']);
$conn = new ShopSetup\MysqlConnection($db['options']);
$r = (new ShopSetup\Plan($buckets, 3, ['student' => 5, 'teacher' => 4], $facts))->run($conn);

$labels = shopsetup_test_labels($m);
$label = fn($id) => $labels['users'][(int) $id] ?? '#' . $id;
$context = fn($id) => $labels['contexts'][(int) $id] ?? '#' . $id;
echo "--- access flags\n";
foreach (shopsetup_test_rows($m, 'SELECT * FROM mdl_cache_flags ORDER BY id') as $f) {
    printf("%s %s value %s expiry %s modified %s\n", $f['flagtype'], $label($f['name']), $f['value'],
        $f['expiry'] == $facts['now'] + 3600 ? 'now+sessiontimeout' : $f['expiry'], $f['timemodified'] == $facts['now'] ? 'now' : $f['timemodified']);
}
sort($r['dirty_users']);
echo 'dirty users: ', implode(' ', array_map($label, $r['dirty_users'])), "\n";

echo "--- outbox, in delivery order\n";
$ras = [];
foreach (shopsetup_test_rows($m, 'SELECT id, roleid, contextid FROM mdl_role_assignments') as $ra) {
    $ras[$ra['id']] = "role {$ra['roleid']} in " . $context($ra['contextid']);
}
$ues = [];
foreach (shopsetup_test_rows($m, 'SELECT id, userid FROM mdl_user_enrolments') as $ue) {
    $ues[$ue['id']] = 'enrolment of ' . $label($ue['userid']);
}
foreach (shopsetup_test_rows($m, 'SELECT * FROM mdl_shophandlers_setup_outbox ORDER BY id') as $e) {
    $object = match ($e['kind']) {
        'role_assigned' => $ras[$e['objectid']],
        'user_enrolment_created', 'user_enrolment_updated' => $ues[$e['objectid']],
        'caches', 'group_created', 'group_member_added' => $e['objectid'] == $r['group']['id'] ? 'the group' : $e['objectid'],
        'user_created' => $label($e['objectid']),
        default => $e['objectid'],
    };
    printf("%s %s user %s line %s attempts %s %s\n", $e['kind'], $object, $e['userid'] ? $label($e['userid']) : '-',
        $e['billitemid'], $e['attempts'], $e['timecreated'] == $facts['now'] ? 'now' : $e['timecreated']);
}
echo 'effects reported: ', $r['effects'], "\n";
echo "--- the delivery task, queued in the same transaction\n";
foreach (shopsetup_test_rows($m, 'SELECT * FROM mdl_task_adhoc ORDER BY id') as $task) {
    printf("%s %s %s next %s created %s attempts %s faildelay %s user %s\n", $task['component'], $task['classname'],
        $task['customdata'], $task['nextruntime'] == $facts['now'] - 1 ? 'now-1' : $task['nextruntime'],
        $task['timecreated'] == $facts['now'] ? 'now' : $task['timecreated'], $task['attemptsavailable'], $task['faildelay'],
        $task['userid'] ?? 'NULL');
}

echo "--- the same order again: nothing changed, nothing to deliver\n";
$again = (new ShopSetup\Plan($buckets, 3, ['student' => 5, 'teacher' => 4], ['recovergrades' => false] + $facts))->run($conn);
echo 'effects: ', $again['effects'], ', outbox rows: ', shopsetup_test_int($m, 'SELECT COUNT(*) FROM mdl_shophandlers_setup_outbox'),
    ', tasks: ', shopsetup_test_int($m, 'SELECT COUNT(*) FROM mdl_task_adhoc'), "\n";

echo "--- without the task table, nothing is written\n";
$before = shopsetup_test_snapshot($m);
$m->query('RENAME TABLE mdl_task_adhoc TO mdl_task_away');
$buckets['student']['cid@example.com'] = shopsetup_test_person('Cid', 'Carter', 'cid@example.com');
try {
    (new ShopSetup\Plan($buckets, 4, ['student' => 5, 'teacher' => 4], $facts))->run($conn);
    echo "ran\n";
} catch (ShopSetup\DatabaseException $e) {
    echo get_class($e), ': ', preg_replace('/MySQL error \d+ \(\w+\): /', '', $e->getMessage()), "\n";
}
$m->query('RENAME TABLE mdl_task_away TO mdl_task_adhoc');
echo 'rows: ', shopsetup_test_compare($before, shopsetup_test_snapshot($m)), "\n";

echo "--- without the outbox table, nothing is written\n";
$before = shopsetup_test_snapshot($m);
$m->query('RENAME TABLE mdl_shophandlers_setup_outbox TO mdl_outbox_away');
try {
    (new ShopSetup\Plan($buckets, 4, ['student' => 5, 'teacher' => 4], $facts))->run($conn);
    echo "ran\n";
} catch (ShopSetup\DatabaseException $e) {
    echo get_class($e), ': ', preg_replace('/MySQL error \d+ \(\w+\): /', '', $e->getMessage()), "\n";
}
$m->query('RENAME TABLE mdl_outbox_away TO mdl_shophandlers_setup_outbox');
echo 'rows: ', shopsetup_test_compare($before, shopsetup_test_snapshot($m)), "\n";
$conn->close();
shopsetup_test_db_drop('outbox_access_flags');
?>
--EXPECTF--
--- access flags
accesslib/dirtyusers ann@example.com value 1 expiry now+sessiontimeout modified now
accesslib/dirtyusers ann@example.com value 1 expiry 100 modified 50
other/flag ann@example.com value x expiry 100 modified 50
accesslib/dirtyusers bob@example.com value 1 expiry now+sessiontimeout modified now
accesslib/dirtyusers tom@example.com value 1 expiry now+sessiontimeout modified now
accesslib/dirtyusers operator value 1 expiry now+sessiontimeout modified now
dirty users: operator ann@example.com bob@example.com tom@example.com
--- outbox, in delivery order
caches the group user - line 11 attempts 0 now
user_created bob@example.com user bob@example.com line 11 attempts 0 now
user_created tom@example.com user tom@example.com line 11 attempts 0 now
group_created the group user - line 11 attempts 0 now
user_enrolment_created enrolment of ann@example.com user ann@example.com line 11 attempts 0 now
user_enrolment_created enrolment of bob@example.com user bob@example.com line 11 attempts 0 now
user_enrolment_created enrolment of tom@example.com user tom@example.com line 11 attempts 0 now
user_enrolment_created enrolment of operator user operator line 11 attempts 0 now
role_assigned role 5 in course user ann@example.com line 11 attempts 0 now
role_assigned role 5 in course user bob@example.com line 11 attempts 0 now
role_assigned role 4 in course user tom@example.com line 11 attempts 0 now
role_assigned role 4 in course user operator line 11 attempts 0 now
role_assigned role 4 in user:ann@example.com user operator line 11 attempts 0 now
role_assigned role 9 in operator user ann@example.com line 11 attempts 0 now
role_assigned role 4 in user:bob@example.com user operator line 11 attempts 0 now
role_assigned role 9 in operator user bob@example.com line 11 attempts 0 now
role_assigned role 4 in user:tom@example.com user operator line 11 attempts 0 now
role_assigned role 9 in operator user tom@example.com line 11 attempts 0 now
grades_recovered 2 user ann@example.com line 11 attempts 0 now
grades_recovered 2 user bob@example.com line 11 attempts 0 now
grades_recovered 2 user tom@example.com line 11 attempts 0 now
grades_recovered 2 user operator line 11 attempts 0 now
group_member_added the group user ann@example.com line 11 attempts 0 now
group_member_added the group user bob@example.com line 11 attempts 0 now
group_member_added the group user tom@example.com line 11 attempts 0 now
group_member_added the group user operator line 11 attempts 0 now
effects reported: 26
--- the delivery task, queued in the same transaction
shophandlers_std_setuponecoursesession \shophandlers_std_setuponecoursesession\task\deliver_effects {"billitemid":11} next now-1 created now attempts 12 faildelay 0 user NULL
--- the same order again: nothing changed, nothing to deliver
effects: 0, outbox rows: 26, tasks: 1
--- without the task table, nothing is written
ShopSetup\DatabaseException: Table '%s.mdl_task_adhoc' doesn't exist (task_adhoc)
rows: same
--- without the outbox table, nothing is written
ShopSetup\DatabaseException: Table '%s.mdl_shophandlers_setup_outbox' doesn't exist (shophandlers_setup_outbox)
rows: same
