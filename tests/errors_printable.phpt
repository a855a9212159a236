--TEST--
Exception messages are valid, printable UTF-8 whatever bytes they quote: an unknown fact's name, a server's error naming a table
--EXTENSIONS--
mysqli
shopsetup
--SKIPIF--
<?php require __DIR__ . '/fixtures/db.inc'; shopsetup_test_db_skip(); ?>
--FILE--
<?php
require __DIR__ . '/fixtures/db_checks.inc';

$show = function (Throwable $e): void {
    echo get_class($e), ': ', preg_replace('/MySQL error \d+ \(\w+\): /', '', $e->getMessage()), "\n";
    echo '  valid UTF-8: ', preg_match('//u', $e->getMessage()) ? 'yes' : 'no',
        ', control characters: ', preg_match('/[\x00-\x1f\x7f]/', $e->getMessage()) ? 'yes' : 'no', "\n";
};
$buckets = ['student' => ['ann@example.com' => shopsetup_test_person('Ann', 'Lee', 'ann@example.com')]];
try {
    new ShopSetup\Plan($buckets, 1, ['student' => 5], shopsetup_test_facts(["\xff\n\xc3" => 1]));
} catch (ShopSetup\PlanException $e) {
    $show($e);
}
$db = shopsetup_test_db('errors_printable');
try {
    (new ShopSetup\Plan($buckets, 1, ['student' => 5], shopsetup_test_facts()))->run(new ShopSetup\MysqlConnection(['prefix' => "mdl_\xff\x01"] + $db['options']));
} catch (ShopSetup\DatabaseException $e) {
    $show($e);
}
shopsetup_test_db_drop('errors_printable');
?>
--EXPECTF--
ShopSetup\PlanException: Plan facts: unknown fact "\xFF\x0A\xC3"
  valid UTF-8: yes, control characters: no
ShopSetup\DatabaseException: %s
  valid UTF-8: yes, control characters: no
