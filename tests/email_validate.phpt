--TEST--
ShopSetup\validate_email(): table of addresses, each expectation also checked against PHP (Moodle 4.5 rule)
--EXTENSIONS--
shopsetup
filter
--INI--
pcre.jit=0
--FILE--
<?php
/* pcre.jit=0: valgrind reports PCRE's JIT code (uninitialised reads), not ours. */
/* Moodle 4.5 validate_email(): PHPMailer (no CR/LF, filter_var FILTER_VALIDATE_EMAIL) and no < or >. */
function php_reference(string $e): bool
{
    return filter_var($e, FILTER_VALIDATE_EMAIL) !== false && !preg_match('/[<>\r\n]/', $e) && $e !== '';
}

/* A host name of exactly $n bytes: 50-byte labels, then a letters-only last label. */
function host(int $n): string
{
    $s = '';
    while ($n - strlen($s) > 51) {
        $s .= str_repeat('h', 50) . '.';
    }
    return $s . str_repeat('t', $n - strlen($s));
}

$cases = [
    // label, address, Moodle accepts
    ['plain', 'user@example.com', true],
    ['subaddress +tag', 'user+tag@example.com', true],
    ['dot inside local part', 'first.last@example.com', true],
    ['leading dot', '.user@example.com', false],
    ['trailing dot', 'user.@example.com', false],
    ['double dot', 'us..er@example.com', false],
    ['uppercase', 'USER@EXAMPLE.COM', true],
    ['mixed case', 'User@Example.Co.Uk', true],
    ['upper-case Z', 'ZED@EXAMPLE.ORG', true],
    ['every atext special', "!#$%&'*+-/=?^_`{|}~@example.com", true],
    ['digits only local part', '12345@example.com', true],
    ['single characters', 'a@b.c', true],
    ['many labels', 'a@b.c.d.e.f.gh', true],
    ['hyphen local part', '-@example.com', true],
    ['backslash outside quotes', 'a\\b@example.com', false],
    ['comma', 'a,b@example.com', false],
    ['comment', 'user(comment)@example.com', false],
    ['quoted, escaped space', '"john\\ doe"@example.com', true],
    ['quoted, bare space', '"john doe"@example.com', false],
    ['quoted, escaped quote', '"a\\"b"@example.com', true],
    ['quoted, escaped backslash', '"a\\\\b"@example.com', true],
    ['quoted, escape eats closing quote', '"a\\"@example.com', false],
    ['quoted @', '"a@b"@example.com', true],
    ['quoted dots', '"a..b"@example.com', true],
    ['empty quoted string', '""@example.com', true],
    ['quoted then atom', '"a".b@example.com', true],
    ['atom then quoted', 'a."b"@example.com', true],
    ['quote glued to atom', 'a"b"@example.com', false],
    ['unterminated quote', '"abc@example.com', false],
    ['quoted, bare tab', "\"a\tb\"@example.com", false],
    ['quoted, escaped tab', "\"a\\\tb\"@example.com", true],
    ['quoted, DEL', "\"a\x7Fb\"@example.com", true],
    ['quoted, escaped NUL', "\"\\\0\"@example.com", true],
    ['quoted, bare NUL', "\"a\0b\"@example.com", false],
    ['quoted, latin-1 byte', "\"\xE9\"@example.com", false],
    ['quoted, escaped UTF-8', "\"\\\xC3\xA9\"@example.com", false],
    ['quoted, escaped LF', "\"a\\\nb\"@example.com", false],
    ['quoted, escaped CR', "\"a\\\rb\"@example.com", false],
    ['quoted <', '"a<b"@example.com', false],
    ['quoted, escaped >', '"a\\>b"@example.com', false],
    ['IPv4 literal', 'user@[192.168.0.1]', true],
    ['IPv4 literal 255', 'user@[255.255.255.255]', true],
    ['IPv4 literal 0', 'user@[0.0.0.0]', true],
    ['IPv4 literal 256', 'user@[256.1.1.1]', false],
    ['IPv4 literal leading zero', 'user@[01.2.3.4]', false],
    ['IPv4 literal, 3 octets', 'user@[1.2.3]', false],
    ['IPv4 literal, 5 octets', 'user@[1.2.3.4.5]', false],
    ['IPv4 literal unclosed', 'user@[1.2.3.4', false],
    ['IPv4 literal, text after', 'user@[1.2.3.4]x', false],
    ['host name in brackets', 'user@[example.com]', false],
    ['IPv6 full', 'user@[IPv6:2001:db8:0:0:0:0:0:1]', true],
    ['IPv6 compressed', 'user@[IPv6:2001:db8::1]', true],
    ['IPv6 unspecified ::', 'user@[IPv6:::]', true],
    ['IPv6 tag lower case', 'user@[ipv6:::1]', true],
    ['IPv6 upper-case hex', 'user@[IPv6:ABCD::EF01]', true],
    ['IPv6 without tag', 'user@[2001:db8::1]', false],
    ['IPv6, 6 groups and ::', 'user@[IPv6:1:2:3::4:5:6]', true],
    ['IPv6, 7 groups and ::', 'user@[IPv6:1:2:3:4:5:6::7]', false],
    ['IPv6, 7 groups', 'user@[IPv6:1:2:3:4:5:6:7]', false],
    ['IPv6, 9 groups', 'user@[IPv6:1:2:3:4:5:6:7:8:9]', false],
    ['IPv6, 5 hex digits', 'user@[IPv6:12345::1]', false],
    ['IPv6, two ::', 'user@[IPv6:1::2::3]', false],
    ['IPv6 zone', 'user@[IPv6:fe80::1%eth0]', false],
    ['IPv6 with IPv4, compressed', 'user@[IPv6:::ffff:192.0.2.1]', true],
    ['IPv6 with IPv4, 6 groups', 'user@[IPv6:1:2:3:4:5:6:1.2.3.4]', true],
    ['IPv6 with IPv4, 4 groups and ::', 'user@[IPv6:1:2::3:4:1.2.3.4]', true],
    ['IPv6 with IPv4, 5 groups and ::', 'user@[IPv6:1:2:3::4:5:1.2.3.4]', false],
    ['IPv6 with IPv4, 4 groups then ::', 'user@[IPv6:1:2:3:4::1.2.3.4]', true],
    ['IPv6 with IPv4, 4 groups, ::, 1 group', 'user@[IPv6:1:2:3:4::5:1.2.3.4]', false],
    ['IPv6 with IPv4, :: then 4 groups', 'user@[IPv6:::a:b:c:d:1.2.3.4]', true],
    ['IPv6 with IPv4, :: then 5 groups', 'user@[IPv6:::a:b:c:d:e:1.2.3.4]', false],
    ['IPv6 with IPv4, 7 groups', 'user@[IPv6:1:2:3:4:5:6:7:1.2.3.4]', false],
    ['IPv6, 6 groups then ::', 'user@[IPv6:1:2:3:4:5:6::]', true],
    ['IPv6, :: then 6 groups', 'user@[IPv6:::1:2:3:4:5:6]', true],
    ['IPv6, 5 groups, ::, 1 group', 'user@[IPv6:1:2:3:4:5::6]', true],
    ['dotless domain', 'user@localhost', false],
    ['numeric TLD', 'user@example.123', false],
    ['TLD starting with a digit', 'user@example.1a', false],
    ['TLD with a digit', 'user@example.a1', true],
    ['numeric labels', 'user@123.456.com', true],
    ['hyphen at label start', 'user@-example.com', false],
    ['hyphen at label end', 'user@example-.com', false],
    ['double hyphen inside label', 'user@ex--ample.com', true],
    ['hyphen inside TLD', 'user@example.co-uk', true],
    ['hyphen at TLD end', 'user@example.com-', false],
    ['trailing dot in domain', 'user@example.com.', false],
    ['leading dot in domain', 'user@.example.com', false],
    ['double dot in domain', 'user@example..com', false],
    ['underscore in domain', 'user@exa_mple.com', false],
    ['xn-- punycode label', 'user@xn--bcher-kva.example', true],
    ['xn-- punycode TLD', 'user@example.xn--p1ai', true],
    ['bare xn-- TLD', 'user@example.xn--', false],
    ['UTF-8 domain', "user@b\xC3\xBCcher.example", false],
    ['UTF-8 local part', "\xC3\xBCser@example.com", false],
    ['label of 63', 'user@' . str_repeat('a', 63) . '.com', true],
    ['label of 64', 'user@' . str_repeat('a', 64) . '.com', false],
    ['TLD of 63', 'user@x.' . str_repeat('a', 63), true],
    ['TLD of 64', 'user@x.' . str_repeat('a', 64), false],
    ['local part of 64', str_repeat('a', 64) . '@example.com', true],
    ['local part of 65', str_repeat('a', 65) . '@example.com', false],
    ['quoted local part, 64 inside', '"' . str_repeat('a', 64) . '"@example.com', true],
    ['quoted local part, 65 inside', '"' . str_repeat('a', 65) . '"@example.com', false],
    ['64 quoted pairs count as 64', '"' . str_repeat('\\a', 64) . '"@example.com', true],
    ['65 quoted pairs', '"' . str_repeat('\\a', 65) . '"@example.com', false],
    // PHP's local-part count stops at a leading "" or at a quoted DEL, so these are not limited
    ['long local part after ""', '"".' . str_repeat('a', 100) . '@example.com', true],
    ['long local part after quoted DEL', "\"\\\x7F" . str_repeat('a', 100) . '"@example.com', true],
    ['total 254', str_repeat('a', 64) . '@' . host(189), true],
    ['total 255', str_repeat('a', 64) . '@' . host(190), false],
    ['316 bytes, 254 units', '"' . str_repeat('\\a', 60) . '"@' . host(193), true],
    ['317 bytes, 255 units', '"' . str_repeat('\\a', 60) . '"@' . host(194), false],
    ['320 bytes after ""', '"".' . str_repeat('a', 100) . '@' . host(216), true],
    ['321 bytes after ""', '"".' . str_repeat('a', 100) . '@' . host(217), false],
    ['CR at end', "user@example.com\r", false],
    ['LF inside', "us\ner@example.com", false],
    ['trailing newline', "user@example.com\n", false],
    ['angle brackets', '<user@example.com>', false],
    ['display name', 'Joe <joe@example.com>', false],
    ['NUL at end', "user@example.com\0", false],
    ['NUL in local part', "us\0er@example.com", false],
    ['leading space', ' user@example.com', false],
    ['trailing space', 'user@example.com ', false],
    ['space inside', 'us er@example.com', false],
    ['empty', '', false],
    ['@ alone', '@', false],
    ['no domain', 'user@', false],
    ['no local part', '@example.com', false],
    ['no @', 'user.example.com', false],
    ['two @', 'a@b@example.com', false],
    ['quoted @ then two @', '"a@b"@c@example.com', false],
];

$valid = 0;
foreach ($cases as [$label, $address, $expected]) {
    $php = php_reference($address);
    $got = ShopSetup\validate_email($address);
    $valid += $expected ? 1 : 0;
    if ($got === $expected && $php === $expected) {
        echo "ok   $label\n";
    } else {
        printf("DIFF %s: expected %s, shopsetup %s, php %s, input %s\n", $label,
            var_export($expected, true), var_export($got, true), var_export($php, true), bin2hex($address));
    }
}
printf("%d cases, %d valid\n", count($cases), $valid);
?>
--EXPECT--
ok   plain
ok   subaddress +tag
ok   dot inside local part
ok   leading dot
ok   trailing dot
ok   double dot
ok   uppercase
ok   mixed case
ok   upper-case Z
ok   every atext special
ok   digits only local part
ok   single characters
ok   many labels
ok   hyphen local part
ok   backslash outside quotes
ok   comma
ok   comment
ok   quoted, escaped space
ok   quoted, bare space
ok   quoted, escaped quote
ok   quoted, escaped backslash
ok   quoted, escape eats closing quote
ok   quoted @
ok   quoted dots
ok   empty quoted string
ok   quoted then atom
ok   atom then quoted
ok   quote glued to atom
ok   unterminated quote
ok   quoted, bare tab
ok   quoted, escaped tab
ok   quoted, DEL
ok   quoted, escaped NUL
ok   quoted, bare NUL
ok   quoted, latin-1 byte
ok   quoted, escaped UTF-8
ok   quoted, escaped LF
ok   quoted, escaped CR
ok   quoted <
ok   quoted, escaped >
ok   IPv4 literal
ok   IPv4 literal 255
ok   IPv4 literal 0
ok   IPv4 literal 256
ok   IPv4 literal leading zero
ok   IPv4 literal, 3 octets
ok   IPv4 literal, 5 octets
ok   IPv4 literal unclosed
ok   IPv4 literal, text after
ok   host name in brackets
ok   IPv6 full
ok   IPv6 compressed
ok   IPv6 unspecified ::
ok   IPv6 tag lower case
ok   IPv6 upper-case hex
ok   IPv6 without tag
ok   IPv6, 6 groups and ::
ok   IPv6, 7 groups and ::
ok   IPv6, 7 groups
ok   IPv6, 9 groups
ok   IPv6, 5 hex digits
ok   IPv6, two ::
ok   IPv6 zone
ok   IPv6 with IPv4, compressed
ok   IPv6 with IPv4, 6 groups
ok   IPv6 with IPv4, 4 groups and ::
ok   IPv6 with IPv4, 5 groups and ::
ok   IPv6 with IPv4, 4 groups then ::
ok   IPv6 with IPv4, 4 groups, ::, 1 group
ok   IPv6 with IPv4, :: then 4 groups
ok   IPv6 with IPv4, :: then 5 groups
ok   IPv6 with IPv4, 7 groups
ok   IPv6, 6 groups then ::
ok   IPv6, :: then 6 groups
ok   IPv6, 5 groups, ::, 1 group
ok   dotless domain
ok   numeric TLD
ok   TLD starting with a digit
ok   TLD with a digit
ok   numeric labels
ok   hyphen at label start
ok   hyphen at label end
ok   double hyphen inside label
ok   hyphen inside TLD
ok   hyphen at TLD end
ok   trailing dot in domain
ok   leading dot in domain
ok   double dot in domain
ok   underscore in domain
ok   xn-- punycode label
ok   xn-- punycode TLD
ok   bare xn-- TLD
ok   UTF-8 domain
ok   UTF-8 local part
ok   label of 63
ok   label of 64
ok   TLD of 63
ok   TLD of 64
ok   local part of 64
ok   local part of 65
ok   quoted local part, 64 inside
ok   quoted local part, 65 inside
ok   64 quoted pairs count as 64
ok   65 quoted pairs
ok   long local part after ""
ok   long local part after quoted DEL
ok   total 254
ok   total 255
ok   316 bytes, 254 units
ok   317 bytes, 255 units
ok   320 bytes after ""
ok   321 bytes after ""
ok   CR at end
ok   LF inside
ok   trailing newline
ok   angle brackets
ok   display name
ok   NUL at end
ok   NUL in local part
ok   leading space
ok   trailing space
ok   space inside
ok   empty
ok   @ alone
ok   no domain
ok   no local part
ok   no @
ok   two @
ok   quoted @ then two @
129 cases, 55 valid
