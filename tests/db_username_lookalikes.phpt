--TEST--
MysqlConnection::run(): 100 usernames the collation holds equal to fay.fox, fay.fox1 ... fay.fox99 (full-width f) cost a few statements, not one round each
--EXTENSIONS--
mysqli
shopsetup
--SKIPIF--
<?php require __DIR__ . '/fixtures/db.inc'; shopsetup_test_db_skip(); ?>
--FILE--
<?php
require __DIR__ . '/fixtures/db_checks.inc';
$buckets = ['student' => [
    'fay@example.com' => shopsetup_test_person('Fay', 'Fox', 'fay@example.com'),
    'fay.two@example.com' => shopsetup_test_person('Fay', 'Fox', 'fay.two@example.com'),
    'gil@example.com' => shopsetup_test_person('Gil', 'Gray', 'gil@example.com'),
]];
$statements = [];
foreach ([0, 100] as $lookalikes) {
    $db = shopsetup_test_db('username_lookalikes');
    $m = $db['mysqli'];
    for ($i = 0; $i < $lookalikes; $i++) {
        $m->query(sprintf("INSERT INTO mdl_user (auth, confirmed, mnethostid, username, firstname, lastname, email)
            VALUES ('manual', 1, 1, '%s', 'X', 'Y', 'other%d@example.org')", $m->real_escape_string("\u{FF46}ay.fox" . ($i ?: '')), $i));
    }
    $conn = new ShopSetup\MysqlConnection($db['options']);
    $r = (new ShopSetup\Plan($buckets, 3, ['student' => 5], shopsetup_test_facts()))->run($conn);
    $statements[$lookalikes] = $r['statements'];
    echo "$lookalikes look-alikes: ", implode(' ', array_column(shopsetup_test_rows($m,
        "SELECT username FROM mdl_user WHERE email IN ('fay@example.com', 'fay.two@example.com', 'gil@example.com') ORDER BY id"), 'username')), "\n";
    $conn->close();
    shopsetup_test_db_drop('username_lookalikes');
}
$extra = $statements[100] - $statements[0];
echo 'statements more than without look-alikes: ', $extra <= 10 ? 'at most 10' : $extra, "\n";
?>
--CLEAN--
<?php
require __DIR__ . '/fixtures/db.inc';
shopsetup_test_db_drop('username_lookalikes');
?>
--EXPECT--
0 look-alikes: fay.fox fay.fox1 gil.gray
100 look-alikes: fay.fox100 fay.fox101 gil.gray
statements more than without look-alikes: at most 10
