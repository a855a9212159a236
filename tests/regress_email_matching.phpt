--TEST--
Regression (spec section 7, defect #6): accounts are matched on the trimmed, lower-cased email; one address = one account
--EXTENSIONS--
shopsetup
--FILE--
<?php
// Defect #6 of the original handler: the email lookup's case sensitivity followed the DB collation (a new, duplicate
// account on PostgreSQL for "Ann@Example.com" vs "ann@example.com"), surrounding spaces were kept, the same address
// typed twice was handled per bucket, and duplicate site accounts resolved to "the first" with only a debugging notice.
require __DIR__ . '/fixtures/plan.inc';

$buckets = [
    'student' => [
        ' Ann@Example.COM ' => plan_person('Ann', 'Lee', ' Ann@Example.COM '),
        'new@example.com' => plan_person('New', 'Comer', 'new@example.com'),
    ],
    'teacher' => [
        'ANN@EXAMPLE.COM' => plan_person('Ann', 'Lee', "ANN@EXAMPLE.COM\t"),
    ],
    '_supervisor' => [
        'new@example.com' => plan_person('New', 'Comer', 'NEW@example.com'),
    ],
];
$plan = new ShopSetup\Plan($buckets, 4, plan_roles(), plan_facts());
echo 'people: ', implode(' ', $plan->emails()), "\n";

// The site holds Ann's account with another case and spaces, plus a suspended duplicate with a lower id.
$report = $plan->matchAccounts([
    ['id' => 8, 'email' => 'ann@example.com', 'suspended' => 1],
    ['id' => 12, 'email' => '  ann@EXAMPLE.com', 'suspended' => 0],
]);
echo json_encode($report), "\n";
echo 'new accounts: ', json_encode($plan->usernamePrefixes()), "\n";
$names = $plan->assignUsernames([]);
echo 'user rows: ', json_encode(array_column($plan->newUserRows(), 'email')), "\n";
$plan->setNewUserIds([$names['new@example.com'] => 30]);
echo 'user ids: ', json_encode($plan->userIds()), "\n";
$changes = $plan->enrolmentChanges([]);
echo 'enrolments for: ', json_encode(array_column($changes['insert'], 'userid')), "\n";
$plan->setEnrolmentIds([12 => 1, 30 => 2, 50 => 3]);
$rows = $plan->roleAssignmentRows([12 => 112, 30 => 130], []);
$course = array_filter($rows, fn($r) => $r['contextid'] === 120);
echo 'course roles: ', implode(' ', array_map(fn($r) => "{$r['userid']}:{$r['roleid']}", $course)), "\n";
?>
--EXPECT--
people: ann@example.com new@example.com
{"matched":1,"suspended":[],"ambiguous":[{"email":"ann@example.com","ids":[8,12],"chosen":12}]}
new accounts: ["new.comer"]
user rows: ["new@example.com"]
user ids: {"ann@example.com":12,"new@example.com":30}
enrolments for: [12,30,50]
course roles: 12:5 30:5 12:4 30:4 50:4
