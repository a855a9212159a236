--TEST--
PgsqlConnection::run(): emails matched by LOWER(email); usernames held equal byte for byte (one that differs only in case is another username there), while new names still avoid one that differs only in case (Moodle lower-cases a login)
--EXTENSIONS--
pgsql
shopsetup
--SKIPIF--
<?php require __DIR__ . '/fixtures/pg.inc'; shopsetup_test_pg_skip(); ?>
--FILE--
<?php
require __DIR__ . '/fixtures/db_checks.inc';
require __DIR__ . '/fixtures/pg.inc';
$db = shopsetup_test_pg('pg_matching');
$pg = $db['pg'];
// Existing accounts: an email stored in capitals, a username in capitals (an import), a username
// with a LIKE wildcard, and an email that only a case-insensitive prefix would confuse.
shopsetup_test_pg_query($pg, "INSERT INTO mdl_user (auth, confirmed, mnethostid, username, firstname, lastname, email) VALUES
    ('manual', 1, 1, 'ann.existing', 'Ann', 'Existing', 'ANN.Archer@Example.COM'),
    ('manual', 1, 1, 'BOB.BAKER', 'Bob', 'Imported', 'bob.imported@example.org'),
    ('manual', 1, 1, 'cid_carter', 'Cid', 'Other', 'cid.other@example.org'),
    ('manual', 1, 1, 'dan.dale', 'Dan', 'Taken', 'dan.dale@example.org')");
$buckets = ['student' => [
    'ann.archer@example.com' => shopsetup_test_person('Ann', 'Archer', 'ann.archer@example.com'),
    'bob@example.com' => shopsetup_test_person('Bob', 'Baker', 'bob@example.com'),
    'cid@example.com' => shopsetup_test_person('Cid', 'Carter', 'cid@example.com'),
    'dan@example.com' => shopsetup_test_person('Dan', 'Dale', 'dan@example.com'),
    'eve@example.com' => shopsetup_test_person('Eve', 'Early', 'eve@example.com'),
]];
$conn = new ShopSetup\PgsqlConnection($db['options']);
foreach (['first run', 'a re-run'] as $what) {
    $r = (new ShopSetup\Plan($buckets, 5, ['student' => 5], shopsetup_test_facts()))->run($conn);
    printf("%s: %d created, %d matched\n", $what, count($r['users']['created']), count($r['users']['matched']));
}
foreach (shopsetup_test_pg_rows($pg, "SELECT username, email FROM mdl_user WHERE id > 3 ORDER BY id") as $row) {
    echo $row['username'], ' ', $row['email'], "\n";
}
// The store's own lookups, through the Store API: equality is PostgreSQL's, byte for byte.
$conn->begin();
echo 'find by username "BOB.BAKER": ', count(iterator_to_array($conn->find('user', ['id'], [], 'username', ShopSetup\Store::MATCH_EQUAL, ['BOB.BAKER']))), "\n";
echo 'find by username "bob.baker": ', count(iterator_to_array($conn->find('user', ['id'], [], 'username', ShopSetup\Store::MATCH_EQUAL, ['bob.baker']))), "\n";
echo 'usernames starting "bob." in any case: ', implode(', ', array_column(iterator_to_array($conn->find('user', ['username'], [], 'username',
    ShopSetup\Store::MATCH_CASELESS_PREFIX, ['bob.']), false), 0)), "\n";
echo 'keys held equal: ', json_encode($conn->findKeys('user', [], 'username', ['BOB.BAKER', 'Bob.Baker', 'cid_carter', 'cid%carter'])), "\n";
$conn->rollback();
$conn->close();
shopsetup_test_pg_drop('pg_matching');
?>
--CLEAN--
<?php
require __DIR__ . '/fixtures/pg.inc';
shopsetup_test_pg_drop('pg_matching');
?>
--EXPECT--
first run: 4 created, 1 matched
a re-run: 0 created, 5 matched
ann.existing ANN.Archer@Example.COM
BOB.BAKER bob.imported@example.org
cid_carter cid.other@example.org
dan.dale dan.dale@example.org
bob.baker1 bob@example.com
cid.carter cid@example.com
dan.dale1 dan@example.com
eve.early eve@example.com
find by username "BOB.BAKER": 1
find by username "bob.baker": 0
usernames starting "bob." in any case: BOB.BAKER, bob.baker1
keys held equal: ["BOB.BAKER","cid_carter"]