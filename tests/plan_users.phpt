--TEST--
Plan::run() stages 2-3: usernames free in the site (as its collation compares), "user" rows without any password, ids read back and reported, user_preferences rows
--EXTENSIONS--
shopsetup
--FILE--
<?php
// Proves: only people without an account get one, each under the smallest free username (the store's taken names
// compared case-insensitively by the plan, then as the database's collation holds them equal), with Moodle's columns
// and no password; the ids the store gave are the ones reported, in people() and in the preference rows.
require __DIR__ . '/fixtures/memory_store.inc';

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
$store = memory_store(['user' => [
    memory_account(77, 'bob@example.com', 0, ['username' => 'ann.lee9']),
    memory_account(78, 'x1@example.com', 0, ['username' => 'ANN.LEE']),
    memory_account(79, 'x2@example.com', 0, ['username' => 'ann.lee1']),
    memory_account(80, 'x3@example.com', 0, ['username' => 'cat.roy2']),
    memory_account(81, 'x4@example.com', 0, ['username' => 'cat.roy', 'mnethostid' => 2]),   // another host: free here
    memory_account(82, 'x5@example.com', 0, ['username' => 'anne.lee']),
]], ['ids' => ['user' => 101]]);
$plan = new ShopSetup\Plan($buckets, 5, plan_roles(), plan_facts());
$report = $plan->run($store);

echo "-- taken names: the plan asks for one prefix per distinct base, none for matched people\n";
foreach ($store->calls('find') as [, $table, $columns, $conditions, $keyColumn, $match, $keys]) {
    if ($table === 'user' && $keyColumn === 'username' && $match === ShopSetup\Store::MATCH_CASELESS_PREFIX) {
        echo json_encode($columns), ' ', json_encode($conditions), ' ', json_encode($keys), "\n";
    }
}

echo "-- user rows: only new accounts, Moodle column names, no password\n";
$new = array_values(array_filter($store->rows('user'), fn($row) => $row['id'] >= 101));
var_dump($new[0]);
foreach ($new as $row) {
    echo $row['id'], ' ', $row['username'], ' ', $row['email'], ' ', $row['password'] === 'to be generated' ? 'no password' : 'PASSWORD', "\n";
}

echo "-- the report: created and matched, email => id\n";
echo json_encode($report['users']), "\n";

echo "-- preferences: Moodle mails a generated password and forces a change\n";
print_rows($store->rows('user_preferences'));
foreach ($plan->people() as $person) {
    echo $person['email'], ' ', $person['userid'], ' ', var_export($person['username'], true), ' ', $person['status'], "\n";
}

echo "-- the database's collation decides: names it holds equal to a taken one are taken\n";
// A case- and accent-insensitive PAD SPACE collation: "ｃａｔ.roy" (full-width) is cat.roy, "cat.roy1 " is cat.roy1.
$fold = fn(string $s): string => strtolower(rtrim(str_replace(['ｃ', 'ａ', 'ｔ'], ['c', 'a', 't'], $s), ' '));
$store = memory_store(['user' => [memory_account(60, 'x1@example.com', 0, ['username' => 'ｃａｔ.roy']),
    memory_account(61, 'x2@example.com', 0, ['username' => 'cat.roy1 '])]], ['collate' => $fold, 'ids' => ['user' => 101]]);
$plan = new ShopSetup\Plan(['student' => ['cat@example.com' => plan_person('Cat', 'Roy', 'cat@example.com')]], 1, plan_roles(), plan_facts());
$report = $plan->run($store);
echo json_encode($report['users']['created']), ' ', $plan->people()[0]['username'], ', ',
    count($store->calls('findKeys')) > 1 ? 'checked again after a collision' : 'checked once', "\n";

echo "-- a username of digits only (nothing left of the names: the email's local part) stays a string\n";
$store = memory_store([], ['ids' => ['user' => 104]]);
$plan = new ShopSetup\Plan(['student' => ['123@example.com' => plan_person('☺', '☺', '123@example.com')]], 1, plan_roles(), plan_facts());
$report = $plan->run($store);
var_dump($store->lastRow('user')['username'], $plan->people()[0]['username']);
echo json_encode($report['users']['created']), "\n";

echo "-- fact defaults: auth manual, lang en, no country; mnethostid 3: accounts and names of host 1 are not this host's\n";
$facts = plan_facts(['lang' => null, 'country' => null, 'mnethostid' => 3, 'now' => 1690000000]);
$store = memory_store(['user' => [memory_account(60, 'dan@example.com', 0, ['username' => 'dan.ho'])]], [], $facts);
$plan = new ShopSetup\Plan(['student' => ['dan@example.com' => plan_person('Dan', 'Ho', 'dan@example.com')]], 1, plan_roles(), $facts);
$report = $plan->run($store);
$row = $store->lastRow('user');
echo json_encode([$row['auth'], $row['lang'], $row['country'], $row['mnethostid'], $row['username'], $row['timecreated'], $row['timemodified']]), ' ',
    json_encode($report['users']['created']), "\n";
$store = memory_store();
(new ShopSetup\Plan(['student' => ['dan@example.com' => plan_person('Dan', 'Ho', 'dan@example.com')]], 1, plan_roles(),
    plan_facts(['auth' => 'email'])))->run($store);
echo $store->lastRow('user')['auth'], "\n";
?>
--EXPECT--
-- taken names: the plan asks for one prefix per distinct base, none for matched people
["username"] {"mnethostid":1} ["ann.lee","cat.roy"]
-- user rows: only new accounts, Moodle column names, no password
array(22) {
  ["id"]=>
  int(101)
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
101 ann.lee2 ann@example.com no password
102 ann.lee3 ann.lee@example.org no password
103 cat.roy cat@example.com no password
-- the report: created and matched, email => id
{"created":{"ann@example.com":101,"ann.lee@example.org":102,"cat@example.com":103},"matched":{"bob@example.com":77},"unsupervised":[],"suspended":[],"ambiguous":[]}
-- preferences: Moodle mails a generated password and forces a change
  id=1 userid=101 name=create_password value=1
  id=2 userid=101 name=auth_forcepasswordchange value=1
  id=3 userid=102 name=create_password value=1
  id=4 userid=102 name=auth_forcepasswordchange value=1
  id=5 userid=103 name=create_password value=1
  id=6 userid=103 name=auth_forcepasswordchange value=1
ann@example.com 101 'ann.lee2' created
ann.lee@example.org 102 'ann.lee3' created
bob@example.com 77 NULL matched
cat@example.com 103 'cat.roy' created
-- the database's collation decides: names it holds equal to a taken one are taken
{"cat@example.com":101} cat.roy2, checked again after a collision
-- a username of digits only (nothing left of the names: the email's local part) stays a string
string(3) "123"
string(3) "123"
{"123@example.com":104}
-- fact defaults: auth manual, lang en, no country; mnethostid 3: accounts and names of host 1 are not this host's
["manual","en","",3,"dan.ho",1690000000,1690000000] {"dan@example.com":61}
email
