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

defined('MOODLE_INTERNAL') || die();

require_once($CFG->libdir . '/tablelib.php');

/**
 * The seats of one order line and who holds them: one row per seat (a person in a role), sortable
 * and paged in SQL, so that a session of 10,000 participants shows as fast as one of ten.
 *
 * @package    shophandlers_std_setuponecoursesession
 * @copyright  2026 shopsetup contributors
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class participants_table extends \table_sql {
    /** @var int the order's operator */
    protected $operatorid;

    /** @var array role id => name */
    protected $rolenames;

    /** @var int the order line */
    protected $billitemid;

    /** @var bool whether the viewer may manage the seats (re-send access) */
    protected $canmanage;

    /**
     * Defines the table over an order line.
     *
     * @param \stdClass $line one of sessions::lines()
     * @param int $courseid the session's course (last accesses), 0 when it is gone
     * @param \moodle_url $baseurl the page
     * @param bool $canmanage whether the viewer may manage the seats: a column to re-send access
     */
    public function __construct(\stdClass $line, int $courseid, \moodle_url $baseurl, bool $canmanage = false) {
        global $DB;
        parent::__construct('shophandlers_std_setuponecoursesession-participants-' . $line->billitemid);
        $c = 'shophandlers_std_setuponecoursesession';
        $this->operatorid = (int) $line->hasaccount;
        $this->rolenames = role_fix_names($DB->get_records('role'), \context_system::instance(), ROLENAME_ALIAS, true);
        $this->define_baseurl($baseurl);
        $this->billitemid = (int) $line->billitemid;
        $this->canmanage = $canmanage;
        $columns = ['fullname', 'email', 'role', 'account', 'enrolment', 'lastaccess', 'attached'];
        $headers = [get_string('fullname'), get_string('email'), get_string('role', $c), get_string('colaccount', $c),
            get_string('colenrolment', $c), get_string('lastcourseaccess'), get_string('colattached', $c)];
        if ($canmanage) {
            $columns[] = 'access';
            $headers[] = get_string('colaccess', $c);
            $this->no_sorting('access');
        }
        $this->define_columns($columns);
        $this->define_headers($headers);
        $this->sortable(true, 'lastname', SORT_ASC);
        $this->no_sorting('role');
        $this->no_sorting('enrolment');
        $this->set_attribute('class', 'generaltable shopsetup-participants');
        $this->set_caption(get_string('participantscaption', $c), ['class' => 'sr-only']);
        $names = \core_user\fields::for_name()->get_sql('u', false, '', '', false)->selects;
        $this->set_sql(
            "p.id, p.productiondata, u.id AS userid, $names, u.email, u.timecreated, u.firstaccess, u.lastlogin,
             u.suspended, u.deleted, u.auth, ue.status AS uestatus,
             ue.timestart, ue.timeend, la.timeaccess AS lastaccess,
             (SELECT MIN(pe.datecreated) FROM {local_shop_productevent} pe WHERE pe.productid = p.id) AS seatcreated,
             (SELECT COUNT(1) FROM {role_assignments} ra
                JOIN {context} cx ON cx.id = ra.contextid AND cx.contextlevel = :userlevel
               WHERE cx.instanceid = u.id AND ra.userid = :operatorid) AS attached",
            "{local_shop_product} p
             JOIN {user_enrolments} ue ON ue.id = p.instanceid
             JOIN {user} u ON u.id = ue.userid
        LEFT JOIN {user_lastaccess} la ON la.userid = u.id AND la.courseid = :courseid",
            "p.initialbillitemid = :billitemid AND p.deleted = 0 AND p.contexttype = 'userenrol'",
            // The course as a value, not joined through the enrolment: the seats drive the query (10,000
            // seats: 0.1 s a page, where the join through enrol let the optimizer scan every product).
            ['billitemid' => $line->billitemid, 'operatorid' => $this->operatorid, 'userlevel' => CONTEXT_USER,
                'courseid' => $courseid]
        );
        $this->set_count_sql(
            "SELECT COUNT(1) FROM {local_shop_product} p
                               WHERE p.initialbillitemid = :billitemid AND p.deleted = 0 AND p.contexttype = 'userenrol'",
            ['billitemid' => $line->billitemid]
        );
    }

    /**
     * Sorting by name sorts by last name, then first name; the other columns by their values.
     *
     * @return string
     */
    public function get_sql_sort() {
        $allowed = ['lastname' => 'u.lastname', 'firstname' => 'u.firstname', 'email' => 'u.email',
            'account' => 'u.timecreated', 'lastaccess' => 'la.timeaccess', 'attached' => 'attached'];
        $order = [];
        foreach ($this->get_sort_columns() as $column => $direction) {
            if (isset($allowed[$column])) {
                $order[] = $allowed[$column] . ($direction == SORT_DESC ? ' DESC' : ' ASC');
            }
        }
        $order[] = 'p.id ASC';
        return implode(', ', $order);
    }

    /**
     * The participant's role in the seat (the bucket's role).
     *
     * @param \stdClass $row
     * @return string
     */
    public function col_role($row) {
        parse_str((string) $row->productiondata, $data);
        $roleid = (int) ($data['roleid'] ?? 0);
        return isset($this->rolenames[$roleid]) ? s($this->rolenames[$roleid])
            : get_string('roleunknown', 'shophandlers_std_setuponecoursesession');
    }

    /**
     * Whether the order created the account or matched an existing one, as the seat records it
     * (seats of earlier releases: the account created in the same second as the seat).
     *
     * @param \stdClass $row
     * @return string
     */
    public function col_account($row) {
        return get_string(access::created($row) ? 'accountcreated' : 'accountmatched', 'shophandlers_std_setuponecoursesession');
    }

    /**
     * A button to re-send access where it can be (access::can_resend()).
     *
     * @param \stdClass $row
     * @return string
     */
    public function col_access($row) {
        global $OUTPUT;
        if (!access::can_resend($row)) {
            return '-';
        }
        $url = new \moodle_url(
            '/local/shop/datahandling/handlers/std_setuponecoursesession/resend.php',
            ['id' => $this->billitemid, 'userid' => $row->userid]
        );
        $label = get_string('accessresend', 'shophandlers_std_setuponecoursesession');
        return $OUTPUT->render(new \single_button(
            $url,
            $label,
            'post',
            \single_button::BUTTON_SECONDARY,
            ['aria-label' => $label . ': ' . fullname($row)]
        ));
    }

    /**
     * The enrolment: active or suspended, and its period.
     *
     * @param \stdClass $row
     * @return string
     */
    public function col_enrolment($row) {
        $c = 'shophandlers_std_setuponecoursesession';
        $state = get_string((int) $row->uestatus === ENROL_USER_ACTIVE ? 'enrolactive' : 'enrolsuspended', $c);
        $format = get_string('strftimedatefullshort', 'langconfig');
        $end = (int) $row->timeend ? userdate((int) $row->timeend, $format) : '-';
        return $state . ' (' . userdate((int) $row->timestart, $format) . ' - ' . $end . ')';
    }

    /**
     * The last access to the course.
     *
     * @param \stdClass $row
     * @return string
     */
    public function col_lastaccess($row) {
        return $row->lastaccess ? userdate((int) $row->lastaccess) : get_string('never');
    }

    /**
     * Whether the operator holds a cross role over the participant (the delegated administration).
     *
     * @param \stdClass $row
     * @return string
     */
    public function col_attached($row) {
        $c = 'shophandlers_std_setuponecoursesession';
        if ((int) $row->userid === $this->operatorid) {
            return get_string('attachedself', $c);
        }
        return get_string((int) $row->attached > 0 ? 'attachedyes' : 'attachedno', $c);
    }
}
