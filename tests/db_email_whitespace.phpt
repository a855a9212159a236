--TEST--
MysqlConnection::run(): stored emails with surrounding white space are matched as Plan::preview() over the same rows in a MemoryStore matches them (no second account)
--EXTENSIONS--
mysqli
shopsetup
--SKIPIF--
<?php require __DIR__ . '/fixtures/db.inc'; shopsetup_test_db_skip(); ?>
--FILE--
<?php
// Proves: the native store's lookups (email LIKE ranges, email < '!') find what the reference store (PHP string
// comparisons over the same rows) finds, in a case-insensitive and in a binary collation: the same accounts match.
require __DIR__ . '/fixtures/db_checks.inc';
require __DIR__ . '/fixtures/memory_store.inc';

$stored = [
    'ann.archer' => ' ann@example.com',
    'bob.baker' => "bob@example.com\t",
    'cid.carter' => "\r\nCid@Example.com \n",
    'dan.dale' => 'DAN@EXAMPLE.COM   ',
    'eve.early' => "\x0Beve_1%@example.com\x0C",
    'fay.fox' => 'fay@example.com.au',              // a longer address, not fay@example.com
    'gus.gray' => '_gus@example.com',               // sorts among the addresses that start with white space
];
$emails = ['ann@example.com', 'bob@example.com', 'cid@example.com', 'dan@example.com', 'eve_1%@example.com', 'fay@example.com',
    '_gus@example.com', 'gus@example.com'];

foreach (['utf8mb4_unicode_ci', 'utf8mb4_bin'] as $collation) {
    echo "-- email column in $collation\n";
    $db = shopsetup_test_db('email_whitespace');
    $m = $db['mysqli'];
    $m->query("ALTER TABLE mdl_user MODIFY email VARCHAR(100) COLLATE $collation NOT NULL DEFAULT ''");
    foreach ($stored as $username => $email) {
        $m->query(sprintf("INSERT INTO mdl_user (auth, confirmed, mnethostid, username, firstname, lastname, email) VALUES ('manual', 1, 1, '%s', 'F', 'L', '%s')",
            $username, $m->real_escape_string($email)));
    }
    $ids = array_column(shopsetup_test_rows($m, 'SELECT username, id FROM mdl_user'), 'id', 'username');
    $buckets = ['student' => []];
    foreach ($emails as $email) {
        $buckets['student'][$email] = shopsetup_test_person('F', 'L', $email);
    }
    $accounts = shopsetup_test_rows($m, 'SELECT id, username, email, suspended, deleted, mnethostid FROM mdl_user');
    $expected = new ShopSetup\Plan($buckets, count($emails), ['student' => 5], shopsetup_test_facts());
    $expected->preview(new MemoryStore(['user' => $accounts]));
    $byPlan = [];
    foreach ($expected->people() as $person) {
        if (isset($person['userid'])) {
            $byPlan[$person['email']] = $person['userid'];
        }
    }

    $conn = new ShopSetup\MysqlConnection($db['options']);
    $r = (new ShopSetup\Plan($buckets, count($emails), ['student' => 5], shopsetup_test_facts()))->run($conn);
    $names = array_flip($ids);
    foreach ($r['users']['matched'] as $email => $id) {
        echo "matched $email: ", $names[$id], "\n";
    }
    echo 'as preview() over a MemoryStore: ', $r['users']['matched'] == $byPlan && count($byPlan) === 6 ? 'yes' : json_encode([$r['users']['matched'], $byPlan]), "\n";
    echo 'created: ', implode(' ', array_keys($r['users']['created'])), "\n";
    echo 'ambiguous: ', count($r['users']['ambiguous']), "\n";
    $conn->close();
    $m->close();
    shopsetup_test_db_drop('email_whitespace');
}
?>
--CLEAN--
<?php
require __DIR__ . '/fixtures/db.inc';
shopsetup_test_db_drop('email_whitespace');
?>
--EXPECT--
-- email column in utf8mb4_unicode_ci
matched ann@example.com: ann.archer
matched bob@example.com: bob.baker
matched cid@example.com: cid.carter
matched dan@example.com: dan.dale
matched eve_1%@example.com: eve.early
matched _gus@example.com: gus.gray
as preview() over a MemoryStore: yes
created: fay@example.com gus@example.com
ambiguous: 0
-- email column in utf8mb4_bin
matched ann@example.com: ann.archer
matched bob@example.com: bob.baker
matched cid@example.com: cid.carter
matched dan@example.com: dan.dale
matched eve_1%@example.com: eve.early
matched _gus@example.com: gus.gray
as preview() over a MemoryStore: yes
created: fay@example.com gus@example.com
ambiguous: 0
