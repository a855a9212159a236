--TEST--
MysqlConnection misuse: a plan run twice, after preview() or after a run through another store, calls after close(), bad options
--EXTENSIONS--
mysqli
shopsetup
--SKIPIF--
<?php require __DIR__ . '/fixtures/db.inc'; shopsetup_test_db_skip(); ?>
--FILE--
<?php
// Proves: a plan runs once whichever store it is run through (the native MysqlConnection, a PHP store, preview()),
// a refused run writes nothing; a closed connection refuses every call; bad options are refused with their name.
require __DIR__ . '/fixtures/db_checks.inc';
require __DIR__ . '/fixtures/memory_store.inc';
$db = shopsetup_test_db('misuse');
$m = $db['mysqli'];

function attempt(string $what, callable $fn): void
{
    try {
        $result = $fn();
        echo "$what: ", is_array($result) ? 'ran' : 'ok', "\n";
    } catch (Throwable $e) {
        echo "$what: ", get_class($e), ': ', $e->getMessage(), "\n";
    }
}

$buckets = ['student' => ['ann@example.com' => shopsetup_test_person('Ann', 'Archer', 'ann@example.com')]];
$conn = new ShopSetup\MysqlConnection($db['options']);
$plan = new ShopSetup\Plan($buckets, 1, ['student' => 5], shopsetup_test_facts());
attempt('first run', fn() => $plan->run($conn));
$before = shopsetup_test_snapshot($m);
attempt('same plan again', fn() => $plan->run($conn));
attempt('same plan, other connection', fn() => $plan->run(new ShopSetup\MysqlConnection($db['options'])));

$spare = new MemoryStore();
attempt('same plan through a store', fn() => $plan->run($spare));
attempt('same plan, preview()', fn() => $plan->preview($spare));
echo 'calls to that store: ', count($spare->log()), "\n";

// A plan previewed, or run through another store (the Moodle plugin's way), is not run again.
$previewed = new ShopSetup\Plan($buckets, 1, ['student' => 5], shopsetup_test_facts());
$previewed->preview(new MemoryStore());
attempt('plan after preview()', fn() => $previewed->run($conn));
$elsewhere = new ShopSetup\Plan($buckets, 1, ['student' => 5], shopsetup_test_facts());
$memory = new MemoryStore(memory_site([], shopsetup_test_facts()));
attempt('plan run through a MemoryStore', fn() => $elsewhere->run($memory));
attempt('then through MysqlConnection', fn() => $elsewhere->run($conn));
echo 'rows: ', shopsetup_test_compare($before, shopsetup_test_snapshot($m)), "\n";

attempt('__construct() again', fn() => $conn->__construct($db['options']));
attempt('clone', fn() => clone $conn);
attempt('serialize', fn() => serialize($conn));

$conn->close();
attempt('close() again', fn() => $conn->close());
attempt('run() after close()', fn() => (new ShopSetup\Plan($buckets, 1, ['student' => 5], shopsetup_test_facts()))->run($conn));
attempt('serverInfo() after close()', fn() => $conn->serverInfo());
attempt('connectionId() after close()', fn() => $conn->connectionId());
echo 'rows: ', shopsetup_test_compare($before, shopsetup_test_snapshot($m)), "\n";

$options = $db['options'];
attempt('no user', fn() => new ShopSetup\MysqlConnection(array_diff_key($options, ['user' => 0])));
attempt('no database', fn() => new ShopSetup\MysqlConnection(array_diff_key($options, ['database' => 0])));
attempt('no options', fn() => new ShopSetup\MysqlConnection([]));
attempt('port as text', fn() => new ShopSetup\MysqlConnection(['port' => 'abc'] + $options));
attempt('negative lock_timeout', fn() => new ShopSetup\MysqlConnection(['lock_timeout' => -1] + $options));
attempt('host as int', fn() => new ShopSetup\MysqlConnection(['host' => 127] + $options));
attempt('NUL in password', fn() => new ShopSetup\MysqlConnection(['password' => "pw\0x"] + $options));
attempt('port as numeric string', fn() => (new ShopSetup\MysqlConnection(['port' => (string) $options['port']] + $options))->close());

$m->close();
shopsetup_test_db_drop('misuse');
?>
--CLEAN--
<?php
require __DIR__ . '/fixtures/db.inc';
shopsetup_test_db_drop('misuse');
?>
--EXPECT--
first run: ran
same plan again: ShopSetup\PlanException: run: a plan runs once: build a new one to run it again
same plan, other connection: ShopSetup\PlanException: run: a plan runs once: build a new one to run it again
same plan through a store: ShopSetup\PlanException: run: a plan runs once: build a new one to run it again
same plan, preview(): ShopSetup\PlanException: run: a plan runs once: build a new one to run it again
calls to that store: 0
plan after preview(): ShopSetup\PlanException: run: a plan runs once: build a new one to run it again
plan run through a MemoryStore: ran
then through MysqlConnection: ShopSetup\PlanException: run: a plan runs once: build a new one to run it again
rows: same
__construct() again: Error: Cannot call ShopSetup\MysqlConnection::__construct() twice
clone: Error: Trying to clone an uncloneable object of class ShopSetup\MysqlConnection
serialize: Exception: Serialization of 'ShopSetup\MysqlConnection' is not allowed
close() again: ok
run() after close(): ShopSetup\DatabaseException: The connection is closed
serverInfo() after close(): ShopSetup\DatabaseException: The connection is closed
connectionId() after close(): ShopSetup\DatabaseException: The connection is closed
rows: same
no user: ValueError: ShopSetup\MysqlConnection::__construct(): Argument #1 ($options) must contain "user" and "database"
no database: ValueError: ShopSetup\MysqlConnection::__construct(): Argument #1 ($options) must contain "user" and "database"
no options: ValueError: ShopSetup\MysqlConnection::__construct(): Argument #1 ($options) must contain "user" and "database"
port as text: ValueError: ShopSetup\MysqlConnection::__construct(): Argument #1 ($options) option "port" must be an int from 0 to 65535
negative lock_timeout: ValueError: ShopSetup\MysqlConnection::__construct(): Argument #1 ($options) option "lock_timeout" must be an int from 0 to 86400
host as int: ValueError: ShopSetup\MysqlConnection::__construct(): Argument #1 ($options) option "host" must be a string without NUL bytes
NUL in password: ValueError: ShopSetup\MysqlConnection::__construct(): Argument #1 ($options) option "password" must be a string without NUL bytes
port as numeric string: ok
