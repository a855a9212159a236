--TEST--
make_usernames(): regressions of local_shop's shop_generate_username()
--EXTENSIONS--
shopsetup
--FILE--
<?php
// The generator this replaces (local_shop locallib.php, shop_generate_username(), without the DB loop):
// byte-wise strtolower(), ASCII apostrophe and \s only, 15 lower-case accented letters, no rule check.
function original_username(string $firstname, string $lastname): string {
    $clean = fn($s) => preg_replace('/\s+/', '-', str_replace('\'', '', strtolower($s)));
    return str_replace(
        ['é', 'è', 'ê', 'ë', 'ö', 'ô', 'ü', 'û', 'ù', 'î', 'ï', 'à', 'â', 'ç', 'ñ'],
        ['e', 'e', 'e', 'e', 'o', 'o', 'u', 'u', 'u', 'i', 'i', 'a', 'a', 'c', 'n'],
        $clean($firstname) . '.' . $clean($lastname));
}
// Moodle's rule with extendedusernamechars off: username === clean_param(username, PARAM_USERNAME),
// i.e. non-empty lower-case [a-z0-9_.@-]; and user.username holds 100 characters.
function moodle_accepts(string $username): bool {
    return preg_match('/^[a-z0-9_.@-]+$/', $username) === 1 && strlen($username) <= 100;
}

$cases = [
    // upper-case accented letters were left as they were by byte-wise strtolower()
    ['Élodie', 'Martin'],
    ['ÉMILE', 'ZOLA'],
    ['Ève', 'Ébrard'],
    ['Ángel', 'ÑÚÑEZ'],
    // diacritics missing from the 15 mapped letters
    ['Åsa', 'Ødegård'],
    ['Łukasz', 'Żółć'],
    ['Jiří', 'Dvořák'],
    ['Zdeněk', 'Šebek'],
    ['Işıl', 'Doğan'],
    ['Jürgen', 'Größe'],
    ['Søren', 'Kierkegaard'],
    ['Chloé', 'Lætitia'],
    ['Gérald', 'Œil'],
    // characters outside the rule were kept
    ['Seán', 'O’Brien'],
    ["Marie\u{A0}Claire", 'Dupont'],
    ['Dupont, Jean (Jr.)', 'X'],
    ['山田', '太郎'],
    ['', ''],
    ['Madonna', ''],
    [str_repeat('Bartholomew', 6), str_repeat('Fitzgerald', 6)],
];
foreach ($cases as [$first, $last]) {
    $old = original_username($first, $last);
    $new = ShopSetup\make_usernames([['firstname' => $first, 'lastname' => $last, 'email' => 'jd@example.com']])[0];
    printf("%s -> %s (%s)\n", json_encode(strlen($old) > 40 ? substr($old, 0, 20) . '...' : $old),
        strlen($new) > 40 ? substr($new, 0, 20) . '... ' . strlen($new) . ' bytes' : $new,
        (moodle_accepts($old) ? 'old valid but odd' : 'old invalid') . ', ' . (moodle_accepts($new) ? 'new valid' : 'NEW INVALID'));
}

// Every output follows the rule, whatever the input.
mt_srand(42);
$alphabet = ['a', 'Z', 'é', 'É', 'ß', 'Ł', 'ı', 'İ', 'ž', 'Å', 'ø', 'Œ', ' ', "\t", "\u{A0}", '-', '.', "'", '’', 'ʼ',
    '@', '_', '7', ',', '(', '山', '😀', "\u{301}", "\xFF", "\xC3", '+', 'ǅ', 'ẞ', 'ỹ', 'ə'];
$people = [];
for ($i = 0; $i < 2000; $i++) {
    $person = [];
    foreach (['firstname', 'lastname', 'email'] as $field) {
        $s = '';
        for ($n = mt_rand(0, $field === 'email' ? 12 : 40); $n > 0; $n--) {
            $s .= $alphabet[mt_rand(0, count($alphabet) - 1)];
        }
        $person[$field] = $s;
    }
    $people[] = $person;
}
$names = ShopSetup\make_usernames($people);
$invalid = array_filter($names, fn($name) => !moodle_accepts($name));
$untidy = array_filter($names, fn($name) => !preg_match('/^[a-z0-9_@]([a-z0-9_.@-]*[a-z0-9_@])?$/', $name));
echo count($names), ' generated, ', count(array_unique($names)), ' distinct, ', count($invalid), ' invalid, ',
    count($untidy), " starting or ending with '.' or '-'\n";
?>
--EXPECT--
"\u00c9lodie.martin" -> elodie.martin (old invalid, new valid)
"\u00c9mile.zola" -> emile.zola (old invalid, new valid)
"\u00c8ve.\u00c9brard" -> eve.ebrard (old invalid, new valid)
"\u00c1ngel.\u00d1\u00da\u00d1ez" -> angel.nunez (old invalid, new valid)
"\u00c5sa.\u00d8deg\u00e5rd" -> asa.odegard (old invalid, new valid)
"\u0141ukasz.\u017b\u00f3\u0142\u0107" -> lukasz.zolc (old invalid, new valid)
"ji\u0159\u00ed.dvo\u0159\u00e1k" -> jiri.dvorak (old invalid, new valid)
"zden\u011bk.\u0160ebek" -> zdenek.sebek (old invalid, new valid)
"i\u015f\u0131l.do\u011fan" -> isil.dogan (old invalid, new valid)
"jurgen.gro\u00dfe" -> jurgen.grosse (old invalid, new valid)
"s\u00f8ren.kierkegaard" -> soren.kierkegaard (old invalid, new valid)
"chloe.l\u00e6titia" -> chloe.laetitia (old invalid, new valid)
"gerald.\u0152il" -> gerald.oeil (old invalid, new valid)
"se\u00e1n.o\u2019brien" -> sean.obrien (old invalid, new valid)
"marie\u00a0claire.dupont" -> marie-claire.dupont (old invalid, new valid)
"dupont,-jean-(jr.).x" -> dupont-jean-jr.x (old invalid, new valid)
"\u5c71\u7530.\u592a\u90ce" -> jd (old invalid, new valid)
"." -> jd (old valid but odd, new valid)
"madonna." -> madonna (old valid but odd, new valid)
"bartholomewbartholom..." -> bartholomewbartholom... 94 bytes (old invalid, new valid)
2000 generated, 2000 distinct, 0 invalid, 0 starting or ending with '.' or '-'
