--TEST--
MysqlConnection::run(): every statement (IN lookups, username search, context paths, batched updates) fits a 16 KiB max_allowed_packet
--EXTENSIONS--
mysqli
shopsetup
--SKIPIF--
<?php require __DIR__ . '/fixtures/db.inc'; shopsetup_test_server_skip(); ?>
--FILE--
<?php
require __DIR__ . '/fixtures/db_checks.inc';
// max_allowed_packet is a global: this test has a server of its own.
$server = shopsetup_test_server_start(['--max-allowed-packet=16K']);
try {
    $db = shopsetup_test_db('small_packet', $server);
    $m = $db['mysqli'];
    echo 'max_allowed_packet: ', shopsetup_test_int($m, 'SELECT @@global.max_allowed_packet'), "\n";

    $n = 3000;
    $buckets = ['student' => [], 'teacher' => []];
    $existing = [];
    for ($i = 0; $i < $n; $i++) {
        $email = "participant.number.$i@training-department.example.com";
        $buckets[$i % 10 ? 'student' : 'teacher'][$email] = shopsetup_test_person("Firstname$i", "Lastname$i", $email);
        if ($i % 3 === 0) {
            $existing[] = "('manual', 1, 1, 'old$i', 'hash', 'F', 'L', '$email', 1700000000)";
        }
    }
    foreach (array_chunk($existing, 100) as $chunk) {
        $m->query('INSERT INTO mdl_user (auth, confirmed, mnethostid, username, password, firstname, lastname, email, timecreated) VALUES '
            . implode(',', $chunk));
    }
    $roles = ['student' => 5, 'teacher' => 4];
    $conn = new ShopSetup\MysqlConnection($db['options']);
    $first = (new ShopSetup\Plan($buckets, $n, $roles, shopsetup_test_facts()))->run($conn);
    printf("first run: %d created, %d matched, %d contexts, %d enrolments, %d products\n", count($first['users']['created']),
        count($first['users']['matched']), count($first['contexts_created']), count($first['enrolments']['created']), count($first['products']));
    echo 'context paths set: ', shopsetup_test_int($m, 'SELECT COUNT(*) FROM mdl_context WHERE contextlevel = 30 AND path IS NULL') === 0 ? 'all' : 'not all', "\n";

    // An earlier start widens every enrolment: batched UPDATEs.
    $again = (new ShopSetup\Plan($buckets, $n, $roles, shopsetup_test_facts(['timestart' => 1767139200])))->run($conn);
    printf("second run: %d created, %d matched, %d enrolments updated, %d products\n", count($again['users']['created']),
        count($again['users']['matched']), count($again['enrolments']['updated']), count($again['products']));
    echo 'enrolments widened: ', shopsetup_test_int($m, 'SELECT COUNT(*) FROM mdl_user_enrolments WHERE timestart = 1767139200'), "\n";
    $conn->close();
    $m->close();
} finally {
    shopsetup_test_server_stop($server);
}
?>
--EXPECT--
max_allowed_packet: 16384
first run: 2000 created, 1000 matched, 3000 contexts, 3001 enrolments, 3000 products
context paths set: all
second run: 0 created, 3000 matched, 3001 enrolments updated, 0 products
enrolments widened: 3001
