<?php
require __DIR__ . '/fixtures/db_checks.inc';
$db = shopsetup_test_site('bulk_10k');
$m = $db['mysqli'];

// Also under valgrind (run-tests -m): about 15 s there, most of it in the server.
$n = 10000;

// Participant i: tutor when i % 11 == 0 (one per ten learners); an account exists for even i,
// with a username that takes the base username of participant i + 1, so that the new accounts
// need suffixes. Existing accounts with i % 4 == 0 also have their user context already.
$buckets = ['learner' => [], 'tutor' => []];
$existing = [];
$contexts = [];
for ($i = 0; $i < $n; $i++) {
    $email = "p$i@example.com";
    $buckets[$i % 11 === 0 ? 'tutor' : 'learner'][$email] = shopsetup_test_person("First$i", "Last$i", $email, 'City ' . ($i % 97));
    if ($i % 2 === 0) {
        $next = $i + 1;
        $existing[] = "('manual', 1, 1, 'first$next.last$next', 'hash', 'First$i', 'Last$i', '" . ($i % 3 ? $email : strtoupper($email)) . "', 1700000000)";
    }
}
$m->query('INSERT INTO mdl_user (auth, confirmed, mnethostid, username, password, firstname, lastname, email, timecreated) VALUES '
    . implode(',', $existing));
echo 'existing accounts inserted: ', $m->affected_rows === $n / 2 ? 'n/2' : $m->affected_rows, "\n";
$withContext = implode(',', array_map(fn($i) => "'p$i@example.com'", range(0, $n - 1, 4)));
$m->query("INSERT INTO mdl_context (contextlevel, instanceid, path, depth)
    SELECT 30, id, NULL, 2 FROM mdl_user WHERE id > 3 AND LOWER(email) IN ($withContext)");
$m->query("UPDATE mdl_context SET path = CONCAT('/1/', id) WHERE path IS NULL");
$tutors = count($buckets['tutor']);
$learners = count($buckets['learner']);
echo "tutors: ", $tutors === intdiv($n - 1, 11) + 1 ? 'ok' : $tutors, ", learners: ", $learners === $n - $tutors ? 'ok' : $learners, "\n";

$conn = shopsetup_test_site_connect($db);
$t = microtime(true);
$plan = new ShopSetup\Plan($buckets, $n, ['learner' => 5, 'tutor' => 4], shopsetup_test_facts());
$r = $plan->run($conn);
$seconds = microtime(true) - $t;
if (getenv('SHOPSETUP_TEST_TIMING')) {
    fprintf(STDERR, "%d participants: %.2f s\n", $n, $seconds);
}

$check = function (string $what, int $got, int $expected) {
    echo $what, ': ', $got === $expected ? 'ok' : "$got, expected $expected", "\n";
};
$check('created', count($r['users']['created']), $n / 2);
$check('matched', count($r['users']['matched']), $n / 2);
$check('contexts created', count($r['contexts_created']), $n / 2 + $n / 4);
$check('group created', (int) $r['group']['created'], 1);
$check('enrolments created', count($r['enrolments']['created']), $n + 1);
$check('enrolments updated', count($r['enrolments']['updated']), 0);
$check('role assignments', count($r['role_assignments']), 3 * $n + 1);
$check('group members', count($r['group_members']), $n + 1);
$check('products', count($r['products']), $n);
echo 'statements: ', $r['statements'] < 250 ? 'fewer than 250' : $r['statements'], "\n";

echo "--- database\n";
$check('accounts', shopsetup_test_int($m, 'SELECT COUNT(*) FROM mdl_user WHERE id > 3'), $n);
$check('accounts per email', shopsetup_test_int($m, 'SELECT COUNT(DISTINCT LOWER(email)) FROM mdl_user WHERE id > 3'), $n);
$check('distinct usernames', shopsetup_test_int($m, 'SELECT COUNT(DISTINCT username) FROM mdl_user'), $n + 3);
$onTakenBase = 0;
foreach (shopsetup_test_rows($m, 'SELECT username, email FROM mdl_user WHERE timecreated = 1767229200') as $u) {
    $i = substr($u['email'], 1, strpos($u['email'], '@') - 1);
    $onTakenBase += $u['username'] === "first$i.last$i";
}
$check('new accounts on a taken base username', $onTakenBase, 0);
$check('preferences', shopsetup_test_int($m, 'SELECT COUNT(*) FROM mdl_user_preferences'), $n);
$check('user contexts', shopsetup_test_int($m, 'SELECT COUNT(DISTINCT instanceid) FROM mdl_context WHERE contextlevel = 30 AND instanceid > 3'), $n);
$check('user contexts without path', shopsetup_test_int($m, "SELECT COUNT(*) FROM mdl_context WHERE contextlevel = 30 AND (path IS NULL OR path <> CONCAT('/1/', id))"), 0);
$check('enrolments', shopsetup_test_int($m, 'SELECT COUNT(*) FROM mdl_user_enrolments WHERE enrolid = 1 AND status = 0'), $n + 1);
$check('tutor roles', shopsetup_test_int($m, 'SELECT COUNT(*) FROM mdl_role_assignments WHERE contextid = 6 AND roleid = 4'), $tutors + 1);
$check('learner roles', shopsetup_test_int($m, 'SELECT COUNT(*) FROM mdl_role_assignments WHERE contextid = 6 AND roleid = 5'), $learners);
$check('operator in user contexts', shopsetup_test_int($m, 'SELECT COUNT(*) FROM mdl_role_assignments ra JOIN mdl_context c ON c.id = ra.contextid AND c.contextlevel = 30 WHERE ra.userid = 3 AND ra.roleid = 4'), $n);
$check('participants in the operator\'s context', shopsetup_test_int($m, 'SELECT COUNT(DISTINCT userid) FROM mdl_role_assignments WHERE contextid = 8 AND roleid = 9'), $n);
$check('group members', shopsetup_test_int($m, 'SELECT COUNT(*) FROM mdl_groups_members'), $n + 1);
$check('products', shopsetup_test_int($m, 'SELECT COUNT(DISTINCT reference) FROM mdl_local_shop_product WHERE initialbillitemid = 11'), $n);
$check('products on the right enrolment', shopsetup_test_int($m, "SELECT COUNT(*) FROM mdl_local_shop_product p JOIN mdl_user_enrolments ue ON ue.id = p.instanceid
    WHERE p.productiondata LIKE CONCAT('%&userid=', ue.userid, '&%')"), $n);
$check('events', shopsetup_test_int($m, 'SELECT COUNT(DISTINCT e.productid) FROM mdl_local_shop_productevent e JOIN mdl_local_shop_product p ON p.id = e.productid'), $n);

// The same order again: nothing to do.
$before = shopsetup_test_snapshot($m);
$r = (new ShopSetup\Plan($buckets, $n, ['learner' => 5, 'tutor' => 4], shopsetup_test_facts()))->run($conn);
echo 'second run: ', shopsetup_test_compare($before, shopsetup_test_snapshot($m)), "\n";
$check('unchanged enrolments', $r['enrolments']['unchanged'], $n + 1);

$conn->close();
shopsetup_test_site_drop('bulk_10k');
