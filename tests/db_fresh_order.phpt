--TEST--
MysqlConnection::run(): a fresh order writes exactly the expected rows and reports them
--EXTENSIONS--
mysqli
shopsetup
--SKIPIF--
<?php require __DIR__ . '/fixtures/db.inc'; shopsetup_test_db_skip(); ?>
--FILE--
<?php
require __DIR__ . '/fixtures/db_checks.inc';
$db = shopsetup_test_db('fresh_order');
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
$conn = new ShopSetup\MysqlConnection($db['options']);
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
shopsetup_test_db_drop('fresh_order');
?>
--CLEAN--
<?php
require __DIR__ . '/fixtures/db.inc';
shopsetup_test_db_drop('fresh_order');
?>
--EXPECT--
--- users
ann.archer|Ann|Archer|ann@example.com|to be generated|manual|1|1|0|0|Paris|FR|fr|ACME|0102030405|1767229200|1767229200
bob.baker|Bob|Baker|bob@example.com|to be generated|manual|1|1|0|0|Lyon|FR|fr|||1767229200|1767229200
cid.carter|Cid|Carter|cid@example.com|to be generated|manual|1|1|0|0|Nantes|FR|fr|||1767229200|1767229200
tom.turner|Tom|Turner|tom@example.com|to be generated|manual|1|1|0|0|Lille|FR|fr|Uni||1767229200|1767229200
--- user contexts
ann@example.com level 30 depth 2 path /1/<id> locked 0
bob@example.com level 30 depth 2 path /1/<id> locked 0
cid@example.com level 30 depth 2 path /1/<id> locked 0
tom@example.com level 30 depth 2 path /1/<id> locked 0
contexts of other levels for them: 0
--- preferences
ann@example.com auth_forcepasswordchange=1
ann@example.com create_password=1
bob@example.com auth_forcepasswordchange=1
bob@example.com create_password=1
cid@example.com auth_forcepasswordchange=1
cid@example.com create_password=1
tom@example.com auth_forcepasswordchange=1
tom@example.com create_password=1
--- group
1 group(s)
course 2 idnumber shop-11 name ORDER-11 SPOC-M1 description Order 11 format 1 created 1767229200 modified 1767229200
--- enrolments
ann@example.com enrol 1 status 0 1767225600-1798761600 modifier 3 created 1767229200 modified 1767229200
bob@example.com enrol 1 status 0 1767225600-1798761600 modifier 3 created 1767229200 modified 1767229200
cid@example.com enrol 1 status 0 1767225600-1798761600 modifier 3 created 1767229200 modified 1767229200
tom@example.com enrol 1 status 0 1767225600-1798761600 modifier 3 created 1767229200 modified 1767229200
operator enrol 1 status 0 1767225600-1798761600 modifier 3 created 1767229200 modified 1767229200
--- role assignments
course role 4 operator
course role 4 tom@example.com
course role 5 ann@example.com
course role 5 bob@example.com
course role 5 cid@example.com
operator role 9 ann@example.com
operator role 9 bob@example.com
operator role 9 cid@example.com
operator role 9 tom@example.com
user:ann@example.com role 4 operator
user:bob@example.com role 4 operator
user:cid@example.com role 4 operator
user:tom@example.com role 4 operator
[{"timemodified":"1767229200","modifierid":"3","component":"","itemid":"0","sortorder":"0"}]
--- group members
ann@example.com added 1767229200 '' 0
bob@example.com added 1767229200 '' 0
cid@example.com added 1767229200 '' 0
operator added 1767229200 '' 0
tom@example.com added 1767229200 '' 0
--- products
ann@example.com catalog 7 bill 11/11 customer 5 userenrol 1767225600-1798761600 deleted 0 test 0 ref ok extra '' data courseid=2&handler=std_setuponecoursesession&coursename=SPOC%20appropriation%20Moodle&userid=<uid>&starttime=1767225600&endtime=1798761600&roleid=5&bucket=student&created=1
bob@example.com catalog 7 bill 11/11 customer 5 userenrol 1767225600-1798761600 deleted 0 test 0 ref ok extra '' data courseid=2&handler=std_setuponecoursesession&coursename=SPOC%20appropriation%20Moodle&userid=<uid>&starttime=1767225600&endtime=1798761600&roleid=5&bucket=student&created=1
cid@example.com catalog 7 bill 11/11 customer 5 userenrol 1767225600-1798761600 deleted 0 test 0 ref ok extra '' data courseid=2&handler=std_setuponecoursesession&coursename=SPOC%20appropriation%20Moodle&userid=<uid>&starttime=1767225600&endtime=1798761600&roleid=5&bucket=student&created=1
tom@example.com catalog 7 bill 11/11 customer 5 userenrol 1767225600-1798761600 deleted 0 test 0 ref ok extra '' data courseid=2&handler=std_setuponecoursesession&coursename=SPOC%20appropriation%20Moodle&userid=<uid>&starttime=1767225600&endtime=1798761600&roleid=4&bucket=teacher&created=1
distinct references: 4
--- product events
product bill 11 billed '' 1767229200
product bill 11 billed '' 1767229200
product bill 11 billed '' 1767229200
product bill 11 billed '' 1767229200
events per product: one each
--- report
bool(true)
array(0) {
}
array(0) {
}
array(0) {
}
contexts_created: match the database
group: matches the database
enrolments created: match the database
array(0) {
}
int(0)
role_assignments: 13, the ids of the rows of the database
group_members: 5, match the database
products: 4, match the database
bool(true)
user=7 user_preferences=8 context=12 groups=1 user_enrolments=5 role_assignments=13 groups_members=5 local_shop_product=4 local_shop_productevent=4 cache_flags=5 shophandlers_setup_outbox=0 task_adhoc=0
