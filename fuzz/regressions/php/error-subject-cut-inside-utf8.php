<?php
/*
 * Reproducer (found by review while writing fuzz/): shopsetup_error_set() (ext_src/shopsetup_buf.c)
 * keeps at most 255 bytes of the subject and may cut it inside a UTF-8 character; PlanException
 * messages print the subject raw ("%s: %s"), so the message is not valid UTF-8.
 *
 *   php -n -d extension=modules/shopsetup.so fuzz/regressions/php/error-subject-cut-inside-utf8.php
 *
 * Prints "valid UTF-8: no" while the defect is there, "valid UTF-8: yes" once fixed.
 */
$facts = ['courseid' => 2, 'coursecontextid' => 20, 'enrolid' => 3, 'operatorid' => 7, 'operatorcontextid' => 70,
    'mnethostid' => 1, 'timestart' => 0, 'timeend' => 0, 'now' => 1700000000, 'supervisorroleid' => 4,
    'billitemid' => 9, 'groupidnumber' => 'shopsetup-T1', 'groupname' => 'T1'];
$bucket = str_repeat('é', 200);   // 400 bytes of valid UTF-8; byte 255 is inside a character
try {
    new ShopSetup\Plan([], 0, [$bucket => 0], $facts);   // role id 0: "role id must be positive"
    echo "no exception\n";
} catch (ShopSetup\PlanException $e) {
    echo 'message bytes: ', strlen($e->getMessage()), "\n";
    echo 'valid UTF-8: ', preg_match('//u', $e->getMessage()) === 1 ? 'yes' : 'no', "\n";
}
