<?php
require __DIR__ . '/fixtures/db_checks.inc';
$db = shopsetup_test_site('existing_accounts');
$m = $db['mysqli'];

// Accounts already in the site. "deleted" and "suspended" as Moodle sets them; a deleted
// account keeps its email here (older Moodle versions did) so that it would match if not excluded.
$accounts = [
    // username, email, deleted, suspended, mnethostid
    'ann'   => ['ann.archer', 'Ann@Example.COM', 0, 0, 1],
    'bob'   => ['bob.baker', 'BOB@example.com', 0, 0, 1],
    'cid'   => ['cid.carter', 'cid@example.com', 0, 0, 1],
    'del'   => ['del@example.com.1767000000', 'del@example.com', 1, 0, 1],
    'sue'   => ['sue.summer', 'sue@example.com', 0, 1, 1],
    'dup_s' => ['dup.suspended', 'dup@example.com', 0, 1, 1],   // lowest id, but suspended
    'dup_a' => ['dup.active', 'DUP@example.com', 0, 0, 1],      // the one to pick
    'dup_b' => ['dup.active2', 'dup@example.com', 0, 0, 1],
    'mia'   => ['mia.moore', 'mia@example.com', 0, 0, 2],       // another MNet host
];
$id = [];
foreach ($accounts as $key => [$username, $email, $deleted, $suspended, $host]) {
    $m->query("INSERT INTO mdl_user (auth, confirmed, deleted, suspended, mnethostid, username, password, firstname, lastname, email, timecreated)
        VALUES ('manual', 1, $deleted, $suspended, $host, '$username', 'hash', '" . ucfirst($key) . "', 'Old', '$email', 1700000000)");
    $id[$key] = $m->insert_id;
}
// Ann already has her user context and her student role; Bob none.
$m->query("INSERT INTO mdl_context (contextlevel, instanceid, path, depth) VALUES (30, {$id['ann']}, NULL, 2)");
$ann_context = $m->insert_id;
$m->query("UPDATE mdl_context SET path = CONCAT('/1/', id) WHERE id = $ann_context");
$m->query("INSERT INTO mdl_role_assignments (roleid, contextid, userid, timemodified, modifierid) VALUES (5, 6, {$id['ann']}, 1700000000, 2)");
// Enrolments: narrower than the order (widened), wider and open-ended (kept), overlapping (widened),
// suspended with the same window (reactivated).
$enrolments = [
    'ann' => [0, 1769904000, 1793491200],   // 2026-02-01 .. 2026-11-01 -> 2026-01-01 .. 2027-01-01
    'bob' => [0, 1764547200, 0],            // 2025-12-01 .. open: unchanged
    'cid' => [0, 1769904000, 1830297600],   // 2026-02-01 .. 2028-01-01 -> 2026-01-01 .. 2028-01-01
    'sue' => [1, 1767225600, 1798761600],   // suspended enrolment, same window -> active
];
$ueid = [];
foreach ($enrolments as $key => [$status, $start, $end]) {
    $m->query("INSERT INTO mdl_user_enrolments (status, enrolid, userid, timestart, timeend, modifierid, timecreated, timemodified)
        VALUES ($status, 1, {$id[$key]}, $start, $end, 2, 1700000000, 1700000000)");
    $ueid[$key] = $m->insert_id;
}
$old_users = shopsetup_test_rows($m, 'SELECT * FROM mdl_user ORDER BY id');
$max_old = max(array_column($old_users, 'id'));

$buckets = [
    'student' => [
        'ann@example.com' => shopsetup_test_person('Ann', 'Archer', 'ann@example.com'),
        'bob@example.com' => shopsetup_test_person('Bob', 'Baker', 'bob@example.com'),
        'Cid@Example.com' => shopsetup_test_person('Cid', 'Carter', 'Cid@Example.com'),
        'del@example.com' => shopsetup_test_person('Del', 'Dupont', 'del@example.com'),
        'sue@example.com' => shopsetup_test_person('Sue', 'Summer', 'sue@example.com'),
        'dup@example.com' => shopsetup_test_person('Dup', 'Double', 'dup@example.com'),
        'mia@example.com' => shopsetup_test_person('Mia', 'Moore', 'mia@example.com'),
        'nia@example.com' => shopsetup_test_person('Nia', 'Newton', 'nia@example.com'),
        'abe@example.com' => shopsetup_test_person('Abe', 'Bolt', 'abe@example.com'),
    ],
    'teacher' => [
        'tom@example.com' => shopsetup_test_person('Tom', 'Turner', 'tom@example.com'),
    ],
];
$conn = shopsetup_test_site_connect($db);
$r = (new ShopSetup\Plan($buckets, 10, ['student' => 5, 'teacher' => 4], shopsetup_test_facts()))->run($conn);

$name = array_flip($id);
$name[3] = 'operator';
$new = [];
foreach (shopsetup_test_rows($m, "SELECT id, email FROM mdl_user WHERE id > $max_old") as $row) {
    $name[(int) $row['id']] = 'new:' . $row['email'];
    $new[$row['email']] = (int) $row['id'];
}
$show = function (array $map) use ($name): array {
    $out = [];
    foreach ($map as $key => $value) {
        $out[] = "$key=" . ($name[$value] ?? $value);
    }
    sort($out);
    return $out;
};

echo "--- users\n";
echo 'old accounts untouched: ', shopsetup_test_rows($m, "SELECT * FROM mdl_user WHERE id <= $max_old ORDER BY id") === $old_users ? 'yes' : 'NO', "\n";
foreach (shopsetup_test_rows($m, "SELECT username, email, mnethostid, deleted, suspended FROM mdl_user WHERE id > $max_old ORDER BY email") as $u) {
    echo implode('|', $u), "\n";
}
echo 'created: ', implode(' ', $show($r['users']['created'])), "\n";
echo 'matched: ', implode(' ', $show($r['users']['matched'])), "\n";
echo 'suspended: ', json_encode($r['users']['suspended']), "\n";
foreach ($r['users']['ambiguous'] as $a) {
    $ids = $a['ids'];
    sort($ids);
    echo "ambiguous: {$a['email']} ids ", implode(',', array_map(fn($i) => $name[$i], $ids)), ' chosen ', $name[$a['chosen']], "\n";
}
$contexts = array_keys($r['contexts_created']);
$names = array_map(fn($u) => $name[$u], $contexts);
sort($names);
echo 'contexts created for: ', implode(' ', $names), "\n";
$participants = implode(',', $r['users']['matched'] + $r['users']['created']);
$per_user = shopsetup_test_rows($m, "SELECT instanceid, COUNT(*) AS n FROM mdl_context WHERE contextlevel = 30 AND instanceid IN ($participants) GROUP BY instanceid");
echo 'participants with one user context each: ', count(array_filter($per_user, fn($row) => $row['n'] == 1)), "\n";

$sorted_names = function (array $ids) use ($name): string {
    $names = array_map(fn($u) => $name[$u], $ids);
    sort($names);
    return implode(' ', $names);
};
echo "--- enrolments\n";
foreach (shopsetup_test_rows($m, 'SELECT id, userid, status, timestart, timeend, modifierid, timecreated, timemodified FROM mdl_user_enrolments ORDER BY id') as $e) {
    printf("%s status %d %s..%s modifier %d created %d modified %d%s\n", $name[(int) $e['userid']], $e['status'],
        $e['timestart'] ? gmdate('Y-m-d', (int) $e['timestart']) : '0', $e['timeend'] ? gmdate('Y-m-d', (int) $e['timeend']) : 'open',
        $e['modifierid'], $e['timecreated'], $e['timemodified'],
        in_array((int) $e['id'], $ueid, true) ? ' (kept id)' : '');
}
echo 'created: ', $sorted_names(array_keys($r['enrolments']['created'])), "\n";
echo 'updated: ', $sorted_names(array_keys($r['enrolments']['updated'])), "\n";
$updated_ok = true;
foreach ($r['enrolments']['updated'] as $user => $ue) {
    $updated_ok = $updated_ok && $ueid[$name[$user]] === $ue;
}
echo 'updated ids are the existing rows: ', $updated_ok ? 'yes' : 'NO', "\n";
echo 'unchanged: ', $r['enrolments']['unchanged'], "\n";

echo "--- roles, members, products\n";
echo 'Ann\'s student roles in the course: ', shopsetup_test_int($m, "SELECT COUNT(*) FROM mdl_role_assignments WHERE contextid = 6 AND roleid = 5 AND userid = {$id['ann']}"), "\n";
echo 'role assignments added: ', count($r['role_assignments']), ', in the database: ', shopsetup_test_int($m, 'SELECT COUNT(*) FROM mdl_role_assignments'), "\n";
$course_roles = shopsetup_test_rows($m, 'SELECT userid, roleid FROM mdl_role_assignments WHERE contextid = 6 ORDER BY roleid, userid');
echo 'course roles: ', implode(' ', array_map(fn($ra) => $name[(int) $ra['userid']] . ':' . $ra['roleid'], $course_roles)), "\n";
echo 'nothing for the other accounts: ', shopsetup_test_int($m, 'SELECT (SELECT COUNT(*) FROM mdl_user_enrolments WHERE userid IN (' .
    implode(',', [$id['del'], $id['dup_s'], $id['dup_b'], $id['mia']]) . ')) + (SELECT COUNT(*) FROM mdl_role_assignments WHERE userid IN (' .
    implode(',', [$id['del'], $id['dup_s'], $id['dup_b'], $id['mia']]) . '))'), "\n";
echo 'group members: ', count($r['group_members']), ', products: ', count($r['products']), ', events: ', shopsetup_test_int($m, 'SELECT COUNT(*) FROM mdl_local_shop_productevent'), "\n";
echo shopsetup_test_counts($m), "\n";

// A second order for the same course later: the windows only ever grow.
$before = shopsetup_test_snapshot($m);
$narrow = shopsetup_test_facts(['billitemid' => 12, 'groupidnumber' => 'shop-12', 'groupname' => 'ORDER-12',
    'timestart' => 1772323200, 'timeend' => 1775001600, 'now' => 1772323200]);   // 2026-03-01 .. 2026-04-01
$r2 = (new ShopSetup\Plan(['student' => ['ann@example.com' => shopsetup_test_person('Ann', 'Archer', 'ann@example.com')]],
    1, ['student' => 5], $narrow))->run($conn);
echo "--- narrower later order\n";
echo 'enrolments: ', count($r2['enrolments']['created']), ' created, ', count($r2['enrolments']['updated']), ' updated, ',
    $r2['enrolments']['unchanged'], " unchanged\n";
foreach (shopsetup_test_rows($m, "SELECT userid, timestart, timeend FROM mdl_user_enrolments WHERE userid IN ({$id['ann']}, 3)") as $e) {
    echo $name[(int) $e['userid']], ' ', gmdate('Y-m-d', (int) $e['timestart']), '..', gmdate('Y-m-d', (int) $e['timeend']), "\n";
}
echo 'changed: ', shopsetup_test_compare($before, shopsetup_test_snapshot($m)), "\n";

$conn->close();
shopsetup_test_site_drop('existing_accounts');
