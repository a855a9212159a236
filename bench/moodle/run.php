<?php
// One timed run from the state prepare.php left. Usage: run.php STATEFILE [PROFILEFILE]
// native/dml: local_shop's production of the SOLDOUT bill (produce_prepay + produce_postpay, as the payment
// return does), the handler's store chosen by the setting store. api: Moodle's own APIs in a loop, in one
// delegated transaction. usable = until production (or the loop's commit) returns; total = usable + the
// standard log's buffer written + every ad-hoc task due drained (as cron would). Prints one JSON line.

require(__DIR__ . '/lib.php');

use shophandlers_std_setuponecoursesession\manual_enrolment;
use shophandlers_std_setuponecoursesession\order_line;

$state = json_decode(file_get_contents($argv[1]), true);
$profilefile = $argv[2] ?? null;
$side = $state['side'];
if ($side !== 'api' && get_config(BENCH_COMPONENT, 'store') !== rtrim($side, '0')) {
    throw new coding_exception("store is not $side");
}

/** Moodle's own APIs, as a plugin without the extension would set the session up. */
function bench_api_loop(array $state): void {
    global $CFG, $DB;
    $roles = shopsetup_it::roles();
    $bucketroles = ['student' => $roles['student'], 'teacher' => $roles['teacher']];
    $course = get_course($state['courseid']);
    $instance = manual_enrolment::instance($course->id);
    $manual = enrol_get_plugin('manual');
    $operatorcontext = context_user::instance($state['operatorid']);
    $timestart = max(time(), (int) $course->startdate);
    $timeend = $timestart + 30 * DAYSECS;

    $transaction = $DB->start_delegated_transaction();
    $people = [];
    foreach ($state['buckets'] as $bucket => $participants) {
        foreach ($participants as $email => $p) {
            $account = $DB->get_record('user', ['email' => $email, 'deleted' => 0, 'mnethostid' => $CFG->mnet_localhost_id]);
            if (!$account) {
                $id = user_create_user((object) ['auth' => 'manual', 'confirmed' => 1, 'mnethostid' => $CFG->mnet_localhost_id,
                    'username' => \ShopSetup\make_usernames([['firstname' => $p['firstname'], 'lastname' => $p['lastname']]])[0],
                    'password' => 'to be generated', 'firstname' => $p['firstname'], 'lastname' => $p['lastname'],
                    'email' => $email, 'city' => $p['city'], 'lang' => $CFG->lang], false, true);
                $account = (object) ['id' => $id];
                set_user_preference('create_password', 1, $id);
                set_user_preference('auth_forcepasswordchange', 1, $id);
            }
            $people[(int) $account->id] = $bucketroles[$bucket];
        }
    }
    $txid = "BENCH-{$state['tag']}";
    $groupid = groups_create_group((object) ['courseid' => $course->id, 'name' => $txid,
        'idnumber' => order_line::group_idnumber($txid), 'description' => '', 'descriptionformat' => FORMAT_HTML]);
    $manual->enrol_user($instance, $state['operatorid'], $roles['editingteacher'], $timestart, $timeend, ENROL_USER_ACTIVE);
    foreach ($people as $userid => $roleid) {
        $manual->enrol_user($instance, $userid, $roleid, $timestart, $timeend, ENROL_USER_ACTIVE);
    }
    foreach (array_keys($people) as $userid) {
        role_assign($roles['editingteacher'], $state['operatorid'], context_user::instance($userid)->id);
        role_assign($roles['student'], $userid, $operatorcontext->id);
    }
    foreach (array_keys($people) as $userid) {
        groups_add_member($groupid, $userid);
    }
    groups_add_member($groupid, $state['operatorid']);
    $transaction->allow_commit();
}

/** The plugin through local_shop, as the payment return produces a paid bill. */
function bench_produce(array $state): void {
    $bill = new \local_shop\Bill($state['billid']);
    produce_prepay($bill);
    $feedback = produce_postpay($bill);
    shop_aggregate_production($bill, $feedback, false);
    $bill->status = SHOP_BILL_COMPLETE;
    $bill->save(true);
}

$before = bench_counts();
$server0 = bench_server_statements();
$dml0 = bench_dml_queries();
if ($profilefile) {
    $profiler = new ExcimerProfiler();
    $profiler->setPeriod(0.001);
    $profiler->setEventType(EXCIMER_REAL);
    $profiler->start();
}
$t0 = hrtime(true);
$side === 'api' ? bench_api_loop($state) : bench_produce($state);
$t1 = hrtime(true);
$dml1 = bench_dml_queries();
bench_flush_logs();
$drained = bench_drain_adhoc();
$t2 = hrtime(true);
$dml2 = bench_dml_queries();
if ($profilefile) {
    $profiler->stop();
    require(__DIR__ . '/profile.php');
    $log = $profiler->getLog();
    file_put_contents($profilefile, json_encode(bench_profile($log)));
    // The stacks themselves, for a flame graph or a closer look (one "frame;frame;... count" a line).
    file_put_contents(preg_replace('/\.json$/', '.collapsed', $profilefile), $log->formatCollapsed());
}
$server1 = bench_server_statements();
$after = bench_counts();
$rows = [];
foreach ($after as $table => $count) {
    $rows[$table] = $count - $before[$table];
}
bench_out(['n' => $state['n'], 'course' => $state['course'] ?? 'full', 'side' => $side, 'usable_ms' => ($t1 - $t0) / 1e6, 'total_ms' => ($t2 - $t0) / 1e6,
    'dml_usable' => $dml1 - $dml0, 'dml_total' => $dml2 - $dml0,
    // Server side (Questions, all connections): every statement between the two reads, the second read excluded.
    'server_statements' => $server1 - $server0 - 1, 'adhoc_tasks' => $drained,
    'rows' => $rows, 'peak_mb' => memory_get_peak_usage() / 1048576]);
