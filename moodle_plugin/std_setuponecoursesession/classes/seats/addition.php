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

namespace shophandlers_std_setuponecoursesession\seats;

use shophandlers_std_setuponecoursesession\result;
use shophandlers_std_setuponecoursesession\roles;
use shophandlers_std_setuponecoursesession\session_setup;
use shophandlers_std_setuponecoursesession\site_store;
use ShopSetup\Plan;
use ShopSetup\RosterException;
use stdClass;

/**
 * People added to the free seats of an order line after the purchase: the preview (what the
 * extension's plan would do, nothing written) and the addition itself, the same setup on the same
 * order line (same group, driver and outbox), one at a time per order line.
 *
 * @package    shophandlers_std_setuponecoursesession
 * @copyright  2026 shopsetup contributors
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class addition {
    /** Bucket names people may write in the role column, besides the buckets and the roles' names. */
    const BUCKET_ALIASES = ['learner' => 'student', 'tutor' => 'teacher', 'supervisor' => '_supervisor'];

    /** Seconds to wait for another addition to the same order line. */
    const LOCK_TIMEOUT = 30;

    /** Lists longer than this are added in the background (task\add_participants), with a progress page. */
    const BACKGROUND_ROWS = 300;

    /** Rows of a list the preview shows one by one (the invalid ones are always all shown). */
    const PREVIEW_ROWS = 200;

    /** @var session_setup the order line's setup, resolved */
    protected $setup;

    /** @var stdClass the order line (sessions::line()) */
    protected $line;

    /**
     * Constructor.
     *
     * @param stdClass $line one of sessions::lines()
     */
    public function __construct(stdClass $line) {
        $setups = session_setup::of_bill((int) $line->billid);
        if (!isset($setups[(int) $line->billitemid])) {
            throw new \moodle_exception('errornoorderline', 'shophandlers_std_setuponecoursesession');
        }
        $this->line = $line;
        $this->setup = $setups[(int) $line->billitemid];
        $this->setup->resolve();
    }

    /**
     * The buckets people can be added to, with their label: bucket => role name.
     *
     * @return string[]
     */
    public function buckets(): array {
        global $DB;
        $buckets = [];
        foreach ($this->setup->config['requiredroles'] as $bucket) {
            $role = $DB->get_record('role', ['shortname' => roles::of_bucket($this->setup->config, $bucket)]);
            $buckets[$bucket] = $role ? role_get_name($role, \context_course::instance($this->setup->course->id)) : $bucket;
        }
        return $buckets;
    }

    /**
     * The bucket a role cell names: a bucket, one of BUCKET_ALIASES, a role's short name or its name
     * in the course; the first bucket when empty; null when unknown.
     *
     * @param string $cell
     * @return string|null
     */
    public function bucket_of(string $cell): ?string {
        $buckets = $this->buckets();
        $cell = \core_text::strtolower(trim($cell));
        if ($cell === '') {
            return array_key_first($buckets);
        }
        foreach ($buckets as $bucket => $name) {
            $shortname = roles::of_bucket($this->setup->config, $bucket);
            $aliases = array_keys(self::BUCKET_ALIASES, $bucket, true);
            $names = array_merge([$bucket, ltrim($bucket, '_'), $shortname, $name], $aliases);
            if (in_array($cell, array_map('core_text::strtolower', $names), true)) {
                return $bucket;
            }
        }
        return null;
    }

    /**
     * What the addition of $rows would do, from the extension's plan, nothing written.
     *
     * @param array $rows row number => [lastname, firstname, email, role, city] (participant_list::read())
     * @return stdClass rows (row => status, account, message), invalid (list of row, field, reason),
     *         counts (created, matched, merged, present), seats (free, needed, left), plan (or null)
     */
    public function preview(array $rows): stdClass {
        $free = $this->free_seats();
        $present = $this->present_emails();
        $preview = (object) ['rows' => [], 'invalid' => [], 'plan' => null, 'buckets' => [],
            'counts' => ['created' => 0, 'matched' => 0, 'merged' => 0, 'present' => 0]];
        foreach ($rows as $n => $row) {
            $bucket = $this->bucket_of((string) ($row['role'] ?? ''));
            if ($bucket === null) {
                $preview->invalid[] = ['row' => $n, 'field' => 'role', 'reason' => get_string(
                    'errorunknownrole',
                    'shophandlers_std_setuponecoursesession',
                    (object) ['role' => $row['role'],
                    'allowed' => implode(
                        ', ',
                        $this->buckets()
                    )]
                )];
                continue;
            }
            $person = ['lastname' => $row['lastname'], 'firstname' => $row['firstname'], 'email' => $row['email'],
                'city' => $row['city'] ?? ''];
            $errors = $this->row_errors($bucket, $person);
            foreach ($errors as $error) {
                $preview->invalid[] = ['row' => $n] + $error;
            }
            if ($errors) {
                continue;
            }
            $email = \ShopSetup\normalize_email($row['email']);
            if (isset($present[$email])) {
                $preview->rows[$n] = ['status' => 'present', 'email' => $email];
                $preview->counts['present']++;
                continue;
            }
            $preview->buckets[$bucket][$n] = $person;
            $preview->rows[$n] = ['status' => 'planned', 'email' => $email, 'bucket' => $bucket];
        }
        $needed = 0;
        if ($preview->buckets) {
            $preview->plan = $this->setup->with_people($preview->buckets, PHP_INT_MAX)->plan();
            $needed = $preview->plan->seatsUsed();
            $match = site_store::preview($preview->plan);
            $this->describe($preview, $match);
        }
        $preview->seats = ['free' => $free, 'needed' => $needed, 'left' => $free - $needed];
        return $preview;
    }

    /**
     * Adds the people of $rows to the free seats: the same setup as the purchase, refused before
     * anything is written when a row is invalid or the seats left are too few. Additions to one order
     * line run one at a time, so a second submit or a second tab never takes a seat twice.
     *
     * @param array $rows as preview()
     * @param callable|null $progress called with (stage 1 or 2 of 3, message) once the list is checked, then written
     * @return array [preview(), result or null when nobody was left to add]
     */
    public function add(array $rows, ?callable $progress = null): array {
        $c = 'shophandlers_std_setuponecoursesession';
        $lock = \core\lock\lock_config::get_lock_factory('shophandlers_std_setuponecoursesession')
            ->get_lock('seats_' . (int) $this->line->billitemid, self::LOCK_TIMEOUT);
        if (!$lock) {
            throw new \moodle_exception('errorlocktimeout', 'shophandlers_std_setuponecoursesession');
        }
        try {
            $preview = $this->preview($rows);
            if ($preview->invalid) {
                throw new \moodle_exception(
                    'erroraddinvalid',
                    'shophandlers_std_setuponecoursesession',
                    '',
                    count($preview->invalid)
                );
            }
            if ($preview->seats['left'] < 0) {
                throw new \moodle_exception(
                    'erroraddseats',
                    'shophandlers_std_setuponecoursesession',
                    '',
                    (object) $preview->seats
                );
            }
            if (!$preview->buckets) {
                return [$preview, null];
            }
            if ($progress) {
                $progress(1, get_string('addprogresswriting', $c, $preview->seats['needed']));
            }
            $result = $this->setup->with_people($preview->buckets, $preview->seats['free'])->produce();
            if ($progress) {
                $progress(2, get_string('addprogressdelivering', $c));
            }
            return [$preview, $result];
        } finally {
            $lock->release();
        }
    }

    /**
     * The preview as the template add_preview shows it.
     *
     * @param stdClass $preview preview()'s answer
     * @param array $rows the rows previewed, key => row
     * @param \moodle_url $action where the confirmation goes
     * @return array
     */
    public static function preview_context(stdClass $preview, array $rows, \moodle_url $action): array {
        $c = 'shophandlers_std_setuponecoursesession';
        $shown = [];
        foreach ($preview->rows as $key => $row) {
            if (count($shown) >= self::PREVIEW_ROWS) {
                break;
            }
            $person = $rows[$key];
            $account = $row['account'] ?? '';
            $outcome = get_string('addoutcome' . $row['status'], $c, is_int($account) ? '#' . $account : $account);
            $shown[] = ['row' => self::row_label((string) $key), 'name' => $person['firstname'] . ' ' . $person['lastname'],
                'email' => $person['email'], 'outcome' => $outcome, 'status' => $row['status']];
        }
        $invalid = array_map(fn($e) => ['row' => self::row_label((string) $e['row']), 'field' => $e['field'],
            'reason' => $e['reason']], $preview->invalid);
        $fits = $preview->seats['left'] >= 0;
        $needed = $preview->seats['needed'];
        return [
            'counts' => $preview->counts + ['invalid' => count($preview->invalid)],
            'seats' => $preview->seats,
            'fits' => $fits,
            'rows' => $shown,
            'more' => max(0, count($preview->rows) - count($shown)),
            'invalid' => $invalid,
            'hasinvalid' => (bool) $invalid,
            'notices' => array_merge(array_column($preview->notices ?? [], 'message'), $preview->ambiguous ?? []),
            'canadd' => !$invalid && $fits && $needed > 0,
            'background' => count($rows) > self::BACKGROUND_ROWS,
            'action' => $action->out(false),
            'sesskey' => sesskey(),
            'json' => json_encode($rows),
            'addlabel' => get_string('addconfirm', $c, $needed),
        ];
    }

    /**
     * Where a row comes from, for people: "form-3" is the form's third row, "list-5" the list's fifth.
     *
     * @param string $key
     * @return string
     */
    public static function row_label(string $key): string {
        [$source, $n] = array_pad(explode('-', $key, 2), 2, $key);
        $sources = ['form' => 'rowform', 'list' => 'rowlist', 'file' => 'rowfile'];
        return isset($sources[$source]) ? get_string($sources[$source], 'shophandlers_std_setuponecoursesession', $n) : $key;
    }

    /**
     * What an addition did, in a sentence.
     *
     * @param stdClass $preview
     * @param result|null $result
     * @return string
     */
    public static function summary(stdClass $preview, ?result $result): string {
        $a = (object) ($preview->counts + ['seats' => $result ? $preview->seats['needed'] : 0]);
        return get_string($result ? 'addsummary' : 'addnothing', 'shophandlers_std_setuponecoursesession', $a);
    }

    /**
     * Seats bought and not yet taken.
     *
     * @return int
     */
    public function free_seats(): int {
        return sessions::summary($this->line)->free;
    }

    /**
     * The normalised emails of the people who hold a seat of the order line.
     *
     * @return array email => true
     */
    protected function present_emails(): array {
        global $DB;
        $emails = $DB->get_fieldset_sql(
            "SELECT DISTINCT u.email
                                           FROM {local_shop_product} p
                                           JOIN {user_enrolments} ue ON ue.id = p.instanceid
                                           JOIN {user} u ON u.id = ue.userid
                                          WHERE p.initialbillitemid = ? AND p.deleted = 0 AND p.contexttype = 'userenrol'",
            [$this->line->billitemid]
        );
        $present = [];
        foreach ($emails as $email) {
            $normalised = \ShopSetup\normalize_email((string) $email);
            if ($normalised !== null) {
                $present[$normalised] = true;
            }
        }
        return $present;
    }

    /**
     * What the extension finds wrong with one person, by its own rules.
     *
     * @param string $bucket
     * @param array $person
     * @return array list of [field, reason]
     */
    protected function row_errors(string $bucket, array $person): array {
        try {
            new Plan([$bucket => [$person]], 1, [$bucket => 1], $this->setup->facts);
            return [];
        } catch (RosterException $e) {
            return array_map(fn($error) => ['field' => $error['field'], 'reason' => $error['reason']], $e->getErrors());
        }
    }

    /**
     * Marks each planned row created or matched (with the account) and counts the merges.
     *
     * @param stdClass $preview
     * @param array $match Plan::preview()'s answer
     */
    protected function describe(stdClass $preview, array $match): void {
        $people = [];
        foreach ($preview->plan->people() as $person) {
            $people[$person['email']] = $person;
        }
        $seen = [];
        foreach ($preview->rows as $n => $row) {
            if ($row['status'] !== 'planned') {
                continue;
            }
            $person = $people[$row['email']] ?? null;
            $key = $row['email'] . "\n" . $row['bucket'];
            if (isset($seen[$key]) || $person === null) {
                $preview->rows[$n]['status'] = 'merged';
                $preview->rows[$n]['first'] = $seen[$key] ?? null;
                $preview->counts['merged']++;
                continue;
            }
            $seen[$key] = $n;
            $status = $person['status'] === 'created' ? 'created' : 'matched';
            $preview->rows[$n]['status'] = $status;
            $preview->rows[$n]['account'] = $status === 'created' ? $person['username'] : (int) $person['userid'];
            $preview->counts[$status]++;
        }
        $preview->notices = $preview->plan->notices();
        $preview->ambiguous = array_map(fn($a) => result::ambiguous_warning($a, false), $match['ambiguous']);
    }
}
