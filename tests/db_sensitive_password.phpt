--TEST--
MysqlConnection: the options (password included) never reach an exception's trace
--EXTENSIONS--
mysqli
shopsetup
--INI--
zend.exception_ignore_args=0
--SKIPIF--
<?php require __DIR__ . '/fixtures/db.inc'; shopsetup_test_db_skip(); ?>
--FILE--
<?php
require __DIR__ . '/fixtures/db_checks.inc';
$db = shopsetup_test_db('sensitive_password');
$password = $db['options']['password'];

$show = function (string $what, Throwable $e) use ($password) {
    $trace = print_r($e->getTrace(), true) . $e->getTraceAsString() . (string) $e;
    echo "$what: ", get_class($e), ', password in the trace: ', str_contains($trace, $password) ? 'yes' : 'no', "\n";
    echo '  first argument: ', get_debug_type($e->getTrace()[0]['args'][0] ?? null), "\n";
};

try {
    new ShopSetup\MysqlConnection(['database' => 'shopsetup_sensitive_password_nosuchdb'] + $db['options']);
} catch (ShopSetup\DatabaseException $e) {
    $show('unknown database', $e);
}
try {
    new ShopSetup\MysqlConnection(['port' => 'not a port'] + $db['options']);
} catch (ValueError $e) {
    $show('bad option', $e);
}

$plan = new ShopSetup\Plan(['student' => ['ann@example.com' => shopsetup_test_person('Ann', 'Archer', 'ann@example.com')]],
    1, ['student' => 5], shopsetup_test_facts());
$conn = new ShopSetup\MysqlConnection($db['options']);
$plan->run($conn);
try {
    $plan->run($conn);
} catch (ShopSetup\Exception $e) {
    $show('run', $e);
}
$conn->close();
shopsetup_test_db_drop('sensitive_password');
?>
--CLEAN--
<?php
require __DIR__ . '/fixtures/db.inc';
shopsetup_test_db_drop('sensitive_password');
?>
--EXPECT--
unknown database: ShopSetup\DatabaseException, password in the trace: no
  first argument: SensitiveParameterValue
bad option: ValueError, password in the trace: no
  first argument: SensitiveParameterValue
run: ShopSetup\PlanException, password in the trace: no
  first argument: ShopSetup\MysqlConnection
