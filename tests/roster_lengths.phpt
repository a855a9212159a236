--TEST--
Plan roster: field lengths are counted in characters, exact boundaries with multibyte text; a 1 MB field is a clean RosterException
--EXTENSIONS--
shopsetup
--FILE--
<?php
require __DIR__ . '/fixtures/plan.inc';

function attempt(array $person): void {
    try {
        $plan = new ShopSetup\Plan(['student' => ['key@example.com' => $person]], 1, plan_roles(), plan_facts());
        $kept = $plan->people()[0];
        echo 'ok: ', strlen($kept['firstname']), ' ', strlen($kept['lastname']), ' ', strlen($kept['email']), ' ',
            strlen($kept['city']), ' ', strlen($kept['institution']), ' ', strlen($kept['phone2']), " bytes\n";
    } catch (ShopSetup\RosterException $e) {
        foreach ($e->getErrors() as $error) {
            echo $error['field'], ': ', $error['reason'], "\n";
        }
    }
}
$email100 = str_repeat('a', 60) . '@' . str_repeat('b', 35) . '.com';
$email101 = str_repeat('a', 60) . '@' . str_repeat('b', 36) . '.com';
var_dump(strlen($email100), strlen($email101));

echo "-- firstname and lastname: 100 characters\n";
attempt(plan_person(str_repeat('é', 100), str_repeat('😀', 100), 'a@example.com'));  // 200 and 400 bytes
attempt(plan_person(str_repeat('é', 101), str_repeat('😀', 101), 'a@example.com'));
attempt(plan_person(' ' . str_repeat('é', 100) . ' ', 'Lee', 'a@example.com'));       // counted after trimming

echo "-- email: 100 characters\n";
attempt(plan_person('Ann', 'Lee', $email100));
attempt(plan_person('Ann', 'Lee', $email101));
attempt(plan_person('Ann', 'Lee', "  $email100  "));                                  // counted after trimming

echo "-- city: 120, institution: 255, phone2: 20\n";
attempt(plan_person('Ann', 'Lee', 'a@example.com', str_repeat('ü', 120), ['institution' => str_repeat('ø', 255), 'phone2' => str_repeat('٣', 20)]));
attempt(plan_person('Ann', 'Lee', 'a@example.com', str_repeat('ü', 121), ['institution' => str_repeat('ø', 256), 'phone2' => str_repeat('٣', 21)]));

echo "-- 1 MB fields\n";
attempt(plan_person('Ann', 'Lee', 'a@example.com', str_repeat('x', 1 << 20)));
attempt(plan_person(str_repeat('é', 1 << 19), 'Lee', 'a@example.com'));
try {
    new ShopSetup\Plan(['student' => ['big' => plan_person('Ann', 'Lee', str_repeat('a', 1 << 20) . '@example.com')]], 1, plan_roles(), plan_facts());
} catch (ShopSetup\RosterException $e) {
    $errors = $e->getErrors();
    echo count($errors), ' error, field ', $errors[0]['field'], ', email of ', strlen($errors[0]['email']), " bytes\n";
}
?>
--EXPECT--
int(100)
int(101)
-- firstname and lastname: 100 characters
ok: 200 400 13 5 0 0 bytes
firstname: is 101 characters long, more than the 100 allowed
lastname: is 101 characters long, more than the 100 allowed
ok: 200 3 13 5 0 0 bytes
-- email: 100 characters
ok: 3 3 100 5 0 0 bytes
email: is 101 characters long, more than the 100 allowed
ok: 3 3 100 5 0 0 bytes
-- city: 120, institution: 255, phone2: 20
ok: 3 3 13 240 510 40 bytes
city: is 121 characters long, more than the 120 allowed
institution: is 256 characters long, more than the 255 allowed
phone2: is 21 characters long, more than the 20 allowed
-- 1 MB fields
city: is 1048576 characters long, more than the 120 allowed
firstname: is 524288 characters long, more than the 100 allowed
1 error, field email, email of 1048588 bytes
