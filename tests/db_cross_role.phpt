--TEST--
MysqlConnection::run(): the operator's role in the participants' user contexts is crossroleid (the delegation block's owner role), the supervisor role without it; a re-run of an older order adds the cross role once, never over a privileged account
--EXTENSIONS--
mysqli
shopsetup
--SKIPIF--
<?php require __DIR__ . '/fixtures/db.inc'; shopsetup_test_db_skip(); ?>
--FILE--
<?php
require __DIR__ . '/fixtures/db_checks.inc';

$db = shopsetup_test_db('cross_role');
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
    return $plan->run(new ShopSetup\MysqlConnection($db['options']));
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
shopsetup_test_db_drop('cross_role');
?>
--EXPECT--
--- an order set up before the cross role: the supervisor role (4) in the user contexts
operator role 9 ann@example.com
operator role 9 tom@example.com
user:ann@example.com role 4 operator
user:tom@example.com role 4 operator
--- re-run with the delegation block's owner role (10): added once, the operator's course role unchanged
operator role 9 ann@example.com
operator role 9 tom@example.com
user:ann@example.com role 10 operator
user:ann@example.com role 4 operator
user:tom@example.com role 10 operator
user:tom@example.com role 4 operator
roles added: 2, operator in the course: 4
--- the same again: nothing
roles added: 0, cross roles in all: 2
