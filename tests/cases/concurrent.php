<?php
require __DIR__ . '/fixtures/db_checks.inc';
$db = shopsetup_test_site('concurrent');
$m = $db['mysqli'];

// A child connects and builds its plan, says "ready", waits for "go" on stdin, runs, and prints
// its report (or the exception) as JSON: both runs start at the same moment.
$child = <<<'PHP'
<?php
$job = json_decode(file_get_contents($argv[1]), true);
try {
    $conn = new $job['class']($job['options']);
    $plan = new ShopSetup\Plan($job['buckets'], $job['seats'], $job['roles'], $job['facts']);
    echo "ready\n";
    fgets(STDIN);
    $report = $plan->run($conn);
    $conn->close();
    echo json_encode(['report' => $report]), "\n";
} catch (Throwable $e) {
    echo json_encode(['error' => get_class($e) . ': ' . $e->getMessage()]), "\n";
}
PHP;
$tmp = sys_get_temp_dir() . '/shopsetup_db_concurrent_' . getmypid();
file_put_contents("$tmp.php", $child);

function run_together(string $tmp, array $jobs): array
{
    $procs = [];
    foreach ($jobs as $i => $job) {
        file_put_contents("$tmp.$i.json", json_encode($job));
        $proc = proc_open(shopsetup_test_php_command("$tmp.php", "$tmp.$i.json"), [['pipe', 'r'], ['pipe', 'w'], ['pipe', 'w']], $pipes);
        $procs[$i] = [$proc, $pipes];
    }
    foreach ($procs as $i => [$proc, $pipes]) {
        $line = fgets($pipes[1]);
        if ($line !== "ready\n") {
            echo "child $i: ", $line, stream_get_contents($pipes[1]), stream_get_contents($pipes[2]), "\n";
        }
    }
    foreach ($procs as [$proc, $pipes]) {
        fwrite($pipes[0], "go\n");
        fclose($pipes[0]);
    }
    $results = [];
    foreach ($procs as $i => [$proc, $pipes]) {
        $out = stream_get_contents($pipes[1]);
        $err = stream_get_contents($pipes[2]);
        fclose($pipes[1]);
        fclose($pipes[2]);
        $status = proc_close($proc);
        unlink("$tmp.$i.json");
        $result = json_decode($out, true);
        if (!is_array($result) || $status !== 0 || $err !== '') {
            echo "child $i exited with $status: $out $err\n";
        }
        $results[$i] = $result;
    }
    return $results;
}

function people(string $prefix, int $count): array
{
    $list = [];
    for ($i = 1; $i <= $count; $i++) {
        $list["$prefix$i@example.com"] = shopsetup_test_person(ucfirst($prefix) . $i, 'Person' . $i, "$prefix$i@example.com");
    }
    return $list;
}

function job(array $db, int $billitem, array $learners, array $tutors): array
{
    return ['class' => $db['class'], 'options' => $db['options'], 'buckets' => ['learner' => $learners, 'tutor' => $tutors],
        'seats' => count($learners) + count($tutors), 'roles' => ['learner' => 5, 'tutor' => 4],
        'facts' => shopsetup_test_facts(['billitemid' => $billitem, 'groupidnumber' => "shop-$billitem", 'groupname' => "ORDER-$billitem"])];
}

$m->query("INSERT INTO mdl_user (auth, confirmed, mnethostid, username, firstname, lastname, email) VALUES ('manual', 1, 1, 'old.one', 'Old', 'One', 'old@example.com')");
$old = ['old@example.com' => shopsetup_test_person('Old', 'One', 'old@example.com')];

// Two order lines sharing 200 new participants (and one existing), each with its own 300 / 250.
$shared = people('shared', 200);
$jobs = [
    'A' => job($db, 21, people('alpha', 300) + $shared, $old),
    'B' => job($db, 22, $shared + people('beta', 250), $old),
];
$results = run_together($tmp, $jobs);
$created = 0;
foreach ($results as $name => $result) {
    if (isset($result['error'])) {
        echo "$name: {$result['error']}\n";
        continue;
    }
    $r = $result['report'];
    $created += count($r['users']['created']);
    $shared_created = count(array_intersect_key($r['users']['created'], $shared));
    $shared_matched = count(array_intersect_key($r['users']['matched'], $shared));
    echo "$name: shared accounts created+matched ", $shared_created + $shared_matched, ', products ', count($r['products']),
        ', group created ', var_export($r['group']['created'], true), "\n";
}
echo 'accounts created in all: ', $created, "\n";
echo 'emails with more than one account: ', shopsetup_test_int($m, 'SELECT COUNT(*) FROM (SELECT email FROM mdl_user GROUP BY email HAVING COUNT(*) > 1) d'), "\n";
echo 'accounts: ', shopsetup_test_int($m, 'SELECT COUNT(*) FROM mdl_user'), "\n";
echo 'enrolments: ', shopsetup_test_int($m, 'SELECT COUNT(*) FROM mdl_user_enrolments'), "\n";
foreach ([21, 22] as $billitem) {
    echo "order $billitem: ", shopsetup_test_int($m, "SELECT COUNT(*) FROM mdl_local_shop_product WHERE initialbillitemid = $billitem"), ' products, ',
        shopsetup_test_int($m, "SELECT COUNT(*) FROM mdl_local_shop_productevent WHERE billitemid = $billitem"), ' events, ',
        shopsetup_test_int($m, "SELECT COUNT(*) FROM mdl_groups_members gm JOIN mdl_groups g ON g.id = gm.groupid WHERE g.idnumber = 'shop-$billitem'"), " group members\n";
}
echo 'groups: ', shopsetup_test_int($m, 'SELECT COUNT(*) FROM mdl_groups'), "\n";
echo 'duplicate role assignments: ', shopsetup_test_int($m, 'SELECT COUNT(*) FROM (SELECT 1 FROM mdl_role_assignments GROUP BY contextid, roleid, userid HAVING COUNT(*) > 1) d'), "\n";
echo 'role assignments: ', shopsetup_test_int($m, 'SELECT COUNT(*) FROM mdl_role_assignments'), "\n";
echo 'user contexts: ', shopsetup_test_int($m, 'SELECT COUNT(*) FROM mdl_context WHERE contextlevel = 30'), ', distinct: ',
    shopsetup_test_int($m, 'SELECT COUNT(DISTINCT instanceid) FROM mdl_context WHERE contextlevel = 30'), "\n";

// The very same order line twice at once: the second run finds everything the first wrote.
$before = shopsetup_test_counts($m);
$job = job($db, 23, people('gamma', 150), people('delta', 15));
$results = run_together($tmp, ['C1' => $job, 'C2' => $job]);
$summary = [];
foreach ($results as $name => $result) {
    if (isset($result['error'])) {
        echo "$name: {$result['error']}\n";
        continue;
    }
    $r = $result['report'];
    $summary[] = sprintf('created %d, matched %d, enrolments %d+%d, products %d, members %d, roles %d, group created %s',
        count($r['users']['created']), count($r['users']['matched']), count($r['enrolments']['created']),
        $r['enrolments']['unchanged'], count($r['products']), count($r['group_members']), count($r['role_assignments']),
        var_export($r['group']['created'], true));
}
sort($summary);
echo implode("\n", $summary), "\n";
echo 'after: ', shopsetup_test_counts($m), "\n";
echo 'emails with more than one account: ', shopsetup_test_int($m, 'SELECT COUNT(*) FROM (SELECT email FROM mdl_user GROUP BY email HAVING COUNT(*) > 1) d'), "\n";

unlink("$tmp.php");
shopsetup_test_site_drop('concurrent');
