--TEST--
Regression (fuzz defect d): an error subject cut at the core's 255-byte limit ends on a character boundary, so PlanException messages are valid UTF-8
--EXTENSIONS--
shopsetup
--FILE--
<?php
require __DIR__ . '/fixtures/plan.inc';
$bucket = str_repeat('é', 200);   // 400 bytes of valid UTF-8; byte 255 is inside a character
try {
    new ShopSetup\Plan([], 0, [$bucket => 0], plan_facts());   // role id 0 is refused, naming the bucket
    echo "no exception\n";
} catch (ShopSetup\PlanException $e) {
    echo 'valid UTF-8: ', preg_match('//u', $e->getMessage()) === 1 ? 'yes' : 'no', "\n";
    echo 'names the bucket: ', str_contains($e->getMessage(), str_repeat('é', 100)) ? 'yes' : 'no', "\n";
}
?>
--EXPECT--
valid UTF-8: yes
names the bucket: yes
