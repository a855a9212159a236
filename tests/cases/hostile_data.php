<?php
require __DIR__ . '/fixtures/db_checks.inc';
$db = shopsetup_test_site('hostile_data');
$m = $db['mysqli'];

$people = [
    'quote@example.com' => ["O'Brien", 'Dan "the man"', "Saint-Jean-d'Angély", "L'École \"libre\"", '+33 (0)1 23'],
    'slash@example.com' => ['Back\\slash\\', '\\\'; DROP TABLE mdl_user; --', 'C:\\Temp\\%_', '100% _sure_ \\%', '\\0\\n'],
    'emoji@example.com' => ['Zoë 😀', '🎉🎉 Party 🥳', 'Ōsaka 🏯', '𝔘𝔫𝔦𝔳𝔢𝔯𝔰𝔦𝔱𝔶 𝟚𝟘𝟚𝟞', '☎ 555'],
    'cjk@example.com'   => ['伟', '张', '北京市', '北京大学 — 中文系', '010-1234'],
    // exactly at the limits, counted in characters: names 100, city 120, institution 255, phone 20
    'long@example.com'  => [str_repeat('é', 99) . '😀', str_repeat('N', 100), str_repeat('京', 120),
        str_repeat('𝔘', 200) . str_repeat('ü', 55), str_repeat('9', 20)],
    'space@example.com' => ['  Anne  Marie ', "\tSmith\t", ' Spaced  City ', ' ', ''],
    // an address of exactly 100 characters (local part within the 64 of RFC 5321)
    str_repeat('e', 40) . '@' . str_repeat('d', 47) . '.example.com' => ['Max', 'Length', 'Paris', '', ''],
];
$buckets = ['student' => [], 'teacher' => []];
foreach ($people as $email => [$first, $last, $city, $institution, $phone]) {
    $buckets[$email === 'long@example.com' ? 'teacher' : 'student'][$email] = shopsetup_test_person($first, $last, $email, $city, $institution, $phone);
}
$facts = shopsetup_test_facts(['groupidnumber' => "shop-'11' \\ \"x\"", 'groupname' => "Groupe « L'été » 😀 \\ %_",
    'groupdescription' => "<p>It's \"ours\" \\o/ 🎓</p>", 'coursename' => "Cours d'été 😀 & co"]);
$conn = shopsetup_test_site_connect($db);
$r = (new ShopSetup\Plan($buckets, 7, ['student' => 5, 'teacher' => 4], $facts))->run($conn);
echo 'created: ', count($r['users']['created']), "\n";

$columns = ['firstname', 'lastname', 'city', 'institution', 'phone2'];
foreach ($people as $email => $values) {
    $row = shopsetup_test_rows($m, "SELECT * FROM mdl_user WHERE email = '" . $m->real_escape_string($email) . "'")[0];
    $bad = [];
    foreach ($columns as $i => $column) {
        if ($row[$column] !== trim($values[$i])) {
            $bad[] = "$column " . bin2hex($row[$column]) . ' <> ' . bin2hex(trim($values[$i]));
        }
    }
    printf("%s: %s; username %s\n", strlen($email) > 30 ? strlen($email) . ' characters' : $email, $bad ? implode('; ', $bad) : 'verbatim',
        preg_match('/^[a-z0-9_.@-]{1,100}$/D', $row['username']) ? 'ok' : bin2hex($row['username']));
}
$long = shopsetup_test_rows($m, "SELECT CHAR_LENGTH(firstname) f, CHAR_LENGTH(lastname) l, CHAR_LENGTH(city) c, CHAR_LENGTH(institution) i,
    OCTET_LENGTH(institution) ib, CHAR_LENGTH(phone2) p FROM mdl_user WHERE email = 'long@example.com'")[0];
echo 'lengths at the limits: ', json_encode($long), "\n";
echo 'distinct usernames: ', shopsetup_test_int($m, 'SELECT COUNT(DISTINCT username) FROM mdl_user WHERE id > 3'), "\n";

$group = shopsetup_test_rows($m, 'SELECT idnumber, name, description FROM mdl_groups')[0];
echo 'group: ', $group === ['idnumber' => $facts['groupidnumber'], 'name' => $facts['groupname'], 'description' => $facts['groupdescription']]
    ? 'verbatim' : json_encode($group, JSON_UNESCAPED_UNICODE), "\n";
$data = shopsetup_test_rows($m, 'SELECT DISTINCT productiondata FROM mdl_local_shop_product')[0]['productiondata'];
echo 'product data: ', preg_replace('/userid=\d+/', 'userid=<id>', $data), "\n";
parse_str(str_replace('+', '%2B', $data), $fields);
echo 'coursename decodes back: ', $fields['coursename'] === $facts['coursename'] ? 'yes' : $fields['coursename'], "\n";

// The same order again: the group is found by its odd idnumber, every account by its email.
$before = shopsetup_test_snapshot($m);
$r = (new ShopSetup\Plan($buckets, 7, ['student' => 5, 'teacher' => 4], $facts))->run($conn);
echo 'second run: ', shopsetup_test_compare($before, shopsetup_test_snapshot($m)), ', group created: ', var_export($r['group']['created'], true),
    ', matched: ', count($r['users']['matched']), "\n";

// Refused before anything is written: NUL bytes, values one character too long, bad UTF-8.
$bad = [
    'nul@example.com' => shopsetup_test_person("Nul\0Byte", 'Null', 'nul@example.com'),
    'nul2@example.com' => shopsetup_test_person('Ok', 'Ok', "nul2@example.com\0.evil.com"),
    'first@example.com' => shopsetup_test_person(str_repeat('é', 101), 'X', 'first@example.com'),
    'last@example.com' => shopsetup_test_person('X', str_repeat('😀', 101), 'last@example.com'),
    'city@example.com' => shopsetup_test_person('X', 'Y', 'city@example.com', str_repeat('京', 121)),
    'inst@example.com' => shopsetup_test_person('X', 'Y', 'inst@example.com', 'Paris', str_repeat('ü', 256)),
    'phone@example.com' => shopsetup_test_person('X', 'Y', 'phone@example.com', 'Paris', '', str_repeat('1', 21)),
    'utf8@example.com' => shopsetup_test_person("Bad\xC3(", 'Y', 'utf8@example.com'),
    str_repeat('e', 40) . '@' . str_repeat('d', 48) . '.example.com' => shopsetup_test_person('X', 'Y', str_repeat('e', 40) . '@' . str_repeat('d', 48) . '.example.com'),
];
$good = shopsetup_test_person('Good', 'Person', 'good@example.com');
foreach ($bad as $email => $person) {
    $before = shopsetup_test_snapshot($m);
    try {
        $plan = new ShopSetup\Plan(['student' => [$email => $person, 'good@example.com' => $good]], 2, ['student' => 5],
            shopsetup_test_facts(['billitemid' => 12, 'groupidnumber' => 'shop-12']));
        $plan->run($conn);
        echo str_replace("\0", '\0', substr($email, 0, 20)), ": accepted\n";
    } catch (ShopSetup\RosterException $e) {
        echo str_replace("\0", '\0', substr($email, 0, 20)), ': ', get_class($e), ': ', $e->getMessage(), "\n";
        foreach ($e->getErrors() as $error) {
            echo "  {$error['field']}: {$error['reason']}\n";
        }
    }
    echo '  rows: ', shopsetup_test_compare($before, shopsetup_test_snapshot($m)), "\n";
}

$conn->close();
shopsetup_test_site_drop('hostile_data');
