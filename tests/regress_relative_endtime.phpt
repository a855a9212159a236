--TEST--
Regression (spec section 7, defect #1): relative endtime +ND / +NH is computed from the enrolment start
--EXTENSIONS--
shopsetup
--FILE--
<?php
// Defect #1 of the original handler: shop_compute_enrol_time()'s regexes for "+30D" / "+12H" have an unbalanced
// ")", so preg_match() fails with a warning and the end time comes back null. Here it must be start + N days/hours.
use function ShopSetup\decode_params;
use function ShopSetup\handler_config;

$now = 1700000000;
foreach (['endtime=+30D', 'endtime=+12H', 'endtime=%2B30D', 'endtime=+1d', 'endtime=+720h'] as $raw) {
    $config = handler_config(decode_params("coursename=SPOC1&supervisor=teacher&$raw"), ['now' => $now, 'orderref' => 'SO-1']);
    printf("%-16s start %d end %d (+%d s) %s\n", $raw, $config['starttime'], $config['endtime'], $config['endtime'] - $config['starttime'],
        json_encode($config['warnings']));
}

// From the course start when the course starts later, from starttime when given, and for renewable products too.
$config = handler_config(decode_params('coursename=SPOC1&supervisor=teacher&endtime=+30D'), ['now' => $now, 'coursestart' => 1710000000, 'orderref' => 'SO-1']);
echo $config['starttime'], ' ', $config['endtime'], "\n";
$config = handler_config(decode_params('coursename=SPOC1&supervisor=teacher&starttime=1800000000&endtime=+12H'), ['now' => $now, 'orderref' => 'SO-1']);
echo $config['starttime'], ' ', $config['endtime'], "\n";
$config = handler_config(decode_params('coursename=SPOC1&supervisor=teacher&endtime=+30D&duration=365'), ['now' => $now, 'renewable' => true, 'orderref' => 'SO-1']);
echo $config['starttime'], ' ', $config['endtime'], ' ', $config['duration'], "\n";

// The end feeds the plan: the enrolment row a run writes carries it.
require __DIR__ . '/fixtures/memory_store.inc';
$facts = ['courseid' => 2, 'coursecontextid' => 20, 'enrolid' => 3, 'operatorid' => 4, 'operatorcontextid' => 40,
    'mnethostid' => 1, 'timestart' => $config['starttime'], 'timeend' => $config['endtime'], 'now' => $now, 'supervisorroleid' => 4,
    'billitemid' => 6, 'groupidnumber' => 'SO-1', 'groupname' => 'SO-1'];
$plan = new ShopSetup\Plan(['student' => ['ann@example.com' => ['firstname' => 'Ann', 'lastname' => 'Lee', 'email' => 'ann@example.com']]], 1,
    ['student' => 5], $facts);
$store = memory_store(['user' => [memory_account(9, 'ann@example.com')]], [], $facts);
$plan->run($store);
foreach ($store->rows('user_enrolments') as $row) {
    echo $row['enrolid'], ' ', $row['userid'], ' ', $row['timestart'], ' ', $row['timeend'], "\n";
}
?>
--EXPECT--
endtime=+30D     start 1700000000 end 1702592000 (+2592000 s) []
endtime=+12H     start 1700000000 end 1700043200 (+43200 s) []
endtime=%2B30D   start 1700000000 end 1702592000 (+2592000 s) []
endtime=+1d      start 1700000000 end 1700086400 (+86400 s) []
endtime=+720h    start 1700000000 end 1702592000 (+2592000 s) []
1710000000 1712592000
1800000000 1800043200
1700000000 1702592000 365
3 9 1700000000 1702592000
3 4 1700000000 1702592000
