--TEST--
Plan with 20,000 participants (repeats and people in two buckets): every stage completes with the right counts
--EXTENSIONS--
shopsetup
--INI--
memory_limit=512M
--FILE--
<?php
require __DIR__ . '/fixtures/plan.inc';

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
$plan = new ShopSetup\Plan(['student' => $students, 'teacher' => $teachers], 22000, plan_roles(), plan_facts());
unset($students, $teachers);
$kinds = array_count_values(array_column($plan->notices(), 'kind'));
ksort($kinds);
echo 'people ', count($plan->emails()), ', seats ', $plan->seatsUsed(), ', notices ', json_encode($kinds), "\n";

// 1,000 accounts exist (upper-case emails); 500 of them already have the same enrolment.
$accounts = [];
$enrolments = [];
for ($i = 0; $i < 1000; $i++) {
    $accounts[] = ['id' => 100000 + $i, 'email' => strtoupper("user$i@example.com"), 'suspended' => 0];
    if ($i < 500) {
        $enrolments[] = ['id' => 70000 + $i, 'userid' => 100000 + $i, 'status' => 0, 'timestart' => 1700000000, 'timeend' => 1702592000];
    }
}
$report = $plan->matchAccounts($accounts);
echo 'matched ', $report['matched'], "\n";
$prefixes = $plan->usernamePrefixes();
$names = $plan->assignUsernames([]);
echo 'prefixes ', count($prefixes), ', usernames ', count($names), ', distinct ', count(array_unique($names)), "\n";
echo 'user rows ', count($plan->newUserRows()), "\n";
$ids = [];
$next = 200000;
foreach ($names as $username) {
    $ids[$username] = $next++;
}
$plan->setNewUserIds($ids);
echo 'preference rows ', count($plan->newUserPreferenceRows()), ', user ids ', count($plan->userIds()), "\n";
$changes = $plan->enrolmentChanges($enrolments);
echo 'enrolments insert ', count($changes['insert']), ', update ', count($changes['update']), ', unchanged ', $changes['unchanged'], "\n";
$ueids = [];
$next = 300000;
foreach ($changes['insert'] as $row) {
    $ueids[$row['userid']] = $next++;
}
$plan->setEnrolmentIds($ueids);
$contexts = [50 => 500];
foreach ($plan->userIds() as $userid) {
    $contexts[$userid] = $userid + 1000000;
}
echo 'role assignments ', count($plan->roleAssignmentRows($contexts, [])), "\n";
echo 'group members ', count($plan->groupMemberRows(5, [])), "\n";
$products = $plan->productRows([]);
$references = array_column($products, 'reference');
echo 'products ', count($products), ', distinct references ', count(array_unique($references)), "\n";
echo 'events ', count($plan->productEventRows(array_combine($references, range(1, count($references))))), "\n";
echo 'products again ', count($plan->productRows($references)), "\n";
?>
--EXPECT--
people 20000, seats 22000, notices {"repeat":500,"several_buckets":2000}
matched 1000
prefixes 19000, usernames 19000, distinct 19000
user rows 19000
preference rows 38000, user ids 20000
enrolments insert 19501, update 0, unchanged 500
role assignments 62001
group members 20001
products 22000, distinct references 22000
events 22000
products again 0
