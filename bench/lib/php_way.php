<?php
/*
 * "The PHP way": what the extension does, written in plain PHP the way a Moodle plugin would,
 * with the same rules so that it yields the same results (the benchmarks check that it does).
 *
 *   php_decode_params()   ShopSetup\decode_params(): explode on &, first = splits, rawurldecode
 *                         ('+' stays), malformed %XX, empty/duplicate key, NUL, invalid UTF-8
 *   php_roster_plan()     new ShopSetup\Plan(): trim, lower-case, validate_email, required names,
 *                         lengths in characters, UTF-8, control characters, de-duplication, seats
 *   php_setup()           MysqlConnection::run() the way Moodle's DML does it: one lookup query per
 *                         participant, one username check per new account, insert_records-style
 *                         INSERTs of 50 rows, ids read back by unique key, one transaction
 */

final class PhpParamsException extends RuntimeException
{
}

final class PhpRosterException extends RuntimeException
{
    public function __construct(string $message, public readonly array $errors = [])
    {
        parent::__construct($message);
    }
}

/* ------------------------------------------------------------------ decode_params */

/** Decodes "key=value&key=value" with the rules of ShopSetup\decode_params(). */
function php_decode_params(string $params): array
{
    $out = [];
    $pos = 0;
    foreach (explode('&', $params) as $pair) {
        $len = strlen($pair);
        if ($len === 0) {
            $pos++;
            continue;
        }
        $eq = strpos($pair, '=');
        if ($eq === false) {
            $key = php_params_part($pair, $pos, null);
            $value = '';
        } else {
            $key = php_params_part(substr($pair, 0, $eq), $pos, null);
            $value = php_params_part(substr($pair, $eq + 1), $pos + $eq + 1, $key);
            if ($key === '') {
                throw new PhpParamsException("Handler parameters: empty key at byte $pos");
            }
        }
        if (!mb_check_encoding($key, 'UTF-8')) {
            php_params_utf8_error($key, substr($pair, 0, $eq === false ? $len : $eq), $pos, $key);
        }
        if ($eq !== false && !mb_check_encoding($value, 'UTF-8')) {
            php_params_utf8_error($value, substr($pair, $eq + 1), $pos + $eq + 1, $key);
        }
        if (isset($out[$key])) {
            throw new PhpParamsException("Handler parameters: duplicate key at byte $pos (key \"" . php_params_printable($key) . '")');
        }
        $out[$key] = $value;
        $pos += $len + 1;
    }
    return $out;
}

/** One key or value: %XX decoded, '+' kept; $key is null while decoding the key itself. */
function php_params_part(string $raw, int $start, ?string $key): string
{
    if (strpbrk($raw, "%\0") === false) {
        return $raw;
    }
    if (preg_match('/%(?![0-9A-Fa-f]{2})|%00|\x00/', $raw, $m, PREG_OFFSET_CAPTURE)) {
        $at = $m[0][1];
        $what = $m[0][0] === '%' ? 'malformed %XX escape' : ($m[0][0] === '%00' ? 'NUL byte (%00)' : 'NUL byte');
        $key ??= rawurldecode(substr($raw, 0, $at));
        throw new PhpParamsException(sprintf('Handler parameters: %s at byte %d%s', $what, $start + $at,
            $key === '' ? '' : ' (key "' . php_params_printable($key) . '")'));
    }
    return rawurldecode($raw);
}

function php_params_utf8_error(string $decoded, string $raw, int $start, string $key): never
{
    $bad = php_utf8_invalid_offset($decoded);
    $r = 0;
    for ($d = 0; $d < $bad; $d++) {
        $r += $raw[$r] === '%' ? 3 : 1;
    }
    throw new PhpParamsException(sprintf('Handler parameters: invalid UTF-8 at byte %d (key "%s")', $start + $r,
        php_params_printable($key)));
}

/** A key for a message: control bytes as \xHH, and every byte >= 0x80 too when the key is not clean UTF-8. */
function php_params_printable(string $key): string
{
    $clean = preg_match('/[\x{0}-\x{8}\x{A}-\x{1F}\x{7F}-\x{9F}]/u', $key) === 0;
    return preg_replace_callback($clean ? '/[\x00-\x1F\x7F]/' : '/[\x00-\x1F\x7F-\xFF]/',
        fn($m) => sprintf('\\x%02X', ord($m[0])), $key);
}

/** Byte offset of the first ill-formed UTF-8 sequence (error paths only). */
function php_utf8_invalid_offset(string $s): int
{
    preg_match('/^(?:[\x00-\x7F]|[\xC2-\xDF][\x80-\xBF]|\xE0[\xA0-\xBF][\x80-\xBF]|[\xE1-\xEC\xEE\xEF][\x80-\xBF]{2}'
        . '|\xED[\x80-\x9F][\x80-\xBF]|\xF0[\x90-\xBF][\x80-\xBF]{2}|[\xF1-\xF3][\x80-\xBF]{3}|\xF4[\x80-\x8F][\x80-\xBF]{2})*/',
        $s, $m);
    return strlen($m[0]);
}

/* ------------------------------------------------------------------ roster */

const PHP_ROSTER_FIELDS = ['email', 'firstname', 'lastname', 'city', 'institution', 'phone2'];
const PHP_ROSTER_LIMITS = ['email' => 100, 'firstname' => 100, 'lastname' => 100, 'city' => 120,
    'institution' => 255, 'phone2' => 20];
const PHP_TRIM = " \t\r\n\v\f";

/** Moodle 4.5's validate_email(). */
function php_validate_email(string $address): bool
{
    return $address !== '' && filter_var($address, FILTER_VALIDATE_EMAIL) !== false && strpbrk($address, "\r\n<>") === false;
}

/**
 * The roster of an order, checked and de-duplicated like new ShopSetup\Plan().
 * @return array people (email-keyed fields, first_bucket), assignments [person, bucket],
 *         notices, buckets [name => roleid], seats
 */
function php_roster_plan(array $buckets, int $seats, array $bucketRoles, array $facts): array
{
    php_check_facts($facts);
    $bucketIndex = [];
    foreach ($bucketRoles as $name => $roleid) {
        if (!is_string($name) || !is_int($roleid)) {
            throw new TypeError('bucket roles must map bucket names to role ids');
        }
        if ($roleid <= 0) {
            throw new InvalidArgumentException("$name: role id must be positive");
        }
        $bucketIndex[$name] = count($bucketIndex);
    }
    $people = $assignments = $notices = $errors = $byEmail = $byAssignment = [];
    foreach ($buckets as $bucket => $participants) {
        $bucket = (string) $bucket;
        if (!isset($bucketIndex[$bucket])) {
            $errors[] = [$bucket, '', '', 'bucket has no role: it is missing from the bucket roles'];
            continue;
        }
        $b = $bucketIndex[$bucket];
        if (is_object($participants)) {
            $participants = get_object_vars($participants);
        }
        if (!is_array($participants)) {
            $errors[] = [$bucket, '', '', 'bucket must map emails to participants'];
            continue;
        }
        foreach ($participants as $key => $participant) {
            $key = (string) $key;
            if (is_object($participant)) {
                $participant = get_object_vars($participant);
            } elseif (!is_array($participant)) {
                $errors[] = [$bucket, $key, '', 'participant must be an array or an object'];
                continue;
            }
            $fields = [];
            $ok = true;
            foreach (PHP_ROSTER_FIELDS as $field) {
                $value = $participant[$field] ?? '';
                if (is_int($value) || is_float($value)) {
                    $value = (string) $value;
                } elseif (!is_string($value)) {
                    $errors[] = [$bucket, $key, $field, 'must be a string'];
                    $ok = false;
                    $value = null;
                }
                $fields[$field] = $value;
            }
            if ($fields['email'] === '') {
                $fields['email'] = $key;
            }
            $raw = $fields['email'] ?? $key;
            foreach ($fields as $field => $value) {
                $fields[$field] = $value === null ? null : trim($value, PHP_TRIM);
            }
            if ($fields['email'] !== null) {
                $email = $fields['email'] = strtolower($fields['email']);
                if ($email === '') {
                    $errors[] = [$bucket, $raw, 'email', 'is required'];
                    $ok = false;
                } elseif (!php_validate_email($email)) {
                    $errors[] = [$bucket, $raw, 'email', 'is not a valid email address'];
                    $ok = false;
                } elseif (($reason = php_check_field('email', $email)) !== null) {
                    $errors[] = [$bucket, $raw, 'email', $reason];
                    $ok = false;
                }
            }
            foreach (['firstname', 'lastname', 'city', 'institution', 'phone2'] as $field) {
                if ($fields[$field] !== null && ($reason = php_check_field($field, $fields[$field])) !== null) {
                    $errors[] = [$bucket, $raw, $field, $reason];
                    $ok = false;
                }
            }
            if (!$ok) {
                continue;
            }
            $email = $fields['email'];
            if (!isset($byEmail[$email])) {
                $p = $byEmail[$email] = count($people);
                $fields['first_bucket'] = $b;
                $people[] = $fields;
            } else {
                $p = $byEmail[$email];
                $same = isset($byAssignment["$p:$b"]);
                $first = array_search($people[$p]['first_bucket'], $bucketIndex, true);
                $message = $same ? "listed twice in bucket \"$bucket\": merged into one seat"
                    : "in buckets \"$first\" and \"$bucket\": one account, one seat per bucket";
                if ($fields['firstname'] !== $people[$p]['firstname'] || $fields['lastname'] !== $people[$p]['lastname']) {
                    $message .= "; names differ, kept \"{$people[$p]['firstname']} {$people[$p]['lastname']}\"";
                }
                $notices[] = ['email' => $email, 'kind' => $same ? 'repeat' : 'several_buckets', 'message' => $message];
                if ($same) {
                    continue;
                }
            }
            $byAssignment["$p:$b"] = count($assignments);
            $assignments[] = [$p, $b];
        }
    }
    if ($errors) {
        $n = count($errors);
        throw new PhpRosterException("The participant list has $n invalid entr" . ($n === 1 ? 'y' : 'ies')
            . ': nothing was set up', $errors);
    }
    if ($seats < 0) {
        throw new InvalidArgumentException('seats: must not be negative');
    }
    if (count($assignments) > $seats) {
        throw new PhpRosterException(sprintf('The order needs %d seats (one per participant and role) but %d were bought: '
            . 'nothing was set up', count($assignments), $seats));
    }
    return ['people' => $people, 'assignments' => $assignments, 'notices' => $notices,
        'buckets' => array_keys($bucketIndex), 'roles' => array_values($bucketRoles), 'seats' => $seats];
}

/** null when the value is fine, else the reason, like the extension's field check. */
function php_check_field(string $field, string $value): ?string
{
    // One pass checks both: false on invalid UTF-8, 1 on a control character (C0 but tab, DEL, C1).
    $control = preg_match('/[\x{0}-\x{8}\x{A}-\x{1F}\x{7F}-\x{9F}]/u', $value, $m, PREG_OFFSET_CAPTURE);
    if ($control === false) {
        return sprintf('is not valid UTF-8 (byte %d)', php_utf8_invalid_offset($value));
    }
    if ($control === 1) {
        return sprintf('contains a control character (byte %d)', $m[0][1]);
    }
    $limit = PHP_ROSTER_LIMITS[$field];
    if (strlen($value) > $limit && ($chars = mb_strlen($value, 'UTF-8')) > $limit) {
        return "is $chars characters long, more than the $limit allowed";
    }
    if ($value === '' && ($field === 'firstname' || $field === 'lastname')) {
        return 'is required';
    }
    return null;
}

const PHP_FACTS = ['courseid' => 'int', 'coursecontextid' => 'int', 'enrolid' => 'int', 'operatorid' => 'int',
    'operatorcontextid' => 'int', 'mnethostid' => 'int', 'timestart' => 'int', 'timeend' => 'int', 'now' => 'int',
    'modifierid' => 'int', 'supervisorroleid' => 'int', 'mirrorroleid' => 'int', 'billitemid' => 'int',
    'catalogitemid' => 'int', 'customerid' => 'int', 'enroloperator' => 'bool', 'test' => 'bool',
    'groupidnumber' => 'string', 'groupname' => 'string', 'groupdescription' => 'string', 'transactionid' => 'string',
    'lang' => 'string', 'country' => 'string', 'auth' => 'string', 'coursename' => 'string', 'handler' => 'string',
    'calendartype' => 'string', 'maildisplay' => 'int', 'mailformat' => 'int', 'maildigest' => 'int', 'autosubscribe' => 'int',
    'trackforums' => 'int'];
const PHP_REQUIRED_FACTS = ['courseid', 'coursecontextid', 'enrolid', 'operatorid', 'operatorcontextid', 'mnethostid',
    'timestart', 'timeend', 'now', 'supervisorroleid', 'billitemid', 'groupidnumber', 'groupname'];

function php_check_facts(array $facts): void
{
    foreach ($facts as $name => $value) {
        $type = PHP_FACTS[$name] ?? null;
        if ($type === null) {
            throw new InvalidArgumentException("Plan facts: unknown fact \"$name\"");
        }
        $ok = match ($type) {
            'int' => is_int($value) && $value >= 0,
            'bool' => is_bool($value),
            'string' => is_string($value),
        };
        if (!$ok) {
            throw new InvalidArgumentException("Plan facts: \"$name\" must be of type $type");
        }
    }
    foreach (PHP_REQUIRED_FACTS as $name) {
        if (!array_key_exists($name, $facts)) {
            throw new InvalidArgumentException("Plan facts: \"$name\" is required");
        }
    }
}

/* ------------------------------------------------------------------ usernames, references */

/** Transliteration of U+00C0..U+017F to the extension's ASCII, and the separators that become '-'. */
function php_username_map(): array
{
    static $map = null;
    if ($map !== null) {
        return $map;
    }
    $ascii = explode(',',
        'a,a,a,a,a,a,ae,c,e,e,e,e,i,i,i,i,d,n,o,o,o,o,o,,o,u,u,u,u,y,th,ss,'
        . 'a,a,a,a,a,a,ae,c,e,e,e,e,i,i,i,i,d,n,o,o,o,o,o,,o,u,u,u,u,y,th,y,'
        . 'a,a,a,a,a,a,c,c,c,c,c,c,c,c,d,d,d,d,e,e,e,e,e,e,e,e,e,e,g,g,g,g,'
        . 'g,g,g,g,h,h,h,h,i,i,i,i,i,i,i,i,i,i,ij,ij,j,j,k,k,q,l,l,l,l,l,l,l,'
        . 'l,l,l,n,n,n,n,n,n,n,n,n,o,o,o,o,o,o,oe,oe,r,r,r,r,r,r,s,s,s,s,s,s,'
        . 's,s,t,t,t,t,t,t,u,u,u,u,u,u,u,u,u,u,u,u,w,w,y,y,y,z,z,z,z,z,z,s');
    $map = [];
    foreach ($ascii as $i => $letters) {
        $map[mb_chr(0xC0 + $i, 'UTF-8')] = $letters;
    }
    foreach ([0xA0, 0x1680, 0x202F, 0x205F, 0x3000, ...range(0x2000, 0x200A), ...range(0x2010, 0x2015)] as $cp) {
        $map[mb_chr($cp, 'UTF-8')] = '-';
    }
    foreach ([' ', "\t", "\n", "\r", "\v", "\f"] as $c) {
        $map[$c] = '-';
    }
    return $map;
}

/** [a-z0-9_.@-]: Latin letters transliterated, separators as one '-', no '-' or '.' at either end. */
function php_username_clean(string $s): string
{
    $s = strtolower(strtr($s, php_username_map()));
    $s = preg_replace(['/[^a-z0-9_.@-]+/', '/-{2,}/'], ['', '-'], $s);
    return rtrim(ltrim($s, '-.'), '-.');
}

function php_username_base(string $firstname, string $lastname, string $email): string
{
    $first = php_username_clean($firstname);
    $last = php_username_clean($lastname);
    $base = $first !== '' && $last !== '' ? "$first.$last" : $first . $last;
    if ($base === '') {
        $at = strrpos($email, '@');
        $base = php_username_clean($at === false ? $email : substr($email, 0, $at));
    }
    if ($base === '') {
        $base = 'user';
    }
    return strlen($base) > 94 ? rtrim(substr($base, 0, 94), '-.') : $base;
}

/** The extension's 64-bit hash (FNV-1a and a final avalanche) as [high 32 bits, low 32 bits]. */
function php_hash_bytes(string $data): array
{
    $h = hash('fnv1a64', $data);
    $hi = hexdec(substr($h, 0, 8));
    $lo = hexdec(substr($h, 8, 8));
    $lo ^= $hi >> 1;                                      // h ^= h >> 33
    [$hi, $lo] = php_mul64($hi, $lo, 0xff51afd7, 0xed558ccd);
    $lo ^= $hi >> 1;
    return [$hi, $lo];
}

/** (ah:al) * (bh:bl) mod 2^64 with 32-bit halves, without overflowing PHP's signed ints. */
function php_mul64(int $ah, int $al, int $bh, int $bl): array
{
    $p0 = ($al & 0xFFFF) * $bl;
    $p1 = ($al >> 16) * $bl;
    $low = ($p0 & 0xFFFFFFFF) + (($p1 & 0xFFFF) << 16);
    $carry = ($p0 >> 32) + ($p1 >> 16) + ($low >> 32);
    $mul32 = fn(int $x, int $y): int => (((((($x >> 16) * $y) & 0xFFFF) << 16) + ($x & 0xFFFF) * $y) & 0xFFFFFFFF);
    return [($carry + $mul32($ah, $bl) + $mul32($al, $bh)) & 0xFFFFFFFF, $low & 0xFFFFFFFF];
}

/** The product reference of a seat: XXXX-XXXX-XXXX-XXCC, like the extension derives it. */
function php_product_reference(int $billitemid, int $userid, string $bucket): string
{
    static $digits = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    $seed = "$billitemid:$userid:" . substr($bucket, 0, 64);
    $hashes = [php_hash_bytes($seed), php_hash_bytes(chr(ord($seed[0]) ^ 0x5a) . substr($seed, 1))];
    $body = '';
    $sum = 0;
    for ($i = 0; $i < 14; $i++) {
        [$hi, $lo] = $hashes[$i < 7 ? 0 : 1];
        $r = $hi % 36;
        $hi = intdiv($hi, 36);
        $t = ($r << 32) | $lo;
        $hashes[$i < 7 ? 0 : 1] = [$hi, intdiv($t, 36)];
        $c = $digits[$t % 36];
        $body .= $c;
        $sum += ord($c);
    }
    return implode('-', str_split($body, 4)) . $digits[$sum % 36] . $digits[intdiv($sum, 36) % 36];
}

/* --------------------------------------- the setup, through mysqli or pgsql (tests/fixtures/pg.inc's stand-in) */

/**
 * Multi-row INSERTs of $chunk rows, like Moodle's insert_records(): 50 rows a statement on MySQL (as the
 * mysqli driver's), 500 on PostgreSQL (the pgsql driver's default bulkinsertsize); values escaped.
 */
function php_insert_rows(object $db, string $table, array $columns, array $rows, int &$statements, int $chunk = 0): void
{
    $chunk = $chunk ?: ($db instanceof mysqli ? 50 : 500);
    $head = "INSERT INTO mdl_$table (" . implode(',', $columns) . ') VALUES ';
    foreach (array_chunk($rows, $chunk) as $part) {
        $values = [];
        foreach ($part as $row) {
            $cells = [];
            foreach ($row as $value) {
                $cells[] = is_int($value) ? $value : "'" . $db->real_escape_string($value) . "'";
            }
            $values[] = '(' . implode(',', $cells) . ')';
        }
        $db->query($head . implode(',', $values));
        $statements++;
    }
}

/** SELECT ... AND column IN (...) in chunks; rows as numeric arrays. */
function php_select_in(object $db, string $select, string $column, array $values, int &$statements, int $chunk = 1000): array
{
    $rows = [];
    foreach (array_chunk($values, $chunk) as $part) {
        $list = [];
        foreach ($part as $value) {
            $list[] = is_int($value) ? $value : "'" . $db->real_escape_string($value) . "'";
        }
        $result = $db->query("$select AND $column IN (" . implode(',', $list) . ')');
        $statements++;
        foreach ($result->fetch_all(MYSQLI_NUM) as $row) {
            $rows[] = $row;
        }
    }
    return $rows;
}

/**
 * Writes the roster's setup in one transaction and returns what changed (counts), writing the
 * same rows as ShopSetup\MysqlConnection::run().
 */
function php_setup(object $db, array $roster, array $facts): array
{
    $f = $facts + ['enroloperator' => true, 'mirrorroleid' => 0, 'modifierid' => 0, 'catalogitemid' => 0,
        'customerid' => 0, 'test' => false, 'groupdescription' => '', 'lang' => 'en', 'country' => '', 'auth' => 'manual',
        'coursename' => '', 'handler' => 'std_setuponecoursesession', 'calendartype' => 'gregorian', 'maildisplay' => 2,
        'mailformat' => 1, 'maildigest' => 0, 'autosubscribe' => 1, 'trackforums' => 0];
    $host = (int) $f['mnethostid'];
    $now = (int) $f['now'];
    $n = 0; // statements
    $people = $roster['people'];
    $report = ['created' => 0, 'matched' => 0, 'suspended' => 0];

    // MySQL compares email and username case-insensitively by their collation; on PostgreSQL, as Moodle, by LOWER().
    $mysql = $db instanceof mysqli;
    $caseless = fn(string $column, string $value) => $mysql ? "$column = '" . $db->real_escape_string($value) . "'"
        : "LOWER($column) = '" . $db->real_escape_string(mb_strtolower($value)) . "'";
    if ($mysql) {
        $db->query("SET SESSION sql_mode = 'STRICT_ALL_TABLES'");
        $db->query('SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED');
        $n += 2;
    } else {
        $db->query('SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL READ COMMITTED');
        $n++;
    }
    $db->begin_transaction();
    $n++;
    try {
        // Accounts: one lookup per participant; active before suspended, then lowest id.
        $new = [];
        foreach ($people as $p => $person) {
            $result = $db->query('SELECT id, suspended FROM mdl_user WHERE ' . $caseless('email', $person['email'])
                . " AND deleted = 0 AND mnethostid = $host");
            $n++;
            $best = null;
            while ($row = $result->fetch_row()) {
                $row = [(int) $row[0], (int) $row[1]];
                if ($best === null || $row[1] < $best[1] || ($row[1] === $best[1] && $row[0] < $best[0])) {
                    $best = $row;
                }
            }
            if ($best === null) {
                $new[] = $p;
            } else {
                $people[$p]['userid'] = $best[0];
                $report['matched']++;
                $report['suspended'] += $best[1];
            }
        }

        // Usernames: the smallest free suffix, checked name by name against the site and the batch.
        $claimed = [];
        foreach ($new as $p) {
            $base = php_username_base($people[$p]['firstname'], $people[$p]['lastname'], $people[$p]['email']);
            for ($suffix = 0; ; $suffix++) {
                $candidate = $suffix === 0 ? $base : $base . $suffix;
                if (isset($claimed[$candidate])) {
                    continue;
                }
                $taken = $db->query('SELECT 1 FROM mdl_user WHERE ' . $caseless('username', $candidate)
                    . " AND mnethostid = $host")->num_rows > 0;
                $n++;
                if (!$taken) {
                    break;
                }
            }
            $claimed[$candidate] = $p;
            $people[$p]['username'] = $candidate;
        }

        // New accounts, their ids (by username), their preferences.
        $rows = [];
        foreach ($new as $p) {
            $person = $people[$p];
            $rows[] = [$f['auth'], 1, $host, $person['username'], 'to be generated', $person['firstname'], $person['lastname'],
                $person['email'], $person['city'], $f['country'], $f['lang'], $person['institution'], $person['phone2'],
                $f['calendartype'], $f['maildisplay'], $f['mailformat'], $f['maildigest'], $f['autosubscribe'], $f['trackforums'],
                $now, $now];
        }
        php_insert_rows($db, 'user', ['auth', 'confirmed', 'mnethostid', 'username', 'password', 'firstname', 'lastname',
            'email', 'city', 'country', 'lang', 'institution', 'phone2', 'calendartype', 'maildisplay', 'mailformat', 'maildigest',
            'autosubscribe', 'trackforums', 'timecreated', 'timemodified'], $rows, $n);
        $byUsername = [];
        foreach ($new as $p) {
            $byUsername[strtolower($people[$p]['username'])] = $p;
        }
        foreach (php_select_in($db, "SELECT username, id FROM mdl_user WHERE mnethostid = $host", 'username',
                array_column(array_intersect_key($people, array_flip($new)), 'username'), $n) as [$username, $id]) {
            $people[$byUsername[strtolower($username)]]['userid'] = (int) $id;
        }
        $report['created'] = count($new);
        $isNew = array_flip($new);
        $rows = [];
        foreach ($new as $p) {
            $rows[] = [$people[$p]['userid'], 'create_password', '1'];
            $rows[] = [$people[$p]['userid'], 'auth_forcepasswordchange', '1'];
        }
        php_insert_rows($db, 'user_preferences', ['userid', 'name', 'value'], $rows, $n);

        $userids = array_column($people, 'userid');
        $personOf = array_flip($userids);

        // User contexts, as context_user::instance() makes them: inserted, then path /<system>/<id>.
        $contextOf = [];
        foreach (php_select_in($db, 'SELECT instanceid, id FROM mdl_context WHERE contextlevel = 30', 'instanceid', $userids, $n)
                as [$userid, $id]) {
            $contextOf[(int) $userid] = (int) $id;
        }
        $missing = array_values(array_filter($userids, fn($u) => !isset($contextOf[$u])));
        if ($missing) {
            $system = (int) $db->query('SELECT id FROM mdl_context WHERE contextlevel = 10 AND instanceid = 0')->fetch_row()[0];
            $n++;
            foreach (array_chunk($missing, 50) as $part) {
                php_insert_rows($db, 'context', ['contextlevel', 'instanceid', 'depth', 'locked'],
                    array_map(fn($u) => [30, $u, 2, 0], $part), $n);
                $db->query("UPDATE mdl_context SET path = CONCAT('/$system/', id) WHERE contextlevel = 30 AND path IS NULL"
                    . ' AND instanceid IN (' . implode(',', $part) . ')');
                $n++;
            }
            foreach (php_select_in($db, 'SELECT instanceid, id FROM mdl_context WHERE contextlevel = 30', 'instanceid', $missing, $n)
                    as [$userid, $id]) {
                $contextOf[(int) $userid] = (int) $id;
            }
        }

        // The order's group.
        $result = $db->query('SELECT MIN(id) FROM mdl_groups WHERE courseid = ' . (int) $f['courseid'] . " AND idnumber = '"
            . $db->real_escape_string($f['groupidnumber']) . "'");
        $n++;
        $groupid = (int) $result->fetch_row()[0];
        if ($groupid === 0) {
            php_insert_rows($db, 'groups', ['courseid', 'idnumber', 'name', 'description', 'descriptionformat',
                'timecreated', 'timemodified'], [[(int) $f['courseid'], $f['groupidnumber'], $f['groupname'],
                $f['groupdescription'], 1, $now, $now]], $n);
            $groupid = $db->insert_id;
        }

        // Enrolments on the manual instance: inserted, or widened (never shortened).
        $enrolees = $userids;
        if ($f['enroloperator'] && !isset($personOf[$f['operatorid']])) {
            $enrolees[] = (int) $f['operatorid'];
        }
        $enrolid = (int) $f['enrolid'];
        $existing = [];
        foreach (php_select_in($db, "SELECT id, userid, status, timestart, timeend FROM mdl_user_enrolments WHERE enrolid = $enrolid",
                'userid', $enrolees, $n) as $row) {
            $existing[(int) $row[1]] = array_map('intval', $row);
        }
        $ueid = $insert = [];
        foreach ($enrolees as $userid) {
            if (!isset($existing[$userid])) {
                $insert[] = [0, $enrolid, $userid, (int) $f['timestart'], (int) $f['timeend'], (int) $f['modifierid'], $now, $now];
                continue;
            }
            [$id, , $status, $start, $end] = $existing[$userid];
            $ueid[$userid] = $id;
            $wstart = ($start === 0 || $f['timestart'] === 0) ? 0 : min($start, $f['timestart']);
            $wend = ($end === 0 || $f['timeend'] === 0) ? 0 : max($end, $f['timeend']);
            if ($status !== 0 || $wstart !== $start || $wend !== $end) {
                $db->query("UPDATE mdl_user_enrolments SET status = 0, timestart = $wstart, timeend = $wend, modifierid = "
                    . (int) $f['modifierid'] . ", timemodified = $now WHERE id = $id");
                $n++;
            }
        }
        php_insert_rows($db, 'user_enrolments', ['status', 'enrolid', 'userid', 'timestart', 'timeend', 'modifierid',
            'timecreated', 'timemodified'], $insert, $n);
        foreach (php_select_in($db, "SELECT userid, id FROM mdl_user_enrolments WHERE enrolid = $enrolid", 'userid',
                array_column($insert, 2), $n) as [$userid, $id]) {
            $ueid[(int) $userid] = (int) $id;
        }

        // Role assignments: course roles, the operator's role in each user context, the mirror role.
        $cc = (int) $f['coursecontextid'];
        $op = (int) $f['operatorid'];
        $opctx = (int) $f['operatorcontextid'];
        $sup = (int) $f['supervisorroleid'];
        $mirror = (int) $f['mirrorroleid'];
        $findRoles = function () use ($db, $cc, $op, $opctx, $mirror, $enrolees, $userids, $contextOf, &$n): array {
            $rows = php_select_in($db, "SELECT id, contextid, roleid, userid FROM mdl_role_assignments WHERE contextid = $cc",
                'userid', $enrolees, $n);
            $rows = array_merge($rows, php_select_in($db, "SELECT id, contextid, roleid, userid FROM mdl_role_assignments"
                . " WHERE userid = $op", 'contextid', array_values($contextOf), $n));
            if ($mirror > 0) {
                $rows = array_merge($rows, php_select_in($db, 'SELECT id, contextid, roleid, userid FROM mdl_role_assignments'
                    . " WHERE contextid = $opctx", 'userid', $userids, $n));
            }
            $found = [];
            foreach ($rows as [$id, $contextid, $roleid, $userid]) {
                $found["$contextid:$roleid:$userid"] = (int) $id;
            }
            return $found;
        };
        $seen = $findRoles();
        $wanted = [];
        foreach ($roster['assignments'] as [$p, $b]) {
            $wanted[] = [$cc, $roster['roles'][$b], $people[$p]['userid']];
        }
        if ($f['enroloperator']) {
            $wanted[] = [$cc, $sup, $op];
        }
        foreach ($people as $person) {
            if ($person['userid'] === $op) {
                continue;
            }
            $wanted[] = [$contextOf[$person['userid']], $sup, $op];
            if ($mirror > 0) {
                $wanted[] = [$opctx, $mirror, $person['userid']];
            }
        }
        $rows = [];
        foreach ($wanted as [$contextid, $roleid, $userid]) {
            if (!isset($seen["$contextid:$roleid:$userid"])) {
                $seen["$contextid:$roleid:$userid"] = 0;
                $rows[] = [$roleid, $contextid, $userid, $now, (int) $f['modifierid'], '', 0, 0];
            }
        }
        php_insert_rows($db, 'role_assignments', ['roleid', 'contextid', 'userid', 'timemodified', 'modifierid', 'component',
            'itemid', 'sortorder'], $rows, $n);
        $report['role_assignments'] = $rows ? count($findRoles()) : 0;   // their ids, for the events

        // Group members.
        $members = [];
        $result = $db->query("SELECT userid FROM mdl_groups_members WHERE groupid = $groupid");
        $n++;
        while ($row = $result->fetch_row()) {
            $members[(int) $row[0]] = true;
        }
        $rows = [];
        foreach ($enrolees as $userid) {
            if (!isset($members[$userid])) {
                $members[$userid] = true;
                $rows[] = [$groupid, $userid, $now, '', 0];
            }
        }
        php_insert_rows($db, 'groups_members', ['groupid', 'userid', 'timeadded', 'component', 'itemid'], $rows, $n);
        $report['group_members'] = count($rows);

        // Products, one per seat, then their events.
        $billitem = (int) $f['billitemid'];
        $refs = [];
        foreach (php_select_in($db, "SELECT reference, id FROM mdl_local_shop_product WHERE contexttype = 'userenrol'",
                'initialbillitemid', [$billitem], $n) as [$reference]) {
            $refs[$reference] = true;
        }
        $rows = [];
        $handler = rawurlencode($f['handler']);
        $course = rawurlencode($f['coursename']);
        foreach ($roster['assignments'] as [$p, $b]) {
            $userid = $people[$p]['userid'];
            $bucket = $roster['buckets'][$b];
            $reference = php_product_reference($billitem, $userid, $bucket);
            if (isset($refs[$reference])) {
                continue;
            }
            $rows[] = [(int) $f['catalogitemid'], $billitem, $billitem, (int) $f['customerid'], 'userenrol', $ueid[$userid],
                (int) $f['timestart'], (int) $f['timeend'], $reference,
                "courseid={$f['courseid']}&handler=$handler&coursename=$course&userid=$userid&starttime={$f['timestart']}"
                . "&endtime={$f['timeend']}&roleid={$roster['roles'][$b]}&bucket=" . rawurlencode($bucket)
                . '&created=' . (isset($isNew[$p]) ? 1 : 0),
                '', 0, $f['test'] ? 1 : 0];
        }
        php_insert_rows($db, 'local_shop_product', ['catalogitemid', 'initialbillitemid', 'currentbillitemid', 'customerid',
            'contexttype', 'instanceid', 'startdate', 'enddate', 'reference', 'productiondata', 'extradata', 'deleted', 'test'],
            $rows, $n);
        $events = [];
        foreach (php_select_in($db, "SELECT reference, id FROM mdl_local_shop_product WHERE initialbillitemid = $billitem",
                'reference', array_column($rows, 8), $n) as [, $id]) {
            $events[] = [(int) $id, $billitem, 'billed', '', $now];
        }
        php_insert_rows($db, 'local_shop_productevent', ['productid', 'billitemid', 'eventtype', 'eventdata', 'datecreated'],
            $events, $n);
        $report['products'] = count($events);

        $db->commit();
        $n++;
    } catch (Throwable $e) {
        $db->rollback();
        throw $e;
    }
    $report['statements'] = $n;
    return $report;
}
