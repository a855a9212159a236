--TEST--
Plan::accounts(): one person who is not a participant (the buyer) matched and named by the setup's own rules (white space and case of stored emails, active before suspended then lowest id, usernames the collation holds equal); it previews and never runs
--EXTENSIONS--
shopsetup
--FILE--
<?php
require __DIR__ . '/fixtures/memory_store.inc';

$users = [
    ['id' => 7, 'username' => 'old.suspended', 'email' => 'buyer@example.com', 'suspended' => 1, 'deleted' => 0, 'mnethostid' => 1],
    ['id' => 9, 'username' => 'ann.active', 'email' => " Buyer@Example.COM\t", 'suspended' => 0, 'deleted' => 0, 'mnethostid' => 1],
    ['id' => 5, 'username' => 'gone', 'email' => 'buyer@example.com', 'suspended' => 0, 'deleted' => 1, 'mnethostid' => 1],
    ['id' => 11, 'username' => 'NEW.BUYER', 'email' => 'someone@example.com', 'suspended' => 0, 'deleted' => 0, 'mnethostid' => 1],
];
$store = fn() => new MemoryStore(['user' => $users], ['collate' => 'strtolower']);
$person = fn(string $email) => [$email => ['firstname' => 'New', 'lastname' => 'Buyer', 'email' => $email, 'city' => 'Paris']];

echo "-- an existing account, stored with white space and capitals, one of them suspended\n";
$plan = ShopSetup\Plan::accounts($person('  BUYER@example.com '), ['mnethostid' => 1]);
$match = $plan->preview($store());
$p = $plan->people()[0];
echo "$p[email]: $p[status] #$p[userid]; ambiguous: ", json_encode($match['ambiguous']), "\n";

echo "-- no account: a username the collation does not hold equal to a taken one\n";
$plan = ShopSetup\Plan::accounts($person('new@example.com'), ['mnethostid' => 1]);
$plan->preview($store());
$p = $plan->people()[0];
echo "$p[email]: $p[status] $p[username]\n";

echo "-- it never runs\n";
try {
    $plan = ShopSetup\Plan::accounts($person('new@example.com'), ['mnethostid' => 1]);
    $plan->run($store());
} catch (ShopSetup\PlanException $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}

echo "-- bad input\n";
foreach ([[$person('new@example.com'), []], [$person('new@example.com'), ['mnethostid' => 0]], [$person('not an email'), ['mnethostid' => 1]],
    [$person('new@example.com'), ['mnethostid' => 1, 'nosuchfact' => 1]]] as [$people, $facts]) {
    try {
        ShopSetup\Plan::accounts($people, $facts);
        echo "accepted\n";
    } catch (ShopSetup\Exception $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
}
?>
--EXPECT--
-- an existing account, stored with white space and capitals, one of them suspended
buyer@example.com: matched #9; ambiguous: [{"email":"buyer@example.com","ids":[7,9],"chosen":9}]
-- no account: a username the collation does not hold equal to a taken one
new@example.com: created new.buyer1
-- it never runs
ShopSetup\PlanException: run: a plan of accounts only previews: it has no course to set up
-- bad input
ShopSetup\PlanException: Plan facts: "mnethostid" is required and must be positive
ShopSetup\PlanException: Plan facts: "mnethostid" is required and must be positive
ShopSetup\RosterException: The participant list has 1 invalid entry: nothing was set up
ShopSetup\PlanException: Plan facts: unknown fact "nosuchfact"
