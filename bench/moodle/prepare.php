<?php
// Untimed: the starting state of one timed run. Own course (BENCH_COURSE: "full", with a quiz and a forum, whose
// observers act on each enrolment; "plain", none), own operator, own N/2 existing accounts, and (plugin sides) a
// SOLDOUT bill of N seats with the N participants. Both courses send Moodle's course welcome message.
// Usage: prepare.php N SIDE STATEFILE. The ad-hoc queue is drained at the end, so every run starts empty.

require(__DIR__ . '/lib.php');
require_once($CFG->libdir . '/testing/generator/lib.php');

[, $n, $side, $statefile] = $argv;
$n = (int) $n;

ob_start();
$t = new shopsetup_it("bench$side");
ob_end_clean();
$tag = strtolower($t->tag);

$kind = getenv('BENCH_COURSE') ?: 'full';
$course = $t->course();
if ($kind === 'full') {
    $generator = new testing_data_generator();
    $generator->create_module('quiz', ['course' => $course->id, 'name' => "Quiz $tag"]);
    $generator->create_module('forum', ['course' => $course->id, 'name' => "Forum $tag"]);
}
$operator = $t->user('operator');

// Participants: even ones have an account, one tutor (bucket teacher) per ten learners.
$buckets = ['student' => [], 'teacher' => []];
$accounts = [];
$hash = hash_internal_user_password('Bench#2026');
for ($i = 1; $i <= $n; $i++) {
    $email = "p$i.$tag@example.com";
    $participant = $t->participant('P' . $t->letters($i), "Bench$tag", $email);
    $buckets[$i % 11 === 0 ? 'teacher' : 'student'][$email] = $participant;
    if ($i % 2 === 0) {
        $accounts[] = ['auth' => 'manual', 'confirmed' => 1, 'mnethostid' => $CFG->mnet_localhost_id,
            'username' => "p$i.$tag", 'password' => $hash, 'firstname' => $participant->firstname,
            'lastname' => $participant->lastname, 'email' => $email, 'city' => 'PARIS', 'country' => 'FR',
            'lang' => 'en', 'calendartype' => 'gregorian', 'timecreated' => time(), 'timemodified' => time()];
    }
}
$DB->insert_records('user', $accounts);
context_helper::create_instances(CONTEXT_USER);

$state = ['n' => $n, 'course' => $kind, 'side' => $side, 'tag' => $tag, 'courseid' => (int) $course->id, 'operatorid' => (int) $operator->id,
    'buckets' => $buckets];
if ($side !== 'api') {
    $code = $t->product("coursename={$course->shortname}&supervisor=editingteacher&requiredroles=teacher&endtime=+30D" .
        "&customersupport=");
    $state['billid'] = $t->order($code, $operator, $buckets, $n);
    // native0 / dml0: the same store with a delivery budget of 0 (every effect but the caches left to the ad-hoc task).
    set_config('store', rtrim($side, '0'), BENCH_COMPONENT);
    if (substr($side, -1) === '0') {
        set_config('deliverybudget', 0, BENCH_COMPONENT);
    } else {
        unset_config('deliverybudget', BENCH_COMPONENT);
    }
}
bench_flush_logs();
$state['adhoc_drained_before'] = bench_drain_adhoc();
file_put_contents($statefile, json_encode($state));
