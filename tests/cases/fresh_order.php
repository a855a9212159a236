<?php
require __DIR__ . '/fixtures/db_checks.inc';
$db = shopsetup_test_site('fresh_order');
$m = $db['mysqli'];

$buckets = [
    'student' => [
        'ann@example.com' => shopsetup_test_person('Ann', 'Archer', 'ann@example.com', 'Paris', 'ACME', '0102030405'),
        // the email is matched and stored normalised: trimmed, lower case
        ' Bob@Example.COM ' => (object) shopsetup_test_person('Bob', 'Baker', ' Bob@Example.COM ', 'Lyon'),
        'cid@example.com' => shopsetup_test_person('Cid', 'Carter', 'cid@example.com', 'Nantes'),
    ],
    'teacher' => [
        'tom@example.com' => shopsetup_test_person('Tom', 'Turner', 'tom@example.com', 'Lille', 'Uni'),
    ],
];
$conn = shopsetup_test_site_connect($db);
$r = (new ShopSetup\Plan($buckets, 4, ['student' => 5, 'teacher' => 4], shopsetup_test_facts()))->run($conn);

echo "--- users\n";
$ids = [];
foreach (shopsetup_test_rows($m, 'SELECT * FROM mdl_user WHERE id > 3 ORDER BY email') as $u) {
    $ids[$u['email']] = (int) $u['id'];
    printf("%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s\n", $u['username'], $u['firstname'], $u['lastname'],
        $u['email'], $u['password'], $u['auth'], $u['mnethostid'], $u['confirmed'], $u['deleted'], $u['suspended'],
        $u['city'], $u['country'], $u['lang'], $u['institution'], $u['phone2'], $u['timecreated'], $u['timemodified']);
}
$uids = implode(',', $ids);

echo "--- user contexts\n";
$contexts = [];
foreach (shopsetup_test_rows($m, "SELECT * FROM mdl_context WHERE instanceid IN ($uids) AND contextlevel = 30") as $c) {
    $email = array_search((int) $c['instanceid'], $ids, true);
    $contexts[$email] = (int) $c['id'];
    printf("%s level %d depth %d path %s locked %d\n", $email, $c['contextlevel'], $c['depth'],
        $c['path'] === '/1/' . $c['id'] ? '/1/<id>' : $c['path'], $c['locked']);
}
ksort($contexts);
echo "contexts of other levels for them: ", shopsetup_test_int($m, "SELECT COUNT(*) FROM mdl_context WHERE instanceid IN ($uids) AND contextlevel <> 30 AND id > 8"), "\n";

echo "--- preferences\n";
foreach (shopsetup_test_rows($m, 'SELECT userid, name, value FROM mdl_user_preferences ORDER BY userid, name') as $p) {
    printf("%s %s=%s\n", array_search((int) $p['userid'], $ids, true), $p['name'], $p['value']);
}

echo "--- group\n";
$groups = shopsetup_test_rows($m, "SELECT * FROM mdl_groups WHERE idnumber = 'shop-11'");
echo count($groups), " group(s)\n";
$g = $groups[0];
printf("course %d idnumber %s name %s description %s format %d created %d modified %d\n", $g['courseid'], $g['idnumber'],
    $g['name'], $g['description'], $g['descriptionformat'], $g['timecreated'], $g['timemodified']);

$labels = shopsetup_test_labels($m);
echo "--- enrolments\n";
$ueids = [];
foreach (shopsetup_test_rows($m, 'SELECT * FROM mdl_user_enrolments ORDER BY id') as $e) {
    $ueids[(int) $e['userid']] = (int) $e['id'];
    printf("%s enrol %d status %d %d-%d modifier %d created %d modified %d\n", $labels['users'][(int) $e['userid']],
        $e['enrolid'], $e['status'], $e['timestart'], $e['timeend'], $e['modifierid'], $e['timecreated'], $e['timemodified']);
}

echo "--- role assignments\n";
echo implode("\n", shopsetup_test_role_lines($m)), "\n";
$ra = shopsetup_test_rows($m, 'SELECT DISTINCT timemodified, modifierid, component, itemid, sortorder FROM mdl_role_assignments');
echo json_encode($ra), "\n";

echo "--- group members\n";
$members = [];
foreach (shopsetup_test_rows($m, 'SELECT * FROM mdl_groups_members') as $gm) {
    $members[] = $labels['users'][(int) $gm['userid']] . ($gm['groupid'] == $g['id'] ? '' : ' WRONG GROUP')
        . " added {$gm['timeadded']} '{$gm['component']}' {$gm['itemid']}";
}
sort($members);
echo implode("\n", $members), "\n";

echo "--- products\n";
$products = shopsetup_test_rows($m, 'SELECT * FROM mdl_local_shop_product ORDER BY id');
$lines = [];
$references = [];
foreach ($products as $p) {
    $user = $labels['users'][array_search((int) $p['instanceid'], $ueids, true)];
    $references[] = $p['reference'];
    $lines[] = sprintf("%s catalog %d bill %d/%d customer %d %s %d-%d deleted %d test %d ref %s extra '%s' data %s", $user,
        $p['catalogitemid'], $p['initialbillitemid'], $p['currentbillitemid'], $p['customerid'], $p['contexttype'],
        $p['startdate'], $p['enddate'], $p['deleted'], $p['test'],
        preg_match('/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/', $p['reference']) ? 'ok' : $p['reference'],
        $p['extradata'], str_replace('userid=' . array_search((int) $p['instanceid'], $ueids, true) . '&', 'userid=<uid>&', $p['productiondata']));
}
sort($lines);
echo implode("\n", $lines), "\n";
echo "distinct references: ", count(array_unique($references)), "\n";
echo "--- product events\n";
foreach (shopsetup_test_rows($m, 'SELECT e.*, p.reference FROM mdl_local_shop_productevent e LEFT JOIN mdl_local_shop_product p ON p.id = e.productid ORDER BY e.id') as $e) {
    printf("%s bill %d %s '%s' %d\n", $e['reference'] === null ? 'NO PRODUCT' : 'product', $e['billitemid'], $e['eventtype'], $e['eventdata'], $e['datecreated']);
}
echo "events per product: ", json_encode(array_count_values(array_column(shopsetup_test_rows($m, 'SELECT productid FROM mdl_local_shop_productevent'), 'productid'))) === json_encode(array_fill_keys(array_column($products, 'id'), 1)) ? 'one each' : 'WRONG', "\n";

echo "--- report\n";
ksort($r['users']['created']);
var_dump($r['users']['created'] === $ids);
var_dump($r['users']['matched'], $r['users']['suspended'], $r['users']['ambiguous']);
ksort($r['contexts_created']);
$expected = [];
foreach ($contexts as $email => $ctx) {
    $expected[$ids[$email]] = $ctx;
}
ksort($expected);
echo 'contexts_created: ', $r['contexts_created'] === $expected ? 'match the database' : json_encode($r['contexts_created']), "\n";
echo 'group: ', $r['group'] === ['id' => (int) $g['id'], 'created' => true] ? 'matches the database' : json_encode($r['group']), "\n";
ksort($r['enrolments']['created']);
ksort($ueids);
echo 'enrolments created: ', $r['enrolments']['created'] === $ueids ? 'match the database' : json_encode($r['enrolments']['created']), "\n";
var_dump($r['enrolments']['updated'], $r['enrolments']['unchanged']);
$db_ra = array_map('intval', array_column(shopsetup_test_rows($m, 'SELECT id FROM mdl_role_assignments ORDER BY id'), 'id'));
$report_ra = $r['role_assignments'];
sort($report_ra);
echo 'role_assignments: ', count($report_ra), ', ', $report_ra === $db_ra ? 'the ids of the rows of the database' : json_encode($report_ra), "\n";
$report_members = $r['group_members'];
sort($report_members);
$db_members = array_map('intval', array_column(shopsetup_test_rows($m, 'SELECT userid FROM mdl_groups_members ORDER BY userid'), 'userid'));
echo 'group_members: ', count($report_members), ', ', $report_members === $db_members ? 'match the database' : json_encode($report_members), "\n";
$report_products = $r['products'];
sort($report_products);
echo 'products: ', count($report_products), ', ', $report_products === array_map('intval', array_column($products, 'id')) ? 'match the database' : json_encode($report_products), "\n";
var_dump($r['statements'] > 0);
echo shopsetup_test_counts($m), "\n";

$conn->close();
shopsetup_test_site_drop('fresh_order');
