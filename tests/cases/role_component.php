<?php
require __DIR__ . '/fixtures/db_checks.inc';

$db = shopsetup_test_site('role_component');
$m = $db['mysqli'];
$m->query("INSERT INTO mdl_user (auth, confirmed, mnethostid, username, password, firstname, lastname, email)
    VALUES ('manual', 1, 1, 'ann.archer', 'x', 'Ann', 'Archer', 'ann@example.com')");
$ann = $m->insert_id;
// Ann is a student of the course through cohort sync (instance 7), and holds a manual teacher role in it.
$m->query("INSERT INTO mdl_role_assignments (roleid, contextid, userid, timemodified, modifierid, component, itemid, sortorder)
    VALUES (5, 6, $ann, 100, 0, 'enrol_cohort', 7, 0), (4, 6, $ann, 100, 0, '', 0, 0)");
$buckets = ['student' => ['ann@example.com' => shopsetup_test_person('Ann', 'Archer', 'ann@example.com')]];
$facts = shopsetup_test_facts(['outbox' => 'shophandlers_setup_outbox']);
$conn = shopsetup_test_site_connect($db);
$print = function () use ($m, $ann) {
    foreach (shopsetup_test_rows($m, "SELECT roleid, component, itemid FROM mdl_role_assignments WHERE contextid = 6 AND userid = $ann ORDER BY id") as $ra) {
        printf("role %d component '%s' itemid %d\n", $ra['roleid'], $ra['component'], $ra['itemid']);
    }
};
$r = (new ShopSetup\Plan($buckets, 1, ['student' => 5], $facts))->run($conn);
$print();
echo 'course roles added for Ann: ', count(array_filter($r['role_assignments'], fn($userid) => $userid == $ann)), "\n";
echo 'role_assigned effects for Ann (in the course, in the operator\'s context): ', shopsetup_test_int($m, "SELECT COUNT(*) FROM mdl_shophandlers_setup_outbox WHERE kind = 'role_assigned' AND userid = $ann"), "\n";
echo "--- again\n";
$r = (new ShopSetup\Plan($buckets, 1, ['student' => 5], $facts))->run($conn);
$print();
echo 'roles added: ', count($r['role_assignments']), "\n";
$conn->close();
shopsetup_test_site_drop('role_component');
