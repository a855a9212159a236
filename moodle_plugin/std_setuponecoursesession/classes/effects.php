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

use cache_helper;
use core_course_category;

/**
 * After the commit: what Moodle's own APIs do besides writing rows, once per real change.
 *
 * Mirrors user_create_user(), groups_create_group(), enrol_plugin::enrol_user() and
 * update_user_enrol(), role_assign() and groups_add_member() of Moodle 4.5: events, access and
 * cache invalidation, hooks. Nothing fires for rows that were already right.
 *
 * @package    shophandlers_std_setuponecoursesession
 * @copyright  2026 shopsetup contributors
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class effects {
    /** @var array users whose access data was marked dirty during this apply(), userid => true */
    protected static $dirty = [];

    /** @var array category enrolment caches already invalidated during this apply(), key => true */
    protected static $categorychanges = [];

    /**
     * Applies every side effect of a run.
     *
     * Every row is committed before this runs, so the idempotent invalidations (a user's access
     * data, the category enrolment caches) are done once per user and per context instead of once
     * per row: what is rebuilt in between is already read from the final rows.
     *
     * @param array $report what the executor changed
     * @param session_setup $setup
     */
    public static function apply(array $report, session_setup $setup): void {
        self::$dirty = [];
        self::$categorychanges = [];
        self::users($report);
        self::group($report, $setup);
        self::enrolments($report, $setup);
        self::roles($report);
        self::grades($report, $setup);
        self::members($report, $setup);
    }

    /**
     * user_create_user(): the user_created event.
     *
     * @param array $report
     */
    protected static function users(array $report): void {
        foreach ($report['users']['created'] as $userid) {
            \core\event\user_created::create_from_userid($userid)->trigger();
        }
    }

    /**
     * groups_create_group(): group caches, the group_created event and hook.
     *
     * @param array $report
     * @param session_setup $setup
     */
    protected static function group(array $report, session_setup $setup): void {
        global $DB;
        if (!$report['group']['created']) {
            return;
        }
        $courseid = $setup->course->id;
        $group = $DB->get_record('groups', ['id' => $report['group']['id']], '*', MUST_EXIST);
        cache_helper::invalidate_by_definition('core', 'groupdata', [], [$courseid]);
        \core_group\visibility::update_hiddengroups_cache($courseid);
        $event = \core\event\group_created::create(['context' => \context_course::instance($courseid), 'objectid' => $group->id]);
        $event->add_record_snapshot('groups', $group);
        $event->trigger();
        \core\di::get(\core\hook\manager::class)->dispatch(new \core_group\hook\after_group_created(groupinstance: $group));
    }

    /**
     * enrol_user() and update_user_enrol(): events, access and contact caches, the enrolment hook
     * (which sends the course welcome message to new enrolments only).
     *
     * @param array $report
     * @param session_setup $setup
     */
    protected static function enrolments(array $report, session_setup $setup): void {
        global $DB;
        $instance = $setup->enrol;
        $courseid = (int) $instance->courseid;
        $context = \context_course::instance($courseid);
        $created = $report['enrolments']['created'];
        $updated = $report['enrolments']['updated'];
        $ids = array_merge(array_values($created), array_values($updated));
        $rows = $ids ? $DB->get_records_list('user_enrolments', 'id', $ids) : [];
        foreach ($created as $userid => $ueid) {
            $ue = $rows[$ueid];
            \core\event\user_enrolment_created::create(['objectid' => $ue->id, 'courseid' => $courseid, 'context' => $context,
                'relateduserid' => $ue->userid, 'other' => ['enrol' => $instance->enrol]])->trigger();
            core_course_category::user_enrolment_changed($courseid, $ue->userid, $ue->status, $ue->timestart, $ue->timeend);
            \core\di::get(\core\hook\manager::class)->dispatch(new \core_enrol\hook\after_user_enrolled(
                enrolinstance: $instance,
                userenrolmentinstance: $ue
            ));
        }
        if ($updated) {
            cache_helper::invalidate_by_definition('core', 'suspended_userids', [], [$courseid]);
        }
        foreach ($updated as $userid => $ueid) {
            $ue = $rows[$ueid];
            self::mark_dirty($ue->userid);
            \core\event\user_enrolment_updated::create(['objectid' => $ue->id, 'courseid' => $courseid, 'context' => $context,
                'relateduserid' => $ue->userid, 'other' => ['enrol' => $instance->enrol]])->trigger();
            core_course_category::user_enrolment_changed($courseid, $ue->userid, $ue->status, $ue->timestart, $ue->timeend);
        }
    }

    /**
     * role_assign(): dirty access data, category caches, the role_assigned event and hook.
     *
     * @param array $report
     */
    protected static function roles(array $report): void {
        global $DB;
        $ids = $report['role_assignments'];
        $rows = $ids ? $DB->get_records_list('role_assignments', 'id', $ids) : [];
        foreach ($ids as $id) {
            $ra = $rows[$id];
            $context = \context::instance_by_id($ra->contextid);
            self::mark_dirty($ra->userid);
            self::role_assignment_changed($ra->roleid, $context);
            $event = \core\event\role_assigned::create(['context' => $context, 'objectid' => $ra->roleid,
                'relateduserid' => $ra->userid, 'other' => ['id' => (int) $ra->id, 'component' => $ra->component,
                'itemid' => (int) $ra->itemid]]);
            $event->add_record_snapshot('role_assignments', $ra);
            $event->trigger();
            \core\di::get(\core\hook\manager::class)->dispatch(new \core\hook\access\after_role_assigned(
                context: $context,
                userid: $ra->userid
            ));
        }
    }

    /**
     * enrol_user() with $CFG->recovergradesdefault: the grade history of every enrolled user is
     * recovered (grade_recover_history_grades() does nothing for a user who has grades).
     *
     * @param array $report
     * @param session_setup $setup
     */
    protected static function grades(array $report, session_setup $setup): void {
        global $CFG;
        if (empty($CFG->recovergradesdefault)) {
            return;
        }
        require_once($CFG->libdir . '/gradelib.php');
        $userids = array_merge(array_values($report['users']['created']), array_values($report['users']['matched']));
        if ($setup->facts['enroloperator']) {
            $userids[] = (int) $setup->operator->id;
        }
        foreach (array_unique($userids) as $userid) {
            grade_recover_history_grades($userid, $setup->course->id);
        }
    }

    /**
     * mark_user_dirty(), once per user and run.
     *
     * @param int $userid
     */
    protected static function mark_dirty(int $userid): void {
        if (empty(self::$dirty[$userid])) {
            mark_user_dirty($userid);
            self::$dirty[$userid] = true;
        }
    }

    /**
     * core_course_category::role_assignment_changed(), once per role and context; in user contexts
     * once per role, since there it only purges the caches of the event "changesincategoryenrolment"
     * (no course lies below a user context).
     *
     * @param int $roleid
     * @param \context $context
     */
    protected static function role_assignment_changed(int $roleid, \context $context): void {
        $key = $context->contextlevel == CONTEXT_USER ? "user/$roleid" : "{$context->id}/$roleid";
        if (empty(self::$categorychanges[$key])) {
            core_course_category::role_assignment_changed($roleid, $context);
            self::$categorychanges[$key] = true;
        }
    }

    /**
     * groups_add_member(): the group's timemodified, the users' grouping caches, the
     * group_member_added event and hook.
     *
     * @param array $report
     * @param session_setup $setup
     */
    protected static function members(array $report, session_setup $setup): void {
        global $DB;
        $userids = $report['group_members'];
        if (!$userids) {
            return;
        }
        $now = $setup->facts['now'];
        $DB->set_field('groups', 'timemodified', $now, ['id' => $report['group']['id']]);
        $group = $DB->get_record('groups', ['id' => $report['group']['id']], '*', MUST_EXIST);
        cache_helper::invalidate_by_definition('core', 'user_group_groupings', [], $userids);
        $context = \context_course::instance($setup->course->id);
        foreach ($userids as $userid) {
            $event = \core\event\group_member_added::create(['context' => $context, 'objectid' => $group->id,
                'relateduserid' => $userid, 'other' => ['component' => '', 'itemid' => 0]]);
            $event->add_record_snapshot('groups', $group);
            $event->trigger();
        }
        \core\di::get(\core\hook\manager::class)->dispatch(new \core_group\hook\after_group_membership_added(
            groupinstance: $group,
            userids: $userids
        ));
    }
}
