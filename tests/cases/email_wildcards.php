<?php
require __DIR__ . '/fixtures/db_checks.inc';
$db = shopsetup_test_site('email_wildcards');
$m = $db['mysqli'];

// Accounts a pattern match would find: '_' matches any one character, '%' any run.
foreach (['axb@example.com' => 'axb.x', 'AYB@example.com' => 'ayb.y', 'xzzy@example.com' => 'xzzy.z',
        'x%y@example.org' => 'xy.org', 'C_D@example.com' => 'c_d.existing'] as $email => $username) {
    $m->query("INSERT INTO mdl_user (auth, confirmed, mnethostid, username, firstname, lastname, email)
        VALUES ('manual', 1, 1, '$username', 'Old', 'Account', '$email')");
}
$cd = shopsetup_test_int($m, "SELECT id FROM mdl_user WHERE username = 'c_d.existing'");

$buckets = ['student' => [
    'a_b@example.com' => shopsetup_test_person('Abe', 'Under', 'a_b@example.com'),
    'x%y@example.com' => shopsetup_test_person('Xav', 'Percent', 'x%y@example.com'),
    'c_d@example.com' => shopsetup_test_person('Cid', 'Under', 'c_d@example.com'),
    '_@example.com' => shopsetup_test_person('Una', 'Score', '_@example.com'),
]];
foreach ($buckets['student'] as $email => $person) {
    echo $email, ': ', ShopSetup\validate_email($email) ? 'valid' : 'INVALID', "\n";
}
$conn = shopsetup_test_site_connect($db);
$r = (new ShopSetup\Plan($buckets, 4, ['student' => 5], shopsetup_test_facts()))->run($conn);
$created = array_keys($r['users']['created']);
sort($created);
echo 'created: ', implode(' ', $created), "\n";
echo 'matched: ', json_encode($r['users']['matched'] === ['c_d@example.com' => $cd]), "\n";
echo 'ambiguous: ', count($r['users']['ambiguous']), "\n";
echo 'enrolled old accounts: ', implode(' ', array_column(shopsetup_test_rows($m,
    "SELECT u.username FROM mdl_user u JOIN mdl_user_enrolments ue ON ue.userid = u.id WHERE u.lastname = 'Account'"), 'username')), "\n";
echo 'accounts per address: ', json_encode(array_column(shopsetup_test_rows($m,
    "SELECT LOWER(email) e, COUNT(*) n FROM mdl_user WHERE id > 3 GROUP BY LOWER(email) ORDER BY e"), 'n', 'e')), "\n";

$conn->close();
shopsetup_test_site_drop('email_wildcards');
