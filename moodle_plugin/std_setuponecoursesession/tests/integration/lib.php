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
 * Integration test helpers: real orders built as local_shop stores them, produced by local_shop.
 *
 * Each test script runs in its own CLI process inside a real site (the handler installed in it), with names
 * tagged per run so that runs never collide.
 *
 * @package    shophandlers_std_setuponecoursesession
 * @copyright  2026 shopsetup contributors
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

defined('MOODLE_INTERNAL') || die();

require_once($CFG->dirroot . '/course/lib.php');
require_once($CFG->dirroot . '/user/lib.php');
require_once($CFG->dirroot . '/group/lib.php');
require_once($CFG->dirroot . '/local/shop/locallib.php');
require_once($CFG->dirroot . '/local/shop/classes/Bill.class.php');
require_once($CFG->dirroot . '/local/shop/datahandling/production.php');
require_once(__DIR__ . '/fixtures/mail_sink.php');

/**
 * Helpers for one integration test script.
 */
class shopsetup_it {
    /** @var string unique tag of this run */
    public $tag;
    /** @var int failed checks */
    public $failures = 0;
    /** @var int checks */
    public $checks = 0;
    /** @var bool produce() delivers what the request left in the outbox, as cron would */
    public $drain = true;

    /** @var stdClass|null feedback of the last produce()'s prepay step */
    public $prepayfeedback = null;

    /**
     * Constructor.
     *
     * @param string $name test name
     */
    public function __construct(string $name) {
        $this->tag = strtoupper(substr(preg_replace('/[^a-z0-9]/i', '', $name), 0, 6)) . substr(md5(uniqid('', true)), 0, 6);
        echo "# $name ($this->tag)\n";
        self::wait_for_replica();
    }

    /**
     * On a site that reads from a MariaDB replica (.ci/replica.sh), waits until the replica has
     * applied everything the primary committed: a test starts from what the tests before it wrote,
     * as a site's next request some time later would (Moodle itself, and local_shop, read another
     * request's writes from the replica).
     */
    public static function wait_for_replica(): void {
        global $CFG;
        $readonly = $CFG->dboptions['readonly'] ?? null;
        if (empty($readonly['instance'][0]) || $CFG->dbtype !== 'mariadb') {
            return;
        }
        $instance = $readonly['instance'][0];
        $primary = new mysqli($CFG->dbhost, $CFG->dbuser, $CFG->dbpass, $CFG->dbname, (int) ($CFG->dboptions['dbport'] ?? 3306));
        $position = $primary->query('SELECT @@gtid_binlog_pos')->fetch_row()[0];
        $replica = new mysqli($instance['dbhost'], $CFG->dbuser, $CFG->dbpass, $CFG->dbname, (int) $instance['dbport']);
        $replica->query("SELECT MASTER_GTID_WAIT('" . $replica->real_escape_string($position) . "', 60)");
    }

    /**
     * Records one check.
     *
     * @param bool $ok
     * @param string $what
     */
    public function check(bool $ok, string $what): void {
        $this->checks++;
        if (!$ok) {
            $this->failures++;
        }
        echo ($ok ? 'ok' : 'FAIL') . " - $what\n";
    }

    /**
     * Records an equality check, showing both values on failure.
     *
     * @param mixed $expected
     * @param mixed $actual
     * @param string $what
     */
    public function same($expected, $actual, string $what): void {
        $ok = $expected === $actual;
        $this->check($ok, $what);
        if (!$ok) {
            echo "    expected: " . json_encode($expected) . "\n    actual:   " . json_encode($actual) . "\n";
        }
    }

    /**
     * Ends the script: exit status 1 when a check failed.
     */
    public function done(): void {
        echo "# {$this->checks} checks, {$this->failures} failed\n";
        exit($this->failures ? 1 : 0);
    }

    /**
     * A course with an enabled manual instance.
     *
     * @param string $suffix
     * @param int $startdate
     * @return stdClass
     */
    public function course(string $suffix = '', int $startdate = 0): stdClass {
        $course = create_course((object) ['fullname' => "Session $this->tag$suffix", 'shortname' => "$this->tag$suffix",
            'category' => 1, 'startdate' => $startdate]);
        return $course;
    }

    /**
     * A user made with Moodle's API.
     *
     * @param string $name
     * @param array $fields
     * @return stdClass
     */
    public function user(string $name, array $fields = []): stdClass {
        global $CFG, $DB;
        $record = (object) ($fields + [
            'username' => strtolower("$name.$this->tag"),
            'firstname' => ucfirst($name),
            'lastname' => $this->tag,
            'email' => strtolower("$name.$this->tag@example.com"),
            'confirmed' => 1,
            'mnethostid' => $CFG->mnet_localhost_id,
            'password' => 'Lab#Pass2026',
        ]);
        $id = user_create_user($record, false, false);
        return $DB->get_record('user', ['id' => $id]);
    }

    /**
     * An email address of this run. Lower case only: the extension's email validator may still be
     * the placeholder that accepts [a-z0-9.]+@[a-z0-9.]+ alone.
     *
     * @param string $local local part before the run's tag
     * @return string
     */
    public function email(string $local): string {
        return strtolower("$local.$this->tag@example.com");
    }

    /**
     * Participants as the front end stores them, keyed by email: "$prefix$i" for $i in 1..$count.
     *
     * @param string $prefix
     * @param int $count
     * @param int $from first index
     * @return stdClass[] email => participant
     */
    public function participants(string $prefix, int $count, int $from = 1): array {
        $list = [];
        for ($i = $from; $i < $from + $count; $i++) {
            $email = $this->email("$prefix$i");
            $list[$email] = $this->participant(ucfirst($prefix) . $this->letters($i), "Member$this->tag", $email);
        }
        return $list;
    }

    /**
     * A number written with letters (names must not end with digits: usernames get numeric suffixes).
     *
     * @param int $n
     * @return string
     */
    public function letters(int $n): string {
        $s = '';
        do {
            $s = chr(ord('a') + $n % 26) . $s;
            $n = intdiv($n, 26);
        } while ($n > 0);
        return $s;
    }

    /**
     * A participant as local_shop's front end stores it.
     *
     * @param string $firstname
     * @param string $lastname
     * @param string $email
     * @return stdClass
     */
    public function participant(string $firstname, string $lastname, string $email): stdClass {
        return (object) ['lastname' => core_text::strtoupper($lastname), 'firstname' => $firstname, 'email' => $email,
            'city' => 'PARIS'];
    }

    /**
     * A catalog item using the handler.
     *
     * @param string $handlerparams raw "k=v&k=v"
     * @param array $fields
     * @return string item code
     */
    public function product(string $handlerparams, array $fields = []): string {
        global $DB;
        $code = 'P' . $this->tag . count($DB->get_records('local_shop_catalogitem', ['catalogid' => 1]));
        $DB->insert_record('local_shop_catalogitem', (object) ($fields + ['catalogid' => 1, 'code' => $code,
            'shortname' => $code, 'name' => "Seats $code", 'idnumber' => '', 'description' => '', 'price1' => 10,
            'status' => 'AVAILABLE', 'quantaddressesusers' => SHOP_QUANT_AS_SEATS, 'renewable' => 0, 'isset' => 0,
            'enablehandler' => 'std_setuponecoursesession', 'handlerparams' => $handlerparams]));
        return $code;
    }

    /**
     * A placed order of $quantity seats of a product for a customer, as local_shop stores it.
     *
     * @param string $code item code
     * @param stdClass $customeruser the operator's account
     * @param array $buckets bucket => email => participant
     * @param int $quantity
     * @param int $custid an existing local_shop_customer id instead of one made for $customeruser
     * @return int bill id
     */
    public function order(string $code, ?stdClass $customeruser, array $buckets, int $quantity, int $custid = 0): int {
        global $DB;
        if (!$custid) {
            $custid = $this->customer(
                $customeruser->firstname,
                $customeruser->lastname,
                $customeruser->email,
                (int) $customeruser->id
            );
        }
        $shop = new \local_shop\Shop(1);
        $catalog = new \local_shop\Catalog($shop->catalogid);
        $bill = new \local_shop\Bill(null, false, $shop, $catalog);
        $bill->customerid = $custid;
        $bill->status = SHOP_BILL_PLACED;
        $bill->paymode = 'test';
        $bill->currency = 'EUR';
        $bill->id = $bill->save(true);
        $bill->add_item_data((object) ['quantity' => $quantity, 'itemcode' => $code, 'type' => 'BILLING',
            'customerdata' => '', 'productiondata' => (object) ['users' => $buckets, 'id' => 1, 'blockid' => 0]], 0);
        $billid = $bill->save();
        $DB->set_field('local_shop_bill', 'transactionid', $bill->transactionid, ['id' => $billid]);
        $DB->set_field('local_shop_bill', 'status', SHOP_BILL_SOLDOUT, ['id' => $billid]);
        return $billid;
    }

    /**
     * A local_shop customer record.
     *
     * @param string $firstname
     * @param string $lastname
     * @param string $email
     * @param int $hasaccount the customer's Moodle account; 0 for none
     * @return int customer id
     */
    public function customer(string $firstname, string $lastname, string $email, int $hasaccount = 0): int {
        global $DB;
        return $DB->insert_record('local_shop_customer', (object) ['shopid' => 1, 'firstname' => $firstname,
            'lastname' => $lastname, 'email' => $email, 'city' => 'PARIS', 'country' => 'FR', 'zip' => '75000',
            'organisation' => 'Lab', 'hasaccount' => $hasaccount, 'timecreated' => time()]);
    }

    /**
     * Runs local_shop's production of a bill and returns what it threw, if anything.
     *
     * @param int $billid
     * @return Throwable|null
     */
    public function produce_failure(int $billid): ?Throwable {
        try {
            $this->produce($billid);
        } catch (Throwable $e) {
            self::flush_logs();
            return $e;
        }
        return null;
    }

    /**
     * Runs local_shop's production of a bill, as its front controller does for a paid bill.
     *
     * @param int $billid
     * @return stdClass feedback of the postpay step
     */
    public function produce(int $billid): stdClass {
        $bill = new \local_shop\Bill($billid);
        $this->prepayfeedback = produce_prepay($bill);
        $feedback = produce_postpay($bill);
        shop_aggregate_production($bill, $feedback, false);
        $bill->status = SHOP_BILL_COMPLETE;
        $bill->save(true);
        if ($this->drain) {
            self::drain();
        }
        self::flush_logs();
        return $feedback;
    }

    /**
     * Delivers every effect left in the outbox, as the ad-hoc task does on the next cron run.
     *
     * @return int effects delivered
     */
    public static function drain(): int {
        global $DB;
        $delivered = 0;
        $table = \shophandlers_std_setuponecoursesession\outbox::TABLE;
        foreach ($DB->get_fieldset_sql("SELECT DISTINCT billitemid FROM {{$table}}") as $billitemid) {
            $delivered += (new \shophandlers_std_setuponecoursesession\outbox())->deliver((int) $billitemid)['delivered'];
            // The line's queued task has then run.
            \shophandlers_std_setuponecoursesession\task\deliver_effects::forget_idle((int) $billitemid);
        }
        return $delivered;
    }

    /**
     * The order line of a bill.
     *
     * @param int $billid
     * @return stdClass billitem record
     */
    public function billitem(int $billid): stdClass {
        global $DB;
        return $DB->get_record('local_shop_billitem', ['billid' => $billid], '*', MUST_EXIST);
    }

    /**
     * The transaction id of a bill.
     *
     * @param int $billid
     * @return string
     */
    public function transactionid(int $billid): string {
        global $DB;
        return $DB->get_field('local_shop_bill', 'transactionid', ['id' => $billid], MUST_EXIST);
    }

    /**
     * Writes the standard log's buffer so that events can be counted.
     */
    public static function flush_logs(): void {
        get_log_manager()->dispose();
        get_log_manager(true);
    }

    /**
     * The newest entry of the standard log, to count events written after it.
     *
     * @return int
     */
    public static function log_mark(): int {
        global $DB;
        self::wait_for_replica();
        self::flush_logs();
        return (int) $DB->get_field_sql('SELECT MAX(id) FROM {logstore_standard_log}');
    }

    /**
     * Counts events of a class in the standard log after a mark.
     *
     * @param string $eventname e.g. '\core\event\user_created'
     * @param int $mark from log_mark()
     * @param array $conditions extra field => value
     * @return int
     */
    public static function events(string $eventname, int $mark, array $conditions = []): int {
        global $DB;
        $where = 'eventname = :eventname AND id > :mark';
        $params = ['eventname' => $eventname, 'mark' => $mark];
        foreach ($conditions as $field => $value) {
            $where .= " AND $field = :$field";
            $params[$field] = $value;
        }
        return $DB->count_records_select('logstore_standard_log', $where, $params);
    }

    /**
     * Row counts of the tables a setup writes, to compare before and after (on a site with a replica,
     * once it has what other processes wrote).
     *
     * @return array
     */
    public static function counts(): array {
        global $DB;
        self::wait_for_replica();
        $counts = [];
        foreach (
            ['user', 'user_preferences', 'context', 'user_enrolments', 'role_assignments', 'groups', 'groups_members',
                'local_shop_product', 'local_shop_productevent', 'shophandlers_setup_outbox', 'task_adhoc'] as $table
        ) {
            $counts[$table] = $DB->count_records($table);
        }
        return $counts;
    }

    /**
     * The PHP command line of this process, with the shopsetup extension it loaded, for subprocesses.
     * On a site with a replica, it first waits until the replica has what this process wrote (a
     * later request), unless $synced is false: the plugin's own later processes (the outbox's
     * delivery) must cope with a replica behind.
     *
     * @param bool $synced
     * @return string shell-escaped
     */
    public static function php_command(bool $synced = true): string {
        if ($synced) {
            self::wait_for_replica();
        }
        $so = getenv('SHOPSETUP_SO') ?: '';
        $maps = is_readable('/proc/self/maps') ? file_get_contents('/proc/self/maps') : '';
        if (!$so && preg_match('~\s(/\S*/shopsetup\.so)$~m', $maps, $m)) {
            $so = $m[1];
        }
        return escapeshellarg(PHP_BINARY) . ($so ? ' -d extension=' . escapeshellarg($so) : '');
    }

    /**
     * The role ids by shortname.
     *
     * @return int[]
     */
    public static function roles(): array {
        global $DB;
        return array_map('intval', $DB->get_records_menu('role', null, '', 'shortname, id'));
    }

    /**
     * The role the operator gets in a participant's user context: the delegation block's owner role
     * where the block is installed (as on CI's site), else the product's supervisor role.
     *
     * @param string $supervisor the product's supervisor role
     * @return int role id
     */
    public static function cross_role_id(string $supervisor): int {
        $owner = \shophandlers_std_setuponecoursesession\delegation_block::owner_role();
        return self::roles()[$owner !== '' ? $owner : $supervisor];
    }

    /**
     * Chooses the store of the next productions, as an admin would with admin/cli/cfg.php.
     *
     * @param string|null $store 'native', 'dml' or 'auto'; null: back to the default
     */
    public static function use_store(?string $store): void {
        set_config(
            \shophandlers_std_setuponecoursesession\site_store::SETTING,
            $store,
            \shophandlers_std_setuponecoursesession\session_setup::COMPONENT
        );
    }

    /**
     * The order's group in a course.
     *
     * @param int $courseid
     * @param int $billid
     * @return stdClass|false
     */
    public function group(int $courseid, int $billid) {
        global $DB;
        return $DB->get_record('groups', ['courseid' => $courseid,
            'idnumber' => \shophandlers_std_setuponecoursesession\order_line::group_idnumber($this->transactionid($billid))]);
    }

    /**
     * The account of an email (one expected).
     *
     * @param string $email
     * @return stdClass|false
     */
    public static function account(string $email) {
        global $DB;
        return $DB->get_record_select(
            'user',
            'LOWER(email) = ? AND deleted = 0',
            [core_text::strtolower($email)],
            '*',
            IGNORE_MULTIPLE
        );
    }
}
