--TEST--
MysqlConnection::run(): multi-row INSERTs larger than the statement limit are split, every row arrives intact
--EXTENSIONS--
mysqli
shopsetup
--SKIPIF--
<?php require __DIR__ . '/fixtures/db.inc'; shopsetup_test_db_skip(); ?>
--FILE--
<?php
require __DIR__ . '/fixtures/db_checks.inc';

// 3,000 new accounts whose names, city and institution are at their limits in 4-byte
// characters (about 2.4 kB per user row, 7 MB in all): more than one statement may hold
// (max_allowed_packet / 2, at most 4 MB). Each value ends with the participant's number, so a
// row cut or shifted at a statement boundary shows.
$n = 3000;
$big = $small = ['learner' => []];
for ($i = 0; $i < $n; $i++) {
    $k = sprintf('%04d', $i);
    $email = "big$k@example.com";
    $big['learner'][$email] = shopsetup_test_person(str_repeat('😀', 96) . $k, str_repeat('𝔘', 96) . $k, $email,
        str_repeat('京', 116) . $k, str_repeat('🎓', 251) . $k, "+33 1 23 45 $k");
    $small['learner'][$email] = shopsetup_test_person("F$k", "L$k", $email);
}

$results = [];
foreach (['small' => $small, 'big' => $big] as $name => $buckets) {
    $db = shopsetup_test_db("large_rows_$name");
    $conn = new ShopSetup\MysqlConnection($db['options']);
    $r = (new ShopSetup\Plan($buckets, $n, ['learner' => 5], shopsetup_test_facts()))->run($conn);
    $conn->close();
    $results[$name] = ['statements' => $r['statements'], 'created' => count($r['users']['created'])];
    $m = $db['mysqli'];
    $bad = 0;
    $rows = 0;
    $result = $m->query('SELECT email, firstname, lastname, city, institution, phone2 FROM mdl_user WHERE id > 3', MYSQLI_USE_RESULT);
    while ($row = $result->fetch_assoc()) {
        $p = $buckets['learner'][$row['email']] ?? null;
        $rows++;
        if ($p === null || $row['firstname'] !== $p['firstname'] || $row['lastname'] !== $p['lastname'] || $row['city'] !== $p['city']
            || $row['institution'] !== $p['institution'] || $row['phone2'] !== $p['phone2']) {
            $bad++;
        }
    }
    $result->free();
    echo "$name: {$results[$name]['created']} created, $rows rows, $bad different, ",
        shopsetup_test_int($m, 'SELECT SUM(LENGTH(firstname) + LENGTH(lastname) + LENGTH(city) + LENGTH(institution)) FROM mdl_user WHERE id > 3'), " bytes of text\n";
    echo "  ", shopsetup_test_counts($m), "\n";
    $m->close();
    shopsetup_test_db_drop("large_rows_$name");
}
echo 'the big roster needed more statements: ', $results['big']['statements'] > $results['small']['statements'] ? 'yes' : 'no', "\n";
?>
--CLEAN--
<?php
require __DIR__ . '/fixtures/db.inc';
shopsetup_test_db_drop('large_rows_small');
shopsetup_test_db_drop('large_rows_big');
?>
--EXPECT--
small: 3000 created, 3000 rows, 0 different, 45000 bytes of text
  user=3003 user_preferences=6000 context=3008 groups=1 user_enrolments=3001 role_assignments=9001 groups_members=3001 local_shop_product=3000 local_shop_productevent=3000 cache_flags=3001 shophandlers_setup_outbox=0 task_adhoc=0
big: 3000 created, 3000 rows, 0 different, 6408000 bytes of text
  user=3003 user_preferences=6000 context=3008 groups=1 user_enrolments=3001 role_assignments=9001 groups_members=3001 local_shop_product=3000 local_shop_productevent=3000 cache_flags=3001 shophandlers_setup_outbox=0 task_adhoc=0
the big roster needed more statements: yes
