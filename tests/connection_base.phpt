--TEST--
NativeConnection: the common base of MysqlConnection and PgsqlConnection; a class of PHP code extending it has no connection and says so
--EXTENSIONS--
shopsetup
--FILE--
<?php
$base = new ReflectionClass(ShopSetup\NativeConnection::class);
var_dump($base->isAbstract(), $base->implementsInterface(ShopSetup\Store::class));
var_dump((new ReflectionClass(ShopSetup\MysqlConnection::class))->getParentClass()->getName());
var_dump(!class_exists(ShopSetup\PgsqlConnection::class)
    || (new ReflectionClass(ShopSetup\PgsqlConnection::class))->getParentClass()->getName() === ShopSetup\NativeConnection::class);
class Imitation extends ShopSetup\NativeConnection
{
}
$imitation = new Imitation();
foreach (['lock', 'serverInfo', 'connectionId', 'statements'] as $method) {
    try {
        $imitation->$method();
    } catch (ShopSetup\DatabaseException $e) {
        echo "$method: ", $e->getMessage(), "\n";
    }
}
$imitation->close();
try {
    require __DIR__ . '/fixtures/db_checks.inc';
    (new ShopSetup\Plan(['student' => ['a@example.com' => shopsetup_test_person('A', 'B', 'a@example.com')]], 1, ['student' => 5],
        shopsetup_test_facts()))->run($imitation);
} catch (ShopSetup\Exception $e) {
    echo 'run: ', get_class($e), ': ', $e->getMessage(), "\n";
}
try {
    $mysql = new ShopSetup\MysqlConnection(['user' => 'x', 'database' => 'y', 'port' => 1, 'host' => '127.0.0.1', 'connect_timeout' => 1]);
} catch (ShopSetup\DatabaseException $e) {
    echo "a connection that failed: no object\n";
}
?>
--EXPECT--
bool(true)
bool(true)
string(26) "ShopSetup\NativeConnection"
bool(true)
lock: The connection is closed
serverInfo: The connection is closed
connectionId: The connection is closed
statements: The connection is closed
run: ShopSetup\DatabaseException: The connection is closed
a connection that failed: no object
