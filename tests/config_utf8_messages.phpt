--TEST--
handler_config() warnings, Plan notices and exception messages are valid UTF-8: cut on a character boundary, other bytes escaped
--EXTENSIONS--
shopsetup
--FILE--
<?php
$valid = fn(string $s) => preg_match('//u', $s) === 1 ? 'valid' : 'INVALID';
$context = ['now' => 1700000000, 'orderref' => 'SO-1'];

$keys = [
    'a' . str_repeat('é', 60),                   // byte 100 is inside an "é"
    str_repeat('x', 98) . '€uro',                 // "€" (3 bytes) straddles byte 100
    str_repeat('x', 97) . '😀',                   // 4 bytes: ends on byte 101
    "bad\xFFkey",
    "ctl\x01key",
    "c1\u{85}key",
    "half\xE2\x82",
];
$config = ShopSetup\handler_config(array_fill_keys($keys, '1') + ['coursename' => 'C', 'supervisor' => 'teacher'], $context);
foreach ($config['warnings'] as $warning) {
    printf("%s %d: %s\n", $valid($warning), strlen($warning), $warning);
}

echo "-- exception messages\n";
try {
    ShopSetup\handler_config([str_repeat('k', 254) . 'é' => ['x']], $context);
} catch (ShopSetup\ParamsException $e) {
    printf("%s %s\n", $valid($e->getMessage()), substr($e->getMessage(), -40));
}
try {
    ShopSetup\handler_config(["k\xFF" => 1.5], $context);
} catch (ShopSetup\ParamsException $e) {
    printf("%s %s\n", $valid($e->getMessage()), $e->getMessage());
}
try {
    ShopSetup\decode_params(str_repeat('k', 254) . 'é=%zz');
} catch (ShopSetup\ParamsException $e) {
    printf("%s %s\n", $valid($e->getMessage()), substr($e->getMessage(), -12));
}
try {
    ShopSetup\handler_config(['coursename' => 'C', 'starttime' => str_repeat('é', 40)], $context);
} catch (ShopSetup\ParamsException $e) {
    printf("%s %d\n", $valid($e->getMessage()), substr_count($e->getMessage(), 'é'));
}

echo "-- Plan notices quote bucket names (array keys) as valid UTF-8\n";
$person = ['lastname' => 'Lee', 'firstname' => 'Ann', 'email' => 'ann@example.com', 'city' => 'Paris'];
$plan = new ShopSetup\Plan(["bad\xFFbucket" => ['ann@example.com' => $person], 'student' => ['ann@example.com' => $person]], 2,
    ["bad\xFFbucket" => 5, 'student' => 5], ['courseid' => 12, 'coursecontextid' => 120, 'enrolid' => 7, 'operatorid' => 50,
    'operatorcontextid' => 500, 'mnethostid' => 1, 'timestart' => 1700000000, 'timeend' => 0, 'now' => 1699999000,
    'supervisorroleid' => 4, 'billitemid' => 900, 'groupidnumber' => 'TX-1', 'groupname' => 'ORDER-1']);
foreach ($plan->notices() as $notice) {
    printf("%s %s\n", $valid($notice['message']), $notice['message']);
}
?>
--EXPECT--
valid 124: unknown key "aééééééééééééééééééééééééééééééééééééééééééééééééé" is ignored
valid 123: unknown key "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" is ignored
valid 122: unknown key "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" is ignored
valid 35: unknown key "bad\xFFkey" is ignored
valid 35: unknown key "ctl\x01key" is ignored
valid 38: unknown key "c1\xC2\x85key" is ignored
valid 37: unknown key "half\xE2\x82" is ignored
-- exception messages
valid kkkkkké": must be a string, array given
valid Handler parameter "k\xFF": must be a string, float given
valid kkkkkkkkkk")
valid 32
-- Plan notices quote bucket names (array keys) as valid UTF-8
valid in buckets "bad\xFFbucket" and "student": one account, one seat per bucket
