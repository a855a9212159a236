--TEST--
Plan roster: emails trimmed and lower-cased, one person per email, several buckets = several roles, repeats merged, notices
--EXTENSIONS--
shopsetup
--FILE--
<?php
require __DIR__ . '/fixtures/plan.inc';

$buckets = [
    'student' => [
        'ann@example.com' => plan_person('  Ann ', ' Lee', ' Ann@Example.COM ', ' Paris '),
        'bob@example.com' => (object) plan_person('Bob', 'Smith', 'bob@example.com', 'Lyon', ['institution' => ' ACME ', 'phone2' => '+33 1 23']),
        // the same address again in the same bucket, under another key: merged, no second seat
        'ANN@example.com' => plan_person('Annie', 'Lee', 'ann@EXAMPLE.com', 'Nice'),
    ],
    'teacher' => [
        'Ann@example.com' => plan_person('Ann', 'Lee', "\tann@example.com\n"),
        // no email field: the key is the address
        'carl@example.com' => ['lastname' => 'Roy', 'firstname' => 'Carl', 'city' => 'Metz'],
    ],
    '_supervisor' => [
        'bob@example.com' => (object) plan_person('Bob', 'Smith', 'BOB@example.com'),
    ],
];
$plan = new ShopSetup\Plan($buckets, 5, plan_roles(), plan_facts());

echo "emails: ", implode(' ', $plan->emails()), "\n";
echo "seats used: ", $plan->seatsUsed(), "\n";
echo "-- people\n";
foreach ($plan->people() as $person) {
    printf("%s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s\n", $person['email'], $person['firstname'], $person['lastname'],
        $person['city'], $person['institution'], $person['phone2'], implode(',', $person['buckets']), implode(',', $person['roleids']),
        var_export($person['userid'], true), var_export($person['username'], true), $person['status']);
}
echo "-- notices\n";
foreach ($plan->notices() as $notice) {
    printf("%s | %s | %s | %s\n", $notice['email'], implode(',', $notice['buckets']), $notice['kind'], $notice['message']);
}
echo "-- the seats are the (person, bucket) pairs: 5 is enough, 4 is not\n";
plan_expect_throw(fn() => new ShopSetup\Plan($buckets, 4, plan_roles(), plan_facts()));
?>
--EXPECT--
emails: ann@example.com bob@example.com carl@example.com
seats used: 5
-- people
ann@example.com | Ann | Lee | Paris |  |  | student,teacher | 5,4 | NULL | NULL | unresolved
bob@example.com | Bob | Smith | Lyon | ACME | +33 1 23 | student,_supervisor | 5,4 | NULL | NULL | unresolved
carl@example.com | Carl | Roy | Metz |  |  | teacher | 4 | NULL | NULL | unresolved
-- notices
ann@example.com | student,teacher | repeat | listed twice in bucket "student": merged into one seat; names differ, kept "Ann Lee"
ann@example.com | student,teacher | several_buckets | in buckets "student" and "teacher": one account, one seat per bucket
bob@example.com | student,_supervisor | several_buckets | in buckets "student" and "_supervisor": one account, one seat per bucket
-- the seats are the (person, bucket) pairs: 5 is enough, 4 is not
ShopSetup\RosterException: The order needs 5 seats (one per participant and role) but 4 were bought: nothing was set up
