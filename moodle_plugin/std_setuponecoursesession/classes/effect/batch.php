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

namespace shophandlers_std_setuponecoursesession\effect;

/**
 * The outbox rows delivered together: their records read once, what was done once for all of them,
 * and how a resumed delivery finds out what already happened.
 *
 * @package    shophandlers_std_setuponecoursesession
 * @copyright  2026 shopsetup contributors
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class batch {
    /** @var array records: "table/id" => record */
    protected $records = [];

    /** @var array what an effect did once in this batch: key => true */
    protected $once = [];

    /** @var array per effect class, what its finish() needs: class => list */
    public $pending = [];

    /** @var array memo(): key => value */
    protected $memos = [];

    /** @var string[] why a fast path was not taken in this batch: the delivery report's notes */
    public $notes = [];

    /** @var callable[][] work of a row that must not run inside the batch's transaction: row id => list */
    protected $afterwards = [];

    /**
     * Reads the records a batch's effects need, one query per table.
     *
     * @param array $ids table => ids of its records
     */
    public function __construct(array $ids) {
        global $DB;
        foreach ($ids as $table => $list) {
            foreach (array_chunk($list, 1000) as $chunk) {
                foreach ($DB->get_records_list($table, 'id', $chunk) as $record) {
                    $this->records["$table/$record->id"] = $record;
                }
            }
        }
        $this->preload_contexts();
    }

    /**
     * Puts the contexts of the batch's events in Moodle's context cache, one query each kind: those of
     * the role assignments, the user contexts of the users created.
     */
    protected function preload_contexts(): void {
        global $DB;
        $contextids = array_unique(array_column($this->records_of('role_assignments'), 'contextid'));
        \context_helper::preload_contexts_by_id(array_values($contextids));
        $userids = array_column($this->records_of('user'), 'id');
        if (count($userids) > 1) {
            [$in, $params] = $DB->get_in_or_equal($userids, SQL_PARAMS_NAMED);
            $contexts = $DB->get_records_select(
                'context',
                "contextlevel = :contextlevel AND instanceid $in",
                ['contextlevel' => CONTEXT_USER] + $params,
                '',
                \context_helper::get_preload_record_columns_sql('{context}')
            );
            foreach ($contexts as $context) {
                \context_helper::preload_from_record($context);
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
    public function record(string $table, int $id): \stdClass {
        global $DB;
        if (!isset($this->records["$table/$id"])) {
            $this->records["$table/$id"] = $DB->get_record($table, ['id' => $id], '*', MUST_EXIST);
        }
        return $this->records["$table/$id"];
    }

    /**
     * Reads records of a table not read yet, in one query per 1,000.
     *
     * @param string $table
     * @param int[] $ids
     */
    public function preload(string $table, array $ids): void {
        global $DB;
        $missing = array_values(array_filter(array_unique($ids), fn($id) => !isset($this->records["$table/$id"])));
        foreach (array_chunk($missing, 1000) as $chunk) {
            foreach ($DB->get_records_list($table, 'id', $chunk) as $record) {
                $this->records["$table/$record->id"] = $record;
            }
        }
    }

    /**
     * The records of a table read so far.
     *
     * @param string $table
     * @return \stdClass[]
     */
    public function records_of(string $table): array {
        $records = [];
        foreach ($this->records as $key => $record) {
            if (strpos($key, "$table/") === 0) {
                $records[] = $record;
            }
        }
        return $records;
    }

    /**
     * Work of a row that talks to the outside (messages: Moodle buffers their processors inside a
     * transaction and sends them at its commit): done once the batch's writes are committed, the row
     * counted as delivered only when it is done.
     *
     * @param \stdClass $row outbox record
     * @param callable $work
     */
    public function afterwards(\stdClass $row, callable $work): void {
        $this->afterwards[(int) $row->id][] = $work;
    }

    /**
     * Runs a row's work left for afterwards() (once).
     *
     * @param int $rowid
     */
    public function run_afterwards(int $rowid): void {
        $work = $this->afterwards[$rowid] ?? [];
        unset($this->afterwards[$rowid]);
        foreach ($work as $callable) {
            $callable();
        }
    }

    /**
     * What $make returns, made once per batch and key.
     *
     * @param string $key
     * @param callable $make
     * @return mixed
     */
    public function memo(string $key, callable $make) {
        if (!array_key_exists($key, $this->memos)) {
            $this->memos[$key] = $make();
        }
        return $this->memos[$key];
    }

    /**
     * True the first time a key is given in this batch.
     *
     * @param string $key
     * @return bool
     */
    public function first(string $key): bool {
        if (isset($this->once[$key])) {
            return false;
        }
        $this->once[$key] = true;
        return true;
    }

    /**
     * Whether the standard log holds the event of a row since the row was recorded.
     *
     * @param string $eventname
     * @param \stdClass $row
     * @param array $conditions more columns of logstore_standard_log
     * @return bool
     */
    public function logged(string $eventname, \stdClass $row, array $conditions): bool {
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
    public function welcomed(\stdClass $row, int $courseid): bool {
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
}
