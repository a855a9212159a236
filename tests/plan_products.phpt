--TEST--
Plan stage 6: one local_shop_product per seat with a deterministic XXXX-XXXX-XXXX-XXCC reference (a re-run adds nothing), product events
--EXTENSIONS--
shopsetup
--FILE--
<?php
require __DIR__ . '/fixtures/plan.inc';

function build(array $facts = []): ShopSetup\Plan {
    $plan = new ShopSetup\Plan([
        'student' => ['ann@example.com' => plan_person('Ann', 'Lee', 'ann@example.com'), 'bob@example.com' => plan_person('Bob', 'Ray', 'bob@example.com')],
        '_supervisor' => ['ann@example.com' => plan_person('Ann', 'Lee', 'ann@example.com')],
    ], 3, plan_roles(), plan_facts($facts));
    plan_drive($plan, [['id' => 11, 'email' => 'bob@example.com', 'suspended' => 0]],
        [['id' => 21, 'userid' => 11, 'status' => 0, 'timestart' => 1700000000, 'timeend' => 1702592000]]);
    return $plan;
}
function checksum_ok(string $reference): bool {
    $digits = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    if (!preg_match('/^([0-9A-Z]{4})-([0-9A-Z]{4})-([0-9A-Z]{4})-([0-9A-Z]{2})([0-9A-Z]{2})$/', $reference, $m)) {
        return false;
    }
    $sum = array_sum(array_map('ord', str_split($m[1] . $m[2] . $m[3] . $m[4])));
    return $m[5] === $digits[$sum % 36] . $digits[intdiv($sum, 36) % 36];
}

echo "-- products come after the enrolment ids\n";
$plan = new ShopSetup\Plan(['student' => ['ann@example.com' => plan_person('Ann', 'Lee', 'ann@example.com')]], 1, plan_roles(), plan_facts());
plan_expect_throw(fn() => $plan->productRows([]));
plan_expect_throw(fn() => $plan->productEventRows([]));

echo "-- one row per (person, bucket)\n";
$plan = build();
$rows = $plan->productRows([]);
$first = $rows[0];
$first['reference'] = checksum_ok($first['reference']) ? 'XXXX-XXXX-XXXX-XXCC' : $first['reference'];
var_dump($first);
foreach ($rows as $row) {
    parse_str($row['productiondata'], $data);
    echo $row['instanceid'], ' ', checksum_ok($row['reference']) ? 'reference ok' : "bad reference {$row['reference']}", ' ', $data['userid'], ' ', $data['bucket'], ' ', $data['roleid'], "\n";
}
$references = array_column($rows, 'reference');
echo count(array_unique($references)), " distinct references\n";

echo "-- deterministic: the same order line gives the same references, so a re-run adds nothing\n";
var_dump(array_column(build()->productRows([]), 'reference') === $references);
echo count(build()->productRows($references)), " rows when all exist\n";
echo json_encode(array_column(build()->productRows(new ArrayIterator([$references[0], (object) ['reference' => $references[2]]])), 'reference') === [$references[1]]), "\n";
$other = array_column(build(['billitemid' => 901])->productRows([]), 'reference');
echo count(array_intersect($other, $references)), " references shared with another bill item\n";
plan_expect_throw(fn() => $plan->productRows([42]));

echo "-- productiondata is URL-encoded; test flag; catalog item and customer default to 0\n";
$plan = build(['coursename' => 'Cours n°1 & co', 'test' => true, 'catalogitemid' => null, 'customerid' => null, 'handler' => 'std_setuponecoursesession']);
$row = $plan->productRows([])[2];
echo $row['productiondata'], "\n";
parse_str($row['productiondata'], $data);
echo $data['coursename'], ' | ', $row['test'], ' ', $row['catalogitemid'], ' ', $row['customerid'], "\n";

echo "-- product events for the products just added\n";
plan_expect_throw(fn() => $plan->productEventRows([5 => 1]));
plan_expect_throw(fn() => $plan->productEventRows(['ABCD-EFGH-IJKL-MNOP' => 0]));
foreach ($plan->productEventRows(['ABCD-EFGH-IJKL-MN00' => 601, 'ZZZZ-EFGH-IJKL-MN00' => '602']) as $row) {
    echo json_encode($row), "\n";
}
echo json_encode($plan->productEventRows([])), "\n";
?>
--EXPECT--
-- products come after the enrolment ids
ShopSetup\PlanException: productRows: comes after setEnrolmentIds()
ShopSetup\PlanException: productEventRows: comes after setEnrolmentIds()
-- one row per (person, bucket)
array(13) {
  ["catalogitemid"]=>
  int(30)
  ["initialbillitemid"]=>
  int(900)
  ["currentbillitemid"]=>
  int(900)
  ["customerid"]=>
  int(40)
  ["contexttype"]=>
  string(9) "userenrol"
  ["instanceid"]=>
  int(5000)
  ["startdate"]=>
  int(1700000000)
  ["enddate"]=>
  int(1702592000)
  ["reference"]=>
  string(19) "XXXX-XXXX-XXXX-XXCC"
  ["productiondata"]=>
  string(138) "courseid=12&handler=std_setuponecoursesession&coursename=SPOC1&userid=1000&starttime=1700000000&endtime=1702592000&roleid=5&bucket=student"
  ["extradata"]=>
  string(0) ""
  ["deleted"]=>
  int(0)
  ["test"]=>
  int(0)
}
5000 reference ok 1000 student 5
21 reference ok 11 student 5
5000 reference ok 1000 _supervisor 4
3 distinct references
-- deterministic: the same order line gives the same references, so a re-run adds nothing
bool(true)
0 rows when all exist
true
0 references shared with another bill item
TypeError: ShopSetup\Plan::productRows(): Argument #1 ($existingReferences) must contain strings
-- productiondata is URL-encoded; test flag; catalog item and customer default to 0
courseid=12&handler=std_setuponecoursesession&coursename=Cours%20n%C2%B01%20%26%20co&userid=1000&starttime=1700000000&endtime=1702592000&roleid=4&bucket=_supervisor
Cours n°1 & co | 1 0 0
-- product events for the products just added
TypeError: ShopSetup\Plan::productEventRows(): Argument #1 ($productIdsByReference) must map product references to product ids
ShopSetup\PlanException: ABCD-EFGH-IJKL-MNOP: product id must be positive
{"productid":601,"billitemid":900,"eventtype":"billed","eventdata":"","datecreated":1699999000}
{"productid":602,"billitemid":900,"eventtype":"billed","eventdata":"","datecreated":1699999000}
[]
