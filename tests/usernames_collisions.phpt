--TEST--
make_usernames(): smallest free numeric suffix against taken names and the batch
--EXTENSIONS--
shopsetup
--FILE--
<?php
use function ShopSetup\make_usernames;

function people(array $names): array {
    $people = [];
    foreach ($names as $key => [$first, $last]) {
        $people[$key] = ['firstname' => $first, 'lastname' => $last, 'email' => "$key@example.com"];
    }
    return $people;
}
function show(string $title, array $usernames): void {
    echo $title, ': ', implode(' ', array_map(fn($k, $v) => "$k=$v", array_keys($usernames), $usernames)), "\n";
}

// Smallest free suffix, taken names skipped; claimed names become taken.
show('gaps', make_usernames(people(['p1' => ['A', 'B'], 'p2' => ['A', 'B'], 'p3' => ['A', 'B']]), ['a.b', 'a.b1', 'a.b3']));
show('free base', make_usernames(people(['p1' => ['A', 'B']]), ['a.b1', 'a.b2']));

// In-batch collisions, int keys kept.
show('batch', make_usernames(people([7 => ['Jean', 'Dupont'], 3 => ['JEAN', 'DUPONT'], 9 => ['Jéan', 'Düpont']])));

// Counter per base, still checked against taken.
show('counter', make_usernames(people(array_fill(0, 8, ['Jean', 'Dupont'])), ['jean.dupont', 'jean.dupont2', 'jean.dupont7']));

// "Jean Dupont1" has the base jean.dupont1, which is also jean.dupont + 1.
show('dupont1 after', make_usernames(people(['a' => ['Jean', 'Dupont'], 'b' => ['Jean', 'Dupont'], 'c' => ['Jean', 'Dupont1'], 'd' => ['Jean', 'Dupont']])));
show('dupont1 first', make_usernames(people(['c' => ['Jean', 'Dupont1'], 'a' => ['Jean', 'Dupont'], 'b' => ['Jean', 'Dupont']])));
$taken = ['jean.dupont'];
for ($i = 1; $i <= 10; $i++) {
    $taken[] = "jean.dupont$i";
}
show('dupont11', make_usernames(people(['c' => ['Jean', 'Dupont1'], 'a' => ['Jean', 'Dupont']]), $taken));

// Taken names compare as MySQL's case- and accent-insensitive collations do.
show('folded', make_usernames(people(['a' => ['Élodie', 'Martin'], 'b' => ['Jean', 'Dupont']]), ['Élodie.MARTIN', 'JEAN.DUPONT']));

// Determinism: same input, same output.
$batch = people(['x' => ['Ana', 'Núñez'], 'y' => ['Ana', 'Nunez'], 'z' => ['ANA', 'NÚÑEZ'], 'w' => ['Ana', 'Nunez1']]);
$first = make_usernames($batch, ['ana.nunez1']);
show('determinism', $first);
var_dump($first === make_usernames($batch, ['ana.nunez1']));

// 10,000 people with the same name.
$same = array_fill(0, 10000, ['firstname' => 'Jean', 'lastname' => 'Dupont']);
$names = make_usernames($same, ['jean.dupont5000']);
echo count($names), ' ', count(array_unique($names)), ' ', $names[0], ' ', $names[1], ' ', $names[4999], ' ', $names[5000], ' ', $names[9999], "\n";
var_dump(in_array('jean.dupont5000', $names, true));

// 200,000 claims of one base (speed is measured in bench/, not here).
$names = make_usernames(array_fill(0, 200000, ['firstname' => 'Jean', 'lastname' => 'Dupont']));
echo end($names), ' ', count(array_unique($names)), "\n";

// Non-string fields and entries.
foreach ([
    [[['firstname' => 42, 'lastname' => 'X']], []],
    [[['firstname' => 'X', 'lastname' => ['Y']]], []],
    [[['firstname' => 'X', 'email' => 1.5]], []],
    [['not an array'], []],
    [[['firstname' => 'X']], ['a.b', 7]],
] as [$people, $taken]) {
    try {
        make_usernames($people, $taken);
        echo "no error\n";
    } catch (TypeError $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
}
// Null and absent fields read as empty.
show('null fields', make_usernames([['firstname' => null, 'lastname' => 'Solo'], ['email' => 'only@example.com'], []]));
?>
--EXPECT--
gaps: p1=a.b2 p2=a.b4 p3=a.b5
free base: p1=a.b
batch: 7=jean.dupont 3=jean.dupont1 9=jean.dupont2
counter: 0=jean.dupont1 1=jean.dupont3 2=jean.dupont4 3=jean.dupont5 4=jean.dupont6 5=jean.dupont8 6=jean.dupont9 7=jean.dupont10
dupont1 after: a=jean.dupont b=jean.dupont1 c=jean.dupont11 d=jean.dupont2
dupont1 first: c=jean.dupont1 a=jean.dupont b=jean.dupont2
dupont11: c=jean.dupont11 a=jean.dupont12
folded: a=elodie.martin1 b=jean.dupont1
determinism: x=ana.nunez y=ana.nunez2 z=ana.nunez3 w=ana.nunez11
bool(true)
10000 10000 jean.dupont jean.dupont1 jean.dupont4999 jean.dupont5001 jean.dupont10000
bool(false)
jean.dupont199999 200000
TypeError: ShopSetup\make_usernames(): Argument #1 ($people) field "firstname" must be of type string, int given
TypeError: ShopSetup\make_usernames(): Argument #1 ($people) field "lastname" must be of type string, array given
TypeError: ShopSetup\make_usernames(): Argument #1 ($people) field "email" must be of type string, float given
TypeError: ShopSetup\make_usernames(): Argument #1 ($people) must contain arrays, string given
TypeError: ShopSetup\make_usernames(): Argument #2 ($taken) must contain only strings, int given
null fields: 0=solo 1=only 2=user
