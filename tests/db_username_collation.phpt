--TEST--
MysqlConnection::run(): usernames the column's collation holds equal to a generated one (full-width, circled, trailing space, zero-width space) are taken
--EXTENSIONS--
mysqli
shopsetup
--SKIPIF--
<?php require __DIR__ . '/fixtures/db.inc'; shopsetup_test_db_skip(); ?>
--FILE--
<?php
require __DIR__ . '/fixtures/db_checks.inc';
$db = shopsetup_test_db('username_collation');
$m = $db['mysqli'];
echo 'username column: ', shopsetup_test_rows($m, "SELECT COLLATION_NAME c FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE()
    AND TABLE_NAME = 'mdl_user' AND COLUMN_NAME = 'username'")[0]['c'], "\n";
// Imported or extended-character usernames, each equal to a name this order would generate.
$lookalikes = [
    "\u{FF41}nn.archer",            // full-width a
    "\u{24D1}ob.baker",             // circled b
    'cid.carter ',                  // trailing space
    "dan.dale\u{200B}",             // zero-width space
    "\u{FF45}ve.early", "\u{FF45}ve.early1", "eve.early\u{200B}2",   // stacked: every early suffix taken
];
foreach ($lookalikes as $i => $username) {
    $m->query(sprintf("INSERT INTO mdl_user (auth, confirmed, mnethostid, username, firstname, lastname, email) VALUES ('manual', 1, 1, '%s', 'X', 'Y', 'other%d@example.org')",
        $m->real_escape_string($username), $i));
}
$buckets = ['student' => [
    'ann@example.com' => shopsetup_test_person('Ann', 'Archer', 'ann@example.com'),
    'bob@example.com' => shopsetup_test_person('Bob', 'Baker', 'bob@example.com'),
    'cid@example.com' => shopsetup_test_person('Cid', 'Carter', 'cid@example.com'),
    'dan@example.com' => shopsetup_test_person('Dan', 'Dale', 'dan@example.com'),
    'eve@example.com' => shopsetup_test_person('Eve', 'Early', 'eve@example.com'),
]];
$conn = new ShopSetup\MysqlConnection($db['options']);
foreach (['first run', 'a re-run'] as $what) {
    try {
        $r = (new ShopSetup\Plan($buckets, 5, ['student' => 5], shopsetup_test_facts()))->run($conn);
        printf("%s: %d created, %d matched\n", $what, count($r['users']['created']), count($r['users']['matched']));
    } catch (ShopSetup\DatabaseException $e) {
        echo "$what: ", $e->getMessage(), "\n";
    }
}
foreach (shopsetup_test_rows($m, "SELECT username FROM mdl_user WHERE email REGEXP '^(ann|bob|cid|dan|eve)@example[.]com$' ORDER BY email") as $row) {
    echo $row['username'], "\n";
}
$conn->close();
shopsetup_test_db_drop('username_collation');
?>
--CLEAN--
<?php
require __DIR__ . '/fixtures/db.inc';
shopsetup_test_db_drop('username_collation');
?>
--EXPECT--
username column: utf8mb4_unicode_ci
first run: 5 created, 0 matched
a re-run: 0 created, 5 matched
ann.archer1
bob.baker1
cid.carter1
dan.dale1
eve.early3
