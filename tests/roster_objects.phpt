--TEST--
Plan: participants and buckets given as objects (stdClass as local_shop stores them, or declared classes); a store of a declared class whose rows come as $DB gives them
--EXTENSIONS--
shopsetup
--FILE--
<?php
// Proves: participants are read from stdClass and declared-class objects (public initialised properties only); a run
// reads the rows of a store written as a PHP class, whatever iterable they come in and with every value a string.
require __DIR__ . '/fixtures/memory_store.inc';

// Objects of a declared class keep their properties in slots, not in the property table:
// the extension used to miss them ("must be a string" for every field).
class Participant {
    public $lastname = 'Lee';
    public $firstname = 'Ann';
    public $email = 'ann@example.com';
    public $city = 'Paris';
    public ?string $phone2;            // uninitialised: as if absent
    private $institution = 'hidden';   // not public: not read
}
echo "-- stdClass participants in a stdClass bucket, as local_shop stores them\n";
$bucket = new stdClass();
$bucket->{'bob@example.com'} = (object) ['lastname' => 'Smith', 'firstname' => 'Bob', 'email' => 'bob@example.com', 'city' => 'Lyon', 'phone2' => '0102'];
$plan = new ShopSetup\Plan(['student' => $bucket], 1, plan_roles(), plan_facts());
$p = $plan->people()[0];
echo $p['email'], ' ', $p['firstname'], ' ', $p['lastname'], ' ', $p['city'], ' ', $p['phone2'], "\n";

echo "-- declared classes\n";
$plan = new ShopSetup\Plan(['student' => ['ann@example.com' => new Participant()]], 1, plan_roles(), plan_facts());
$p = $plan->people()[0];
echo $p['email'], ' ', $p['firstname'], ' ', $p['lastname'], ' ', $p['city'], ' [', $p['phone2'], '] [', $p['institution'], "]\n";

echo "-- a store's rows as strings (as \$DB returns them), from a generator or an iterator\n";
foreach (['generator', 'iterator'] as $results) {
    $store = memory_store([
        'user' => [memory_account(77, 'ANN@example.com')],
        'user_enrolments' => [['id' => 3, 'status' => 0, 'enrolid' => 7, 'userid' => 77, 'timestart' => 1700000000, 'timeend' => 1702592000,
            'modifierid' => 2, 'timecreated' => 1, 'timemodified' => 1]],
        'context' => [memory_user_context(770, 77)],
        'groups' => [['id' => 9, 'courseid' => 12, 'idnumber' => 'TX-0001', 'name' => 'G', 'description' => '', 'descriptionformat' => 1,
            'timecreated' => 1, 'timemodified' => 1]],
        'groups_members' => [['groupid' => 9, 'userid' => 77, 'timeadded' => 1, 'component' => '', 'itemid' => 0],
            ['groupid' => 9, 'userid' => 50, 'timeadded' => 1, 'component' => '', 'itemid' => 0]],
    ], ['strings' => true, 'results' => $results, 'ids' => ['user_enrolments' => 8]]);
    $plan = new ShopSetup\Plan(['student' => ['ann@example.com' => new Participant()]], 1, plan_roles(), plan_facts());
    $report = $plan->run($store);
    $supervised = array_filter($store->rows('role_assignments'), fn($ra) => $ra['contextid'] === 770 && $ra['userid'] === 50);
    echo 'matched ', json_encode($report['users']['matched']), ', contexts created ', json_encode($report['contexts_created']),
        ', operator roles in context 770: ', count($supervised), ', group ', json_encode($report['group']), "\n";
    echo json_encode($report['enrolments']), ', ', count($report['group_members']), " member rows\n";
    $report = (new ShopSetup\Plan(['student' => ['ann@example.com' => new Participant()]], 1, plan_roles(), plan_facts()))->run($store);
    echo count($report['products']), " product rows once the references exist, ", count($store->rows('local_shop_product')), " in all\n";
}
?>
--EXPECT--
-- stdClass participants in a stdClass bucket, as local_shop stores them
bob@example.com Bob Smith Lyon 0102
-- declared classes
ann@example.com Ann Lee Paris [] []
-- a store's rows as strings (as $DB returns them), from a generator or an iterator
matched {"ann@example.com":77}, contexts created [], operator roles in context 770: 1, group {"id":9,"created":false}
{"created":{"50":8},"updated":[],"unchanged":1}, 0 member rows
0 product rows once the references exist, 1 in all
matched {"ann@example.com":77}, contexts created [], operator roles in context 770: 1, group {"id":9,"created":false}
{"created":{"50":8},"updated":[],"unchanged":1}, 0 member rows
0 product rows once the references exist, 1 in all
