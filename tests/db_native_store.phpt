--TEST--
MysqlConnection implements ShopSetup\Store: lock, begin, insert, update, find, findKeys, commit and rollback from PHP on the native store; names checked, values typed; Plan::run() is the one way into the driver
--EXTENSIONS--
mysqli
shopsetup
--SKIPIF--
<?php require __DIR__ . '/fixtures/db.inc'; shopsetup_test_db_skip(); ?>
--FILE--
<?php
require __DIR__ . '/fixtures/db_checks.inc';
$db = shopsetup_test_db('native_store');
$conn = new ShopSetup\MysqlConnection($db['options']);
echo 'a Store: ', $conn instanceof ShopSetup\Store ? 'yes' : 'no', "\n";
$flag = fn(string $name, string $value) => ['flagtype' => 'test', 'name' => $name, 'value' => $value, 'expiry' => 100, 'timemodified' => 50];

$conn->lock();
$conn->begin();
$conn->insert('cache_flags', [$flag('ann', '1'), $flag('bob', '2'), $flag('cid', '3')]);
$conn->commit();
$conn->begin();
$conn->insert('cache_flags', [$flag('dan', '4')]);
$conn->rollback();
$conn->unlock();
$rows = $conn->find('cache_flags', ['id', 'name', 'value'], ['flagtype' => 'test'], 'name', ShopSetup\Store::MATCH_EQUAL, ['bob', 'cid', 'dan']);
echo 'found: ', json_encode(array_map(fn($row) => array_slice($row, 1), $rows)), "\n";
echo 'values as text: ', is_string($rows[0][0]) ? 'yes' : 'no', "\n";
echo 'every row: ', count($conn->find('cache_flags', ['name'], [], '', 0, [])), "\n";
echo 'by prefix: ', json_encode($conn->find('cache_flags', ['name'], [], 'name', ShopSetup\Store::MATCH_CASELESS_PREFIX, ['a', 'c'])), "\n";
echo 'keys the collation holds equal: ', json_encode($conn->findKeys('cache_flags', ['flagtype' => 'test'], 'name', ['ANN', 'zed', 'Bob '])), "\n";
$conn->update('cache_flags', [['id' => (int) $rows[0][0], 'value' => 'two', 'expiry' => 200]]);
echo 'updated: ', json_encode($conn->find('cache_flags', ['value', 'expiry'], ['name' => 'bob'], '', 0, [])), "\n";
echo 'statements counted: ', $conn->statements() > 0 ? 'yes' : 'no', "\n";

echo "--- bad input\n";
$attempts = [
    'a table name with SQL' => fn() => $conn->find('cache_flags`; DROP TABLE x; --', ['id'], [], '', 0, []),
    'an upper-case column' => fn() => $conn->find('cache_flags', ['ID'], [], '', 0, []),
    'a null value' => fn() => $conn->insert('cache_flags', [['flagtype' => null]]),
    'rows of different columns' => fn() => $conn->insert('cache_flags', [$flag('eve', '5'), ['flagtype' => 'x']]),
    'mixed keys' => fn() => $conn->find('cache_flags', ['id'], [], 'name', ShopSetup\Store::MATCH_EQUAL, ['a', 1]),
    'an unknown match' => fn() => $conn->find('cache_flags', ['id'], [], 'name', 9, []),
    'a row that is not an array' => fn() => $conn->update('cache_flags', ['x']),
    'a missing table' => fn() => $conn->insert('no_such_table', [['a' => 1]]),
];
foreach ($attempts as $what => $fn) {
    try {
        $fn();
        echo "$what: accepted\n";
    } catch (Throwable $e) {
        echo "$what: ", get_class($e), ': ', preg_replace('/MySQL error \d+ \(\w+\): |\'[^\']*\.mdl_/', '', $e->getMessage()), "\n";
    }
}
echo 'rows: ', shopsetup_test_int($db['mysqli'], "SELECT COUNT(*) FROM mdl_cache_flags"), "\n";
$conn->close();
try {
    $conn->lock();
} catch (ShopSetup\DatabaseException $e) {
    echo 'after close(): ', $e->getMessage(), "\n";
}
shopsetup_test_db_drop('native_store');
?>
--EXPECT--
a Store: yes
found: [["bob","2"],["cid","3"]]
values as text: yes
every row: 3
by prefix: [["ann"],["cid"]]
keys the collation holds equal: ["ANN","Bob "]
updated: [["two","200"]]
statements counted: yes
--- bad input
a table name with SQL: ValueError: ShopSetup\NativeConnection::find(): Argument #1 ($table) must hold names of lower-case letters, digits and _ (at most 63)
an upper-case column: ValueError: ShopSetup\NativeConnection::find(): Argument #2 ($columns) must hold names of lower-case letters, digits and _ (at most 63)
a null value: TypeError: ShopSetup\NativeConnection::insert(): Argument #2 ($rows) values must be of type int or string, null given
rows of different columns: ValueError: ShopSetup\NativeConnection::insert(): Argument #2 ($rows) rows must all have the same columns, in the same order
mixed keys: TypeError: ShopSetup\NativeConnection::find(): Argument #6 ($keys) must hold only ints or only strings
an unknown match: ValueError: ShopSetup\NativeConnection::find(): Argument #5 ($match) must be one of the Store::MATCH_* constants
a row that is not an array: TypeError: ShopSetup\NativeConnection::update(): Argument #2 ($rows) must be a list of arrays, string given
a missing table: ShopSetup\DatabaseException: Table no_such_table' doesn't exist (no_such_table)
rows: 3
after close(): The connection is closed
