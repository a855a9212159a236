<?php
require __DIR__ . '/fixtures/db_checks.inc';

foreach ([null, 'none', 'all'] as $mode) {
    $db = shopsetup_test_site('supervise_' . ($mode ?? 'default'));
    $m = $db['mysqli'];
    $id = [];
    foreach (['plain', 'boss'] as $key) {
        $m->query("INSERT INTO mdl_user (auth, confirmed, mnethostid, username, password, firstname, lastname, email, timecreated)
            VALUES ('manual', 1, 1, '$key.old', 'hash', '$key', 'Old', '$key@example.com', 1700000000)");
        $id[$key] = $m->insert_id;
    }
    $buckets = ['student' => [
        'new@example.com' => shopsetup_test_person('Nel', 'New', 'new@example.com'),
        'plain@example.com' => shopsetup_test_person('Pat', 'Plain', 'plain@example.com'),
        'boss@example.com' => shopsetup_test_person('Bo', 'Boss', 'boss@example.com'),
    ]];
    $facts = ['privilegeduserids' => [$id['boss']]] + ($mode ? ['superviseexisting' => $mode] : []);
    $r = (new ShopSetup\Plan($buckets, 3, ['student' => 5], shopsetup_test_facts($facts)))->run(shopsetup_test_site_connect($db));
    echo '--- superviseexisting=', $mode ?? '(default)', "\n";
    echo implode("\n", array_filter(shopsetup_test_role_lines($m), fn($line) => !str_starts_with($line, 'course '))), "\n";
    echo 'course roles: ', count(array_filter(shopsetup_test_role_lines($m), fn($line) => str_starts_with($line, 'course role 5'))), "\n";
    echo 'enrolled: ', shopsetup_test_int($m, 'SELECT COUNT(*) FROM mdl_user_enrolments'), ', group members: ',
        shopsetup_test_int($m, 'SELECT COUNT(*) FROM mdl_groups_members'), "\n";
    echo 'unsupervised: ', json_encode(array_map(fn($u) => array_search($u, $id, true), $r['users']['unsupervised'])), "\n";
    shopsetup_test_site_drop('supervise_' . ($mode ?? 'default'));
}
