<?php
/*
 * What matching emails with surrounding white space costs the account lookup, on a site of
 * 100,000 users: the lookup of one chunk of 1,000 emails before (email IN (...)) and after
 * (email LIKE '<email>%' OR ..., then email < '!'), median of BENCH_REPS runs, with EXPLAIN.
 *
 *   .ci/mariadb.sh start /tmp/shopsetup-bench-db 33520 && eval "$(.ci/mariadb.sh env /tmp/shopsetup-bench-db 33520)"
 *   php bench/email_lookup.php          (with the mysqli extension loaded)
 */
require __DIR__ . '/../tests/fixtures/db.inc';

$users = (int) (getenv('BENCH_USERS') ?: 100000);
$chunk = 1000;
$reps = (int) (getenv('BENCH_REPS') ?: 21);
$db = shopsetup_test_db('bench_email_lookup');
$m = $db['mysqli'];
for ($i = 0; $i < $users; $i += 1000) {
    $rows = [];
    for ($j = $i; $j < min($users, $i + 1000); $j++) {
        // one account in a thousand typed with white space around its email
        $email = $j % 1000 === 7 ? " user$j@example.com\t" : "user$j@example.com";
        $rows[] = "('manual', 1, 1, 'user$j', 'F', 'L', '$email')";
    }
    $m->query('INSERT INTO mdl_user (auth, confirmed, mnethostid, username, firstname, lastname, email) VALUES ' . implode(',', $rows));
}
$m->query('ANALYZE TABLE mdl_user');

// a chunk of an order: half existing accounts spread over the site, half new people
$emails = [];
for ($k = 0; $k < $chunk; $k++) {
    $emails[] = $k % 2 ? 'user' . ($k * 97 % $users) . '@example.com' : "new$k@example.com";
}
$where = 'SELECT id, email, suspended FROM mdl_user WHERE deleted = 0 AND mnethostid = 1 AND ';
$quoted = array_map(fn($e) => "'" . $m->real_escape_string($e) . "'", $emails);
$like = array_map(fn($e) => "email LIKE '" . $m->real_escape_string(addcslashes($e, '%_\\')) . "%'", $emails);
$queries = [
    'before: email IN (...)' => [$where . 'email IN (' . implode(',', $quoted) . ')'],
    'after: email LIKE ... OR ..., email < \'!\'' => [$where . '(' . implode(' OR ', $like) . ')', $where . "(email < '!')"],
];
printf("site: %d users, lookup of %d emails, median of %d runs\n", $users, $chunk, $reps);
foreach ($queries as $label => $statements) {
    $times = [];
    $found = 0;
    for ($r = 0; $r < $reps; $r++) {
        $t = hrtime(true);
        $found = 0;
        foreach ($statements as $sql) {
            $found += $m->query($sql)->num_rows;
        }
        $times[] = (hrtime(true) - $t) / 1e6;
    }
    sort($times);
    printf("%-45s %7.2f ms  %4d rows\n", $label, $times[intdiv($reps, 2)], $found);
    foreach ($statements as $sql) {
        $plan = $m->query('EXPLAIN ' . $sql)->fetch_assoc();
        printf("    EXPLAIN: type %s, key %s, rows %s\n", $plan['type'], $plan['key'] ?? 'NULL', $plan['rows']);
    }
}
$m->close();
shopsetup_test_db_drop('bench_email_lookup');
