--TEST--
php --ri shopsetup: the version, the native stores and the client libraries, compiled and in use
--EXTENSIONS--
shopsetup
--FILE--
<?php
ob_start();
(new ReflectionExtension('shopsetup'))->info();
$info = ob_get_clean();
echo preg_replace('/\d+\.\d+\.\d+/', 'X.Y.Z', $info);
var_dump(str_contains($info, 'Version => ' . phpversion('shopsetup') . "\n"));
// The PostgreSQL store is there when the build found libpq, and php --ri says which it is.
$pgsql = class_exists('ShopSetup\PgsqlConnection');
var_dump(str_contains($info, $pgsql
    ? "Native stores => MySQL/MariaDB (MysqlConnection), PostgreSQL (PgsqlConnection)\n"
    : "Native stores => MySQL/MariaDB (MysqlConnection); PostgreSQL not built (libpq was not found at build time)\n"));
var_dump($pgsql === (bool) preg_match('/^PostgreSQL client library in use => libpq \d+\.\d+$/m', $info));
?>
--EXPECTF--

shopsetup

shopsetup support => enabled
Version => X.Y.Z
Native stores => %s
MySQL/MariaDB client library => MariaDB Connector/C X.Y.Z (compiled)
MySQL/MariaDB client library in use => X.Y.Z
%A
bool(true)
bool(true)
bool(true)
