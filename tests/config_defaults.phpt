--TEST--
handler_config(): defaults for a minimal product, start = max(now, course start), values trimmed
--EXTENSIONS--
shopsetup
--FILE--
<?php
use function ShopSetup\handler_config;

function show(array $config): void {
    foreach ($config as $key => $value) {
        echo $key, ': ', json_encode($value, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE), "\n";
    }
}

$now = 1700000000;
echo "-- only coursename\n";
show(handler_config(['coursename' => 'SPOC1'], ['now' => $now, 'orderref' => 'SO-1234']));

echo "-- course starts later: the enrolment starts with it\n";
$c = handler_config(['coursename' => 'SPOC1', 'supervisor' => 'teacher'], ['now' => $now, 'coursestart' => $now + 86400, 'orderref' => 'SO-1234']);
var_dump($c['starttime'] === $now + 86400, $c['endtime'], $c['warnings']);

echo "-- course started earlier: the enrolment starts now\n";
$c = handler_config(['coursename' => 'SPOC1', 'supervisor' => 'teacher'], ['now' => $now, 'coursestart' => $now - 86400, 'orderref' => 'SO-1234']);
var_dump($c['starttime'] === $now);

echo "-- values are trimmed; null context entries count as absent\n";
$c = handler_config(['coursename' => " SPOC1\t", 'supervisor' => ' editingteacher '], ['now' => $now, 'coursestart' => null, 'orderref' => 'SO-1', 'courseshortname' => null]);
var_dump($c['coursename'], $c['supervisor'], $c['starttime'] === $now, $c['warnings']);

echo "-- a blank supervisor is the default, with the warning\n";
$c = handler_config(['coursename' => 'SPOC1', 'supervisor' => '  '], ['now' => $now, 'orderref' => 'SO-1']);
var_dump($c['supervisor'], $c['warnings']);

echo "-- an int value is read as its decimal string\n";
$c = handler_config(['coursename' => 42, 'supervisor' => 'teacher', 'starttime' => 1800000000], ['now' => $now, 'orderref' => 'SO-1']);
var_dump($c['coursename'], $c['starttime']);
?>
--EXPECT--
-- only coursename
coursename: "SPOC1"
supervisor: "teacher"
customersupport: null
starttime: 1700000000
endtime: 0
duration: null
autoenrolsupervisor: true
requiredroles: ["student"]
tutorrole: "teacher"
mirrorrole: "student"
crossrole: "teacher"
superviseexisting: "unprivileged"
groupname: "SO-1234"
warnings: ["supervisor is not set: the operator gets the role \"teacher\""]
-- course starts later: the enrolment starts with it
bool(true)
int(0)
array(0) {
}
-- course started earlier: the enrolment starts now
bool(true)
-- values are trimmed; null context entries count as absent
string(5) "SPOC1"
string(14) "editingteacher"
bool(true)
array(0) {
}
-- a blank supervisor is the default, with the warning
string(7) "teacher"
array(1) {
  [0]=>
  string(59) "supervisor is not set: the operator gets the role "teacher""
}
-- an int value is read as its decimal string
string(2) "42"
int(1800000000)
