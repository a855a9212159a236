--TEST--
Regression (spec section 7, defect #6): accounts are matched on the trimmed, lower-cased email; one address = one account
--EXTENSIONS--
shopsetup
--FILE--
<?php
// Defect #6 of the original handler: the email lookup's case sensitivity followed the DB collation (a new, duplicate
// account on PostgreSQL for "Ann@Example.com" vs "ann@example.com"), surrounding spaces were kept, the same address
// typed twice was handled per bucket, and duplicate site accounts resolved to "the first" with only a debugging notice.
// Proves, through a run over a binary (case-sensitive) store: one account per address, the active one, reported.
require __DIR__ . '/fixtures/memory_store.inc';

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
$store = memory_store(['user' => [memory_account(8, 'ann@example.com', 1), memory_account(12, '  ann@EXAMPLE.com')]]);
$report = $plan->run($store);
echo json_encode([$report['users']['suspended'], $report['users']['ambiguous']]), "\n";
echo 'new accounts: ', json_encode($report['users']['created']), "\n";
echo 'user rows: ', json_encode(array_column($store->rows('user'), 'email', 'id')), "\n";
echo 'user ids: ', json_encode($report['users']['matched'] + $report['users']['created']), "\n";
echo 'enrolments for: ', json_encode(array_column($store->rows('user_enrolments'), 'userid')), "\n";
$course = array_filter($store->rows('role_assignments'), fn($r) => $r['contextid'] === 120);
echo 'course roles: ', implode(' ', array_map(fn($r) => "{$r['userid']}:{$r['roleid']}", $course)), "\n";
?>
--EXPECT--
people: ann@example.com new@example.com
[[],[{"email":"ann@example.com","ids":[8,12],"chosen":12}]]
new accounts: {"new@example.com":51}
user rows: {"50":"operator@example.com","8":"ann@example.com","12":"  ann@EXAMPLE.com","51":"new@example.com"}
user ids: {"ann@example.com":12,"new@example.com":51}
enrolments for: [12,51,50]
course roles: 12:5 51:5 12:4 51:4 50:4
