<?php
// This file is part of Moodle - https://moodle.org/
//
// Moodle is free software: you can redistribute it and/or modify
// it under the terms of the GNU General Public License as published by
// the Free Software Foundation, either version 3 of the License, or
// (at your option) any later version.
//
// Moodle is distributed in the hope that it will be useful,
// but WITHOUT ANY WARRANTY; without even the implied warranty of
// MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
// GNU General Public License for more details.
//
// You should have received a copy of the GNU General Public License
// along with Moodle.  If not, see <https://www.gnu.org/licenses/>.

/**
 * The same order through the extension's MySQL executor, through the DML executor, and done by
 * hand with Moodle's own API: the rows written must be the same once ids, times and run tags are
 * replaced by placeholders. Where the handler differs from Moodle's API, the columns are listed.
 *
 * @package    shophandlers_std_setuponecoursesession
 * @copyright  2026 shopsetup contributors
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

define('CLI_SCRIPT', true);

require(__DIR__ . '/../../../../../../../config.php');
require_once(__DIR__ . '/lib.php');

use shophandlers_std_setuponecoursesession\order_line;
use shophandlers_std_setuponecoursesession\manual_enrolment;


/** Tables a setup writes, compared between runs. */
const DIFF_TABLES = ['user', 'user_preferences', 'context', 'user_enrolments', 'role_assignments', 'groups', 'groups_members',
    'local_shop_product', 'local_shop_productevent'];

/** Where the handler's rows may differ from Moodle's API, as "table.column: handler | api": nowhere. */
const DIFF_KNOWN_API = [];

/**
 * Where the handler's events differ from Moodle's API, as "event: handler | api". Moodle's API sends the
 * course welcome message before the enrolment's role is assigned, from the first course contact: the
 * operator, enrolled first, gets none (there is no contact yet); the handler's effects run after the
 * commit, when the operator is the contact, and send the operator one too, from the operator.
 */
const DIFF_KNOWN_EVENTS = [
    '\\core\\event\\notification_sent CTX(SYSTEM) notifications:ID related:U(operator) course:- {"courseid":"COURSE"}: 1 | 0',
];

/**
 * One run of the same order, with its own course, operator, participants and tag.
 */
class diff_run {
    /** @var string */
    public $name;
    /** @var string tag in names, emails and the course shortname */
    public $tag;
    /** @var stdClass */
    public $course;
    /** @var stdClass */
    public $operator;
    /** @var string */
    public $transactionid = '';
    /** @var array table => id of the last row before the run */
    public $marks = [];
    /** @var array table => id of the last row after the run */
    public $ends = [];
    /** @var array kind => id => placeholder */
    public $symbols = [];
    /** @var array email => participant key */
    public $keys = [];
    /** @var int last standard log entry before the run */
    public $logmark = 0;
    /** @var int last standard log entry after the run */
    public $logend = 0;
}

/**
 * The order, in the same shape for every run: key => [firstname, lastname, buckets, has an account, extra fields].
 */
const DIFF_PEOPLE = [
    'p1' => ['Ann', "O'Hara", ['student'], false, []],
    'p2' => ['Élodie', 'Müller', ['student'], false, ['institution' => 'ACME', 'phone2' => '0102030405']],
    'p3' => ['Bob', 'Brown', ['student'], true, []],
    'p4' => ['Carl', 'Cole', ['student', 'teacher'], false, []],
    'p5' => ['Dana', 'Dale', ['teacher'], true, []],
    'p6' => ['Eve', 'East', ['_supervisor'], false, []],
    'p7' => ['Finn', 'Ford', ['student'], true, []],
    'p8' => ['Gail', 'Gray', ['student'], true, ['institution' => 'Lab']],
];

/**
 * Prepares a run: course, operator, existing accounts, participants by bucket.
 *
 * @param shopsetup_it $t
 * @param string $name
 * @return array [diff_run, buckets]
 */
function diff_prepare(shopsetup_it $t, string $name): array {
    $run = new diff_run();
    $run->name = $name;
    $run->tag = $t->tag . $name;
    $run->course = $t->course($name);
    $run->operator = $t->user("op$name");
    $buckets = ['student' => [], 'teacher' => [], '_supervisor' => []];
    foreach (DIFF_PEOPLE as $key => [$firstname, $lastname, $inbuckets, $existing, $extra]) {
        $email = strtolower("$key.$run->tag@example.com");
        $run->keys[$email] = $key;
        $participant = $t->participant($firstname, $lastname . $run->tag, $email);
        foreach ($extra as $field => $value) {
            $participant->$field = $value;
        }
        foreach ($inbuckets as $bucket) {
            $buckets[$bucket][$email] = $participant;
        }
        if ($existing) {
            $t->user("$key$name", ['email' => $email, 'firstname' => $firstname, 'lastname' => $participant->lastname]);
        }
    }
    return [$run, $buckets];
}

/**
 * Remembers the last row of every compared table, before or after the run.
 *
 * @param diff_run $run
 * @param bool $after
 */
function diff_mark(diff_run $run, bool $after = false): void {
    global $DB;
    if ($after) {
        $run->logend = shopsetup_it::log_mark();
    } else {
        $run->logmark = shopsetup_it::log_mark();
    }
    foreach (DIFF_TABLES as $table) {
        $id = (int) $DB->get_field_sql("SELECT COALESCE(MAX(id), 0) FROM {{$table}}");
        if ($after) {
            $run->ends[$table] = $id;
        } else {
            $run->marks[$table] = $id;
        }
    }
}

/**
 * Names the ids of a run after the run: users by participant key, their contexts, enrolments, ...
 *
 * @param diff_run $run
 */
function diff_symbols(diff_run $run): void {
    global $DB;
    $s = ['user' => [], 'context' => [SYSCONTEXTID => 'CTX(SYSTEM)'], 'ue' => [], 'role' => [], 'product' => []];
    $s['user'][$run->operator->id] = 'U(operator)';
    foreach ($run->keys as $email => $key) {
        $s['user'][shopsetup_it::account($email)->id] = "U($key)";
    }
    foreach ($s['user'] as $id => $name) {
        $s['context'][context_user::instance($id)->id] = "CTX($name)";
    }
    $s['context'][context_course::instance($run->course->id)->id] = 'CTX(COURSE)';
    $s['course'] = [$run->course->id => 'COURSE'];
    $instance = manual_enrolment::instance($run->course->id);
    $s['enrol'] = [$instance->id => 'ENROL'];
    foreach ($DB->get_records('user_enrolments', ['enrolid' => $instance->id]) as $ue) {
        $s['ue'][$ue->id] = 'UE(' . ($s['user'][$ue->userid] ?? '?') . ')';
    }
    $s['role'] = $DB->get_records_menu('role', null, '', 'id, shortname');
    $s['group'] = [];
    foreach ($DB->get_fieldset_select('groups', 'id', 'courseid = ?', [$run->course->id]) as $id) {
        $s['group'][$id] = 'GROUP';
    }
    foreach (
        $DB->get_records_select('local_shop_product', 'id > ? AND id <= ?', [$run->marks['local_shop_product'],
            $run->ends['local_shop_product']]) as $product
    ) {
        parse_str($product->productiondata, $data);
        $s['product'][$product->id] = 'PRODUCT(' . ($s['user'][$data['userid'] ?? 0] ?? '?') . ',' . ($data['bucket'] ?? '?') . ')';
    }
    $run->symbols = $s;
}

/**
 * A value with the run's ids, times and tags replaced by placeholders.
 *
 * @param diff_run $run
 * @param string $kind what the column holds
 * @param mixed $value
 * @return mixed
 */
function diff_value(diff_run $run, string $kind, $value) {
    if ($value === null) {
        return null;
    }
    switch ($kind) {
        case 'id':
            return 'ID';
        case 'time':
            return (int) $value === 0 ? 0 : 'TIME';
        case 'user':
        case 'context':
        case 'ue':
        case 'role':
        case 'product':
        case 'course':
        case 'enrol':
        case 'group':
            return $run->symbols[$kind][$value] ?? "$kind#?";
        case 'path':
            return implode('/', array_map(function ($id) use ($run) {
                return $id === '' ? '' : ($run->symbols['context'][$id] ?? 'CTX#?');
            }, explode('/', $value)));
        case 'username':
            return preg_replace('/\d+$/', '', diff_value($run, 'text', $value));
        case 'reference':
            return preg_match('/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/', $value) ? 'REFERENCE' : "bad $value";
        case 'constant':
            return 'ORDER';
        case 'productiondata':
            parse_str($value, $data);
            $kinds = ['courseid' => 'course', 'userid' => 'user', 'starttime' => 'time', 'endtime' => 'time',
                'roleid' => 'role', 'coursename' => 'text'];
            foreach ($data as $k => $v) {
                $data[$k] = isset($kinds[$k]) ? diff_value($run, $kinds[$k], $v) : $v;
            }
            return $data;
        default:
            $value = (string) $value;
            if ($run->transactionid !== '') {
                $value = str_replace($run->transactionid, 'TXID', $value);
            }
            if (preg_match('/^[12]\d{9}$/', $value)) {
                return 'TIME';
            }
            return str_ireplace($run->tag, 'TAG', $value);
    }
}

/**
 * The rows a run wrote in a table, normalised, keyed by what identifies them across runs.
 *
 * @param diff_run $run
 * @param string $table
 * @return array key => row
 */
function diff_rows(diff_run $run, string $table): array {
    global $DB;
    $kinds = [
        'user' => ['id' => 'user', 'username' => 'username', 'timecreated' => 'time', 'timemodified' => 'time'],
        'user_preferences' => ['id' => 'id', 'userid' => 'user'],
        'context' => ['id' => 'context', 'instanceid' => 'user', 'path' => 'path'],
        'user_enrolments' => ['id' => 'ue', 'enrolid' => 'enrol', 'userid' => 'user', 'timestart' => 'time', 'timeend' => 'time',
            'timecreated' => 'time', 'timemodified' => 'time'],
        'role_assignments' => ['id' => 'id', 'roleid' => 'role', 'contextid' => 'context', 'userid' => 'user',
            'timemodified' => 'time'],
        'groups' => ['id' => 'group', 'courseid' => 'course', 'timecreated' => 'time', 'timemodified' => 'time'],
        'groups_members' => ['id' => 'id', 'groupid' => 'group', 'userid' => 'user', 'timeadded' => 'time'],
        'local_shop_product' => ['id' => 'product', 'catalogitemid' => 'constant', 'initialbillitemid' => 'constant',
            'currentbillitemid' => 'constant', 'customerid' => 'constant', 'instanceid' => 'ue', 'startdate' => 'time',
            'enddate' => 'time', 'reference' => 'reference', 'productiondata' => 'productiondata'],
        'local_shop_productevent' => ['id' => 'id', 'productid' => 'product', 'billitemid' => 'constant', 'datecreated' => 'time'],
    ][$table];
    $keys = [
        'user' => ['id'], 'user_preferences' => ['userid', 'name'], 'context' => ['id'], 'user_enrolments' => ['id'],
        'role_assignments' => ['roleid', 'contextid', 'userid'], 'groups' => ['id'], 'groups_members' => ['userid'],
        'local_shop_product' => ['id'], 'local_shop_productevent' => ['productid'],
    ][$table];
    $rows = [];
    foreach ($DB->get_records_select($table, 'id > ? AND id <= ?', [$run->marks[$table], $run->ends[$table]], 'id') as $record) {
        $row = [];
        foreach ((array) $record as $column => $value) {
            $row[$column] = diff_value($run, $kinds[$column] ?? 'text', $value);
        }
        foreach (['timestart' => 'timeend', 'startdate' => 'enddate'] as $start => $end) {
            if (isset($record->$end) && $record->$end > 0) {
                $row["$end-$start"] = $record->$end - $record->$start;
            }
        }
        $key = implode(' ', array_map(function ($column) use ($row) {
            return $row[$column];
        }, $keys));
        $rows[$key] = $row;
    }
    ksort($rows);
    return $rows;
}

/**
 * The events a run logged, normalised: name, context, object and related user as placeholders, with
 * how many times each was logged, sorted.
 *
 * @param diff_run $run
 * @return array "event context object related" => count
 */
function diff_events(diff_run $run): array {
    global $DB;
    $objectkinds = ['user' => 'user', 'user_enrolments' => 'ue', 'role' => 'role', 'groups' => 'group', 'context' => 'context',
        'course' => 'course', 'enrol' => 'enrol'];
    $events = [];
    foreach ($DB->get_records_select('logstore_standard_log', 'id > ? AND id <= ?', [$run->logmark, $run->logend], 'id') as $e) {
        $other = $e->other === null || $e->other === 'N;' ? [] : (array) json_decode($e->other, true);
        unset($other['id']);
        if (isset($other['courseid'])) {
            $other['courseid'] = diff_value($run, 'course', $other['courseid']);
        }
        $objectkind = $objectkinds[$e->objecttable] ?? null;
        $object = $objectkind ? diff_value($run, $objectkind, $e->objectid) : ($e->objectid ? 'ID' : '-');
        $line = implode(' ', [
            $e->eventname,
            diff_value($run, 'context', $e->contextid),
            "$e->objecttable:$object",
            'related:' . ($e->relateduserid ? diff_value($run, 'user', $e->relateduserid) : '-'),
            'course:' . ($e->courseid ? diff_value($run, 'course', $e->courseid) : '-'),
            json_encode($other, JSON_UNESCAPED_UNICODE),
        ]);
        $events[$line] = ($events[$line] ?? 0) + 1;
    }
    ksort($events);
    return $events;
}

/**
 * Produces a run through local_shop and the handler with one executor.
 *
 * @param shopsetup_it $t
 * @param string $name
 * @param string $executor
 * @return diff_run
 */
function diff_handler_run(shopsetup_it $t, string $name, string $executor): diff_run {
    [$run, $buckets] = diff_prepare($t, $name);
    $code = $t->product("coursename={$run->course->shortname}&supervisor=editingteacher&requiredroles=teacher,supervisor" .
        "&endtime=+30D&customersupport=");
    $billid = $t->order($code, $run->operator, $buckets, 9);
    $run->transactionid = $t->transactionid($billid);
    diff_mark($run);
    shopsetup_it::use_store($executor);
    try {
        $t->produce($billid);
    } finally {
        shopsetup_it::use_store(null);
    }
    diff_mark($run, true);
    diff_symbols($run);
    return $run;
}

/**
 * Does the same setup with Moodle's own API, as a plugin without the extension would.
 *
 * @param shopsetup_it $t
 * @param string $name
 * @return diff_run
 */
function diff_api_run(shopsetup_it $t, string $name): diff_run {
    global $CFG, $DB;
    [$run, $buckets] = diff_prepare($t, $name);
    $run->transactionid = "TX$run->tag";
    $roles = shopsetup_it::roles();
    $bucketroles = ['student' => $roles['student'], 'teacher' => $roles['teacher'], '_supervisor' => $roles['editingteacher']];
    $instance = manual_enrolment::instance($run->course->id);
    $manual = enrol_get_plugin('manual');
    $coursecontext = context_course::instance($run->course->id);
    $operatorcontext = context_user::instance($run->operator->id);
    diff_mark($run);

    $timestart = max(time(), (int) $run->course->startdate);
    $timeend = $timestart + 30 * DAYSECS;
    $people = [];
    foreach ($buckets as $bucket => $participants) {
        foreach ($participants as $email => $participant) {
            $people[$email] = $people[$email] ?? ['participant' => $participant, 'buckets' => []];
            $people[$email]['buckets'][] = $bucket;
        }
    }
    foreach ($people as $email => $person) {
        $account = shopsetup_it::account($email);
        if (!$account) {
            $p = $person['participant'];
            $user = (object) [
                'auth' => 'manual',
                'confirmed' => 1,
                'mnethostid' => $CFG->mnet_localhost_id,
                'username' => \ShopSetup\make_usernames([['firstname' => $p->firstname, 'lastname' => $p->lastname]])[0],
                'password' => 'to be generated',
                'firstname' => $p->firstname,
                'lastname' => $p->lastname,
                'email' => $email,
                'city' => $p->city,
                'country' => core_user::get_property_default('country') ?: '',
                'lang' => $CFG->lang,
                'institution' => $p->institution ?? '',
                'phone2' => $p->phone2 ?? '',
            ];
            $account = $DB->get_record('user', ['id' => user_create_user($user, false, true)]);
            set_user_preference('create_password', 1, $account);
            set_user_preference('auth_forcepasswordchange', 1, $account);
        }
        $people[$email]['id'] = (int) $account->id;
    }
    $groupid = groups_create_group((object) ['courseid' => $run->course->id, 'name' => $run->transactionid,
        'idnumber' => order_line::group_idnumber($run->transactionid),
        'description' => get_string('providedbymoodleshop', 'local_shop'), 'descriptionformat' => FORMAT_HTML]);
    // As a plugin would: the operator first, with the supervisor role, then each participant with a role.
    $manual->enrol_user($instance, $run->operator->id, $roles['editingteacher'], $timestart, $timeend, ENROL_USER_ACTIVE);
    foreach ($people as $person) {
        $personroles = array_map(fn($bucket) => $bucketroles[$bucket], $person['buckets']);
        $manual->enrol_user($instance, $person['id'], array_shift($personroles), $timestart, $timeend, ENROL_USER_ACTIVE);
        foreach ($personroles as $roleid) {
            role_assign($roleid, $person['id'], $coursecontext->id);
        }
    }
    foreach ($people as $person) {
        role_assign(shopsetup_it::cross_role_id('editingteacher'), $run->operator->id, context_user::instance($person['id'])->id);
        role_assign($roles['student'], $person['id'], $operatorcontext->id);
    }
    foreach ($people as $person) {
        groups_add_member($groupid, $person['id']);
    }
    groups_add_member($groupid, $run->operator->id);
    diff_mark($run, true);
    diff_symbols($run);
    return $run;
}

// Site defaults for new accounts that differ from the user table's column defaults, in this process
// only (before core_user caches them): Moodle's API applies them, so a column the handler leaves at
// the table's default shows up below.
foreach (['maildisplay' => 0, 'mailformat' => 0, 'maildigest' => 1, 'autosubscribe' => 0, 'trackforums' => 1] as $name => $value) {
    $CFG->{"defaultpreference_$name"} = $value;
}

$t = new shopsetup_it('differential');
$mysql = diff_handler_run($t, 'A', 'native');
$dml = diff_handler_run($t, 'B', 'dml');
$api = diff_api_run($t, 'C');

// Runs (a) and (b): the two executors write the same rows.
foreach (DIFF_TABLES as $table) {
    $a = diff_rows($mysql, $table);
    $b = diff_rows($dml, $table);
    $t->check(count($a) > 0, "$table: the MySQL executor wrote rows");
    $t->same($a, $b, "$table: the DML executor writes the same rows as the MySQL executor");
}

// Run (c): the handler against Moodle's API, column by column.
$found = [];
foreach (array_diff(DIFF_TABLES, ['local_shop_product', 'local_shop_productevent']) as $table) {
    $handler = diff_rows($mysql, $table);
    $moodle = diff_rows($api, $table);
    foreach (array_keys($handler + $moodle) as $key) {
        if (!isset($moodle[$key]) || !isset($handler[$key])) {
            $found[] = "$table: row $key only " . (isset($handler[$key]) ? 'by the handler' : "by Moodle's API");
            continue;
        }
        foreach (array_keys($handler[$key] + $moodle[$key]) as $column) {
            $h = $handler[$key][$column] ?? null;
            $m = $moodle[$key][$column] ?? null;
            if ($h !== $m) {
                $found[] = "$table.$column: " . json_encode($h, JSON_UNESCAPED_UNICODE) . ' | ' .
                    json_encode($m, JSON_UNESCAPED_UNICODE);
            }
        }
    }
}
$found = array_values(array_unique($found));
sort($found);
echo "# where the handler differs from Moodle's API (table.column: handler | api):\n";
foreach ($found ?: ['(none)'] as $line) {
    echo "#   $line\n";
}
$t->same(DIFF_KNOWN_API, $found, "the handler differs from Moodle's API only where known and reported");

// The events: the same names, counts and related ids in all three runs.
$apievents = diff_events($api);
$apiroleevents = preg_grep('/^\\\\core\\\\event\\\\role_assigned /', array_keys($apievents));
$t->check(count($apiroleevents) > 0, "Moodle's API run logged role_assigned events");
foreach (['the MySQL executor' => $mysql, 'the DML executor' => $dml] as $what => $run) {
    $events = diff_events($run);
    $t->check(count($events) > 10, "$what: the handler logged events");
    $found = [];
    foreach (array_keys($events + $apievents) as $line) {
        if (($events[$line] ?? 0) !== ($apievents[$line] ?? 0)) {
            $found[] = "$line: " . ($events[$line] ?? 0) . ' | ' . ($apievents[$line] ?? 0);
        }
    }
    echo "# where $what's events differ from Moodle's API (event: handler | api):\n";
    foreach ($found ?: ['(none)'] as $line) {
        echo "#   $line\n";
    }
    $t->same(DIFF_KNOWN_EVENTS, $found, "$what: the handler logs the same events as Moodle's API (names, counts, related ids)" .
        " but where known and reported");
}
$t->done();
