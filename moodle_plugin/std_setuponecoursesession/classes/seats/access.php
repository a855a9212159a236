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

use shophandlers_std_setuponecoursesession\event\access_resent;
use shophandlers_std_setuponecoursesession\privileged_accounts;
use stdClass;

/**
 * Access sent again to a participant whose account the order created and who never logged in:
 * Moodle's own mechanism (the create_password preference, which the task send_new_user_passwords
 * turns into a new password mailed to the person), never a password shown. At most once an hour
 * per account, and RESENDS_PER_HOUR an hour per user asking.
 *
 * @package    shophandlers_std_setuponecoursesession
 * @copyright  2026 shopsetup contributors
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class access {
    /** Seconds between two re-sends to one account. */
    const ACCOUNT_DELAY = HOURSECS;

    /** Re-sends one user may ask for in an hour. */
    const RESENDS_PER_HOUR = 50;

    /** The participant's preference: when access was last re-sent. */
    const SENT_PREFERENCE = 'shopsetup_access_resent';

    /** The asking user's preference: the times of their re-sends in the last hour. */
    const ASKED_PREFERENCE = 'shopsetup_access_resends';

    /**
     * Whether access can be re-sent to a participant of the table: the order created the account,
     * which never logged in and is active.
     *
     * @param stdClass $row a row of participants_table (account fields, productiondata, seatcreated)
     * @return bool
     */
    public static function can_resend(stdClass $row): bool {
        return self::created($row) && (int) $row->firstaccess === 0 && (int) $row->lastlogin === 0
            && (int) $row->suspended === 0 && (int) $row->deleted === 0 && $row->auth === 'manual';
    }

    /**
     * Whether the order created the participant's account, as the seat records it (seats of earlier
     * releases: the account created in the same second as the seat).
     *
     * @param \stdClass $row productiondata, timecreated (the account's), seatcreated
     * @return bool
     */
    public static function created(\stdClass $row): bool {
        parse_str((string) $row->productiondata, $data);
        return isset($data['created']) ? $data['created'] === '1'
            : $row->seatcreated !== null && (int) $row->timecreated === (int) $row->seatcreated;
    }

    /**
     * Re-sends access to a participant of an order line, or throws why not.
     *
     * @param stdClass $line one of sessions::lines()
     * @param int $userid the participant
     * @param int $byuserid who asks (may manage the line: checked by the caller)
     * @param int|null $now
     * @throws \moodle_exception accessnotresendable, accessresenttoosoon, accessresendlimit
     */
    public static function resend(stdClass $line, int $userid, int $byuserid, ?int $now = null): void {
        global $DB;
        $c = 'shophandlers_std_setuponecoursesession';
        $now = $now ?? time();
        $row = $DB->get_record_sql("SELECT p.productiondata, u.timecreated, u.firstaccess, u.lastlogin, u.suspended, u.deleted,
                                           u.auth, (SELECT MIN(pe.datecreated) FROM {local_shop_productevent} pe
                                                     WHERE pe.productid = p.id) AS seatcreated
                                      FROM {local_shop_product} p
                                      JOIN {user_enrolments} ue ON ue.id = p.instanceid
                                      JOIN {user} u ON u.id = ue.userid
                                     WHERE p.initialbillitemid = ? AND p.deleted = 0 AND p.contexttype = 'userenrol'
                                           AND u.id = ?", [$line->billitemid, $userid], IGNORE_MULTIPLE);
        if (!$row || !self::can_resend($row) || isset(privileged_accounts::reasons()[$userid])) {
            throw new \moodle_exception('accessnotresendable', $c);
        }
        $last = (int) get_user_preferences(self::SENT_PREFERENCE, 0, $userid);
        if ($now - $last < self::ACCOUNT_DELAY) {
            throw new \moodle_exception('accessresenttoosoon', $c, '', userdate($last + self::ACCOUNT_DELAY));
        }
        $asked = array_filter(
            array_map('intval', explode(',', (string) get_user_preferences(self::ASKED_PREFERENCE, '', $byuserid))),
            fn($time) => $time > $now - HOURSECS
        );
        if (count($asked) >= self::RESENDS_PER_HOUR) {
            throw new \moodle_exception('accessresendlimit', $c, '', self::RESENDS_PER_HOUR);
        }
        $asked[] = $now;
        set_user_preference(self::ASKED_PREFERENCE, implode(',', $asked), $byuserid);
        set_user_preference(self::SENT_PREFERENCE, $now, $userid);
        // Moodle's own path for new accounts' credentials: the next cron mails a new password.
        set_user_preference('create_password', 1, $userid);
        set_user_preference('auth_forcepasswordchange', 1, $userid);
        access_resent::create([
            'context' => \context_user::instance($userid),
            'relateduserid' => $userid,
            'userid' => $byuserid,
            'other' => ['billitemid' => (int) $line->billitemid],
        ])->trigger();
    }
}
