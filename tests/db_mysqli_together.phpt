--TEST--
PHP's mysqli (mysqlnd) and shopsetup (libmariadb/libmysqlclient) in one process, on one database, in one request
--EXTENSIONS--
mysqli
shopsetup
--SKIPIF--
<?php require __DIR__ . '/fixtures/db.inc'; shopsetup_test_db_skip(); ?>
--FILE--
<?php
require __DIR__ . '/fixtures/db_checks.inc';
$db = shopsetup_test_db('mysqli_together');
$m = $db['mysqli'];

echo 'mysqli client: ', str_contains(mysqli_get_client_info(), 'mysqlnd') ? 'mysqlnd' : mysqli_get_client_info(), "\n";
$conn = new ShopSetup\MysqlConnection($db['options']);
echo 'same server: ', $conn->serverInfo() === $m->server_info ? 'yes' : $conn->serverInfo() . ' / ' . $m->server_info, "\n";
echo 'two sessions: ', $conn->connectionId() !== $m->thread_id ? 'yes' : 'no', "\n";

// mysqli writes, shopsetup reads it (committed: autocommit), writes, mysqli reads that back.
$m->query("INSERT INTO mdl_user (auth, confirmed, mnethostid, username, firstname, lastname, email)
    VALUES ('manual', 1, 1, 'ann.archer', 'Ann', 'Archer', 'ann@example.com')");
$ann = $m->insert_id;
$buckets = ['student' => [
    'ann@example.com' => shopsetup_test_person('Ann', 'Archer', 'ann@example.com'),
    'bob@example.com' => shopsetup_test_person('Bob', 'Baker', 'bob@example.com'),
]];
$r = (new ShopSetup\Plan($buckets, 2, ['student' => 5], shopsetup_test_facts()))->run($conn);
echo 'shopsetup found the mysqli row: ', ($r['users']['matched']['ann@example.com'] ?? null) === $ann ? 'yes' : 'no', "\n";
$bob = $r['users']['created']['bob@example.com'];
$row = $m->query("SELECT username, email FROM mdl_user WHERE id = $bob")->fetch_assoc();
echo 'mysqli reads the new account: ', json_encode($row), "\n";
$stmt = $m->prepare('SELECT COUNT(*) FROM mdl_user_enrolments WHERE userid IN (?, ?)');
$stmt->bind_param('ii', $ann, $bob);
$stmt->execute();
echo 'enrolments seen through a prepared statement: ', $stmt->get_result()->fetch_row()[0], "\n";
$stmt->close();

// Interleaved: a mysqli transaction left open holds nothing the setup needs; the setup commits,
// mysqli rolls its own work back, both stay usable.
$m->begin_transaction();
$m->query("INSERT INTO mdl_course (category, fullname, shortname) VALUES (1, 'Scratch', 'SCRATCH')");
$r = (new ShopSetup\Plan(['student' => ['cid@example.com' => shopsetup_test_person('Cid', 'Carter', 'cid@example.com')]],
    1, ['student' => 5], shopsetup_test_facts(['billitemid' => 12, 'groupidnumber' => 'shop-12'])))->run($conn);
$m->rollback();
echo 'second setup: ', count($r['users']['created']), ' created; scratch course: ',
    shopsetup_test_int($m, "SELECT COUNT(*) FROM mdl_course WHERE shortname = 'SCRATCH'"), "\n";
echo shopsetup_test_counts($m), "\n";

// Closing one does not disturb the other.
$conn->close();
echo 'mysqli after shopsetup closed: ', shopsetup_test_int($m, 'SELECT COUNT(*) FROM mdl_user'), "\n";
$conn = new ShopSetup\MysqlConnection($db['options']);
$m->close();
echo 'shopsetup after mysqli closed: ', $conn->serverInfo() !== '' ? 'ok' : 'no', "\n";
$conn->close();
shopsetup_test_db_drop('mysqli_together');
?>
--CLEAN--
<?php
require __DIR__ . '/fixtures/db.inc';
shopsetup_test_db_drop('mysqli_together');
?>
--EXPECT--
mysqli client: mysqlnd
same server: yes
two sessions: yes
shopsetup found the mysqli row: yes
mysqli reads the new account: {"username":"bob.baker","email":"bob@example.com"}
enrolments seen through a prepared statement: 2
second setup: 1 created; scratch course: 0
user=6 user_preferences=4 context=11 groups=2 user_enrolments=4 role_assignments=10 groups_members=5 local_shop_product=3 local_shop_productevent=3 cache_flags=4 shophandlers_setup_outbox=0 task_adhoc=0
mysqli after shopsetup closed: 6
shopsetup after mysqli closed: ok
