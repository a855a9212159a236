--TEST--
Plan stages 2-3: username prefixes and assignment, "user" rows without any password, new ids, user_preferences rows
--EXTENSIONS--
shopsetup
--FILE--
<?php
require __DIR__ . '/fixtures/plan.inc';

$buckets = [
    'student' => [
        'ann@example.com' => plan_person('Ann', 'Lee', 'Ann@Example.com', 'Paris', ['institution' => 'ACME', 'phone2' => '0601']),
        'ann.lee@example.org' => plan_person('ANN', 'LEE', 'ann.lee@example.org', 'Lyon'),
        'bob@example.com' => plan_person('Bob', 'Smith', 'bob@example.com'),
        'cat@example.com' => plan_person('Cat', 'Roy', 'cat@example.com', ''),
    ],
    'teacher' => [
        'cat@example.com' => plan_person('Cat', 'Roy', 'cat@example.com'),
    ],
];
$plan = new ShopSetup\Plan($buckets, 5, plan_roles(), plan_facts());
$plan->matchAccounts([['id' => 77, 'email' => 'bob@example.com', 'suspended' => 0]]);

echo "-- prefixes: one per distinct base, matched people have none\n";
echo json_encode($plan->usernamePrefixes()), "\n";

echo "-- usernames: taken names compare case-insensitively, rows or strings\n";
plan_expect_throw(fn() => $plan->assignUsernames([42]));
plan_expect_throw(fn() => $plan->assignUsernames([['name' => 'ann.lee']]));
$names = $plan->assignUsernames((function () {
    yield 'ANN.LEE';
    yield (object) ['username' => 'ann.lee1'];
    yield ['username' => 'cat.roy2'];
})());
echo json_encode($names), "\n";

echo "-- user rows: only new accounts, Moodle column names, no password\n";
$rows = $plan->newUserRows();
var_dump($rows[0]);
foreach ($rows as $row) {
    echo $row['username'], ' ', $row['email'], ' ', $row['password'] === 'to be generated' ? 'no password' : 'PASSWORD', "\n";
}

echo "-- preferences need the new ids\n";
plan_expect_throw(fn() => $plan->newUserPreferenceRows());

echo "-- new ids: every new account, each id once\n";
plan_expect_throw(fn() => $plan->setNewUserIds(['zz' => 5]));
plan_expect_throw(fn() => $plan->setNewUserIds(['ann.lee2' => 0]));
plan_expect_throw(fn() => $plan->setNewUserIds(['ann.lee2' => 'x']));
plan_expect_throw(fn() => $plan->setNewUserIds([7 => 101]));
plan_expect_throw(fn() => $plan->setNewUserIds(['ann.lee2' => [101]]));
plan_expect_throw(fn() => $plan->setNewUserIds(['ann.lee2' => 101]));
plan_expect_throw(fn() => $plan->setNewUserIds(['ann.lee2' => 101, 'ann.lee3' => 101, 'cat.roy' => 103]));
plan_expect_throw(fn() => $plan->setNewUserIds(['ann.lee2' => 101, 'ann.lee3' => 77, 'cat.roy' => 103]));
$plan->setNewUserIds(['ann.lee2' => '101', 'ann.lee3' => 102, 'cat.roy' => 103]);   // DML returns strings
echo json_encode($plan->userIds()), "\n";

echo "-- preferences: Moodle mails a generated password and forces a change\n";
foreach ($plan->newUserPreferenceRows() as $row) {
    echo json_encode($row), "\n";
}
foreach ($plan->people() as $person) {
    echo $person['email'], ' ', $person['userid'], ' ', var_export($person['username'], true), ' ', $person['status'], "\n";
}

echo "-- a username of digits only (nothing left of the names: the email's local part) is an int key in PHP\n";
$plan = new ShopSetup\Plan(['student' => ['123@example.com' => plan_person('☺', '☺', '123@example.com')]], 1, plan_roles(), plan_facts());
$plan->matchAccounts([]);
$plan->usernamePrefixes();
$ids = [];
foreach ($plan->assignUsernames([]) as $username) {
    $ids[$username] = 104;
}
var_dump($ids);
$plan->setNewUserIds($ids);
echo json_encode($plan->userIds()), "\n";

echo "-- fact defaults: auth manual, lang en, no country\n";
$plan = new ShopSetup\Plan(['student' => ['dan@example.com' => plan_person('Dan', 'Ho', 'dan@example.com')]], 1, plan_roles(),
    plan_facts(['lang' => null, 'country' => null, 'mnethostid' => 3, 'now' => 1690000000]));
$plan->matchAccounts([]);
$plan->usernamePrefixes();
$plan->assignUsernames([]);
$row = $plan->newUserRows()[0];
echo json_encode([$row['auth'], $row['lang'], $row['country'], $row['mnethostid'], $row['timecreated'], $row['timemodified']]), "\n";
$plan = new ShopSetup\Plan(['student' => ['dan@example.com' => plan_person('Dan', 'Ho', 'dan@example.com')]], 1, plan_roles(),
    plan_facts(['auth' => 'email']));
$plan->matchAccounts([]);
$plan->usernamePrefixes();
$plan->assignUsernames([]);
echo $plan->newUserRows()[0]['auth'], "\n";
?>
--EXPECT--
-- prefixes: one per distinct base, matched people have none
["ann.lee","cat.roy"]
-- usernames: taken names compare case-insensitively, rows or strings
TypeError: ShopSetup\Plan::assignUsernames(): Argument #1 ($taken) must contain strings
TypeError: ShopSetup\Plan::assignUsernames(): Argument #1 ($taken) must contain strings
{"ann@example.com":"ann.lee2","ann.lee@example.org":"ann.lee3","cat@example.com":"cat.roy"}
-- user rows: only new accounts, Moodle column names, no password
array(21) {
  ["auth"]=>
  string(6) "manual"
  ["confirmed"]=>
  int(1)
  ["mnethostid"]=>
  int(1)
  ["username"]=>
  string(8) "ann.lee2"
  ["password"]=>
  string(15) "to be generated"
  ["firstname"]=>
  string(3) "Ann"
  ["lastname"]=>
  string(3) "Lee"
  ["email"]=>
  string(15) "ann@example.com"
  ["city"]=>
  string(5) "Paris"
  ["country"]=>
  string(2) "FR"
  ["lang"]=>
  string(2) "fr"
  ["institution"]=>
  string(4) "ACME"
  ["phone2"]=>
  string(4) "0601"
  ["calendartype"]=>
  string(9) "gregorian"
  ["maildisplay"]=>
  int(2)
  ["mailformat"]=>
  int(1)
  ["maildigest"]=>
  int(0)
  ["autosubscribe"]=>
  int(1)
  ["trackforums"]=>
  int(0)
  ["timecreated"]=>
  int(1699999000)
  ["timemodified"]=>
  int(1699999000)
}
ann.lee2 ann@example.com no password
ann.lee3 ann.lee@example.org no password
cat.roy cat@example.com no password
-- preferences need the new ids
ShopSetup\PlanException: newUserPreferenceRows: needs the ids of the new accounts
-- new ids: every new account, each id once
ShopSetup\PlanException: zz: is not a username of this plan
ShopSetup\PlanException: ann.lee2: user id must be positive
TypeError: ShopSetup\Plan::setNewUserIds(): Argument #1 ($idsByUsername) must map usernames to user ids
ShopSetup\PlanException: 7: is not a username of this plan
TypeError: ShopSetup\Plan::setNewUserIds(): Argument #1 ($idsByUsername) must map usernames to user ids
ShopSetup\PlanException: ann.lee3: new account has no id
ShopSetup\PlanException: user: user id 101 is given to two people
ShopSetup\PlanException: user: user id 77 is given to two people
{"ann@example.com":101,"ann.lee@example.org":102,"bob@example.com":77,"cat@example.com":103}
-- preferences: Moodle mails a generated password and forces a change
{"userid":101,"name":"create_password","value":"1"}
{"userid":101,"name":"auth_forcepasswordchange","value":"1"}
{"userid":102,"name":"create_password","value":"1"}
{"userid":102,"name":"auth_forcepasswordchange","value":"1"}
{"userid":103,"name":"create_password","value":"1"}
{"userid":103,"name":"auth_forcepasswordchange","value":"1"}
ann@example.com 101 'ann.lee2' created
ann.lee@example.org 102 'ann.lee3' created
bob@example.com 77 NULL matched
cat@example.com 103 'cat.roy' created
-- a username of digits only (nothing left of the names: the email's local part) is an int key in PHP
array(1) {
  [123]=>
  int(104)
}
{"123@example.com":104}
-- fact defaults: auth manual, lang en, no country
["manual","en","",3,1690000000,1690000000]
email
