--TEST--
Plan constructor: wrong types, malformed buckets and facts give a clear exception each time, never a warning
--EXTENSIONS--
shopsetup
--FILE--
<?php
declare(strict_types=1);

require __DIR__ . '/fixtures/plan.inc';

function attempt(string $title, $buckets, $seats = 10, $roles = null, $facts = null): void {
    echo $title, ': ';
    try {
        $plan = new ShopSetup\Plan($buckets, $seats, $roles ?? plan_roles(), $facts ?? plan_facts());
        echo 'ok, ', $plan->seatsUsed(), " seats\n";
    } catch (ShopSetup\RosterException $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
        plan_print_errors($e);
    } catch (Throwable $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
}
$ann = ['a@example.com' => plan_person('Ann', 'Lee', 'a@example.com')];

echo "-- argument types\n";
attempt('buckets string', 'student=a@example.com');
attempt('seats null', ['student' => $ann], null);
attempt('roles object', ['student' => $ann], 1, new stdClass());
try {
    new ShopSetup\Plan(['student' => $ann], 1, plan_roles());
} catch (ArgumentCountError $e) {
    echo $e->getMessage(), "\n";
}

echo "-- buckets\n";
attempt('integer bucket key', [0 => $ann]);
attempt('bucket is a string', ['student' => 'a@example.com']);
attempt('bucket is an int', ['student' => 3]);
attempt('bucket is null', ['student' => null]);
attempt('bucket is true', ['student' => true]);
attempt('bucket name with a NUL', ["stu\0dent" => $ann]);

echo "-- participants\n";
attempt('participant is an int', ['student' => ['a@example.com' => 7]]);
attempt('participant is a string', ['student' => ['a@example.com' => 'Ann Lee']]);
attempt('participant is a float', ['student' => ['a@example.com' => 1.5]]);
attempt('participant is a closure', ['student' => ['a@example.com' => fn() => 1]]);
$deep = [];
for ($i = 0; $i < 2000; $i++) {
    $deep = [$deep];
}
attempt('participant deeply nested', ['student' => ['a@example.com' => $deep]]);
attempt('field is an array', ['student' => ['a@example.com' => ['firstname' => ['Ann'], 'lastname' => 'Lee']]]);
attempt('field is an object', ['student' => ['a@example.com' => ['firstname' => 'Ann', 'lastname' => 'Lee', 'city' => new ArrayObject()]]]);
attempt('field is a bool', ['student' => ['a@example.com' => ['firstname' => 'Ann', 'lastname' => false]]]);
attempt('email is an array', ['student' => ['a@example.com' => ['firstname' => 'Ann', 'lastname' => 'Lee', 'email' => ['a@example.com']]]]);
attempt('numbers are read as text', ['student' => ['a@example.com' => ['firstname' => 'Ann', 'lastname' => 'Lee', 'phone2' => 612345678, 'city' => 75.5]]]);
attempt('NUL in a name', ['student' => ['a@example.com' => plan_person("Ann\0", 'Lee', 'a@example.com')]]);
attempt('NUL in the email', ['student' => ['a@example.com' => plan_person('Ann', 'Lee', "a@example.com\0")]]);
attempt('no-break space before the email', ['student' => ['a@example.com' => plan_person('Ann', 'Lee', "\xC2\xA0a@example.com")]]);
attempt('invalid UTF-8 in the city', ['student' => ['a@example.com' => plan_person('Ann', 'Lee', 'a@example.com', "\xE9vry")]]);
$ref = plan_person('Ann', 'Lee', 'a@example.com');
$list = ['a@example.com' => &$ref];
attempt('participants by reference', ['student' => &$list]);

echo "-- bucket roles\n";
attempt('role id is a word', ['student' => $ann], 1, ['student' => 'five']);
attempt('integer bucket', ['student' => $ann], 1, [5]);
attempt('role id 0', ['student' => $ann], 1, ['student' => 0]);
attempt('role id negative', ['student' => $ann], 1, ['student' => -5]);
attempt('role id as a numeric string', ['student' => $ann], 1, ['student' => '5']);

echo "-- facts\n";
foreach (['courseid', 'coursecontextid', 'enrolid', 'operatorid', 'operatorcontextid', 'mnethostid', 'timestart', 'timeend', 'now',
          'supervisorroleid', 'billitemid', 'groupidnumber', 'groupname'] as $required) {
    attempt("without $required", ['student' => $ann], 1, null, plan_facts([$required => null]));
}
attempt('unknown fact', ['student' => $ann], 1, null, plan_facts(['colour' => 'red']));
attempt('integer key', ['student' => $ann], 1, null, plan_facts() + [3 => 1]);
attempt('courseid a word', ['student' => $ann], 1, null, plan_facts(['courseid' => 'twelve']));
attempt('courseid a float', ['student' => $ann], 1, null, plan_facts(['courseid' => 12.0]));
attempt('courseid negative', ['student' => $ann], 1, null, plan_facts(['courseid' => -12]));
attempt('courseid 0', ['student' => $ann], 1, null, plan_facts(['courseid' => 0]));
attempt('operatorcontextid 0', ['student' => $ann], 1, null, plan_facts(['operatorcontextid' => '0']));
attempt('courseid as DML string', ['student' => $ann], 1, null, plan_facts(['courseid' => '12']));
attempt('groupname an int', ['student' => $ann], 1, null, plan_facts(['groupname' => 7]));
attempt('enroloperator a string', ['student' => $ann], 1, null, plan_facts(['enroloperator' => 'yes']));
attempt('test an int', ['student' => $ann], 1, null, plan_facts(['test' => 1]));
attempt('timeend before timestart', ['student' => $ann], 1, null, plan_facts(['timeend' => 1600000000]));
attempt('timeend equal to timestart', ['student' => $ann], 1, null, plan_facts(['timeend' => 1700000000]));
attempt('timeend 0: no end', ['student' => $ann], 1, null, plan_facts(['timeend' => 0]));
echo "done\n";
?>
--EXPECT--
-- argument types
buckets string: TypeError: ShopSetup\Plan::__construct(): Argument #1 ($buckets) must be of type array, string given
seats null: TypeError: ShopSetup\Plan::__construct(): Argument #2 ($seats) must be of type int, null given
roles object: TypeError: ShopSetup\Plan::__construct(): Argument #3 ($bucketRoles) must be of type array, stdClass given
ShopSetup\Plan::__construct() expects exactly 4 arguments, 3 given
-- buckets
integer bucket key: TypeError: ShopSetup\Plan::__construct(): Argument #1 ($buckets) must map bucket names to participants
bucket is a string: ShopSetup\RosterException: The participant list has 1 invalid entry: nothing was set up
student |  |  | bucket must map emails to participants
bucket is an int: ShopSetup\RosterException: The participant list has 1 invalid entry: nothing was set up
student |  |  | bucket must map emails to participants
bucket is null: ShopSetup\RosterException: The participant list has 1 invalid entry: nothing was set up
student |  |  | bucket must map emails to participants
bucket is true: ShopSetup\RosterException: The participant list has 1 invalid entry: nothing was set up
student |  |  | bucket must map emails to participants
bucket name with a NUL: ShopSetup\RosterException: The participant list has 1 invalid entry: nothing was set up
stu\000dent |  |  | bucket has no role: it is missing from the bucket roles
-- participants
participant is an int: ShopSetup\RosterException: The participant list has 1 invalid entry: nothing was set up
student | a@example.com |  | participant must be an array or an object
participant is a string: ShopSetup\RosterException: The participant list has 1 invalid entry: nothing was set up
student | a@example.com |  | participant must be an array or an object
participant is a float: ShopSetup\RosterException: The participant list has 1 invalid entry: nothing was set up
student | a@example.com |  | participant must be an array or an object
participant is a closure: ShopSetup\RosterException: The participant list has 2 invalid entries: nothing was set up
student | a@example.com | firstname | is required
student | a@example.com | lastname | is required
participant deeply nested: ShopSetup\RosterException: The participant list has 2 invalid entries: nothing was set up
student | a@example.com | firstname | is required
student | a@example.com | lastname | is required
field is an array: ShopSetup\RosterException: The participant list has 1 invalid entry: nothing was set up
student | a@example.com | firstname | must be a string
field is an object: ShopSetup\RosterException: The participant list has 1 invalid entry: nothing was set up
student | a@example.com | city | must be a string
field is a bool: ShopSetup\RosterException: The participant list has 1 invalid entry: nothing was set up
student | a@example.com | lastname | must be a string
email is an array: ShopSetup\RosterException: The participant list has 1 invalid entry: nothing was set up
student | a@example.com | email | must be a string
numbers are read as text: ok, 1 seats
NUL in a name: ShopSetup\RosterException: The participant list has 1 invalid entry: nothing was set up
student | a@example.com | firstname | contains a control character (byte 3)
NUL in the email: ShopSetup\RosterException: The participant list has 1 invalid entry: nothing was set up
student | a@example.com\000 | email | is not a valid email address
no-break space before the email: ShopSetup\RosterException: The participant list has 1 invalid entry: nothing was set up
student |  a@example.com | email | is not a valid email address
invalid UTF-8 in the city: ShopSetup\RosterException: The participant list has 1 invalid entry: nothing was set up
student | a@example.com | city | is not valid UTF-8 (byte 0)
participants by reference: ok, 1 seats
-- bucket roles
role id is a word: TypeError: ShopSetup\Plan::__construct(): Argument #3 ($bucketRoles) must map bucket names to role ids
integer bucket: TypeError: ShopSetup\Plan::__construct(): Argument #3 ($bucketRoles) must map bucket names to role ids
role id 0: ShopSetup\PlanException: student: role id must be positive
role id negative: ShopSetup\PlanException: student: role id must be positive
role id as a numeric string: ok, 1 seats
-- facts
without courseid: ShopSetup\PlanException: Plan facts: "courseid" is required
without coursecontextid: ShopSetup\PlanException: Plan facts: "coursecontextid" is required
without enrolid: ShopSetup\PlanException: Plan facts: "enrolid" is required
without operatorid: ShopSetup\PlanException: Plan facts: "operatorid" is required
without operatorcontextid: ShopSetup\PlanException: Plan facts: "operatorcontextid" is required
without mnethostid: ShopSetup\PlanException: Plan facts: "mnethostid" is required
without timestart: ShopSetup\PlanException: Plan facts: "timestart" is required
without timeend: ShopSetup\PlanException: Plan facts: "timeend" is required
without now: ShopSetup\PlanException: Plan facts: "now" is required
without supervisorroleid: ShopSetup\PlanException: Plan facts: "supervisorroleid" is required
without billitemid: ShopSetup\PlanException: Plan facts: "billitemid" is required
without groupidnumber: ShopSetup\PlanException: Plan facts: "groupidnumber" is required
without groupname: ShopSetup\PlanException: Plan facts: "groupname" is required
unknown fact: ShopSetup\PlanException: Plan facts: unknown fact "colour"
integer key: ShopSetup\PlanException: Plan facts: unknown fact "(integer key)"
courseid a word: ShopSetup\PlanException: Plan facts: "courseid" must be a non-negative int, string given
courseid a float: ShopSetup\PlanException: Plan facts: "courseid" must be a non-negative int, float given
courseid negative: ShopSetup\PlanException: Plan facts: "courseid" must not be negative, got -12
courseid 0: ShopSetup\PlanException: Plan facts: courseid, coursecontextid, enrolid, operatorid, operatorcontextid, supervisorroleid and billitemid must be positive
operatorcontextid 0: ShopSetup\PlanException: Plan facts: courseid, coursecontextid, enrolid, operatorid, operatorcontextid, supervisorroleid and billitemid must be positive
courseid as DML string: ok, 1 seats
groupname an int: ShopSetup\PlanException: Plan facts: "groupname" must be a string, int given
enroloperator a string: ShopSetup\PlanException: Plan facts: "enroloperator" must be a bool, string given
test an int: ShopSetup\PlanException: Plan facts: "test" must be a bool, int given
timeend before timestart: ShopSetup\PlanException: Plan facts: timeend must be 0 or after timestart
timeend equal to timestart: ShopSetup\PlanException: Plan facts: timeend must be 0 or after timestart
timeend 0: no end: ok, 1 seats
done