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

use shophandlers_std_setuponecoursesession\order_line;
use shophandlers_std_setuponecoursesession\outbox;
use stdClass;

/**
 * The course sessions sold by this handler, as their operators and the sales admins see them: each
 * order line with its course, group, seats and the state of its effects; who may see which.
 *
 * @package    shophandlers_std_setuponecoursesession
 * @copyright  2026 shopsetup contributors
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class sessions {
    /** The capability that shows every customer's sessions. */
    const VIEW_ALL = 'shophandlers/std_setuponecoursesession:viewallsessions';

    /** The capability that adds people to every customer's sessions. */
    const MANAGE_ALL = 'shophandlers/std_setuponecoursesession:manageallsessions';

    /**
     * The order lines of this handler, newest first: of one buyer's account, or of everyone.
     *
     * @param int|null $userid the buyer's Moodle account (the local_shop customer's); null: every customer
     * @param int $from first line (paging)
     * @param int $limit lines at most, 0: all
     * @return stdClass[] billitemid => line record
     */
    public static function lines(?int $userid, int $from = 0, int $limit = 0): array {
        return $userid === null ? self::query('', [], $from, $limit)
            : self::query('c.hasaccount = :userid', ['userid' => $userid], $from, $limit);
    }

    /**
     * How many order lines lines() has.
     *
     * @param int|null $userid as lines()
     * @return int
     */
    public static function count(?int $userid): int {
        global $DB;
        $params = $userid === null ? [] : ['userid' => $userid];
        [$where, $params] = self::where($userid === null ? '' : 'c.hasaccount = :userid', $params);
        return (int) $DB->count_records_sql("SELECT COUNT(1) " . self::from() . " WHERE $where", $params);
    }

    /**
     * The order lines of this handler of one bill, by its id or its transaction id.
     *
     * @param int $billid 0 to select by transaction id
     * @param string $transactionid
     * @return stdClass[] billitemid => line record
     */
    public static function of_bill(int $billid, string $transactionid = ''): array {
        if ($billid > 0) {
            return self::query('b.id = :billid', ['billid' => $billid]);
        }
        return $transactionid === '' ? [] : self::query('b.transactionid = :transid', ['transid' => $transactionid]);
    }

    /**
     * The order lines of this handler that a condition selects.
     *
     * @param string $where SQL over bi (bill item), b (bill), c (customer), ci (catalog item); '' for all
     * @param array $params its named parameters
     * @return stdClass[] billitemid => line record
     */
    protected static function query(string $where, array $params, int $from = 0, int $limit = 0): array {
        global $DB;
        [$where, $params] = self::where($where, $params);
        return $DB->get_records_sql("SELECT bi.id AS billitemid, bi.quantity, b.id AS billid, b.transactionid, b.emissiondate,
                                            b.status, ci.name AS productname, ci.handlerparams, ci.quantaddressesusers,
                                            c.id AS customerid, c.hasaccount, c.firstname, c.lastname, c.email
                                    " . self::from() . "
                                      WHERE $where
                                   ORDER BY b.emissiondate DESC, bi.id DESC", $params, $from, $limit);
    }

    /**
     * The tables of an order line: bill item, bill, customer, catalog item.
     *
     * @return string
     */
    protected static function from(): string {
        global $DB;
        return "FROM {local_shop_billitem} bi
                JOIN {local_shop_bill} b ON b.id = bi.billid
                JOIN {local_shop_customer} c ON c.id = " . $DB->sql_cast_char2int('b.customerid') . "
                JOIN {local_shop_catalogitem} ci ON ci.code = bi.itemcode";
    }

    /**
     * The condition on this handler's lines and a caller's condition.
     *
     * @param string $where as query()
     * @param array $params
     * @return array [where, params]
     */
    protected static function where(string $where, array $params): array {
        $params['handler'] = order_line::HANDLER;
        return ['ci.enablehandler = :handler' . ($where === '' ? '' : " AND $where"), $params];
    }

    /**
     * One order line of this handler, or null.
     *
     * @param int $billitemid
     * @return stdClass|null
     */
    public static function line(int $billitemid): ?stdClass {
        $lines = self::query('bi.id = :billitemid', ['billitemid' => $billitemid]);
        return $lines ? reset($lines) : null;
    }

    /**
     * Whether a user may see an order line: its buyer, or a holder of the capability viewallsessions.
     *
     * @param stdClass $line
     * @param int $userid
     * @return bool
     */
    public static function can_view(stdClass $line, int $userid): bool {
        return self::buyer_or($line, $userid, self::VIEW_ALL);
    }

    /**
     * Whether a user may add people to an order line's free seats: its buyer, or a holder of the
     * capability manageallsessions.
     *
     * @param stdClass $line
     * @param int $userid
     * @return bool
     */
    public static function can_manage(stdClass $line, int $userid): bool {
        return self::buyer_or($line, $userid, self::MANAGE_ALL);
    }

    /**
     * Whether a user is an order line's buyer or holds a capability in the system context.
     *
     * @param stdClass $line
     * @param int $userid
     * @param string $capability
     * @return bool
     */
    protected static function buyer_or(stdClass $line, int $userid, string $capability): bool {
        if ($userid > 0 && (int) $line->hasaccount === $userid && !isguestuser($userid)) {
            return true;
        }
        return has_capability($capability, \context_system::instance(), $userid);
    }

    /**
     * The order line of a page, once the page has required a login: a guest goes to the login page,
     * and a user who is neither its buyer nor holds $capability gets the same "no permission" whether
     * the line exists or not (nobody learns of another buyer's orders).
     *
     * @param int $id the order line
     * @param string $capability VIEW_ALL or MANAGE_ALL
     * @return stdClass the line
     */
    public static function require_line(int $id, string $capability): stdClass {
        global $USER;
        if (isguestuser()) {
            redirect(get_login_url());
        }
        $line = self::line($id);
        if (!$line || !self::buyer_or($line, (int) $USER->id, $capability)) {
            throw new \required_capability_exception(\context_system::instance(), $capability, 'nopermissions', '');
        }
        return $line;
    }

    /**
     * Sets up a page below a session's page: layout, title, heading, and the way back in the navbar.
     *
     * @param stdClass $summary summary() of the line
     * @param string $title the page's own title
     */
    public static function page_below_session(stdClass $summary, string $title): void {
        global $PAGE;
        $c = 'shophandlers_std_setuponecoursesession';
        $base = '/local/shop/datahandling/handlers/std_setuponecoursesession';
        $session = get_string('session', $c, s($summary->transactionid));
        $PAGE->set_pagelayout('report');
        $PAGE->set_title($title);
        $PAGE->set_heading($session);
        $PAGE->navbar->add(get_string('mysessions', $c), new \moodle_url("$base/sessions.php"));
        $PAGE->navbar->add($session, new \moodle_url("$base/session.php", ['id' => $summary->billitemid]));
        $PAGE->navbar->add($title);
    }

    /**
     * What the sessions page shows of an order line: course, group, seats, period, effects.
     *
     * @param stdClass $line one of lines()
     * @return stdClass
     */
    public static function summary(stdClass $line): stdClass {
        global $DB;
        try {
            $params = order_line::decode_params((string) $line->handlerparams);
        } catch (\moodle_exception $e) {
            $params = [];
        }
        $course = $DB->get_record('course', ['shortname' => trim($params['coursename'] ?? '')], 'id, shortname, fullname');
        $group = $course ? $DB->get_record('groups', ['courseid' => $course->id,
            'idnumber' => order_line::group_idnumber((string) $line->transactionid)], 'id, name', IGNORE_MULTIPLE) : false;
        $products = $DB->get_record_sql("SELECT COUNT(1) AS assigned, MIN(startdate) AS startdate, MAX(enddate) AS enddate,
                                                MIN(enddate) AS firstend
                                           FROM {local_shop_product}
                                          WHERE initialbillitemid = ? AND deleted = 0", [$line->billitemid]);
        $bought = order_line::seats((int) $line->quantaddressesusers, (int) $line->quantity);
        $assigned = (int) $products->assigned;
        return (object) [
            'billitemid' => (int) $line->billitemid,
            'transactionid' => (string) $line->transactionid,
            'course' => $course ?: null,
            'group' => $group ?: null,
            'bought' => $bought,
            'assigned' => $assigned,
            'free' => max(0, $bought - $assigned),
            'startdate' => $products->startdate === null ? null : (int) $products->startdate,
            'enddate' => $products->startdate === null || (int) $products->firstend === 0 ? null : (int) $products->enddate,
            'effects' => outbox::pending((int) $line->billitemid),
        ];
    }
}
