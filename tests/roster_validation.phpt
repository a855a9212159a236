--TEST--
Plan roster: every invalid row is reported (bucket, email, field, reason) in one RosterException
--EXTENSIONS--
shopsetup
--FILE--
<?php
require __DIR__ . '/fixtures/plan.inc';

$buckets = [
    'student' => [
        'ok@example.com' => plan_person('Ann', 'Lee', 'ok@example.com'),
        'nofirst@example.com' => plan_person('  ', 'Lee', 'nofirst@example.com'),
        'nolast@example.com' => ['firstname' => 'Bob', 'email' => 'nolast@example.com', 'city' => 'Lyon'],
        'none@example.com' => ['email' => 'none@example.com', 'firstname' => null, 'lastname' => "\t"],
        'ctl@example.com' => plan_person("An\x07n", 'Lee', 'ctl@example.com', "Paris\x7F"),
        'utf@example.com' => plan_person('Ann', "L\xC3e", 'utf@example.com'),
        'bad-email' => plan_person('Ann', 'Lee', 'not an email'),
        0 => ['firstname' => 'No', 'lastname' => 'Email'],
        'tab@example.com' => plan_person("Ann\tMarie", 'Lee', 'tab@example.com'),   // a tab is allowed
        'c1@example.com' => plan_person('Ann', "Lee\u{85}", 'c1@example.com'),       // C1 control (NEL)
        'nul@example.com' => plan_person('Ann', 'Lee', 'nul@example.com', "Pa\0ris"),
    ],
    'teacher' => [
        'x@example.com' => 42,
        'y@example.com' => ['firstname' => ['A'], 'lastname' => new stdClass(), 'email' => 'y@example.com', 'phone2' => true],
        'z@example.com' => null,
    ],
    'nobody' => [
        'z@example.com' => plan_person('Zoe', 'Ray', 'z@example.com'),
    ],
    '_supervisor' => 'not a list',
];
try {
    new ShopSetup\Plan($buckets, 100, plan_roles(), plan_facts());
    echo "no exception\n";
} catch (ShopSetup\RosterException $e) {
    var_dump($e instanceof ShopSetup\Exception);
    echo $e->getMessage(), "\n";
    plan_print_errors($e);
    echo "-- one entry\n";
    var_dump($e->getErrors()[0]);
    var_dump(count($e->getErrors()));
}
?>
--EXPECT--
bool(true)
The participant list has 18 invalid entries: nothing was set up
student | nofirst@example.com | firstname | is required
student | nolast@example.com | lastname | is required
student | none@example.com | firstname | is required
student | none@example.com | lastname | is required
student | ctl@example.com | firstname | contains a control character (byte 2)
student | ctl@example.com | city | contains a control character (byte 5)
student | utf@example.com | lastname | is not valid UTF-8 (byte 1)
student | not an email | email | is not a valid email address
student |  | email | is required
student | c1@example.com | lastname | contains a control character (byte 3)
student | nul@example.com | city | contains a control character (byte 2)
teacher | x@example.com |  | participant must be an array or an object
teacher | y@example.com | firstname | must be a string
teacher | y@example.com | lastname | must be a string
teacher | y@example.com | phone2 | must be a string
teacher | z@example.com |  | participant must be an array or an object
nobody |  |  | bucket has no role: it is missing from the bucket roles
_supervisor |  |  | bucket must map emails to participants
-- one entry
array(4) {
  ["bucket"]=>
  string(7) "student"
  ["email"]=>
  string(19) "nofirst@example.com"
  ["field"]=>
  string(9) "firstname"
  ["reason"]=>
  string(11) "is required"
}
int(18)
