--TEST--
PgsqlConnection::__construct(): a wrong password, an unreachable server, a missing table, a bad sslmode, TLS required of a server without it, bad options: each a clear exception, never the password
--EXTENSIONS--
pgsql
shopsetup
--SKIPIF--
<?php require __DIR__ . '/fixtures/pg.inc'; shopsetup_test_pg_skip(); ?>
--FILE--
<?php
require __DIR__ . '/fixtures/pg.inc';
$db = shopsetup_test_pg('pg_connect');
$options = $db['options'];
$secret = 'Wr0ng-pa55word';
$cases = [
    'a wrong password' => ['password' => $secret],
    'an unreachable server' => ['port' => 1, 'connect_timeout' => 2],
    'a database without the tables' => ['prefix' => 'nope_'],
    'an unknown sslmode' => ['sslmode' => 'sometimes'],
    'TLS required of a server without it' => ['sslmode' => 'require'],
    'a bad prefix' => ['prefix' => 'mdl_; DROP TABLE x'],
    'a bad lock key' => ['lock_key' => [1]],
    'a lock key out of int4' => ['lock_key' => [1, 2147483648]],
    'a port that is no port' => ['port' => 70000],
    'no user' => ['user' => null],
];
foreach ($cases as $what => $change) {
    try {
        new ShopSetup\PgsqlConnection(array_replace($options, $change));
        echo "$what: connected\n";
    } catch (ShopSetup\DatabaseException | ValueError $e) {
        $message = preg_replace('/port \d+/', 'port N', $e->getMessage());
        $message = preg_replace('/"[^"]*" \([0-9.]+\)/', '"HOST" (ADDRESS)', $message);
        printf("%s: %s: %s%s\n", $what, get_class($e), $message, str_contains($e->getMessage(), $secret) ? ' (PASSWORD SHOWN)' : '');
    }
}
// sslmode=disable and the socket folder: the same server, without TLS, by its Unix socket.
$local = new ShopSetup\PgsqlConnection(array_replace($options, ['host' => 'localhost', 'socket' => getenv('SHOPSETUP_TEST_PG_SOCKET'),
    'sslmode' => 'disable']));
echo 'by the socket: ', $local->serverInfo() !== '' ? 'connected' : 'no version', ', backend ', $local->connectionId() > 0 ? 'known' : 'unknown', "\n";
$local->close();
try {
    $local->begin();
} catch (ShopSetup\DatabaseException $e) {
    echo 'after close(): ', $e->getMessage(), "\n";
}
shopsetup_test_pg_drop('pg_connect');
?>
--CLEAN--
<?php
require __DIR__ . '/fixtures/pg.inc';
shopsetup_test_pg_drop('pg_connect');
?>
--EXPECT--
a wrong password: ShopSetup\DatabaseException: cannot connect to PostgreSQL: connection to server at "127.0.0.1", port N failed: FATAL:  password authentication failed for user "shopsetup" (connect)
an unreachable server: ShopSetup\DatabaseException: cannot connect to PostgreSQL: connection to server at "127.0.0.1", port N failed: Connection refused Is the server running on that host and accepting TCP/IP connections? (connect)
a database without the tables: ShopSetup\DatabaseException: table nope_user not found in database "shopsetup_pg_connect": is this a Moodle database with prefix "nope_"? (connect)
an unknown sslmode: ShopSetup\DatabaseException: sslmode must be one of disable, allow, prefer, require, verify-ca, verify-full (connect)
TLS required of a server without it: ShopSetup\DatabaseException: cannot connect to PostgreSQL: connection to server at "127.0.0.1", port N failed: server does not support SSL, but SSL was required (connect)
a bad prefix: ShopSetup\DatabaseException: the table prefix must be at most 32 characters of [A-Za-z0-9_] (connect)
a bad lock key: ValueError: ShopSetup\PgsqlConnection::__construct(): Argument #1 ($options) option "lock_key" must be a list of two ints from -2147483648 to 2147483647
a lock key out of int4: ValueError: ShopSetup\PgsqlConnection::__construct(): Argument #1 ($options) option "lock_key" must be a list of two ints from -2147483648 to 2147483647
a port that is no port: ValueError: ShopSetup\PgsqlConnection::__construct(): Argument #1 ($options) option "port" must be an int from 0 to 65535
no user: ValueError: ShopSetup\PgsqlConnection::__construct(): Argument #1 ($options) must contain "user" and "database"
by the socket: connected, backend known
after close(): The connection is closed