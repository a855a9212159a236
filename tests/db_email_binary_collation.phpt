--TEST--
MysqlConnection::run(): a case-sensitive user.email column (utf8mb4_bin) still matches addresses case-insensitively
--EXTENSIONS--
mysqli
shopsetup
--SKIPIF--
<?php require __DIR__ . '/fixtures/db.inc'; shopsetup_test_db_skip(); ?>
--FILE--
<?php
require __DIR__ . '/fixtures/db_checks.inc';
$db = shopsetup_test_db('email_bin');
$m = $db['mysqli'];
$m->query("ALTER TABLE mdl_user MODIFY email VARCHAR(100) COLLATE utf8mb4_bin NOT NULL DEFAULT ''");
echo 'email compares: ', shopsetup_test_int($m, "SELECT 'A' = 'a' COLLATE utf8mb4_bin") ? 'case-insensitively' : 'case-sensitively', "\n";
$m->query("INSERT INTO mdl_user (auth, confirmed, mnethostid, username, firstname, lastname, email) VALUES
    ('manual', 1, 1, 'ann.archer', 'Ann', 'Archer', 'Ann@Example.COM'),
    ('manual', 1, 1, 'bob.baker', 'Bob', 'Baker', 'bob@example.com'),
    ('manual', 1, 1, 'bob.baker2', 'Bob', 'Baker', 'BOB@EXAMPLE.COM')");
$ids = array_column(shopsetup_test_rows($m, 'SELECT username, id FROM mdl_user'), 'id', 'username');

$buckets = ['student' => [
    'ANN@example.com' => shopsetup_test_person('Ann', 'Archer', 'ANN@example.com'),
    'Bob@Example.com' => shopsetup_test_person('Bob', 'Baker', 'Bob@Example.com'),
    'cid@example.com' => shopsetup_test_person('Cid', 'Carter', 'cid@example.com'),
]];
$conn = new ShopSetup\MysqlConnection($db['options']);
$r = (new ShopSetup\Plan($buckets, 3, ['student' => 5], shopsetup_test_facts()))->run($conn);
echo 'matched: ', json_encode($r['users']['matched'] === ['ann@example.com' => (int) $ids['ann.archer'], 'bob@example.com' => (int) $ids['bob.baker']]), "\n";
echo 'created: ', implode(' ', array_keys($r['users']['created'])), "\n";
foreach ($r['users']['ambiguous'] as $a) {
    sort($a['ids']);
    echo "ambiguous: {$a['email']} ", json_encode($a['ids'] === [(int) $ids['bob.baker'], (int) $ids['bob.baker2']]), ' chosen ',
        array_search($a['chosen'], $ids), "\n";
}
echo 'accounts: ', shopsetup_test_int($m, 'SELECT COUNT(*) FROM mdl_user'), "\n";
$conn->close();
shopsetup_test_db_drop('email_bin');
?>
--CLEAN--
<?php
require __DIR__ . '/fixtures/db.inc';
shopsetup_test_db_drop('email_bin');
?>
--EXPECT--
email compares: case-sensitively
matched: true
created: cid@example.com
ambiguous: bob@example.com true chosen bob.baker
accounts: 7
