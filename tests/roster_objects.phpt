--TEST--
Plan: participants, buckets and DB rows given as objects (stdClass as local_shop and $DB return them, or declared classes)
--EXTENSIONS--
shopsetup
--FILE--
<?php
require __DIR__ . '/fixtures/plan.inc';

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
class AccountRow {
    public function __construct(public $id, public $email, public $suspended = '0') {}
}
class EnrolmentRow {
    public function __construct(public $id, public $userid, public $status, public $timestart, public $timeend) {}
}
class MemberRow {
    public function __construct(public $userid) {}
}
class ProductRow {
    public function __construct(public $reference) {}
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

echo "-- DB rows as objects of declared classes\n";
$report = $plan->matchAccounts([new AccountRow('77', 'ANN@example.com')]);
echo 'matched ', $report['matched'], ': ', json_encode($plan->userIds()), "\n";
$plan->usernamePrefixes();
$plan->assignUsernames([]);
$plan->setNewUserIds([]);
$changes = $plan->enrolmentChanges([new EnrolmentRow('3', '77', '0', '1700000000', '1702592000')]);
echo count($changes['insert']), ' insert(s) for user ', $changes['insert'][0]['userid'], ', unchanged ', $changes['unchanged'], "\n";
$plan->setEnrolmentIds([50 => 8]);
echo count($plan->groupMemberRows(9, [new MemberRow('77'), new MemberRow(50)])), " member rows\n";
$refs = array_column($plan->productRows([]), 'reference');
echo count($plan->productRows(array_map(fn($r) => new ProductRow($r), $refs))), " product rows once the references exist\n";
?>
--EXPECT--
-- stdClass participants in a stdClass bucket, as local_shop stores them
bob@example.com Bob Smith Lyon 0102
-- declared classes
ann@example.com Ann Lee Paris [] []
-- DB rows as objects of declared classes
matched 1: {"ann@example.com":77}
1 insert(s) for user 50, unchanged 1
0 member rows
0 product rows once the references exist
