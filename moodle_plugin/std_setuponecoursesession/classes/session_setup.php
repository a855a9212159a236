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

namespace shophandlers_std_setuponecoursesession;

use moodle_exception;
use ShopSetup\Plan;
use stdClass;

/**
 * One course-session setup for one order line: Moodle facts resolved here, rules in the extension.
 *
 * @package    shophandlers_std_setuponecoursesession
 * @copyright  2026 shopsetup contributors
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class session_setup {
    /** Component name, for strings. */
    const COMPONENT = 'shophandlers_std_setuponecoursesession';

    /** @var array decoded handler parameters */
    protected $params;
    /** @var array participant buckets: bucket => email => participant */
    protected $buckets;
    /** @var int seats bought */
    protected $seats;
    /** @var stdClass order facts: billitemid, catalogitemid, customerid, transactionid, renewable, supportdefault */
    protected $order;
    /** @var stdClass|null the local_shop customer record */
    protected $customer;

    /** @var array|null the handler configuration, once resolved */
    public $config;
    /** @var stdClass|null the target course */
    public $course;
    /** @var stdClass|null the manual enrol instance */
    public $enrol;
    /** @var stdClass|null the operator's user record */
    public $operator;
    /** @var array|null facts given to the plan */
    public $facts;
    /** @var array|null bucket => role id */
    public $bucketroles;
    /** @var string[] privileged accounts of the site: userid => reason (privileged_accounts) */
    public $privileged = [];

    /**
     * Reads what this handler needs from a local_shop order line.
     *
     * @param \local_shop\BillItem $data
     * @return self
     */
    public static function from_billitem($data): self {
        global $DB;

        $setup = new self();
        $setup->params = order_line::decode_params(order_line::raw_params(
            $data->catalogitem ?? null,
            $data->productiondata ?? null,
            $data->actionparams ?? null
        ));
        $users = $data->productiondata->users ?? [];
        $setup->buckets = [];
        foreach ((array) $users as $bucket => $participants) {
            // The shop (local_shop) leaves a bucket NULL when nobody was assigned to it.
            $setup->buckets[$bucket] = array_map([order_line::class, 'checkout_participant'], (array) ($participants ?? []));
        }
        $catalogitem = $data->catalogitem ?? null;
        $mode = (int) ($catalogitem->quantaddressesusers ?? order_line::SEATS_QUANTITY);
        $setup->seats = order_line::seats($mode, (int) $data->quantity);

        $customer = $data->customer ?? ($data->bill->customer ?? null);
        if (empty($customer)) {
            $customer = $DB->get_record('local_shop_customer', ['id' => $data->get_customerid()]);
        }
        $setup->customer = $customer ?: null;
        $setup->order = (object) [
            'billitemid' => (int) $data->id,
            'catalogitemid' => (int) ($catalogitem->id ?? 0),
            'customerid' => (int) ($customer->id ?? 0),
            'transactionid' => (string) ($data->transactionid ?? $data->bill->transactionid ?? ''),
            'renewable' => !empty($catalogitem->renewable),
            'supportdefault' => (int) ($data->bill->theshop->defaultcustomersupportcourse ?? 0),
            'test' => !empty(get_config('local_shop', 'test')),
        ];
        return $setup;
    }

    /**
     * The setups of a bill's order lines of this handler, read as local_shop reads them.
     *
     * @param int $billid
     * @return self[] billitemid => setup
     */
    public static function of_bill(int $billid): array {
        global $CFG;
        require_once($CFG->dirroot . '/local/shop/classes/Bill.class.php');
        $bill = new \local_shop\Bill($billid);
        $setups = [];
        foreach ($bill->items as $item) {
            if ($item->type === 'BILLING' && ($item->catalogitem->enablehandler ?? '') === order_line::HANDLER) {
                $item->transactionid = $bill->transactionid;
                $item->customer = $bill->customer;
                $setups[(int) $item->id] = self::from_billitem($item);
            }
        }
        return $setups;
    }

    /**
     * The same order line for other people: they take seats among $seats (the seats left).
     *
     * @param array $buckets bucket => key => participant
     * @param int $seats
     * @return self
     */
    public function with_people(array $buckets, int $seats): self {
        $setup = clone $this;
        $setup->buckets = $buckets;
        $setup->seats = $seats;
        $setup->facts = null;
        return $setup;
    }

    /**
     * The order line's id.
     *
     * @return int
     */
    public function billitemid(): int {
        return $this->order->billitemid;
    }

    /**
     * Resolves the Moodle facts: course, enrol instance, roles, operator, times, group.
     *
     * @param int|null $now
     */
    public function resolve(?int $now = null): void {
        $now = $now ?? time();
        $this->resolve_course($now);
        $roles = $this->resolve_roles();
        $this->resolve_operator();
        $this->privileged = privileged_accounts::reasons();
        $this->keep_first_period();
        $this->facts = $this->plan_facts($now, $roles);
    }

    /**
     * The course, the handler configuration for it and its manual enrolment instance.
     *
     * @param int $now
     */
    protected function resolve_course(int $now): void {
        global $DB;
        $coursename = trim($this->params['coursename'] ?? '');
        if ($coursename === '') {
            throw new moodle_exception('errornotarget', self::COMPONENT);
        }
        $this->course = $DB->get_record('course', ['shortname' => $coursename]);
        if (!$this->course) {
            throw new moodle_exception('errorcoursenotexists', self::COMPONENT, '', s($coursename));
        }
        try {
            $this->config = \ShopSetup\handler_config($this->params, [
                'now' => $now,
                'coursestart' => (int) $this->course->startdate,
                'renewable' => $this->order->renewable,
                'orderref' => $this->order->transactionid,
                'courseshortname' => $this->course->shortname,
                'delegationrole' => delegation_block::owner_role(),
            ]);
        } catch (\ShopSetup\Exception $e) {
            throw new moodle_exception('errorconfiguration', self::COMPONENT, '', $e->getMessage());
        }
        $this->enrol = manual_enrolment::instance($this->course->id);
        if (!$this->enrol) {
            throw new moodle_exception('errorcoursenotenrollable', self::COMPONENT, '', s($coursename));
        }
    }

    /**
     * The role ids of the buckets, and of the operator: in the course, in the user contexts, and the
     * participants' in the operator's.
     *
     * @return array supervisorroleid, mirrorroleid, crossroleid facts
     */
    protected function resolve_roles(): array {
        $this->bucketroles = [];
        foreach (array_keys($this->buckets) as $bucket) {
            $this->bucketroles[$bucket] = roles::id(roles::of_bucket($this->config, $bucket));
        }
        return [
            'supervisorroleid' => roles::id($this->config['supervisor']),
            'mirrorroleid' => $this->config['mirrorrole'] === '' ? 0 : roles::id($this->config['mirrorrole']),
            'crossroleid' => $this->cross_role_id(),
        ];
    }

    /**
     * The operator: the local_shop customer's account.
     */
    protected function resolve_operator(): void {
        global $DB;
        $operatorid = (int) ($this->customer->hasaccount ?? 0);
        $this->operator = $operatorid ? $DB->get_record('user', ['id' => $operatorid, 'deleted' => 0]) : false;
        if (!$this->operator) {
            throw new moodle_exception('erroroperatormissing', self::COMPONENT, '', $this->order->transactionid);
        }
    }

    /**
     * A re-run keeps the period the first production computed: relative ends count from then.
     */
    protected function keep_first_period(): void {
        global $DB;
        $first = $DB->get_record_sql("SELECT MIN(startdate) AS startdate, MAX(enddate) AS enddate
                                        FROM {local_shop_product}
                                       WHERE initialbillitemid = ? AND contexttype = 'userenrol'", [$this->order->billitemid]);
        if ($first && $first->startdate !== null) {
            $this->config['starttime'] = (int) $first->startdate;
            $this->config['endtime'] = (int) $first->enddate;
        }
    }

    /**
     * The plan's facts (README, "Plan facts").
     *
     * @param int $now
     * @param array $roles resolve_roles()'s answer
     * @return array
     */
    protected function plan_facts(int $now, array $roles): array {
        global $CFG, $USER;
        $facts = $roles + [
            'courseid' => (int) $this->course->id,
            'coursecontextid' => (int) \context_course::instance($this->course->id)->id,
            'enrolid' => (int) $this->enrol->id,
            'operatorid' => (int) $this->operator->id,
            'operatorcontextid' => (int) \context_user::instance($this->operator->id)->id,
            'mnethostid' => (int) $CFG->mnet_localhost_id,
            'timestart' => (int) $this->config['starttime'],
            'timeend' => (int) $this->config['endtime'],
            'now' => $now,
            'modifierid' => (int) ($USER->id ?? 0),
            'enroloperator' => (bool) $this->config['autoenrolsupervisor'],
            'billitemid' => $this->order->billitemid,
            'catalogitemid' => $this->order->catalogitemid,
            'customerid' => $this->order->customerid,
            'test' => $this->order->test,
            'transactionid' => $this->order->transactionid,
            'groupidnumber' => order_line::group_idnumber($this->order->transactionid),
            'groupname' => $this->config['groupname'],
            'groupdescription' => get_string('providedbymoodleshop', 'local_shop'),
            'lang' => (string) ($CFG->lang ?? 'en'),
            'country' => (string) (\core_user::get_property_default('country') ?: ''),
            'auth' => 'manual',
            'coursename' => (string) $this->course->shortname,
            'handler' => order_line::HANDLER,
            'superviseexisting' => $this->config['superviseexisting'],
            'privilegeduserids' => array_keys($this->privileged),
            // What Moodle's APIs do besides rows goes to the outbox with the rows (classes/outbox.php).
            'outbox' => outbox::TABLE,
            'sessiontimeout' => (int) $CFG->sessiontimeout,
            'recovergrades' => !empty($CFG->recovergradesdefault),
        ] + task\deliver_effects::plan_facts($this->order->billitemid);
        // The site's default preferences that user_create_user() writes into new accounts.
        foreach (['calendartype', 'maildisplay', 'mailformat', 'maildigest', 'autosubscribe', 'trackforums'] as $field) {
            $default = \core_user::get_property_default($field);
            $facts[$field] = $field === 'calendartype' ? (string) $default : (int) $default;
        }
        return $facts;
    }

    /**
     * The operator's role in the participants' user contexts: the product's crossrole, else the
     * delegation block's owner role, else the supervisor role (handler_config() chose which).
     * A role the block names and the site lacks stops production with the block's setting named.
     *
     * @return int
     */
    protected function cross_role_id(): int {
        global $DB;
        $shortname = $this->config['crossrole'];
        $id = $DB->get_field('role', 'id', ['shortname' => $shortname]);
        if ($id) {
            return (int) $id;
        }
        if (trim($this->params['crossrole'] ?? '') === '' && $shortname === delegation_block::owner_role()) {
            throw new moodle_exception('errordelegationrole', self::COMPONENT, '', s($shortname));
        }
        throw new moodle_exception('errorrole', self::COMPONENT, '', s($shortname));
    }

    /**
     * Builds the plan: validation, de-duplication and the seat check, all in the extension.
     *
     * @return Plan
     */
    public function plan(): Plan {
        if ($this->facts === null) {
            $this->resolve();
        }
        try {
            return new Plan($this->buckets, $this->seats, $this->bucketroles, $this->facts);
        } catch (\ShopSetup\RosterException $e) {
            $lines = [];
            foreach ($e->getErrors() as $error) {
                $lines[] = get_string('errorrosterline', self::COMPONENT, (object) array_map('s', $error));
            }
            $a = (object) ['message' => $e->getMessage(), 'details' => implode('; ', $lines)];
            throw new moodle_exception('errorroster', self::COMPONENT, '', $a);
        } catch (\ShopSetup\Exception $e) {
            throw new moodle_exception('errorconfiguration', self::COMPONENT, '', $e->getMessage());
        }
    }

    /**
     * Sets the session up: one transaction (rows and effects), then the effects, then the support course.
     *
     * @return result
     */
    public function produce(): result {
        try {
            [$plan, $report] = site_store::run_retrying(fn() => $this->plan());
        } catch (\ShopSetup\Exception $e) {
            throw new moodle_exception('errordatabase', self::COMPONENT, '', $e->getMessage());
        }
        // What mark_user_dirty() does in this process; the driver wrote the flags themselves.
        effect\role_assigned::in_process($report['dirty_users']);
        // The caches at once, then the other effects within the request's budget; the task delivers the rest.
        $result = new result($this->course, $this->facts, $this->privileged, $this->config['warnings'], $plan, $report);
        // The setup's transaction queued the task that delivers what this request does not.
        $result->effects = (new outbox())->deliver($this->order->billitemid, outbox::request_budget());
        if ($result->effects['pending'] === 0) {
            task\deliver_effects::forget_idle($this->order->billitemid);
        }
        $result->supportwarning = customer::enrol_support($this->operator, $this->support_course_value());
        return $result;
    }

    /**
     * The configured support course: the product's customersupport key, else the shop's default
     * course id (applied here too, not only at prepay); '' when none.
     *
     * @return string
     */
    public function support_course_value(): string {
        if ($this->config['customersupport'] !== null) {
            return $this->config['customersupport'];
        }
        return $this->order->supportdefault ? (string) $this->order->supportdefault : '';
    }
}
