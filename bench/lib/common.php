<?php
/*
 * Shared by every benchmark script: the generated site and order, the Moodle facts of the
 * sample site (tests/fixtures/moodle_site.sql), the database settings, small statistics helpers.
 *
 * The site holds N existing accounts (users 4 .. N+3, user contexts 9 .. N+8). The order has N
 * participants: participant i is an existing account when i is even (account i; every third of
 * them typed with a different email case, every 20th account suspended), a new one when i is
 * odd (every tenth new one named like an existing account, so its username takes a suffix);
 * one tutor (bucket "teacher") per ten learners (bucket "student"), one role each.
 */

const BENCH_ROOT = __DIR__ . '/../..';

// The sample site of tests/fixtures/moodle_site.sql.
const BENCH_COURSE_ID = 2;
const BENCH_COURSE_CONTEXT_ID = 6;
const BENCH_ENROL_ID = 1;
const BENCH_OPERATOR_ID = 3;
const BENCH_OPERATOR_CONTEXT_ID = 8;
const BENCH_SYSTEM_CONTEXT_ID = 1;
const BENCH_ROLE_EDITINGTEACHER = 3;
const BENCH_ROLE_TEACHER = 4;
const BENCH_ROLE_STUDENT = 5;
const BENCH_FIRST_USER_ID = 4;      // first existing account of the generated site
const BENCH_FIRST_CONTEXT_ID = 9;   // its user context
const BENCH_NOW = 1767312000;       // fixed "now": both methods write the same time columns
const BENCH_TIMESTART = 1767225600;
const BENCH_TIMEEND = 1767225600 + 35 * 86400;

const BENCH_FIRSTNAMES = ['Camille', 'Jérôme', 'Zoë', 'Seán', 'Élodie', 'Anne', 'Paul', 'Léa', 'Hugo', 'Chloé',
    'Lucas', 'Inès', 'Noé', 'Manon', 'Théo', 'Sarah', 'Louis', 'Jade', 'Gabriel', 'Emma', 'Raphaël', 'Alice',
    'Arthur', 'Lina', 'Jules', 'Rose', 'Adam', 'Mila', 'Nathan', 'Anaïs'];
const BENCH_LASTNAMES = ['Durand', 'Lefèvre', "O'Brien", 'Müller', 'Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert',
    'Richard', 'Petit', 'Moreau', 'Laurent', 'Simon', 'Michel', 'García', 'Fontaine', 'Rousseau', 'Vincent', 'Leroy',
    'Girard', 'Bonnet', 'Dupont', 'Lambert', 'Faure', 'André', 'Mercier', 'Blanc', 'Guérin', 'Boyer'];
const BENCH_CITIES = ['LYON', 'PARIS', 'KÖLN', 'DUBLIN', 'NANTES', 'LILLE', 'SAINT-ÉTIENNE', 'BRUXELLES'];
const BENCH_DOMAINS = ['example.com', 'example.org', 'mail.example.net'];

/** ASCII of a generated name part, for emails (the pools only hold Latin-1 letters and an apostrophe). */
function bench_ascii(string $s): string
{
    static $map = ['é' => 'e', 'è' => 'e', 'ë' => 'e', 'ô' => 'o', 'ï' => 'i', 'í' => 'i', 'á' => 'a', 'ü' => 'u',
        'É' => 'e', "'" => ''];
    return strtolower(strtr($s, $map));
}

/**
 * Person number $p: names unique for p < 27,000 (30 first names x 30 x 30 double last names).
 * @return array firstname, lastname, email (canonical, lower case), city, institution, phone2
 */
function bench_person(int $p, ?int $namesOf = null): array
{
    $n = $namesOf ?? $p;
    $first = BENCH_FIRSTNAMES[$n % 30];
    $last1 = BENCH_LASTNAMES[intdiv($n, 30) % 30];
    $last2 = BENCH_LASTNAMES[intdiv($n, 900) % 30];
    return [
        'firstname' => $first,
        'lastname' => "$last1-$last2",
        'email' => sprintf('%s.%s.%d@%s', bench_ascii($first), bench_ascii($last1), $p, BENCH_DOMAINS[$p % 3]),
        'city' => BENCH_CITIES[$p % 8],
        'institution' => $p % 3 === 0 ? "Société Générale d'Étude n°" . ($p % 97) : '',
        'phone2' => $p % 4 === 0 ? sprintf('+33 1 55 %02d %02d %02d', $p % 100, intdiv($p, 100) % 100, $p % 89) : '',
    ];
}

/** Username of an existing account (ASCII names: what the generator would give, without suffix). */
function bench_existing_username(array $person): string
{
    $clean = fn(string $s) => str_replace(' ', '-', bench_ascii($s));
    return $clean($person['firstname']) . '.' . $clean($person['lastname']);
}

/** The email of existing account $k as stored in the site (some in mixed case). */
function bench_stored_email(int $k, string $email): string
{
    return $k % 8 === 4 ? ucfirst(str_replace('@example', '@Example', $email)) : $email;
}

/** The order's participant buckets for N participants: bucket => email as typed => participant. */
function bench_buckets(int $n): array
{
    $buckets = ['student' => [], 'teacher' => []];
    for ($i = 0; $i < $n; $i++) {
        if ($i % 2 === 0) {
            $person = bench_person($i);
            if ($i % 6 === 0) {
                $person['email'] = strtoupper($person['email']);     // a different case than stored
            }
        } else {
            $person = bench_person($n + $i, $i % 20 === 1 ? $i - 1 : null);
        }
        $person['lastname'] = $i % 5 === 0 ? mb_strtoupper($person['lastname']) : $person['lastname'];
        $buckets[$i % 11 === 10 ? 'teacher' : 'student'][$person['email']] = $person;
    }
    return $buckets;
}

function bench_bucket_roles(): array
{
    return ['student' => BENCH_ROLE_STUDENT, 'teacher' => BENCH_ROLE_TEACHER];
}

/** The Plan facts of the sample site, as the Moodle handler resolves them. */
function bench_facts(int $n): array
{
    $transaction = sprintf('BENCH%06dTX', $n);
    return [
        'courseid' => BENCH_COURSE_ID, 'coursecontextid' => BENCH_COURSE_CONTEXT_ID, 'enrolid' => BENCH_ENROL_ID,
        'operatorid' => BENCH_OPERATOR_ID, 'operatorcontextid' => BENCH_OPERATOR_CONTEXT_ID, 'mnethostid' => 1,
        'timestart' => BENCH_TIMESTART, 'timeend' => BENCH_TIMEEND, 'now' => BENCH_NOW, 'modifierid' => BENCH_OPERATOR_ID,
        'supervisorroleid' => BENCH_ROLE_EDITINGTEACHER, 'mirrorroleid' => BENCH_ROLE_STUDENT,
        'billitemid' => 101, 'catalogitemid' => 12, 'customerid' => 7, 'enroloperator' => true, 'test' => false,
        'transactionid' => $transaction, 'groupidnumber' => 'shopsetup-' . $transaction, 'groupname' => $transaction,
        'groupdescription' => 'Group built by Moodle Shop', 'lang' => 'en', 'country' => 'FR', 'auth' => 'manual',
        'coursename' => 'SPOC-M1', 'handler' => 'std_setuponecoursesession',
    ];
}

/** SQL inserting the N existing accounts and their user contexts (after moodle_site.sql). */
function bench_site_sql(int $n): string
{
    $sql = "SET autocommit = 0;\n";
    for ($start = 0; $start < $n; $start += 1000) {
        $users = $contexts = [];
        for ($k = $start; $k < min($n, $start + 1000); $k++) {
            $person = bench_person($k);
            $id = BENCH_FIRST_USER_ID + $k;
            $ctx = BENCH_FIRST_CONTEXT_ID + $k;
            $users[] = sprintf("(%d,'manual',1,1,%d,'%s','not-a-hash','%s','%s','%s','%s','%s','%s','FR','en',1767225600,1767225600)",
                $id, $k % 20 === 10 ? 1 : 0, bench_sql_escape(bench_existing_username($person)),
                bench_sql_escape($person['firstname']), bench_sql_escape($person['lastname']),
                bench_sql_escape(bench_stored_email($k, $person['email'])), bench_sql_escape($person['city']),
                bench_sql_escape($person['institution']), bench_sql_escape($person['phone2']));
            $contexts[] = sprintf("(%d,30,%d,'/%d/%d',2,0)", $ctx, $id, BENCH_SYSTEM_CONTEXT_ID, $ctx);
        }
        $sql .= "INSERT INTO mdl_user (id,auth,confirmed,mnethostid,suspended,username,password,firstname,lastname,email,"
            . "city,institution,phone2,country,lang,timecreated,timemodified) VALUES\n" . implode(",\n", $users) . ";\n";
        $sql .= "INSERT INTO mdl_context (id,contextlevel,instanceid,path,depth,locked) VALUES\n" . implode(",\n", $contexts) . ";\n";
    }
    return $sql . "COMMIT;\n";
}

/** Escaping for generated SQL files (the generated data holds no backslash or NUL). */
function bench_sql_escape(string $s): string
{
    return str_replace(['\\', "'"], ['\\\\', "\\'"], $s);
}

/** Connection settings from BENCH_DB_HOST, _PORT, _USER, _PASS, _NAME. */
function bench_db_options(): array
{
    return [
        'host' => getenv('BENCH_DB_HOST') ?: '127.0.0.1',
        'port' => (int) (getenv('BENCH_DB_PORT') ?: 33520),
        'user' => getenv('BENCH_DB_USER') ?: 'shopsetup',
        'password' => getenv('BENCH_DB_PASS') ?: 'shopsetup_pw',
        'database' => getenv('BENCH_DB_NAME') ?: 'shopsetup_bench',
        'prefix' => 'mdl_',
    ];
}

function bench_median(array $values): float
{
    sort($values);
    $n = count($values);
    if ($n === 0) {
        return NAN;
    }
    return $n % 2 ? (float) $values[intdiv($n, 2)] : ($values[$n / 2 - 1] + $values[$n / 2]) / 2;
}

/** The extension module: BENCH_MODULE (bench/run.sh sets a private copy), else modules/shopsetup.so. */
function bench_module(): string
{
    return getenv('BENCH_MODULE') ?: realpath(BENCH_ROOT . '/modules/shopsetup.so');
}

/**
 * Peak resident set of this process image in KiB: VmHWM of /proc/self/status, which starts afresh
 * at exec. (getrusage()'s ru_maxrss does not on Linux: after fork + exec it keeps the high-water
 * mark of the parent's copy, so a child of a big driver process would report the driver's size.)
 */
function bench_maxrss_kib(): int
{
    $status = @file_get_contents('/proc/self/status');
    if ($status !== false && preg_match('/^VmHWM:\s+(\d+) kB/m', $status, $m)) {
        return (int) $m[1];
    }
    return (int) getrusage()['ru_maxrss'];
}
