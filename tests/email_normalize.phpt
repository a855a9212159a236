--TEST--
ShopSetup\normalize_email(): trims ASCII white space, lower-cases, null when not valid for Moodle (NUL and no-break spaces around an address are not white space: Moodle's validate_email() rejects them), idempotent
--EXTENSIONS--
shopsetup
--FILE--
<?php
$cases = [
    'user@example.com',
    'User.Name+Tag@Example.COM',
    '  user@example.com  ',
    "\t\r\n\v\fUSER@EXAMPLE.COM\r\n",
    "user@example.com\n",
    '"John\\ DOE"@Example.com',
    'USER@[IPV6:ABCD::EF01]',
    'user@[192.168.0.1]',
    'user@xn--BCHER-KVA.Example',
    '',
    '   ',
    'not an address',
    'us er@example.com',
    "user@example.com\0",
    "\0user@example.com",
    "\xC2\xA0user@example.com",
    "user@example.com\xC2\xA0",
    '<user@example.com>',
    "\xC3\x9Cser@example.com",
    'user@localhost',
    ' ' . str_repeat('A', 64) . '@EXAMPLE.COM ',
    ' ' . str_repeat('A', 65) . '@EXAMPLE.COM ',
];
foreach ($cases as $input) {
    $normal = ShopSetup\normalize_email($input);
    echo json_encode($input), ' => ', json_encode($normal), "\n";
    if ($normal !== null) {
        if (ShopSetup\normalize_email($normal) !== $normal) {
            echo "  not idempotent\n";
        }
        if (!ShopSetup\validate_email($normal)) {
            echo "  result is not valid\n";
        }
        if ($normal !== strtolower(trim($input, " \t\r\n\v\f"))) {
            echo "  not the trimmed lower-case input\n";
        }
    }
}
?>
--EXPECT--
"user@example.com" => "user@example.com"
"User.Name+Tag@Example.COM" => "user.name+tag@example.com"
"  user@example.com  " => "user@example.com"
"\t\r\n\u000b\fUSER@EXAMPLE.COM\r\n" => "user@example.com"
"user@example.com\n" => "user@example.com"
"\"John\\ DOE\"@Example.com" => "\"john\\ doe\"@example.com"
"USER@[IPV6:ABCD::EF01]" => "user@[ipv6:abcd::ef01]"
"user@[192.168.0.1]" => "user@[192.168.0.1]"
"user@xn--BCHER-KVA.Example" => "user@xn--bcher-kva.example"
"" => null
"   " => null
"not an address" => null
"us er@example.com" => null
"user@example.com\u0000" => null
"\u0000user@example.com" => null
"\u00a0user@example.com" => null
"user@example.com\u00a0" => null
"<user@example.com>" => null
"\u00dcser@example.com" => null
"user@localhost" => null
" AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA@EXAMPLE.COM " => "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa@example.com"
" AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA@EXAMPLE.COM " => null
