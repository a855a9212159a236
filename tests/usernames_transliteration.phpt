--TEST--
make_usernames(): transliteration and cleaning of the base username
--EXTENSIONS--
shopsetup
--FILE--
<?php
// [firstname, lastname, email, expected username]
$cases = [
    // French
    ['Élodie', 'Martin', '', 'elodie.martin'],
    ['François', 'Lefèvre', '', 'francois.lefevre'],
    ['Jean-Noël', 'Boël', '', 'jean-noel.boel'],
    ['Cécile', 'Dœuf', '', 'cecile.doeuf'],
    ['ÈVE', 'ŸVELIN', '', 'eve.yvelin'],
    ['Aimée', 'Lætitia', '', 'aimee.laetitia'],
    // German
    ['Jürgen', 'Größe', '', 'jurgen.grosse'],
    ['Ännchen', 'Müller-Lüdenscheidt', '', 'annchen.muller-ludenscheidt'],
    ['Uwe', 'GROẞMANN', '', 'uwe.grossmann'],
    // Polish
    ['Łukasz', 'Wąsowski', '', 'lukasz.wasowski'],
    ['Małgorzata', 'Brzęczyszczykiewicz', '', 'malgorzata.brzeczyszczykiewicz'],
    ['Grzegorz', 'Ścibór-Żółć', '', 'grzegorz.scibor-zolc'],
    // Czech
    ['Jiří', 'Dvořák', '', 'jiri.dvorak'],
    ['Žofie', 'Šťastná', '', 'zofie.stastna'],
    ['Tomáš', 'Kůžel', '', 'tomas.kuzel'],
    // Scandinavian, Icelandic
    ['Søren', 'Kierkegaard', '', 'soren.kierkegaard'],
    ['Åsa', 'Ødegård', '', 'asa.odegard'],
    ['Bjørn', 'Dæhlie', '', 'bjorn.daehlie'],
    ['Þóra', 'Guðmundsdóttir', '', 'thora.gudmundsdottir'],
    // Turkish
    ['Işıl', 'Doğan', '', 'isil.dogan'],
    ['Şükrü', 'Yılmaz', '', 'sukru.yilmaz'],
    ['İbrahim', 'Çağlar', '', 'ibrahim.caglar'],
    // Spanish
    ['José María', 'Núñez', '', 'jose-maria.nunez'],
    ['Iñaki', 'Pérez de Cuéllar', '', 'inaki.perez-de-cuellar'],
    // Others: Romanian, Serbo-Croatian, Hungarian, Dutch, Catalan, Vietnamese
    ['Ștefan', 'Țăranu', '', 'stefan.taranu'],
    ['Đorđe', 'Balašević', '', 'dorde.balasevic'],
    ['Ödön', 'Erdős', '', 'odon.erdos'],
    ['Ĳsbrand', 'van Dijk', '', 'ijsbrand.van-dijk'],
    ['Paŀla', 'Coŀlell', '', 'palla.collell'],
    ['ŉaſ', 'Ŋom', '', 'nas.nom'],
    ['Nguyễn', 'Thị Minh Khai', '', 'nguyen.thi-minh-khai'],
    // decomposed (NFD) input: combining marks are dropped
    ["Ele\u{301}onore", "Zoe\u{308}", '', 'eleonore.zoe'],
    // apostrophes: ASCII, U+2019, U+02BC
    ["D'Artagnan", 'Charles', '', 'dartagnan.charles'],
    ['Seán', 'O’Brien', '', 'sean.obrien'],
    ['Wanjiru', 'Ngʼangʼa', '', 'wanjiru.nganga'],
    // white space, hyphens, dots
    ['Anne   Marie', '  Dupont  ', '', 'anne-marie.dupont'],
    ["Anne\tSophie", "Le \t Goff", '', 'anne-sophie.le-goff'],
    ["Marie\u{A0}Claire", "Van\u{A0}\u{A0}Damme", '', 'marie-claire.van-damme'],
    ["Jean\u{202F}Paul", 'Belmondo', '', 'jean-paul.belmondo'],
    ['Jean-Luc', 'Picard-Riker', '', 'jean-luc.picard-riker'],
    ['Marie - Claire', 'Dupont--Durand', '', 'marie-claire.dupont-durand'],
    ['Marie–Claire', 'Dupont — Durand', '', 'marie-claire.dupont-durand'],
    ['-Jean-', '.Paul.', '', 'jean.paul'],
    ['J. R. R.', 'Tolkien', '', 'j.-r.-r.tolkien'],
    // upper case, punctuation, other scripts mixed in
    ['JEAN', 'DUPONT', '', 'jean.dupont'],
    ['Dupont, Jean (Jr.)', 'X', '', 'dupont-jean-jr.x'],
    ['Ivan Иван', 'Petrov', '', 'ivan.petrov'],
    ['A×B', 'C÷D!?', '', 'ab.cd'],
    // '@', '_' and digits are allowed
    ['j@ne', 'Doe', '', 'j@ne.doe'],
    ['jean_2', 'Dupont3', '', 'jean_2.dupont3'],
    // only one part left: no dangling dot
    ['Madonna', '', '', 'madonna'],
    ['(!)', 'Prince', '', 'prince'],
    ['Cher', "'’", '', 'cher'],
    // nothing left: email local part (before the last '@'), then "user"
    ['山田', '太郎', 'Taro.Yamada@example.jp', 'taro.yamada'],
    ['😀', '🎉', 'Party_Person+shop@Example.COM', 'party_personshop'],
    ['Дмитрий', 'Шостакович', '"d.s@home"@example.ru', 'd.s@home'],
    ['', '', 'nobody', 'nobody'],
    ['王', '小明', '李@example.cn', 'user'],
    ['', '', '', 'user'],
    [' ', "\u{A0}", '@', 'user'],
    // invalid UTF-8 bytes are dropped
    ["Ma\xFFrie", "Cur\xC3ie\xED\xA0\x80", '', 'marie.curie'],
    // truncation to 94 bytes, never ending in '.' or '-'
    [str_repeat('Abcdefghij', 6), str_repeat('Klmnopqrst', 6), '',
        str_repeat('abcdefghij', 6) . '.' . substr(str_repeat('klmnopqrst', 6), 0, 33)],
    [str_repeat('a', 91), 'b-cdef', '', str_repeat('a', 91) . '.b'],
    [str_repeat('a', 93), 'bcd', '', str_repeat('a', 93)],
    [str_repeat('é', 200), 'Z', '', str_repeat('e', 94)],
    ['', '', str_repeat('x', 150) . '@example.com', str_repeat('x', 94)],
];

$bad = 0;
foreach ($cases as $i => [$first, $last, $email, $expected]) {
    $got = ShopSetup\make_usernames([['firstname' => $first, 'lastname' => $last, 'email' => $email]])[0];
    if (!preg_match('/^[a-z0-9_.@-]+$/', $got) || strlen($got) > 100) {
        $bad++;
    }
    if (strlen($expected) > 40) {
        printf("%02d %s (%d bytes): %s\n", $i, substr($got, 0, 12) . '...', strlen($got), $got === $expected ? 'ok' : "MISMATCH $got");
    } else {
        printf("%02d %s%s\n", $i, $got, $got === $expected ? '' : "  MISMATCH, expected $expected");
    }
}
echo count($cases), " cases, $bad outside Moodle's username rule\n";

// Long bases still leave room for the suffix.
$long = ['firstname' => str_repeat('Ø', 80), 'lastname' => str_repeat('ß', 20)];
$names = ShopSetup\make_usernames([$long, $long, $long]);
foreach ($names as $name) {
    echo strlen($name), ' ', substr($name, -4), ' ', preg_match('/^[a-z0-9_.@-]+$/', $name), "\n";
}
?>
--EXPECT--
00 elodie.martin
01 francois.lefevre
02 jean-noel.boel
03 cecile.doeuf
04 eve.yvelin
05 aimee.laetitia
06 jurgen.grosse
07 annchen.muller-ludenscheidt
08 uwe.grossmann
09 lukasz.wasowski
10 malgorzata.brzeczyszczykiewicz
11 grzegorz.scibor-zolc
12 jiri.dvorak
13 zofie.stastna
14 tomas.kuzel
15 soren.kierkegaard
16 asa.odegard
17 bjorn.daehlie
18 thora.gudmundsdottir
19 isil.dogan
20 sukru.yilmaz
21 ibrahim.caglar
22 jose-maria.nunez
23 inaki.perez-de-cuellar
24 stefan.taranu
25 dorde.balasevic
26 odon.erdos
27 ijsbrand.van-dijk
28 palla.collell
29 nas.nom
30 nguyen.thi-minh-khai
31 eleonore.zoe
32 dartagnan.charles
33 sean.obrien
34 wanjiru.nganga
35 anne-marie.dupont
36 anne-sophie.le-goff
37 marie-claire.van-damme
38 jean-paul.belmondo
39 jean-luc.picard-riker
40 marie-claire.dupont-durand
41 marie-claire.dupont-durand
42 jean.paul
43 j.-r.-r.tolkien
44 jean.dupont
45 dupont-jean-jr.x
46 ivan.petrov
47 ab.cd
48 j@ne.doe
49 jean_2.dupont3
50 madonna
51 prince
52 cher
53 taro.yamada
54 party_personshop
55 d.s@home
56 nobody
57 user
58 user
59 user
60 marie.curie
61 abcdefghijab... (94 bytes): ok
62 aaaaaaaaaaaa... (93 bytes): ok
63 aaaaaaaaaaaa... (93 bytes): ok
64 eeeeeeeeeeee... (94 bytes): ok
65 xxxxxxxxxxxx... (94 bytes): ok
66 cases, 0 outside Moodle's username rule
94 ssss 1
95 sss1 1
95 sss2 1
