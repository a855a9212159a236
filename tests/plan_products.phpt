--TEST--
Plan::run() stage 6: one local_shop_product per seat with a deterministic XXXX-XXXX-XXXX-XXCC reference (a re-run adds nothing), one product event per product added
--EXTENSIONS--
shopsetup
--FILE--
<?php
// Proves: a run adds one product per (person, bucket) on that person's enrolment, with a valid reference that depends
// on the order line only (the same in another store, other for another bill item); products of the line already
// there (same bill item, contexttype userenrol) are not added again, and each product added gets its "billed" event.
require __DIR__ . '/fixtures/memory_store.inc';

$roster = [
    'student' => ['ann@example.com' => plan_person('Ann', 'Lee', 'ann@example.com'), 'bob@example.com' => plan_person('Bob', 'Ray', 'bob@example.com')],
    '_supervisor' => ['ann@example.com' => plan_person('Ann', 'Lee', 'ann@example.com')],
];
function store(array $products = []): MemoryStore {
    return memory_store([
        'user' => [memory_account(11, 'bob@example.com')],
        'user_enrolments' => [['id' => 21, 'status' => 0, 'enrolid' => 7, 'userid' => 11, 'timestart' => 1700000000, 'timeend' => 1702592000,
            'modifierid' => 2, 'timecreated' => 1, 'timemodified' => 1]],
        'local_shop_product' => $products,
    ], ['ids' => ['user' => 1000, 'user_enrolments' => 5000, 'local_shop_product' => 600, 'local_shop_productevent' => 90]]);
}
function run(MemoryStore $store, array $facts = []): array {
    global $roster;
    return (new ShopSetup\Plan($roster, 3, plan_roles(), plan_facts($facts)))->run($store);
}
function checksum_ok(string $reference): bool {
    $digits = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    if (!preg_match('/^([0-9A-Z]{4})-([0-9A-Z]{4})-([0-9A-Z]{4})-([0-9A-Z]{2})([0-9A-Z]{2})$/', $reference, $m)) {
        return false;
    }
    $sum = array_sum(array_map('ord', str_split($m[1] . $m[2] . $m[3] . $m[4])));
    return $m[5] === $digits[$sum % 36] . $digits[intdiv($sum, 36) % 36];
}
function product(string $reference, int $billitem = 900, string $contexttype = 'userenrol'): array {
    return ['catalogitemid' => 30, 'initialbillitemid' => $billitem, 'currentbillitemid' => $billitem, 'customerid' => 40,
        'contexttype' => $contexttype, 'instanceid' => 1, 'startdate' => 0, 'enddate' => 0, 'reference' => $reference,
        'productiondata' => '', 'extradata' => '', 'deleted' => 0, 'test' => 0];
}

echo "-- one row per (person, bucket)\n";
$store = store();
$report = run($store);
$rows = $store->rows('local_shop_product');
$first = $rows[0];
$first['reference'] = checksum_ok($first['reference']) ? 'XXXX-XXXX-XXXX-XXCC' : $first['reference'];
var_dump($first);
foreach ($rows as $row) {
    parse_str($row['productiondata'], $data);
    echo $row['id'], ' ', $row['instanceid'], ' ', checksum_ok($row['reference']) ? 'reference ok' : "bad reference {$row['reference']}", ' ', $data['userid'], ' ', $data['bucket'], ' ', $data['roleid'], "\n";
}
$references = array_column($rows, 'reference');
echo count(array_unique($references)), ' distinct references, reported ', json_encode($report['products']), "\n";

echo "-- product events for the products just added\n";
print_rows($store->rows('local_shop_productevent'));

echo "-- deterministic: the same order line gives the same references, so a re-run adds nothing\n";
$other = store();
run($other);
var_dump(array_column($other->rows('local_shop_product'), 'reference') === $references);
$report = run($store);
echo json_encode($report['products']), ' ', count($store->rows('local_shop_product')), ' products ', count($store->rows('local_shop_productevent')), " events\n";
echo "-- only the missing ones; products of another bill item or context type are not this line's\n";
$store = store([product($references[0]), product($references[1], 901), product($references[2], 900, 'course')]);
$report = run($store);
$added = array_slice($store->rows('local_shop_product'), 3);
echo json_encode(array_column($added, 'reference') === [$references[1], $references[2]]), ' ', json_encode($report['products']), ' ',
    json_encode(array_column($store->rows('local_shop_productevent'), 'productid')), "\n";
$store = store();
run($store, ['billitemid' => 901]);
echo count(array_intersect(array_column($store->rows('local_shop_product'), 'reference'), $references)), " references shared with another bill item\n";

echo "-- productiondata is URL-encoded; test flag; catalog item and customer default to 0\n";
$store = store();
run($store, ['coursename' => 'Cours n°1 & co', 'test' => true, 'catalogitemid' => null, 'customerid' => null, 'handler' => 'std_setuponecoursesession']);
$row = $store->rows('local_shop_product')[2];
echo $row['productiondata'], "\n";
parse_str($row['productiondata'], $data);
echo $data['coursename'], ' | ', $row['test'], ' ', $row['catalogitemid'], ' ', $row['customerid'], "\n";
?>
--EXPECT--
-- one row per (person, bucket)
array(14) {
  ["id"]=>
  int(600)
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
  string(148) "courseid=12&handler=std_setuponecoursesession&coursename=SPOC1&userid=1000&starttime=1700000000&endtime=1702592000&roleid=5&bucket=student&created=1"
  ["extradata"]=>
  string(0) ""
  ["deleted"]=>
  int(0)
  ["test"]=>
  int(0)
}
600 5000 reference ok 1000 student 5
601 21 reference ok 11 student 5
602 5000 reference ok 1000 _supervisor 4
3 distinct references, reported [600,601,602]
-- product events for the products just added
  id=90 productid=600 billitemid=900 eventtype=billed eventdata="" datecreated=1699999000
  id=91 productid=601 billitemid=900 eventtype=billed eventdata="" datecreated=1699999000
  id=92 productid=602 billitemid=900 eventtype=billed eventdata="" datecreated=1699999000
-- deterministic: the same order line gives the same references, so a re-run adds nothing
bool(true)
[] 3 products 3 events
-- only the missing ones; products of another bill item or context type are not this line's
true [603,604] [603,604]
0 references shared with another bill item
-- productiondata is URL-encoded; test flag; catalog item and customer default to 0
courseid=12&handler=std_setuponecoursesession&coursename=Cours%20n%C2%B01%20%26%20co&userid=1000&starttime=1700000000&endtime=1702592000&roleid=4&bucket=_supervisor&created=1
Cours n°1 & co | 1 0 0
