--TEST--
decode_params(): keys and values must be valid UTF-8 once decoded, raw or escaped; wrong argument types
--EXTENSIONS--
shopsetup
--FILE--
<?php
declare(strict_types=1);

use function ShopSetup\decode_params;

function attempt(string $input): void {
    try {
        $result = decode_params($input);
        echo 'accepted: ', bin2hex(implode('|', array_keys($result))), ' / ', bin2hex(implode('|', $result)), "\n";
    } catch (ShopSetup\ParamsException $e) {
        echo $e->getMessage(), "\n";
    }
}

echo "-- valid multibyte text, raw and escaped\n";
attempt("ville=Z\u{FC}rich");          // 2-byte
attempt('ville=%E2%82%AC');             // 3-byte (euro sign)
attempt('g=%F0%9F%98%80');              // 4-byte
attempt('%C3%A9t%C3%A9=1');             // escaped key

echo "-- invalid UTF-8\n";
attempt("coursename=A\xFFB");           // raw invalid byte
attempt('coursename=%C3');              // truncated sequence, escaped
attempt('coursename=%C3%A9%FF');        // the third escape is the bad one: byte 17
attempt('coursename=%C0%AF');           // overlong "/"
attempt('coursename=%ED%A0%80');        // UTF-16 surrogate
attempt('coursename=%F4%90%80%80');     // above U+10FFFF
attempt("a=1&k\xC3=2");                 // in the key
attempt('a=1&k%E2%82=2');               // in the key, escaped

echo "-- wrong argument types\n";
try {
    decode_params(['coursename' => 'A']);
} catch (TypeError $e) {
    echo $e->getMessage(), "\n";
}
try {
    decode_params(null); // strict_types: no coercion
} catch (TypeError $e) {
    echo $e->getMessage(), "\n";
}
try {
    decode_params();
} catch (ArgumentCountError $e) {
    echo $e->getMessage(), "\n";
}
?>
--EXPECT--
-- valid multibyte text, raw and escaped
accepted: 76696c6c65 / 5ac3bc72696368
accepted: 76696c6c65 / e282ac
accepted: 67 / f09f9880
accepted: c3a974c3a9 / 31
-- invalid UTF-8
Handler parameters: invalid UTF-8 at byte 12 (key "coursename")
Handler parameters: invalid UTF-8 at byte 11 (key "coursename")
Handler parameters: invalid UTF-8 at byte 17 (key "coursename")
Handler parameters: invalid UTF-8 at byte 11 (key "coursename")
Handler parameters: invalid UTF-8 at byte 11 (key "coursename")
Handler parameters: invalid UTF-8 at byte 11 (key "coursename")
Handler parameters: invalid UTF-8 at byte 5 (key "k\xC3")
Handler parameters: invalid UTF-8 at byte 5 (key "k\xE2\x82")
-- wrong argument types
ShopSetup\decode_params(): Argument #1 ($params) must be of type string, array given
ShopSetup\decode_params(): Argument #1 ($params) must be of type string, null given
ShopSetup\decode_params() expects exactly 1 argument, 0 given
