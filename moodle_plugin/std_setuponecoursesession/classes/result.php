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

use ShopSetup\Plan;
use stdClass;

/**
 * What a setup did, as counts, warnings and local_shop's three feedback strings.
 *
 * @package    shophandlers_std_setuponecoursesession
 * @copyright  2026 shopsetup contributors
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class result {
    /** @var array the driver's report (\ShopSetup\Plan::run()) */
    public $report;
    /** @var array the outbox's delivery in the request: delivered, pending, failed */
    public $effects = ['delivered' => 0, 'pending' => 0, 'failed' => 0];
    /** @var string|null why the support course enrolment did not happen */
    public $supportwarning = null;
    /** @var stdClass the setup's course */
    protected $course;
    /** @var array the plan's facts */
    protected $facts;
    /** @var string[] the site's privileged accounts: userid => reason */
    protected $privileged;
    /** @var string[] the handler configuration's warnings */
    protected $warnings;
    /** @var Plan */
    protected $plan;

    /**
     * Constructor.
     *
     * @param stdClass $course the setup's course
     * @param array $facts the plan's facts
     * @param array $privileged the site's privileged accounts: userid => reason (privileged_accounts)
     * @param array $warnings the handler configuration's warnings
     * @param Plan $plan
     * @param array $report
     */
    public function __construct(stdClass $course, array $facts, array $privileged, array $warnings, Plan $plan, array $report) {
        $this->course = $course;
        $this->facts = $facts;
        $this->privileged = $privileged;
        $this->warnings = $warnings;
        $this->plan = $plan;
        $this->report = $report;
    }

    /**
     * The counts the feedback strings use.
     *
     * @return stdClass
     */
    public function counts(): stdClass {
        $r = $this->report;
        return (object) [
            'txid' => s($this->facts['transactionid']),
            'course' => format_string($this->course->fullname),
            'courseid' => $this->course->id,
            'group' => s($this->facts['groupname']),
            'groupid' => $r['group']['id'],
            'participants' => count($this->plan->emails()),
            'seats' => $this->plan->seatsUsed(),
            'created' => count($r['users']['created']),
            'matched' => count($r['users']['matched']),
            'enrolled' => count($r['enrolments']['created']),
            'extended' => count($r['enrolments']['updated']),
            'alreadyenrolled' => $r['enrolments']['unchanged'],
            'roles' => count($r['role_assignments']),
            'members' => count($r['group_members']),
            'products' => count($r['products']),
        ];
    }

    /**
     * Warnings for the sales admin: suspended or ambiguous accounts, merged entries, configuration.
     *
     * @return string[]
     */
    public function warnings(): array {
        $c = 'shophandlers_std_setuponecoursesession';
        $warnings = [];
        foreach ($this->report['users']['suspended'] as $email) {
            $warnings[] = get_string('warningsuspended', $c, s($email));
        }
        foreach ($this->report['users']['unsupervised'] as $email => $userid) {
            $reason = $this->privileged[$userid] ?? 'existing';
            $warnings[] = get_string('warningunsupervised', $c, (object) ['email' => s($email),
                'reason' => get_string('unsupervised_' . $reason, $c)]);
        }
        foreach ($this->report['users']['ambiguous'] as $ambiguous) {
            $warnings[] = self::ambiguous_warning($ambiguous);
        }
        foreach ($this->plan->notices() as $notice) {
            $warnings[] = get_string('warningmerged', $c, (object) ['email' => s($notice['email']),
                'message' => s($notice['message'])]);
        }
        foreach ($this->warnings as $warning) {
            $warnings[] = get_string('warningconfiguration', $c, s($warning));
        }
        if ($this->supportwarning !== null) {
            $warnings[] = $this->supportwarning;
        }
        return $warnings;
    }

    /**
     * The warning about several accounts sharing an email, ids in ascending order whatever order
     * the database returned them in.
     *
     * @param array $ambiguous email, ids, chosen
     * @param bool $html false for plain text (CLI)
     * @return string
     */
    public static function ambiguous_warning(array $ambiguous, bool $html = true): string {
        $ids = array_map('intval', $ambiguous['ids']);
        sort($ids);
        $email = $html ? s($ambiguous['email']) : $ambiguous['email'];
        return get_string('warningambiguous', 'shophandlers_std_setuponecoursesession', (object) ['email' => $email,
            'ids' => implode(', ', $ids), 'chosen' => (int) $ambiguous['chosen']]);
    }

    /**
     * local_shop's feedback: public (screen), private (customer's mail), salesadmin (back office).
     *
     * @return stdClass
     */
    public function feedback(): stdClass {
        $c = 'shophandlers_std_setuponecoursesession';
        $counts = $this->counts();
        $salesadmin = get_string('feedbacksales', $c, $counts) . get_string('feedbackeffectssales', $c, (object) $this->effects);
        foreach ($this->warnings() as $warning) {
            $salesadmin .= '<br/>' . $warning;
        }
        $pending = $this->effects['pending'] > 0 ? get_string('feedbackeffectspending', $c, $this->effects['pending']) : '';
        return (object) [
            'public' => get_string('feedbackpublic', $c, $counts) . $pending,
            'private' => get_string('feedbackprivate', $c, $counts) . $pending,
            'salesadmin' => $salesadmin,
        ];
    }
}
