--TEST--
MysqlConnection: numeric options are range-checked (a port above 65535 no longer wraps to another port)
--EXTENSIONS--
mysqli
shopsetup
--SKIPIF--
<?php require __DIR__ . '/fixtures/db.inc'; shopsetup_test_db_skip(); ?>
--FILE--
<?php
require __DIR__ . '/fixtures/db.inc';
$db = shopsetup_test_db('option_ranges');
$options = $db['options'];
$cases = [
    'port' => [$options['port'] + 65536, 65536, -1, '70000'],
    'connect_timeout' => [86401, PHP_INT_MAX, -1],
    'lock_timeout' => [86401, 4294967297, -1],
];
foreach ($cases as $name => $values) {
    foreach ($values as $value) {
        try {
            $conn = new ShopSetup\MysqlConnection([$name => $value] + $options);
            echo "$name ", var_export($value, true), ": connected\n";
            $conn->close();
        } catch (Throwable $e) {
            echo "$name ", var_export($value, true), ': ', get_class($e), ': ', $e->getMessage(), "\n";
        }
    }
}
foreach (['port' => $options['port'], 'connect_timeout' => 86400, 'lock_timeout' => 86400] as $name => $value) {
    $conn = new ShopSetup\MysqlConnection([$name => $value] + $options);
    echo "$name at its bound: connected\n";
    $conn->close();
}
shopsetup_test_db_drop('option_ranges');
?>
--CLEAN--
<?php
require __DIR__ . '/fixtures/db.inc';
shopsetup_test_db_drop('option_ranges');
?>
--EXPECTF--
port %d: ValueError: ShopSetup\MysqlConnection::__construct(): Argument #1 ($options) option "port" must be an int from 0 to 65535
port 65536: ValueError: ShopSetup\MysqlConnection::__construct(): Argument #1 ($options) option "port" must be an int from 0 to 65535
port -1: ValueError: ShopSetup\MysqlConnection::__construct(): Argument #1 ($options) option "port" must be an int from 0 to 65535
port '70000': ValueError: ShopSetup\MysqlConnection::__construct(): Argument #1 ($options) option "port" must be an int from 0 to 65535
connect_timeout 86401: ValueError: ShopSetup\MysqlConnection::__construct(): Argument #1 ($options) option "connect_timeout" must be an int from 0 to 86400
connect_timeout %d: ValueError: ShopSetup\MysqlConnection::__construct(): Argument #1 ($options) option "connect_timeout" must be an int from 0 to 86400
connect_timeout -1: ValueError: ShopSetup\MysqlConnection::__construct(): Argument #1 ($options) option "connect_timeout" must be an int from 0 to 86400
lock_timeout 86401: ValueError: ShopSetup\MysqlConnection::__construct(): Argument #1 ($options) option "lock_timeout" must be an int from 0 to 86400
lock_timeout 4294967297: ValueError: ShopSetup\MysqlConnection::__construct(): Argument #1 ($options) option "lock_timeout" must be an int from 0 to 86400
lock_timeout -1: ValueError: ShopSetup\MysqlConnection::__construct(): Argument #1 ($options) option "lock_timeout" must be an int from 0 to 86400
port at its bound: connected
connect_timeout at its bound: connected
lock_timeout at its bound: connected
