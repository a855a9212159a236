--TEST--
decode_params(): malformed escapes, empty and duplicate keys, NUL bytes; the message names the key and the byte offset
--EXTENSIONS--
shopsetup
--FILE--
<?php
use function ShopSetup\decode_params;

function attempt(string $input): void {
    try {
        $result = decode_params($input);
        echo 'accepted: ', json_encode($result), "\n";
    } catch (ShopSetup\ParamsException $e) {
        // ParamsException is a ShopSetup\Exception, itself an \Exception.
        echo ($e instanceof ShopSetup\Exception ? '' : 'NOT A ShopSetup\Exception: '), $e->getMessage(), "\n";
    }
}

echo "-- malformed escapes\n";
attempt('coursename=A%2');          // cut short at the end
attempt('coursename=A%');           // lone % at the end
attempt('a=1&coursename=%G1x');     // not hex
attempt('a=1&groupname=50%&b=2');   // % followed by &
attempt('a=1&group%zzname=x');      // in the key: the key read so far is named
attempt('%=1');

echo "-- empty key\n";
attempt('=value');
attempt('a=1&=2');
attempt('a=1&=');

echo "-- duplicate key (after decoding)\n";
attempt('coursename=A&supervisor=t&coursename=B');
attempt('%41=1&A=2');
attempt('flag&flag');

echo "-- NUL bytes, raw or escaped\n";
attempt("coursename=A\0B");
attempt('coursename=A%00B');
attempt("a=1&c\0=2");
attempt("\0");

echo "-- large input: offsets stay exact\n";
$big = str_repeat('%41', 1 << 18);                  // 786432 bytes decoding to 262144 "A"
echo strlen(decode_params("coursename=$big")['coursename']), "\n";
attempt("coursename=$big%00");
attempt("coursename=$big&a=1&coursename=x");

--EXPECT--
-- malformed escapes
Handler parameters: malformed %XX escape at byte 12 (key "coursename")
Handler parameters: malformed %XX escape at byte 12 (key "coursename")
Handler parameters: malformed %XX escape at byte 15 (key "coursename")
Handler parameters: malformed %XX escape at byte 16 (key "groupname")
Handler parameters: malformed %XX escape at byte 9 (key "group")
Handler parameters: malformed %XX escape at byte 0
-- empty key
Handler parameters: empty key at byte 0
Handler parameters: empty key at byte 4
Handler parameters: empty key at byte 4
-- duplicate key (after decoding)
Handler parameters: duplicate key at byte 26 (key "coursename")
Handler parameters: duplicate key at byte 6 (key "A")
Handler parameters: duplicate key at byte 5 (key "flag")
-- NUL bytes, raw or escaped
Handler parameters: NUL byte at byte 12 (key "coursename")
Handler parameters: NUL byte (%00) at byte 12 (key "coursename")
Handler parameters: NUL byte at byte 5 (key "c")
Handler parameters: NUL byte at byte 0
-- large input: offsets stay exact
262144
Handler parameters: NUL byte (%00) at byte 786443 (key "coursename")
Handler parameters: duplicate key at byte 786448 (key "coursename")
