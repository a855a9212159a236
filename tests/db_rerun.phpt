--TEST--
MysqlConnection::run(): running the same order again (a new Plan) changes nothing and says so
--EXTENSIONS--
mysqli
shopsetup
--SKIPIF--
<?php require __DIR__ . '/fixtures/db.inc'; shopsetup_test_db_skip(); ?>
--FILE--
<?php
require __DIR__ . '/fixtures/db_checks.inc';
$db = shopsetup_test_db('rerun');
$m = $db['mysqli'];

$buckets = [
    'student' => [
        'ann@example.com' => shopsetup_test_person('Ann', 'Archer', 'ann@example.com'),
        'bob@example.com' => shopsetup_test_person('Bob', 'Baker', 'Bob@Example.com'),
        'cid@example.com' => shopsetup_test_person('Cid', 'Carter', 'cid@example.com'),
    ],
    'teacher' => [
        'tom@example.com' => shopsetup_test_person('Tom', 'Turner', 'tom@example.com'),
        'ann@example.com' => shopsetup_test_person('Ann', 'Archer', 'ann@example.com'),
    ],
];
$roles = ['student' => 5, 'teacher' => 4];
$conn = new ShopSetup\MysqlConnection($db['options']);
$first = (new ShopSetup\Plan($buckets, 5, $roles, shopsetup_test_facts()))->run($conn);
printf("first run: %d created, %d enrolments, %d roles, %d members, %d products\n", count($first['users']['created']),
    count($first['enrolments']['created']), count($first['role_assignments']), count($first['group_members']), count($first['products']));
echo shopsetup_test_counts($m), "\n";
$before = shopsetup_test_snapshot($m);

// Same input, same connection.
$again = (new ShopSetup\Plan($buckets, 5, $roles, shopsetup_test_facts()))->run($conn);
echo "after the second run: ", shopsetup_test_compare($before, shopsetup_test_snapshot($m)), "\n";
$matched = $again['users']['matched'];
ksort($matched);
$created = $first['users']['created'];
ksort($created);
echo 'matched the accounts of the first run: ', $matched === $created ? 'yes' : json_encode($matched), "\n";
unset($again['users']['matched'], $again['statements']);
$again['group']['id'] = $again['group']['id'] === $first['group']['id'] ? 'same' : $again['group']['id'];
var_dump($again);

// A later run, on a new connection, at a later "now": still nothing to do.
$conn2 = new ShopSetup\MysqlConnection($db['options']);
$third = (new ShopSetup\Plan($buckets, 5, $roles, shopsetup_test_facts(['now' => 1767315600])))->run($conn2);
echo "after the third run: ", shopsetup_test_compare($before, shopsetup_test_snapshot($m)), "\n";
printf("third run: %d created, %d matched, group created %s, enrolments %d/%d/%d, %d roles, %d members, %d products\n",
    count($third['users']['created']), count($third['users']['matched']), var_export($third['group']['created'], true),
    count($third['enrolments']['created']), count($third['enrolments']['updated']), $third['enrolments']['unchanged'],
    count($third['role_assignments']), count($third['group_members']), count($third['products']));

$conn->close();
$conn2->close();
shopsetup_test_db_drop('rerun');
?>
--CLEAN--
<?php
require __DIR__ . '/fixtures/db.inc';
shopsetup_test_db_drop('rerun');
?>
--EXPECT--
first run: 4 created, 5 enrolments, 14 roles, 5 members, 5 products
user=7 user_preferences=8 context=12 groups=1 user_enrolments=5 role_assignments=14 groups_members=5 local_shop_product=5 local_shop_productevent=5 cache_flags=5 shophandlers_setup_outbox=0 task_adhoc=0
after the second run: same
matched the accounts of the first run: yes
array(11) {
  ["users"]=>
  array(4) {
    ["created"]=>
    array(0) {
    }
    ["unsupervised"]=>
    array(0) {
    }
    ["suspended"]=>
    array(0) {
    }
    ["ambiguous"]=>
    array(0) {
    }
  }
  ["contexts_created"]=>
  array(0) {
  }
  ["group"]=>
  array(2) {
    ["id"]=>
    string(4) "same"
    ["created"]=>
    bool(false)
  }
  ["enrolments"]=>
  array(3) {
    ["created"]=>
    array(0) {
    }
    ["updated"]=>
    array(0) {
    }
    ["unchanged"]=>
    int(5)
  }
  ["role_assignments"]=>
  array(0) {
  }
  ["group_members"]=>
  array(0) {
  }
  ["products"]=>
  array(0) {
  }
  ["dirty_users"]=>
  array(0) {
  }
  ["effects"]=>
  int(0)
  ["tables"]=>
  array(0) {
  }
  ["cluster"]=>
  NULL
}
after the third run: same
third run: 0 created, 4 matched, group created false, enrolments 0/0/5, 0 roles, 0 members, 0 products
