<?php
require __DIR__ . '/fixtures/db_checks.inc';

$db = shopsetup_test_site('cross_role');
$m = $db['mysqli'];
$m->query("INSERT INTO mdl_user (auth, confirmed, mnethostid, username, password, firstname, lastname, email, timecreated)
    VALUES ('manual', 1, 1, 'boss.old', 'hash', 'Bo', 'Boss', 'boss@example.com', 1700000000)");
$boss = $m->insert_id;
$buckets = ['student' => [
    'ann@example.com' => shopsetup_test_person('Ann', 'Archer', 'ann@example.com'),
    'boss@example.com' => shopsetup_test_person('Bo', 'Boss', 'boss@example.com'),
], 'teacher' => ['tom@example.com' => shopsetup_test_person('Tom', 'Turner', 'tom@example.com')]];
$run = function (array $facts) use ($db, $buckets, $boss): array {
    $plan = new ShopSetup\Plan($buckets, 3, ['student' => 5, 'teacher' => 4], shopsetup_test_facts($facts + ['privilegeduserids' => [$boss]]));
    return $plan->run(shopsetup_test_site_connect($db));
};
$userroles = fn() => implode("\n", array_filter(shopsetup_test_role_lines($m), fn($line) => !str_starts_with($line, 'course ')));

echo "--- an order set up before the cross role: the supervisor role (4) in the user contexts\n";
$run([]);
echo $userroles(), "\n";
echo "--- re-run with the delegation block's owner role (10): added once, the operator's course role unchanged\n";
$r = $run(['crossroleid' => 10]);
echo $userroles(), "\n";
echo 'roles added: ', count($r['role_assignments']), ', operator in the course: ',
    shopsetup_test_int($m, 'SELECT roleid FROM mdl_role_assignments WHERE contextid = 6 AND userid = 3'), "\n";
echo "--- the same again: nothing\n";
$r = $run(['crossroleid' => 10]);
echo 'roles added: ', count($r['role_assignments']), ', cross roles in all: ',
    shopsetup_test_int($m, 'SELECT COUNT(*) FROM mdl_role_assignments WHERE roleid = 10'), "\n";
shopsetup_test_site_drop('cross_role');
