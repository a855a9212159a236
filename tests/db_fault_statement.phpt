--TEST--
MysqlConnection::run(): a statement failing half-way (trigger SIGNAL) rolls the whole setup back
--EXTENSIONS--
mysqli
shopsetup
--SKIPIF--
<?php require __DIR__ . '/fixtures/db.inc'; shopsetup_test_db_skip(); ?>
--FILE--
<?php
require __DIR__ . '/fixtures/db_checks.inc';
$db = shopsetup_test_db('fault_statement');
$m = $db['mysqli'];

// Two participants already have an account (and Ann an enrolment to widen), three are new.
$m->query("INSERT INTO mdl_user (auth, confirmed, mnethostid, username, firstname, lastname, email) VALUES
    ('manual', 1, 1, 'ann.archer', 'Ann', 'Archer', 'ann@example.com'), ('manual', 1, 1, 'bob.baker', 'Bob', 'Baker', 'bob@example.com')");
$ann = shopsetup_test_int($m, "SELECT id FROM mdl_user WHERE username = 'ann.archer'");
$m->query("INSERT INTO mdl_user_enrolments (status, enrolid, userid, timestart, timeend) VALUES (0, 1, $ann, 1769904000, 1793491200)");

$buckets = [
    'student' => [
        'ann@example.com' => shopsetup_test_person('Ann', 'Archer', 'ann@example.com'),
        'bob@example.com' => shopsetup_test_person('Bob', 'Baker', 'bob@example.com'),
        'cid@example.com' => shopsetup_test_person('Cid', 'Carter', 'cid@example.com'),
        'dan@example.com' => shopsetup_test_person('Dan', 'Dupont', 'dan@example.com'),
    ],
    'teacher' => [
        'tom@example.com' => shopsetup_test_person('Tom', 'Turner', 'tom@example.com'),
    ],
];
$roles = ['student' => 5, 'teacher' => 4];
$conn = new ShopSetup\MysqlConnection($db['options']);

// The row of each table on which the trigger fails: each stage once, from the first to the last.
$faults = [
    ['INSERT', 'user', 2],
    ['INSERT', 'user_preferences', 3],
    ['INSERT', 'context', 3],
    ['INSERT', 'groups', 1],
    ['UPDATE', 'user_enrolments', 1],
    ['INSERT', 'user_enrolments', 3],
    ['INSERT', 'role_assignments', 3],
    ['INSERT', 'groups_members', 4],
    ['INSERT', 'local_shop_product', 5],
    ['INSERT', 'local_shop_productevent', 5],
];
$before = shopsetup_test_snapshot($m);
$ann_enrolment = shopsetup_test_rows($m, "SELECT * FROM mdl_user_enrolments WHERE userid = $ann");
foreach ($faults as [$event, $table, $row]) {
    $m->query("CREATE TRIGGER shopsetup_fault BEFORE $event ON mdl_$table FOR EACH ROW
        BEGIN
            SET @shopsetup_rows = IFNULL(@shopsetup_rows, 0) + 1;
            IF @shopsetup_rows = $row THEN
                SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'injected failure on $event $row of $table';
            END IF;
        END");
    $plan = new ShopSetup\Plan($buckets, 5, $roles, shopsetup_test_facts());
    try {
        $plan->run($conn);
        echo "$event $table: no exception\n";
    } catch (ShopSetup\DatabaseException $e) {
        echo "$event $table: ", get_class($e), ': ', $e->getMessage(), "\n";
    }
    echo '  rows: ', shopsetup_test_compare($before, shopsetup_test_snapshot($m)),
        ', new accounts: ', shopsetup_test_int($m, "SELECT COUNT(*) FROM mdl_user WHERE email IN ('cid@example.com', 'dan@example.com', 'tom@example.com')"),
        ', Ann\'s enrolment: ', shopsetup_test_rows($m, "SELECT * FROM mdl_user_enrolments WHERE userid = $ann") === $ann_enrolment ? 'as before' : 'CHANGED', "\n";
    // a plan runs once, even when it failed
    try {
        $plan->run($conn);
    } catch (ShopSetup\PlanException $e) {
        echo '  again: ', get_class($e), ': ', $e->getMessage(), "\n";
    }
    $m->query('DROP TRIGGER shopsetup_fault');
    // the trigger counts in the executor's session: start each case on a new one
    $conn->close();
    $conn = new ShopSetup\MysqlConnection($db['options']);
}

// Nothing is left behind: the lock is free for another connection, and a new plan goes through.
$other = new ShopSetup\MysqlConnection($db['options'] + ['lock_timeout' => 1]);
$r = (new ShopSetup\Plan($buckets, 5, $roles, shopsetup_test_facts()))->run($other);
printf("retry: %d created, %d matched, %d enrolments created, %d updated, %d roles, %d members, %d products\n",
    count($r['users']['created']), count($r['users']['matched']), count($r['enrolments']['created']),
    count($r['enrolments']['updated']), count($r['role_assignments']), count($r['group_members']), count($r['products']));
echo shopsetup_test_counts($m), "\n";

$conn->close();
$other->close();
shopsetup_test_db_drop('fault_statement');
?>
--CLEAN--
<?php
require __DIR__ . '/fixtures/db.inc';
shopsetup_test_db_drop('fault_statement');
?>
--EXPECT--
INSERT user: ShopSetup\DatabaseException: MySQL error 1644 (45000): injected failure on INSERT 2 of user (user)
  rows: same, new accounts: 0, Ann's enrolment: as before
  again: ShopSetup\PlanException: run: a plan runs once: build a new one to run it again
INSERT user_preferences: ShopSetup\DatabaseException: MySQL error 1644 (45000): injected failure on INSERT 3 of user_preferences (user_preferences)
  rows: same, new accounts: 0, Ann's enrolment: as before
  again: ShopSetup\PlanException: run: a plan runs once: build a new one to run it again
INSERT context: ShopSetup\DatabaseException: MySQL error 1644 (45000): injected failure on INSERT 3 of context (context)
  rows: same, new accounts: 0, Ann's enrolment: as before
  again: ShopSetup\PlanException: run: a plan runs once: build a new one to run it again
INSERT groups: ShopSetup\DatabaseException: MySQL error 1644 (45000): injected failure on INSERT 1 of groups (groups)
  rows: same, new accounts: 0, Ann's enrolment: as before
  again: ShopSetup\PlanException: run: a plan runs once: build a new one to run it again
UPDATE user_enrolments: ShopSetup\DatabaseException: MySQL error 1644 (45000): injected failure on UPDATE 1 of user_enrolments (user_enrolments)
  rows: same, new accounts: 0, Ann's enrolment: as before
  again: ShopSetup\PlanException: run: a plan runs once: build a new one to run it again
INSERT user_enrolments: ShopSetup\DatabaseException: MySQL error 1644 (45000): injected failure on INSERT 3 of user_enrolments (user_enrolments)
  rows: same, new accounts: 0, Ann's enrolment: as before
  again: ShopSetup\PlanException: run: a plan runs once: build a new one to run it again
INSERT role_assignments: ShopSetup\DatabaseException: MySQL error 1644 (45000): injected failure on INSERT 3 of role_assignments (role_assignments)
  rows: same, new accounts: 0, Ann's enrolment: as before
  again: ShopSetup\PlanException: run: a plan runs once: build a new one to run it again
INSERT groups_members: ShopSetup\DatabaseException: MySQL error 1644 (45000): injected failure on INSERT 4 of groups_members (groups_members)
  rows: same, new accounts: 0, Ann's enrolment: as before
  again: ShopSetup\PlanException: run: a plan runs once: build a new one to run it again
INSERT local_shop_product: ShopSetup\DatabaseException: MySQL error 1644 (45000): injected failure on INSERT 5 of local_shop_product (local_shop_product)
  rows: same, new accounts: 0, Ann's enrolment: as before
  again: ShopSetup\PlanException: run: a plan runs once: build a new one to run it again
INSERT local_shop_productevent: ShopSetup\DatabaseException: MySQL error 1644 (45000): injected failure on INSERT 5 of local_shop_productevent (local_shop_productevent)
  rows: same, new accounts: 0, Ann's enrolment: as before
  again: ShopSetup\PlanException: run: a plan runs once: build a new one to run it again
retry: 3 created, 2 matched, 5 enrolments created, 1 updated, 16 roles, 6 members, 5 products
user=8 user_preferences=6 context=13 groups=1 user_enrolments=6 role_assignments=16 groups_members=6 local_shop_product=5 local_shop_productevent=5 cache_flags=6 shophandlers_setup_outbox=0 task_adhoc=0
