--TEST--
php --ri shopsetup: the version, the native stores and the client library, compiled and in use
--EXTENSIONS--
shopsetup
--FILE--
<?php
ob_start();
(new ReflectionExtension('shopsetup'))->info();
$info = ob_get_clean();
echo preg_replace('/\d+\.\d+\.\d+/', 'X.Y.Z', $info);
var_dump(str_contains($info, 'Version => ' . phpversion('shopsetup') . "\n"));
?>
--EXPECT--

shopsetup

shopsetup support => enabled
Version => X.Y.Z
Native stores => MySQL/MariaDB (MysqlConnection)
MySQL/MariaDB client library => MariaDB Connector/C X.Y.Z (compiled)
MySQL/MariaDB client library in use => X.Y.Z
bool(true)
