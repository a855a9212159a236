--TEST--
Plan::run() with 20,000 participants (repeats and people in two buckets): every stage completes with the right counts; a re-run adds nothing
--EXTENSIONS--
shopsetup
--INI--
memory_limit=512M
--FILE--
<?php
// Proves: a large roster runs through a store in one go (long key lists and row sets), with every count right.
require __DIR__ . '/fixtures/memory_store.inc';

$students = [];
$teachers = [];
for ($i = 0; $i < 20000; $i++) {
    $email = "user$i@example.com";
    $students[$email] = (object) plan_person("First$i", "Last$i", $email);
    if ($i % 10 === 0) {            // 2,000 people are also tutors
        $teachers[strtoupper($email)] = plan_person("First$i", "Last$i", ' ' . strtoupper($email));
    }
    if ($i % 40 === 1) {            // 500 repeats inside the student bucket
        $students[" $email"] = plan_person("First$i", "Last$i", "User$i@Example.com ");
    }
}
$buckets = ['student' => $students, 'teacher' => $teachers];
unset($students, $teachers);
$plan = new ShopSetup\Plan($buckets, 22000, plan_roles(), plan_facts());
$kinds = array_count_values(array_column($plan->notices(), 'kind'));
ksort($kinds);
echo 'people ', count($plan->emails()), ', seats ', $plan->seatsUsed(), ', notices ', json_encode($kinds), "\n";

// 1,000 accounts exist (upper-case emails); 500 of them already have the same enrolment.
$accounts = [];
$enrolments = [];
for ($i = 0; $i < 1000; $i++) {
    $accounts[] = memory_account(100000 + $i, strtoupper("user$i@example.com"));
    if ($i < 500) {
        $enrolments[] = ['id' => 70000 + $i, 'status' => 0, 'enrolid' => 7, 'userid' => 100000 + $i, 'timestart' => 1700000000,
            'timeend' => 1702592000, 'modifierid' => 2, 'timecreated' => 1, 'timemodified' => 1];
    }
}
$store = memory_store(['user' => $accounts, 'user_enrolments' => $enrolments], ['ids' => ['user' => 200000]]);
unset($accounts, $enrolments);
$report = $plan->run($store);
$names = array_column(array_slice($store->rows('user'), 1001), 'username');
echo 'matched ', count($report['users']['matched']), ', created ', count($report['users']['created']), ', usernames ', count($names),
    ', distinct ', count(array_unique($names)), "\n";
echo 'preference rows ', count($store->rows('user_preferences')), ', user contexts created ', count($report['contexts_created']), "\n";
echo 'enrolments created ', count($report['enrolments']['created']), ', updated ', count($report['enrolments']['updated']),
    ', unchanged ', $report['enrolments']['unchanged'], ', rows ', count($store->rows('user_enrolments')), "\n";
echo 'role assignments ', count($report['role_assignments']), ' (', count($store->rows('role_assignments')), " rows)\n";
echo 'group members ', count($report['group_members']), ' (', count($store->rows('groups_members')), " rows)\n";
$references = array_column($store->rows('local_shop_product'), 'reference');
echo 'products ', count($report['products']), ', distinct references ', count(array_unique($references)), "\n";
echo 'events ', count($store->rows('local_shop_productevent')), "\n";
// the report is built before COMMIT: it counts the calls up to COMMIT, not the unlock after it
$atCommit = array_search('commit', $store->log(), true) + 1;
echo 'statements ', $report['statements'] === $atCommit ? 'as the store counted up to COMMIT' : json_encode([$report['statements'], $atCommit]), "\n";
$report = (new ShopSetup\Plan($buckets, 22000, plan_roles(), plan_facts()))->run($store);
echo 'again: created ', count($report['users']['created']), ', contexts ', count($report['contexts_created']), ', enrolments ',
    count($report['enrolments']['created']) + count($report['enrolments']['updated']), ' (unchanged ', $report['enrolments']['unchanged'],
    '), role assignments ', count($report['role_assignments']), ', members ', count($report['group_members']), ', products ', count($report['products']), "\n";
?>
--EXPECT--
people 20000, seats 22000, notices {"repeat":500,"several_buckets":2000}
matched 1000, created 19000, usernames 19000, distinct 19000
preference rows 38000, user contexts created 20000
enrolments created 19501, updated 0, unchanged 500, rows 20001
role assignments 62001 (62001 rows)
group members 20001 (20001 rows)
products 22000, distinct references 22000
events 22000
statements as the store counted up to COMMIT
again: created 0, contexts 0, enrolments 0 (unchanged 20001), role assignments 0, members 0, products 0
