--TEST--
ShopSetup\validate_email(): differential test against PHP on 20,000 generated strings
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

/*
 * The regex filter_var() runs (php-src ext/filter/logical_filters.c, regexp1), used to check its
 * verdict: without FILTER_FLAG_EMAIL_UNICODE it is all filter_var() does after its 320-byte check.
 * PCRE gives up (pcre.backtrack_limit) on addresses with many quoted words, and filter_var() then
 * rejects them; the same regex with a higher limit tells what it would have answered.
 */
const EMAIL_RE = '/^(?!(?:(?:\x22?\x5C[\x00-\x7E]\x22?)|(?:\x22?[^\x5C\x22]\x22?)){255,})(?!(?:(?:\x22?\x5C[\x00-\x7E]\x22?)|(?:\x22?[^\x5C\x22]\x22?)){65,}@)(?:(?:[\x21\x23-\x27\x2A\x2B\x2D\x2F-\x39\x3D\x3F\x5E-\x7E]+)|(?:\x22(?:[\x01-\x08\x0B\x0C\x0E-\x1F\x21\x23-\x5B\x5D-\x7F]|(?:\x5C[\x00-\x7F]))*\x22))(?:\.(?:(?:[\x21\x23-\x27\x2A\x2B\x2D\x2F-\x39\x3D\x3F\x5E-\x7E]+)|(?:\x22(?:[\x01-\x08\x0B\x0C\x0E-\x1F\x21\x23-\x5B\x5D-\x7F]|(?:\x5C[\x00-\x7F]))*\x22)))*@(?:(?:(?!.*[^.]{64,})(?:(?:(?:xn--)?[a-z0-9]+(?:-+[a-z0-9]+)*\.){1,126}){1,}(?:(?:[a-z][a-z0-9]*)|(?:(?:xn--)[a-z0-9]+))(?:-+[a-z0-9]+)*)|(?:\[(?:(?:IPv6:(?:(?:[a-f0-9]{1,4}(?::[a-f0-9]{1,4}){7})|(?:(?!(?:.*[a-f0-9][:\]]){7,})(?:[a-f0-9]{1,4}(?::[a-f0-9]{1,4}){0,5})?::(?:[a-f0-9]{1,4}(?::[a-f0-9]{1,4}){0,5})?)))|(?:(?:IPv6:(?:(?:[a-f0-9]{1,4}(?::[a-f0-9]{1,4}){5}:)|(?:(?!(?:.*[a-f0-9]:){5,})(?:[a-f0-9]{1,4}(?::[a-f0-9]{1,4}){0,3})?::(?:[a-f0-9]{1,4}(?::[a-f0-9]{1,4}){0,3}:)?)))?(?:(?:25[0-5])|(?:2[0-4][0-9])|(?:1[0-9]{2})|(?:[1-9]?[0-9]))(?:\.(?:(?:25[0-5])|(?:2[0-4][0-9])|(?:1[0-9]{2})|(?:[1-9]?[0-9]))){3}))\]))$/iD';
const UNIT = '(?:(?:\x22?\x5C[\x00-\x7E]\x22?)|(?:\x22?[^\x5C\x22]\x22?))';

/* The same regex without its three length lookaheads, to see that the sample reaches them. */
$unlimited = str_replace(['(?!' . UNIT . '{255,})', '(?!' . UNIT . '{65,}@)', '(?!.*[^.]{64,})'], '', EMAIL_RE, $removed);
if ($removed !== 3) {
    echo "length lookaheads not found in the regex\n";
}

function pick(array $a) { return $a[mt_rand(0, count($a) - 1)]; }
function bytes(int $n): string { $s = ''; while ($n-- > 0) { $s .= chr(mt_rand(0, 255)); } return $s; }
function chars(string $set, int $min, int $max): string
{
    $s = '';
    for ($n = mt_rand($min, $max); $n > 0; $n--) {
        $s .= $set[mt_rand(0, strlen($set) - 1)];
    }
    return $s;
}
function host(int $n): string
{
    $s = '';
    while ($n - strlen($s) > 51) {
        $s .= mt_rand(0, 3) ? str_repeat('h', 50) . '.' : str_repeat('h', 25) . '-' . str_repeat('h', 24) . '.';
    }
    return $s . str_repeat('t', $n - strlen($s));
}
function quoted(int $min, int $max): string
{
    $s = '"';
    for ($n = mt_rand($min, $max); $n > 0; $n--) {
        $s .= pick(['a', 'Z', '0', '.', '@', '(', ',', '\\ ', '\\"', '\\\\', ' ', '"', '<', "\t",
            '\\' . chr(mt_rand(0, 127)), '\\' . chr(mt_rand(0, 255)), chr(mt_rand(0, 127)), chr(mt_rand(0, 255))]);
    }
    return $s . '"';
}
function word(): string
{
    switch (mt_rand(0, 9)) {
        case 0: return quoted(0, 6);
        case 1: return str_repeat(pick(['a', 'B', '9', '-', '+', '_', '!', '~', '#', "'"]), mt_rand(1, 70));
        case 2: return pick(['', '.', '"', '\\', '""', ' ', '@']);
        case 3: return chr(mt_rand(0, 255));
        default: return chars("abcxyzABCXYZ0189!#$%&'*+-/=?^_`{|}~", 1, 12);
    }
}
function local_part(): string
{
    $words = [];
    for ($n = mt_rand(1, 4); $n > 0; $n--) {
        $words[] = word();
    }
    return implode(mt_rand(0, 9) ? '.' : pick(['..', '', '@', ' ', '"']), $words);
}
function label(): string
{
    switch (mt_rand(0, 8)) {
        case 0: return str_repeat(pick(['a', '7', 'z']), pick([62, 63, 64, 65, mt_rand(1, 80)]));
        case 1: return pick(['-a', 'a-', 'a--b', 'xn--p1ai', 'xn--', 'xn--bcher-kva', '1a', 'a1', '123', '-', '', 'A', 'Z9', 'a_b']);
        case 2: return chr(mt_rand(0, 255));
        default: return chars('abcxyzABC0129-', 1, 10);
    }
}
function h16(): string { $n = pick([0, 1, 2, 3, 4, 4, 5]); return chars('0123456789abcdefABCDEFg', $n, $n); }
function ipv4(): string
{
    $parts = [];
    for ($n = pick([4, 4, 4, 3, 5]); $n > 0; $n--) {
        $parts[] = pick(['0', '1', '9', '10', '99', '100', '199', '200', '249', '250', '255', '256', '300', '01', '00', '2550', (string) mt_rand(0, 300)]);
    }
    return implode('.', $parts);
}
function ipv6(): string
{
    $groups = [];
    for ($n = mt_rand(0, 9); $n > 0; $n--) {
        $groups[] = h16();
    }
    $s = implode(':', $groups);
    if (mt_rand(0, 2)) {
        $at = mt_rand(0, strlen($s));
        $s = substr($s, 0, $at) . pick(['::', ':', ':::']) . substr($s, $at);
    }
    return mt_rand(0, 3) ? $s : $s . pick([':', '']) . ipv4();
}
function domain(): string
{
    switch (mt_rand(0, 9)) {
        case 0: return '[' . ipv4() . pick([']', '', ']]']);
        case 1: return '[' . pick(['IPv6:', 'ipv6:', 'IPV6:', 'IPv6', 'IPv4:', '']) . ipv6() . pick([']', '', ']]']);
        case 2: // groups before and after ::, with or without IPv4
            $groups = fn (int $n) => implode(':', array_map(fn () => chars('0123456789abcdefABCDEF', 1, 4), range(1, $n + 1)));
            $before = mt_rand(0, 7);
            $after = mt_rand(0, 7);
            $s = ($before ? $groups($before - 1) : '') . '::' . ($after ? $groups($after - 1) : '');
            return '[IPv6:' . (mt_rand(0, 1) ? $s : $s . ($after ? ':' : '') . ipv4()) . ']';
        default:
            $labels = [];
            for ($n = mt_rand(1, 5); $n > 0; $n--) {
                $labels[] = label();
            }
            return implode(mt_rand(0, 15) ? '.' : pick(['..', '@', '-']), $labels);
    }
}
function generate(): string
{
    switch (mt_rand(0, 15)) {
        case 0: return bytes(mt_rand(0, 40));
        case 1: // one byte inserted or replaced
            $e = local_part() . '@' . domain();
            $at = mt_rand(0, strlen($e));
            return substr($e, 0, $at) . chr(mt_rand(0, 255)) . substr($e, $at + mt_rand(0, 1));
        case 2: // around 64 local units and 254 units in all
            return str_repeat(pick(['a', '\\a', '"a"', 'a.', '"\\a"', '\\"']), mt_rand(55, 70)) . '@'
                . pick(['x.com', host(mt_rand(150, 200)), host(mt_rand(180, 195))]);
        case 3:
            $local = pick(['"' . str_repeat('\\a', mt_rand(55, 70)) . '"', '"".' . str_repeat('a', mt_rand(50, 120)),
                str_repeat('a', mt_rand(55, 70)), '"' . str_repeat('a', mt_rand(60, 70)) . '"', quoted(60, 70)]);
            return $local . '@' . pick([host(mt_rand(2, 30)), host(mt_rand(150, 260)), domain()]);
        case 4: // surrounding junk
            return pick([' ', "\n", "\r", '', "\0", '<', "\t"]) . local_part() . '@' . domain()
                . pick([' ', "\n", "\r", '', "\0", '>', "\r\n"]);
        case 5: // labels of 62 to 65 bytes
            return local_part() . '@' . implode('.', array_map(fn () => str_repeat('b', mt_rand(60, 65)), range(1, mt_rand(1, 4)))) . '.' . pick(['com', 'c', str_repeat('z', mt_rand(60, 65))]);
        case 6: // chains of quoted words (PCRE may give up on these)
            return implode('.', array_map(fn () => pick(['"a"', '"\\a"', '"a\\ b"', '""', 'a', '"<"']), range(1, mt_rand(0, 19) ? mt_rand(1, 6) : mt_rand(7, 9)))) . '@' . pick(['x.com', 'a.b.cd', '[1.2.3.4]']);
        case 7:
        case 8: // mostly well formed
            $words = array_map(fn () => mt_rand(0, 4) ? chars("abcXYZ09.!#$%&'*+-/=?^_`{|}~", 1, 15) : quoted(0, 5), range(1, mt_rand(1, 3)));
            $labels = array_map(fn () => pick([chars('abcXY09', 1, 10), chars('abc09-', 1, 12), 'xn--' . chars('abc09', 1, 8)]), range(1, mt_rand(1, 4)));
            return implode('.', $words) . '@' . implode('.', $labels) . '.' . pick(['com', 'de', 'Org', 'xn--p1ai', 'co-uk', 'c0m', '1', 'c-']);
        default: return local_part() . '@' . domain();
    }
}

mt_srand(20251125);
$count = 20000;
$accepted = $mismatches = $regex_disagrees = $limited = 0;
for ($i = 0; $i < $count; $i++) {
    $e = generate();
    $got = ShopSetup\validate_email($e);
    $php = php_reference($e);
    $accepted += $php ? 1 : 0;

    $fits = strlen($e) <= 320;
    $match = $fits ? preg_match(EMAIL_RE, $e) : 0;
    if ($match === false && preg_last_error() === PREG_BACKTRACK_LIMIT_ERROR) {
        ini_set('pcre.backtrack_limit', '1000000000');
        $match = preg_match(EMAIL_RE, $e);
        ini_restore('pcre.backtrack_limit');
        if ($match !== false && !$php && $got === ($match === 1 && !preg_match('/[<>\r\n]/', $e))) {
            $php = $got;
        }
    } elseif ($match !== (filter_var($e, FILTER_VALIDATE_EMAIL) !== false ? 1 : 0)) {
        $regex_disagrees++;
    }
    if ($match === 0 && $fits && preg_match($unlimited, $e) === 1) {
        $limited++;
    }

    if ($got !== $php) {
        if (++$mismatches <= 5) {
            printf("mismatch: shopsetup %s, php %s, input %s\n", var_export($got, true), var_export($php, true), bin2hex($e));
        }
    }
}
printf("strings: %d\n", $count);
printf("accepted by PHP: %s\n", $accepted >= 2000 && $accepted <= 8000 ? 'between 10% and 40%' : $accepted);
printf("rejected by a length lookahead only: %s\n", $limited >= 200 ? 'at least 200' : $limited);
printf("regex copy disagrees with filter_var: %d\n", $regex_disagrees);
printf("mismatches: %d\n", $mismatches);
?>
--EXPECT--
strings: 20000
accepted by PHP: between 10% and 40%
rejected by a length lookahead only: at least 200
regex copy disagrees with filter_var: 0
mismatches: 0
