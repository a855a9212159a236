--TEST--
handler_config(): role buckets, tutor, mirror and cross roles, group name pattern, customer support, flags, unknown keys
--EXTENSIONS--
shopsetup
--FILE--
<?php
use function ShopSetup\decode_params;
use function ShopSetup\handler_config;

$context = ['now' => 1700000000, 'orderref' => 'SO-1234', 'courseshortname' => 'SPOC1'];
function pick(array $params, array $keys, array $context): void {
    $config = handler_config($params + ['coursename' => 'SPOC1', 'supervisor' => 'teacher'], $context);
    $out = [];
    foreach ($keys as $key) {
        $out[] = $key . '=' . json_encode($config[$key], JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE);
    }
    echo implode(' ', $out), "\n";
}

echo "-- requiredroles: student always first, supervisor becomes _supervisor, blanks and repeats dropped\n";
pick([], ['requiredroles'], $context);
pick(['requiredroles' => 'teacher,supervisor'], ['requiredroles'], $context);
pick(['requiredroles' => ' supervisor , ,teacher,student,teacher,_supervisor,'], ['requiredroles'], $context);
pick(['requiredroles' => ''], ['requiredroles'], $context);

echo "-- tutorrole defaults to teacher; mirrorrole defaults to student, \"\" disables it\n";
pick([], ['tutorrole', 'mirrorrole'], $context);
pick(['tutorrole' => 'editingteacher', 'mirrorrole' => 'guest'], ['tutorrole', 'mirrorrole'], $context);
pick(['tutorrole' => '', 'mirrorrole' => ''], ['tutorrole', 'mirrorrole'], $context);
pick(['mirrorrole' => '   '], ['mirrorrole'], $context);

echo "-- crossrole: as given, else the delegation block's owner role where it is installed, else the supervisor role\n";
pick([], ['crossrole'], $context);
pick(['supervisor' => 'editingteacher'], ['crossrole'], $context);
pick([], ['crossrole'], ['delegationrole' => 'courseowner'] + $context);
pick(['crossrole' => ' manager '], ['crossrole'], ['delegationrole' => 'courseowner'] + $context);
pick(['crossrole' => '  '], ['crossrole'], ['delegationrole' => ''] + $context);
pick([], ['crossrole'], ['delegationrole' => " \t "] + $context);

echo "-- groupname: default is the order reference; {orderref} and {course} expand\n";
pick([], ['groupname'], $context);
pick(['groupname' => '{course} - {orderref}'], ['groupname'], $context);
pick(['groupname' => 'Session {orderref} ({orderref})'], ['groupname'], $context);
pick(['groupname' => 'Fixed name'], ['groupname'], $context);
pick(['groupname' => '  '], ['groupname'], $context);
pick(['groupname' => 'Élèves {course}'], ['groupname'], ['courseshortname' => 'Cours n°1'] + $context);

echo "-- customersupport: id or shortname as given, null when absent\n";
pick([], ['customersupport'], $context);
pick(['customersupport' => '12'], ['customersupport'], $context);
pick(['customersupport' => ' SUPPORT '], ['customersupport'], $context);
pick(['customersupport' => ''], ['customersupport'], $context);

echo "-- autoenrolsupervisor: on unless switched off\n";
foreach (['', '1', 'yes', 'true', 'on', '0', 'no', 'false', 'off'] as $value) {
    $config = handler_config(['coursename' => 'SPOC1', 'supervisor' => 'teacher', 'autoenrolsupervisor' => $value], $context);
    echo json_encode($value), ' => ', var_export($config['autoenrolsupervisor'], true), "\n";
}
var_dump(handler_config(['coursename' => 'SPOC1', 'supervisor' => 'teacher'], $context)['autoenrolsupervisor']);

echo "-- unknown keys are warnings, not errors; the original's thumbnail keys are known\n";
$config = handler_config(['coursename' => 'SPOC1', 'courseid' => '3', 'courseidnumber' => 'X', 'Supervisor' => 'x', 'colour' => 'red', 7 => 'x'], $context);
echo implode("\n", $config['warnings']), "\n";

echo "-- decode_params() then handler_config(), as the plugin does\n";
$params = decode_params('coursename=SPOC1&supervisor=teacher&endtime=%2B12H&groupname=%7Bcourse%7D%20%E2%80%93%20%7Borderref%7D&requiredroles=teacher,supervisor&autoenrolsupervisor');
$config = handler_config($params, $context + ['coursestart' => 1700003600]);
echo $config['starttime'], ' ', $config['endtime'], ' ', $config['groupname'], ' ', implode(',', $config['requiredroles']), ' ', var_export($config['autoenrolsupervisor'], true), ' ', json_encode($config['warnings']), "\n";
?>
--EXPECT--
-- requiredroles: student always first, supervisor becomes _supervisor, blanks and repeats dropped
requiredroles=["student"]
requiredroles=["student","teacher","_supervisor"]
requiredroles=["student","_supervisor","teacher"]
requiredroles=["student"]
-- tutorrole defaults to teacher; mirrorrole defaults to student, "" disables it
tutorrole="teacher" mirrorrole="student"
tutorrole="editingteacher" mirrorrole="guest"
tutorrole="teacher" mirrorrole=""
mirrorrole=""
-- crossrole: as given, else the delegation block's owner role where it is installed, else the supervisor role
crossrole="teacher"
crossrole="editingteacher"
crossrole="courseowner"
crossrole="manager"
crossrole="teacher"
crossrole="teacher"
-- groupname: default is the order reference; {orderref} and {course} expand
groupname="SO-1234"
groupname="SPOC1 - SO-1234"
groupname="Session SO-1234 (SO-1234)"
groupname="Fixed name"
groupname="SO-1234"
groupname="Élèves Cours n°1"
-- customersupport: id or shortname as given, null when absent
customersupport=null
customersupport="12"
customersupport="SUPPORT"
customersupport=""
-- autoenrolsupervisor: on unless switched off
"" => true
"1" => true
"yes" => true
"true" => true
"on" => true
"0" => false
"no" => false
"false" => false
"off" => false
bool(true)
-- unknown keys are warnings, not errors; the original's thumbnail keys are known
supervisor is not set: the operator gets the role "teacher"
unknown key "Supervisor" is ignored
unknown key "colour" is ignored
unknown key "7" is ignored
-- decode_params() then handler_config(), as the plugin does
1700003600 1700046800 SPOC1 – SO-1234 student,teacher,_supervisor true []
