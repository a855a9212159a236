<?php
/**
 * Sets up a course session from a sample order, in a database shaped like Moodle's, and prints
 * what changed. The Moodle facts a site would give (course, enrol instance, roles, operator) are
 * read here with mysqli; the rules and the writing are the extension's.
 *
 *   php -d extension=modules/shopsetup.so examples/setup_session.php examples/order.json
 *
 * Database from SHOPSETUP_DEMO_HOST, _PORT, _USER, _PASS, _NAME; table prefix mdl_.
 */

if ($argc < 2) {
    fwrite(STDERR, "usage: php -d extension=modules/shopsetup.so examples/setup_session.php ORDER.json\n");
    exit(2);
}
if (!extension_loaded('shopsetup') || !extension_loaded('mysqli')) {
    fwrite(STDERR, "this script needs the shopsetup and mysqli extensions\n");
    exit(2);
}
$order = json_decode(file_get_contents($argv[1]), true, 64, JSON_THROW_ON_ERROR);
$options = [
    'host' => getenv('SHOPSETUP_DEMO_HOST') ?: '127.0.0.1',
    'port' => (int) (getenv('SHOPSETUP_DEMO_PORT') ?: 3306),
    'user' => getenv('SHOPSETUP_DEMO_USER') ?: 'shopsetup',
    'password' => getenv('SHOPSETUP_DEMO_PASS') ?: '',
    'database' => getenv('SHOPSETUP_DEMO_NAME') ?: 'shopsetup_demo',
    'prefix' => 'mdl_',
];
mysqli_report(MYSQLI_REPORT_ERROR | MYSQLI_REPORT_STRICT);
$db = new mysqli($options['host'], $options['user'], $options['password'], $options['database'], $options['port']);
$db->set_charset('utf8mb4');

/** One row of a prepared query, or null. */
function row(mysqli $db, string $sql, array $params): ?array {
    $statement = $db->prepare($sql);
    $statement->execute($params);
    return $statement->get_result()->fetch_assoc();
}

try {
    $params = ShopSetup\decode_params($order['handlerparams']);
    $course = row($db, 'SELECT id, shortname, fullname, startdate FROM mdl_course WHERE shortname = ?',
        [$params['coursename'] ?? '']);
    if (!$course) {
        throw new RuntimeException("course {$params['coursename']} does not exist");
    }
    $config = ShopSetup\handler_config($params, ['now' => time(), 'coursestart' => (int) $course['startdate'],
        'renewable' => (bool) $order['renewable'], 'orderref' => $order['transactionid'],
        'courseshortname' => $course['shortname']]);
    // A re-run keeps the period of the first production, as the Moodle handler does.
    $first = row($db, "SELECT MIN(startdate) AS s, MAX(enddate) AS e FROM mdl_local_shop_product
        WHERE initialbillitemid = ? AND contexttype = 'userenrol'", [$order['billitemid']]);
    if ($first['s'] !== null) {
        [$config['starttime'], $config['endtime']] = [(int) $first['s'], (int) $first['e']];
    }
    $enrol = row($db, "SELECT id FROM mdl_enrol WHERE courseid = ? AND enrol = 'manual' AND status = 0
        ORDER BY sortorder, id LIMIT 1", [$course['id']]);
    $operator = row($db, 'SELECT u.id, c.id AS contextid FROM mdl_user u
        JOIN mdl_context c ON c.contextlevel = 30 AND c.instanceid = u.id
        WHERE u.email = ? AND u.deleted = 0', [$order['operator']]);
    $coursecontext = row($db, 'SELECT id FROM mdl_context WHERE contextlevel = 50 AND instanceid = ?', [$course['id']]);
    $roleid = function (string $shortname) use ($db): int {
        $role = row($db, 'SELECT id FROM mdl_role WHERE shortname = ?', [$shortname]);
        if (!$role) {
            throw new RuntimeException("role $shortname does not exist");
        }
        return (int) $role['id'];
    };
    $buckets = [];
    $bucketroles = [];
    foreach ($order['productiondata']['users'] as $bucket => $participants) {
        $buckets[$bucket] = $participants ?? [];
        $bucketroles[$bucket] = $roleid(['student' => 'student', 'teacher' => $config['tutorrole'],
            '_supervisor' => $config['supervisor']][$bucket] ?? $bucket);
    }
    $seats = [0 => 0, 1 => 1][$order['quantaddressesusers']] ?? (int) $order['quantity'];

    $plan = new ShopSetup\Plan($buckets, $seats, $bucketroles, [
        'courseid' => (int) $course['id'], 'coursecontextid' => (int) $coursecontext['id'], 'enrolid' => (int) $enrol['id'],
        'operatorid' => (int) $operator['id'], 'operatorcontextid' => (int) $operator['contextid'], 'mnethostid' => 1,
        'timestart' => $config['starttime'], 'timeend' => $config['endtime'], 'now' => time(),
        'supervisorroleid' => $roleid($config['supervisor']),
        'mirrorroleid' => $config['mirrorrole'] === '' ? 0 : $roleid($config['mirrorrole']),
        'enroloperator' => $config['autoenrolsupervisor'], 'billitemid' => $order['billitemid'],
        'catalogitemid' => $order['catalogitemid'], 'customerid' => $order['customerid'],
        'transactionid' => $order['transactionid'], 'groupidnumber' => 'shopsetup-' . $order['transactionid'],
        'groupname' => $config['groupname'], 'groupdescription' => 'Group built by Moodle Shop',
        'coursename' => $course['shortname'],
    ]);
    $connection = new ShopSetup\MysqlConnection($options);
    $started = hrtime(true);
    $report = $plan->run($connection);
    $elapsed = (hrtime(true) - $started) / 1e6;
} catch (ShopSetup\RosterException $e) {
    fwrite(STDERR, $e->getMessage() . "\n");
    foreach ($e->getErrors() as $error) {
        fwrite(STDERR, "  [{$error['bucket']}] {$error['email']}: {$error['field']} {$error['reason']}\n");
    }
    exit(1);
} catch (Throwable $e) {
    fwrite(STDERR, get_class($e) . ': ' . $e->getMessage() . "\n");
    exit(1);
}

$names = [];
foreach ($plan->people() as $person) {
    $names[$person['email']] = "{$person['firstname']} {$person['lastname']} <{$person['email']}> as "
        . implode(' + ', $person['buckets']) . ($person['username'] ? " (username {$person['username']})" : '');
}
printf("Order %s, course %s (%s), %s to %s\n", $order['transactionid'], $course['shortname'], $course['fullname'],
    date('Y-m-d', $config['starttime']), $config['endtime'] ? date('Y-m-d', $config['endtime']) : 'no end');
$left = $seats - $plan->seatsUsed();
printf("%d participants take %d of the %d seats bought: %s\n", count($names), $plan->seatsUsed(), $seats,
    $left === 0 ? 'none left' : ($left === 1 ? '1 seat left' : "$left seats left"));
foreach ($plan->notices() as $notice) {
    echo "  merged: {$notice['email']}: {$notice['message']}\n";
}
foreach ($config['warnings'] as $warning) {
    echo "  configuration: $warning\n";
}
echo "Accounts created: ", count($report['users']['created']), "\n";
foreach ($report['users']['created'] as $email => $id) {
    echo "  #$id {$names[$email]}\n";
}
echo "Accounts matched: ", count($report['users']['matched']), "\n";
foreach ($report['users']['matched'] as $email => $id) {
    echo "  #$id {$names[$email]}", in_array($email, $report['users']['suspended']) ? ' (suspended)' : '', "\n";
}
printf("Group \"%s\" #%d: %s, %d members added\n", $config['groupname'], $report['group']['id'],
    $report['group']['created'] ? 'created' : 'already there', count($report['group_members']));
printf("Enrolments: %d created, %d extended, %d already right\n", count($report['enrolments']['created']),
    count($report['enrolments']['updated']), $report['enrolments']['unchanged']);
$cross = 0;
if ($report['role_assignments']) {
    $cross = (int) $db->query('SELECT COUNT(*) FROM mdl_role_assignments WHERE contextid <> ' . (int) $coursecontext['id']
        . ' AND id IN (' . implode(',', array_map('intval', $report['role_assignments'])) . ')')->fetch_row()[0];
}
printf("Role assignments added: %d in the course, %d cross roles in user contexts\n",
    count($report['role_assignments']) - $cross, $cross);
printf("Products recorded: %d\n", count($report['products']));
$changes = count($report['users']['created']) + count($report['enrolments']['created']) + count($report['enrolments']['updated'])
    + count($report['role_assignments']) + count($report['group_members']) + count($report['products']) + (int) $report['group']['created'];
echo $changes ? '' : "Nothing changed: the order was already set up.\n";
printf("%d SQL statements in one transaction, %.1f ms\n", $report['statements'], $elapsed);
