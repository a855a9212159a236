--TEST--
shopsetup is loaded and exposes its API
--EXTENSIONS--
shopsetup
--FILE--
<?php
var_dump(extension_loaded('shopsetup'));
foreach (['decode_params', 'handler_config', 'validate_email', 'normalize_email', 'make_usernames'] as $f) {
    echo $f, ': ', function_exists("ShopSetup\\$f") ? 'yes' : 'no', "\n";
}
foreach (['Exception', 'ParamsException', 'RosterException', 'PlanException', 'DatabaseException', 'Plan', 'MysqlConnection'] as $c) {
    echo $c, ': ', class_exists("ShopSetup\\$c") ? 'yes' : 'no', "\n";
}
var_dump(is_subclass_of(ShopSetup\ParamsException::class, ShopSetup\Exception::class));
$r = new ReflectionClass(ShopSetup\Plan::class);
var_dump($r->isFinal());
try {
    $r->newInstanceWithoutConstructor();
} catch (ReflectionException $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
?>
--EXPECT--
bool(true)
decode_params: yes
handler_config: yes
validate_email: yes
normalize_email: yes
make_usernames: yes
Exception: yes
ParamsException: yes
RosterException: yes
PlanException: yes
DatabaseException: yes
Plan: yes
MysqlConnection: yes
bool(true)
bool(true)
ReflectionException: Class ShopSetup\Plan is an internal class marked as final that cannot be instantiated without invoking its constructor
