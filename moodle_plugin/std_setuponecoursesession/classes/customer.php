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

use stdClass;

/**
 * The operator's own account: registration before payment, and the customer-support course.
 *
 * @package    shophandlers_std_setuponecoursesession
 * @copyright  2026 shopsetup contributors
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class customer {
    /**
     * Binds the order's customer to a Moodle account, as local_shop's shop_register_customer()
     * does, except that an existing account is found by email and never overwritten; a new
     * account gets its password from Moodle's cron mail.
     *
     * @param \local_shop\BillItem $data
     * @param bool $errorstatus set when the customer cannot be registered
     * @return stdClass feedback public, private, salesadmin
     */
    public static function register($data, &$errorstatus): stdClass {
        global $DB, $USER;

        $c = 'shophandlers_std_setuponecoursesession';
        $feedback = (object) ['public' => '', 'private' => '', 'salesadmin' => ''];
        $customer = $data->bill->customer ?? null;
        if (empty($customer)) {
            $customer = $DB->get_record('local_shop_customer', ['id' => $data->get_customerid()]);
        }
        if (empty($customer)) {
            $errorstatus = true;
            return self::same_feedback(get_string('customerisgone', 'local_shop'));
        }

        if (isloggedin() && !isguestuser()) {
            // The logged-in buyer is the customer's account (local_shop's own rule).
            if ((int) $customer->hasaccount !== (int) $USER->id) {
                $customer->hasaccount = $USER->id;
                $DB->set_field('local_shop_customer', 'hasaccount', $USER->id, ['id' => $customer->id]);
                return $feedback;
            }
            return self::same_feedback(get_string('knownaccount', 'local_shop', s($USER->username)));
        }
        if (!empty($customer->hasaccount)) {
            return $feedback;
        }

        extension::require_usable();
        $email = \ShopSetup\normalize_email((string) $customer->email);
        if ($email === null) {
            $errorstatus = true;
            return self::same_feedback(get_string('errorcustomeremail', $c, s($customer->email)));
        }
        try {
            $person = self::account_person($customer, $email);
        } catch (\moodle_exception $e) {
            $errorstatus = true;
            return self::same_feedback($e->getMessage());
        }
        if ($person['status'] !== 'created') {
            $account = (object) ['id' => (int) $person['userid']];
            $feedback->salesadmin = get_string('customermatched', $c, (object) ['id' => $account->id,
                'email' => s($email)]);
        } else {
            $account = self::create_account($customer, $email, $person['username']);
            $feedback->salesadmin = get_string('customercreated', $c, (object) ['id' => $account->id,
                'username' => s($account->username)]);
            $feedback->public = $feedback->private = get_string('customercreatedpublic', $c, s($account->username));
        }
        $customer->hasaccount = $account->id;
        $DB->set_field('local_shop_customer', 'hasaccount', $account->id, ['id' => $customer->id]);
        return $feedback;
    }

    /**
     * Three identical feedback strings.
     *
     * @param string $text
     * @return stdClass
     */
    protected static function same_feedback(string $text): stdClass {
        return (object) ['public' => $text, 'private' => $text, 'salesadmin' => $text];
    }

    /**
     * The customer as the setup's driver sees a participant: matched to an account by the same
     * rules (the normalised email whatever the stored address's white space and case, not deleted,
     * on this host, active before suspended, then lowest id), or named from the same pool of taken
     * usernames (the database's own comparison), through Plan::accounts()'s preview.
     *
     * @param stdClass $customer local_shop_customer record
     * @param string $email normalised
     * @return array Plan::people()'s entry: status (matched, suspended or created), userid or username
     */
    public static function account_person(stdClass $customer, string $email): array {
        global $CFG;
        try {
            $plan = \ShopSetup\Plan::accounts([$email => [
                'firstname' => (string) $customer->firstname,
                'lastname' => (string) $customer->lastname,
                'email' => $email,
                'city' => (string) ($customer->city ?? ''),
            ]], ['mnethostid' => (int) $CFG->mnet_localhost_id]);
            $plan->preview(new dml_store());
        } catch (\ShopSetup\Exception $e) {
            throw new \moodle_exception('errorcustomeraccount', 'shophandlers_std_setuponecoursesession', '', $e->getMessage());
        }
        return $plan->people()[0];
    }

    /**
     * Creates the customer's account with Moodle's API; cron mails the credentials.
     *
     * @param stdClass $customer local_shop_customer record
     * @param string $email normalised
     * @param string $username free, from account_person()
     * @return stdClass the new user
     */
    protected static function create_account(stdClass $customer, string $email, string $username): stdClass {
        global $CFG;
        require_once($CFG->dirroot . '/user/lib.php');

        $user = (object) [
            'auth' => 'manual',
            'confirmed' => 1,
            'mnethostid' => $CFG->mnet_localhost_id,
            'username' => $username,
            // What Moodle's own bulk upload stores until cron generates and mails the password.
            'password' => 'to be generated',
            'firstname' => (string) $customer->firstname,
            'lastname' => (string) $customer->lastname,
            'email' => $email,
            'city' => (string) $customer->city,
            'country' => (string) ($customer->country ?: \core_user::get_property_default('country')),
            'lang' => (string) ($customer->lang ?? $CFG->lang),
        ];
        $user->id = user_create_user($user, false, true);
        set_user_preference('create_password', 1, $user->id);
        set_user_preference('auth_forcepasswordchange', 1, $user->id);
        return $user;
    }

    /**
     * Enrols the operator in the customer-support course with the roles student and customer,
     * as the original handler did. The course is a course id or a shortname.
     *
     * @param stdClass $operator
     * @param string $course id or shortname; '' for none
     * @return string|null a warning for the sales admin, null when done or not configured
     */
    public static function enrol_support(stdClass $operator, string $course): ?string {
        global $DB;
        $c = 'shophandlers_std_setuponecoursesession';
        if ($course === '') {
            return null;
        }
        $record = ctype_digit($course) ? $DB->get_record('course', ['id' => (int) $course]) : false;
        if (!$record) {
            $record = $DB->get_record('course', ['shortname' => $course]);
        }
        if (!$record) {
            return get_string('warningsupportcourse', $c, s($course));
        }
        $instance = manual_enrolment::instance($record->id);
        if (!$instance) {
            return get_string('warningsupportnotenrollable', $c, s($record->shortname));
        }
        $roles = $DB->get_records_list('role', 'shortname', ['student', 'customer'], '', 'shortname, id');
        if (empty($roles['student'])) {
            return get_string('errorrole', $c, 'student');
        }
        $context = \context_course::instance($record->id);
        if (!$DB->record_exists('user_enrolments', ['enrolid' => $instance->id, 'userid' => $operator->id])) {
            enrol_get_plugin('manual')->enrol_user($instance, $operator->id, null, time(), 0, ENROL_USER_ACTIVE);
        }
        // Both calls do nothing when the role is already there.
        role_assign($roles['student']->id, $operator->id, $context->id);
        if (empty($roles['customer'])) {
            return get_string('warningnocustomerrole', $c);
        }
        role_assign($roles['customer']->id, $operator->id, $context->id);
        return null;
    }
}
