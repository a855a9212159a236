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
 * Delivers the effects that the extension recorded in the outbox with the rows of a setup.
 *
 * The effects are what Moodle's own APIs (user_create_user(), groups_create_group(),
 * enrol_plugin::enrol_user(), role_assign(), groups_add_member()) do besides writing rows:
 * events, hooks (the course welcome message), cache invalidation, grade recovery. They are
 * delivered in the outbox's order, a batch at a time; each batch ends with the log store's
 * buffer written and the batch's rows deleted. A row that a delivery began and did not finish
 * (the process died, or the effect threw) is delivered again only as far as it did not happen:
 * its event is looked up in the standard log, its welcome message in the notifications.
 *
 * @package    shophandlers_std_setuponecoursesession
 * @copyright  2026 shopsetup contributors
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class outbox {
    /** The outbox table (db/install.xml). */
    const TABLE = 'shophandlers_setup_outbox';

    /** The admin setting: seconds of delivery in the request that produces an order (0 defers every effect). */
    const BUDGET_SETTING = 'deliverybudget';

    /** Rows per batch. */
    const BATCH = 200;

    /**
     * Effects between two writes of the log store's buffer: few enough that the buffer (50 events by
     * default) is written by us, after an effect's observers, not in the middle of one.
     */
    const LOG_EVERY = 10;

    /** @var callable|null called at each step of a delivery with (string $step, int $delivered): tests stop the process there */
    protected $checkpoint;

    /** @var int effects delivered by this object */
    protected $delivered = 0;

    /** @var array records read once per delivery: "table/id" => record */
    protected $records = [];

    /** @var array category caches already invalidated in this batch, key => true */
    protected $categorychanges = [];

    /**
     * Constructor.
     *
     * @param callable|null $checkpoint see $checkpoint
     */
    public function __construct(?callable $checkpoint = null) {
        $this->checkpoint = $checkpoint;
    }

    /**
     * The delivery budget of the request that produces an order, from the plugin setting (default 1 s).
     *
     * @return float seconds
     */
    public static function request_budget(): float {
        $budget = get_config(session_setup::COMPONENT, self::BUDGET_SETTING);
        return ($budget === false || $budget === '' || !is_numeric($budget)) ? 1.0 : max(0.0, (float) $budget);
    }

    /**
     * Delivers an order line's effects in order: the caches always, the rest until $budget seconds
     * have passed (null: no limit). Another process delivering the same line makes this one return.
     *
     * @param int $billitemid
     * @param float|null $budget
     * @return array ['delivered' => int, 'pending' => int, 'failed' => int (rows whose last delivery threw)]
     */
    public function deliver(int $billitemid, ?float $budget = null): array {
        global $DB;
        $factory = \core\lock\lock_config::get_lock_factory(session_setup::COMPONENT);
        $lock = $factory->get_lock('outbox_' . $billitemid, 0);
        $start = microtime(true);
        if ($lock) {
            try {
                $this->deliver_locked($billitemid, $start, $budget);
            } finally {
                $lock->release();
            }
        }
        return ['delivered' => $this->delivered] + self::pending($billitemid);
    }

    /**
     * What an order line still has to deliver.
     *
     * @param int $billitemid
     * @return array ['pending' => int, 'failed' => int]
     */
    public static function pending(int $billitemid): array {
        global $DB;
        return [
            'pending' => $DB->count_records(self::TABLE, ['billitemid' => $billitemid]),
            'failed' => $DB->count_records_select(self::TABLE, 'billitemid = ? AND lasterror IS NOT NULL', [$billitemid]),
        ];
    }

    /**
     * The batches, under the order line's lock.
     *
     * @param int $billitemid
     * @param float $start
     * @param float|null $budget
     */
    protected function deliver_locked(int $billitemid, float $start, ?float $budget): void {
        global $DB;
        $after = 0;
        while (true) {
            $where = 'billitemid = ? AND id > ?';
            $rows = $DB->get_records_select(self::TABLE, $where, [$billitemid, $after], 'id', '*', 0, self::BATCH);
            if (!$rows) {
                return;
            }
            $after = (int) array_key_last($rows);
            [$done, $begun] = $this->deliver_batch($rows, $start, $budget);
            $this->flush_log();
            if ($done) {
                [$in, $params] = $DB->get_in_or_equal($done);
                $DB->delete_records_select(self::TABLE, "id $in", $params);
            }
            $this->step('deleted');
            if (count($begun) < count($rows)) {
                return;
            }
        }
    }

    /**
     * Writes the log store's buffer: an effect whose event is in the log is not delivered again.
     */
    protected function flush_log(): void {
        get_log_manager()->dispose();
        $this->step('logged');
    }

    /**
     * Delivers the rows of one batch, each one on its own: one that throws is kept with its error.
     * A row is marked begun (attempts + 1) before its effect runs.
     *
     * @param array $rows outbox records in order
     * @param float $start
     * @param float|null $budget
     * @return array [ids of the rows delivered, ids of the rows begun]
     */
    protected function deliver_batch(array $rows, float $start, ?float $budget): array {
        global $DB;
        $this->records = [];
        $this->categorychanges = [];
        $begun = [];
        foreach ($rows as $row) {
            if ($row->kind !== 'caches' && $this->over($start, $budget)) {
                break;
            }
            $begun[] = (int) $row->id;
        }
        if (!$begun) {
            return [[], []];
        }
        [$in, $params] = $DB->get_in_or_equal($begun);
        $DB->execute(
            'UPDATE {' . self::TABLE . "} SET attempts = attempts + 1, timeattempted = ? WHERE id $in",
            array_merge([time()], $params)
        );
        $this->preload($rows);
        $done = [];
        $members = [];
        foreach (array_slice($rows, 0, count($begun)) as $row) {
            try {
                $resumed = $row->attempts > 0;
                if ($row->kind === 'group_member_added') {
                    $this->member_added($row, $resumed);
                    $members[$row->objectid][] = (int) $row->userid;
                } else {
                    $this->deliver_row($row, $resumed);
                }
                $done[] = (int) $row->id;
                $this->delivered++;
                $this->step('effect');
            } catch (\Throwable $e) {
                $DB->set_field(
                    self::TABLE,
                    'lasterror',
                    \core_text::substr(get_class($e) . ': ' . $e->getMessage(), 0, 1000),
                    ['id' => $row->id]
                );
            }
            if (count($done) % self::LOG_EVERY === 0) {
                $this->flush_log();
            }
        }
        // The hook of groups_add_member(), per member there: here once per group and batch, with the batch's members.
        foreach ($members as $groupid => $userids) {
            \core\di::get(\core\hook\manager::class)->dispatch(new \core_group\hook\after_group_membership_added(
                groupinstance: $this->record('groups', $groupid),
                userids: $userids
            ));
        }
        return [$done, $begun];
    }

    /**
     * One effect.
     *
     * @param \stdClass $row
     * @param bool $resumed a delivery began it before
     */
    protected function deliver_row(\stdClass $row, bool $resumed): void {
        switch ($row->kind) {
            case 'caches':
                $this->caches($row);
                return;
            case 'user_created':
                if (!$resumed || !$this->logged('\core\event\user_created', $row, ['objectid' => $row->objectid])) {
                    $event = \core\event\user_created::create_from_userid((int) $row->objectid);
                    $event->add_record_snapshot('user', $this->record('user', $row->objectid));
                    $event->trigger();
                }
                return;
            case 'group_created':
                $this->group_created($row, $resumed);
                return;
            case 'user_enrolment_created':
            case 'user_enrolment_updated':
                $this->enrolment($row, $resumed);
                return;
            case 'role_assigned':
                $this->role_assigned($row, $resumed);
                return;
            case 'grades_recovered':
                global $CFG;
                require_once($CFG->libdir . '/gradelib.php');
                grade_recover_history_grades((int) $row->userid, (int) $row->objectid);
                return;
        }
        throw new \coding_exception('Unknown effect ' . $row->kind);
    }

    /**
     * Reads the records the batch's effects need, one query per table.
     *
     * @param array $rows
     */
    protected function preload(array $rows): void {
        global $DB;
        $tables = ['user_created' => 'user', 'user_enrolment_created' => 'user_enrolments',
            'user_enrolment_updated' => 'user_enrolments', 'role_assigned' => 'role_assignments'];
        $ids = [];
        foreach ($rows as $row) {
            if (isset($tables[$row->kind])) {
                $ids[$tables[$row->kind]][] = $row->objectid;
            }
        }
        foreach ($ids as $table => $list) {
            foreach (array_chunk($list, 1000) as $chunk) {
                foreach ($DB->get_records_list($table, 'id', $chunk) as $record) {
                    $this->records["$table/$record->id"] = $record;
                }
            }
        }
    }

    /**
     * A record, read once per batch.
     *
     * @param string $table
     * @param int $id
     * @return \stdClass
     */
    protected function record(string $table, int $id): \stdClass {
        global $DB;
        if (!isset($this->records["$table/$id"])) {
            $this->records["$table/$id"] = $DB->get_record($table, ['id' => $id], '*', MUST_EXIST);
        }
        return $this->records["$table/$id"];
    }

    /**
     * The caches of the setup's course and group, as the API calls invalidate them; also done
     * again after a crash, which does no harm. The users' access flags are written by the driver.
     *
     * @param \stdClass $row objectid: the group
     */
    protected function caches(\stdClass $row): void {
        global $DB;
        $group = $DB->get_record('groups', ['id' => $row->objectid]);
        if (!$group) {
            return;
        }
        $courseid = (int) $group->courseid;
        cache_helper::invalidate_by_definition('core', 'groupdata', [], [$courseid]);
        \core_group\visibility::update_hiddengroups_cache($courseid);
        cache_helper::invalidate_by_definition('core', 'suspended_userids', [], [$courseid]);
        $members = $DB->get_fieldset_select('groups_members', 'userid', 'groupid = ?', [$group->id]);
        if ($members) {
            cache_helper::invalidate_by_definition('core', 'user_group_groupings', [], $members);
        }
        // What core_course_category::role_assignment_changed() and user_enrolment_changed() invalidate.
        cache_helper::purge_by_event('changesincategoryenrolment');
        \cache::make('core', 'coursecontacts')->delete($courseid);
    }

    /**
     * groups_create_group(): the group_created event and hook (its caches are the caches row's).
     *
     * @param \stdClass $row
     * @param bool $resumed
     */
    protected function group_created(\stdClass $row, bool $resumed): void {
        $group = $this->record('groups', $row->objectid);
        $context = \context_course::instance($group->courseid);
        if ($resumed && $this->logged('\core\event\group_created', $row, ['objectid' => $group->id])) {
            return;
        }
        $event = \core\event\group_created::create(['context' => $context, 'objectid' => $group->id]);
        $event->add_record_snapshot('groups', $group);
        $event->trigger();
        \core\di::get(\core\hook\manager::class)->dispatch(new \core_group\hook\after_group_created(groupinstance: $group));
    }

    /**
     * enrol_user() and update_user_enrol(): the event, the course contacts, and for a new
     * enrolment the hook that sends the course welcome message.
     *
     * @param \stdClass $row
     * @param bool $resumed
     */
    protected function enrolment(\stdClass $row, bool $resumed): void {
        $ue = $this->record('user_enrolments', $row->objectid);
        $instance = $this->record('enrol', $ue->enrolid);
        $courseid = (int) $instance->courseid;
        $created = $row->kind === 'user_enrolment_created';
        $eventclass = $created ? '\core\event\user_enrolment_created' : '\core\event\user_enrolment_updated';
        if (!$resumed || !$this->logged($eventclass, $row, ['objectid' => $ue->id])) {
            $eventclass::create(['objectid' => $ue->id, 'courseid' => $courseid, 'context' => \context_course::instance($courseid),
                'relateduserid' => $ue->userid, 'other' => ['enrol' => $instance->enrol]])->trigger();
            core_course_category::user_enrolment_changed($courseid, $ue->userid, $ue->status, $ue->timestart, $ue->timeend);
        }
        if ($created && (!$resumed || !$this->welcomed($row, $courseid))) {
            \core\di::get(\core\hook\manager::class)->dispatch(new \core_enrol\hook\after_user_enrolled(
                enrolinstance: $instance,
                userenrolmentinstance: $ue
            ));
        }
    }

    /**
     * role_assign(): category caches once per role and context, the event and hook.
     *
     * @param \stdClass $row
     * @param bool $resumed
     */
    protected function role_assigned(\stdClass $row, bool $resumed): void {
        $ra = $this->record('role_assignments', $row->objectid);
        $context = \context::instance_by_id($ra->contextid);
        $key = $context->contextlevel == CONTEXT_USER ? "user/$ra->roleid" : "$context->id/$ra->roleid";
        if (empty($this->categorychanges[$key])) {
            core_course_category::role_assignment_changed($ra->roleid, $context);
            $this->categorychanges[$key] = true;
        }
        if (
            $resumed && $this->logged(
                '\core\event\role_assigned',
                $row,
                ['objectid' => $ra->roleid, 'contextid' => $ra->contextid, 'relateduserid' => $ra->userid]
            )
        ) {
            return;
        }
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

    /**
     * groups_add_member(): the event (the hook follows once per batch).
     *
     * @param \stdClass $row
     * @param bool $resumed
     */
    protected function member_added(\stdClass $row, bool $resumed): void {
        $group = $this->record('groups', $row->objectid);
        if (
            $resumed && $this->logged(
                '\core\event\group_member_added',
                $row,
                ['objectid' => $group->id, 'relateduserid' => $row->userid]
            )
        ) {
            return;
        }
        $event = \core\event\group_member_added::create(['context' => \context_course::instance($group->courseid),
            'objectid' => $group->id, 'relateduserid' => $row->userid, 'other' => ['component' => '', 'itemid' => 0]]);
        $event->add_record_snapshot('groups', $group);
        $event->trigger();
    }

    /**
     * Whether the standard log holds the event of a row since the row was recorded.
     *
     * @param string $eventname
     * @param \stdClass $row
     * @param array $conditions more columns of logstore_standard_log
     * @return bool
     */
    protected function logged(string $eventname, \stdClass $row, array $conditions): bool {
        global $DB;
        $stores = explode(',', (string) get_config('tool_log', 'enabled_stores'));
        if (!in_array('logstore_standard', $stores)) {
            return false;
        }
        $where = 'eventname = :eventname AND timecreated >= :since';
        $params = ['eventname' => $eventname, 'since' => $row->timecreated];
        foreach ($conditions as $column => $value) {
            $where .= " AND $column = :$column";
            $params[$column] = $value;
        }
        return $DB->record_exists_select('logstore_standard_log', $where, $params);
    }

    /**
     * Whether the course welcome message of a row's enrolment was sent since the row was recorded.
     *
     * @param \stdClass $row
     * @param int $courseid
     * @return bool
     */
    protected function welcomed(\stdClass $row, int $courseid): bool {
        global $DB;
        $urls = $DB->get_fieldset_select('notifications', 'contexturl', "useridto = ? AND component = 'moodle'
            AND eventtype = 'enrolcoursewelcomemessage' AND timecreated >= ?", [$row->userid, $row->timecreated]);
        foreach ($urls as $url) {
            if (preg_match('/[?&;]course=' . $courseid . '(\D|$)/', (string) $url)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the budget is spent.
     *
     * @param float $start
     * @param float|null $budget
     * @return bool
     */
    protected function over(float $start, ?float $budget): bool {
        return $budget !== null && microtime(true) - $start >= $budget;
    }

    /**
     * Tells the checkpoint where the delivery is.
     *
     * @param string $step
     */
    protected function step(string $step): void {
        if ($this->checkpoint) {
            ($this->checkpoint)($step, $this->delivered);
        }
    }
}
