--TEST--
Plan::run(): who is attached to the operator (superviseexisting): new accounts always; existing accounts unless privileged (default), none or all; the handler parameter
--EXTENSIONS--
shopsetup
--FILE--
<?php
// Proves: the cross roles a run writes attach to the operator exactly the accounts superviseexisting allows (new ones
// always; existing ones unless privileged, none or all), and people() tells who is supervised once accounts are matched.
require __DIR__ . '/fixtures/memory_store.inc';

$buckets = ['student' => [
    'new@example.com' => plan_person('Nel', 'New', 'new@example.com'),
    'plain@example.com' => plan_person('Pat', 'Plain', 'plain@example.com'),
    'admin@example.com' => plan_person('Ada', 'Admin', 'admin@example.com'),
    'manager@example.com' => plan_person('Max', 'Manager', 'manager@example.com'),
]];
// The existing accounts and their user contexts; the new account gets id 1000 and context 1100.
$tables = [
    'user' => [memory_account(11, 'plain@example.com'), memory_account(2, 'admin@example.com'), memory_account(13, 'manager@example.com', 1)],
    'context' => [memory_user_context(1011, 11), memory_user_context(1002, 2), memory_user_context(1013, 13)],
];

function cross_roles(array $facts) {
    global $buckets, $tables;
    $store = memory_store($tables, ['ids' => ['user' => 1000, 'context' => 1100]]);
    $plan = new ShopSetup\Plan($buckets, 4, plan_roles(), plan_facts($facts));
    $plan->run($store);
    $attached = [];
    foreach ($store->rows('role_assignments') as $row) {
        if ($row['contextid'] !== 120) {
            $who = $row['userid'] === 50 ? "operator in context {$row['contextid']}" : "user {$row['userid']} in the operator's context";
            $attached[] = $who;
        }
    }
    echo '  ', implode("\n  ", $attached), "\n";
    foreach ($plan->people() as $person) {
        echo "  {$person['email']}: {$person['status']}, supervised ", var_export($person['supervised'], true), "\n";
    }
}

echo "-- default (unprivileged): new and unprivileged existing accounts; not the site admin (2) nor the manager (13)\n";
cross_roles(['privilegeduserids' => [13, 2, 99]]);
echo "-- superviseexisting=none: only the account the order creates\n";
cross_roles(['superviseexisting' => 'none', 'privilegeduserids' => [2]]);
echo "-- superviseexisting=all: everyone, privileged or not\n";
cross_roles(['superviseexisting' => 'all', 'privilegeduserids' => [2, 13]]);
echo "-- a new account is attached even when its id is listed (ids are only those of existing accounts)\n";
cross_roles(['superviseexisting' => 'unprivileged', 'privilegeduserids' => [1000]]);

echo "-- before matching, nobody's supervision is known; preview() tells it\n";
$plan = new ShopSetup\Plan($buckets, 4, plan_roles(), plan_facts(['privilegeduserids' => [2]]));
var_dump($plan->people()[0]['supervised']);
$plan->preview(memory_store($tables));
echo json_encode(array_column($plan->people(), 'supervised', 'email')), "\n";

echo "-- bad facts\n";
plan_expect_throw(fn() => new ShopSetup\Plan($buckets, 4, plan_roles(), plan_facts(['superviseexisting' => 'some'])));
plan_expect_throw(fn() => new ShopSetup\Plan($buckets, 4, plan_roles(), plan_facts(['privilegeduserids' => [2, 0]])));
plan_expect_throw(fn() => new ShopSetup\Plan($buckets, 4, plan_roles(), plan_facts(['privilegeduserids' => [2, 'x']])));
plan_expect_throw(fn() => new ShopSetup\Plan($buckets, 4, plan_roles(), plan_facts(['privilegeduserids' => '2,3'])));

echo "-- the handler parameter\n";
$context = ['now' => 1700000000, 'coursestart' => 0, 'renewable' => false, 'orderref' => 'TX', 'courseshortname' => 'C'];
foreach (['', 'superviseexisting=', 'superviseexisting=none', 'superviseexisting=%20all%20'] as $raw) {
    echo "  '$raw' => ", ShopSetup\handler_config(ShopSetup\decode_params("coursename=C&$raw"), $context)['superviseexisting'], "\n";
}
plan_expect_throw(fn() => ShopSetup\handler_config(['coursename' => 'C', 'superviseexisting' => 'All'], $context));
?>
--EXPECT--
-- default (unprivileged): new and unprivileged existing accounts; not the site admin (2) nor the manager (13)
  operator in context 1100
  user 1000 in the operator's context
  operator in context 1011
  user 11 in the operator's context
  new@example.com: created, supervised true
  plain@example.com: matched, supervised true
  admin@example.com: matched, supervised false
  manager@example.com: suspended, supervised false
-- superviseexisting=none: only the account the order creates
  operator in context 1100
  user 1000 in the operator's context
  new@example.com: created, supervised true
  plain@example.com: matched, supervised false
  admin@example.com: matched, supervised false
  manager@example.com: suspended, supervised false
-- superviseexisting=all: everyone, privileged or not
  operator in context 1100
  user 1000 in the operator's context
  operator in context 1011
  user 11 in the operator's context
  operator in context 1002
  user 2 in the operator's context
  operator in context 1013
  user 13 in the operator's context
  new@example.com: created, supervised true
  plain@example.com: matched, supervised true
  admin@example.com: matched, supervised true
  manager@example.com: suspended, supervised true
-- a new account is attached even when its id is listed (ids are only those of existing accounts)
  operator in context 1100
  user 1000 in the operator's context
  operator in context 1011
  user 11 in the operator's context
  operator in context 1002
  user 2 in the operator's context
  operator in context 1013
  user 13 in the operator's context
  new@example.com: created, supervised true
  plain@example.com: matched, supervised true
  admin@example.com: matched, supervised true
  manager@example.com: suspended, supervised true
-- before matching, nobody's supervision is known; preview() tells it
NULL
{"new@example.com":true,"plain@example.com":true,"admin@example.com":false,"manager@example.com":true}
-- bad facts
ShopSetup\PlanException: Plan facts: "superviseexisting" must be unprivileged, none or all
ShopSetup\PlanException: Plan facts: "privilegeduserids" must be a list of positive ints, array given
ShopSetup\PlanException: Plan facts: "privilegeduserids" must be a list of positive ints, array given
ShopSetup\PlanException: Plan facts: "privilegeduserids" must be a list of positive ints, string given
-- the handler parameter
  '' => unprivileged
  'superviseexisting=' => unprivileged
  'superviseexisting=none' => none
  'superviseexisting=%20all%20' => all
ShopSetup\ParamsException: Handler parameter "superviseexisting": must be unprivileged, none or all (got "All")
