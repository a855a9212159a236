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

/**
 * The same plan written through Moodle's DML in a delegated transaction (PostgreSQL and others).
 *
 * @package    shophandlers_std_setuponecoursesession
 * @copyright  2026 shopsetup contributors
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class dml_executor extends executor {
    /** Values per IN list. */
    const CHUNK = 1000;

    /** Seconds to wait for another setup of the same site. */
    const LOCK_TIMEOUT = 60;

    /**
     * Runs the plan through $DB; setups of a site run one at a time, as with the MySQL executor.
     *
     * @param Plan $plan
     * @param session_setup $setup
     * @return array
     */
    public function run(Plan $plan, session_setup $setup): array {
        global $DB;

        $factory = \core\lock\lock_config::get_lock_factory(session_setup::COMPONENT);
        $lock = $factory->get_lock('session_setup', self::LOCK_TIMEOUT);
        if (!$lock) {
            throw new \moodle_exception('errorlocktimeout', session_setup::COMPONENT);
        }
        try {
            $transaction = $DB->start_delegated_transaction();
            try {
                $report = $this->write($plan, $setup->facts);
                $transaction->allow_commit();
                return $report;
            } catch (\Throwable $e) {
                $transaction->rollback($e);
            }
        } finally {
            $lock->release();
        }
    }

    /**
     * Stages 1 and 2 without writing: who would be matched, who created and under which username.
     *
     * @param Plan $plan a freshly built plan
     * @param array $facts
     * @return array the match report
     */
    public function preview(Plan $plan, array $facts): array {
        $match = $plan->matchAccounts($this->accounts($plan->emails(), $facts['mnethostid']));
        $plan->assignUsernames($this->taken_usernames($plan->usernamePrefixes(), $facts['mnethostid']));
        return $match;
    }

    /**
     * The stages, in the order the extension's executor runs them.
     *
     * @param Plan $plan
     * @param array $facts
     * @return array
     */
    protected function write(Plan $plan, array $facts): array {
        global $DB;

        $match = $plan->matchAccounts($this->accounts($plan->emails(), $facts['mnethostid']));
        $plan->assignUsernames($this->taken_usernames($plan->usernamePrefixes(), $facts['mnethostid']));

        $newusers = $plan->newUserRows();
        $DB->insert_records('user', $newusers);
        $ids = [];
        foreach (array_chunk(array_column($newusers, 'username'), self::CHUNK) as $chunk) {
            [$in, $params] = $DB->get_in_or_equal($chunk, SQL_PARAMS_NAMED);
            $params['mnethostid'] = $facts['mnethostid'];
            $ids += $DB->get_records_sql_menu(
                "SELECT username, id FROM {user} WHERE mnethostid = :mnethostid AND username $in",
                $params
            );
        }
        $plan->setNewUserIds($ids);
        $DB->insert_records('user_preferences', $plan->newUserPreferenceRows());
        $created = [];
        foreach ($newusers as $row) {
            $created[$row['email']] = (int) $ids[$row['username']];
        }

        $userids = $plan->userIds();
        [$contextids, $contextscreated] = $this->user_contexts($plan, array_values($userids));

        $group = $DB->get_record(
            'groups',
            ['courseid' => $facts['courseid'], 'idnumber' => $facts['groupidnumber']],
            'id',
            IGNORE_MULTIPLE
        );
        $groupcreated = !$group;
        $groupid = $group ? (int) $group->id : (int) $DB->insert_record('groups', $plan->groupRow());

        $enrolees = array_values($userids);
        if ($facts['enroloperator']) {
            $enrolees[] = $facts['operatorid'];
        }
        $changes = $plan->enrolmentChanges($this->select_in('SELECT id, userid, status, timestart, timeend
            FROM {user_enrolments} WHERE enrolid = :enrolid', 'userid', $enrolees, ['enrolid' => $facts['enrolid']]));
        $enrolled = [];
        foreach ($changes['insert'] as $row) {
            $enrolled[$row['userid']] = (int) $DB->insert_record('user_enrolments', $row);
        }
        $updated = [];
        foreach ($changes['update'] as $row) {
            $updated[$row['userid']] = $row['id'];
            unset($row['userid']);
            $DB->update_record('user_enrolments', $row);
        }
        $plan->setEnrolmentIds($enrolled);

        $existing = array_merge(
            $this->select_in(
                'SELECT contextid, roleid, userid FROM {role_assignments} WHERE contextid = :ctx',
                'userid',
                $enrolees,
                ['ctx' => $facts['coursecontextid']]
            ),
            $this->select_in(
                'SELECT contextid, roleid, userid FROM {role_assignments} WHERE userid = :op',
                'contextid',
                array_values($contextids),
                ['op' => $facts['operatorid']]
            ),
            $this->select_in(
                'SELECT contextid, roleid, userid FROM {role_assignments} WHERE contextid = :ctx',
                'userid',
                array_values($userids),
                ['ctx' => $facts['operatorcontextid']]
            )
        );
        $roles = [];
        foreach ($plan->roleAssignmentRows($contextids, $existing) as $row) {
            $roles[] = (int) $DB->insert_record('role_assignments', $row);
        }

        $members = $plan->groupMemberRows($groupid, $DB->get_fieldset_select(
            'groups_members',
            'userid',
            'groupid = ?',
            [$groupid]
        ));
        $DB->insert_records('groups_members', $members);

        $products = [];
        $references = $DB->get_fieldset_select(
            'local_shop_product',
            'reference',
            "initialbillitemid = ? AND contexttype = 'userenrol'",
            [$facts['billitemid']]
        );
        foreach ($plan->productRows($references) as $row) {
            $products[$row['reference']] = (int) $DB->insert_record('local_shop_product', $row);
        }
        $DB->insert_records('local_shop_productevent', $plan->productEventRows($products));

        $unsupervised = [];
        foreach ($plan->people() as $person) {
            if ($person['supervised'] === false && $person['userid'] != $facts['operatorid']) {
                $unsupervised[$person['email']] = $person['userid'];
            }
        }
        return [
            'users' => ['created' => $created, 'matched' => array_diff_key($userids, $created),
                'unsupervised' => $unsupervised, 'suspended' => $match['suspended'], 'ambiguous' => $match['ambiguous']],
            'contexts_created' => $contextscreated,
            'group' => ['id' => $groupid, 'created' => $groupcreated],
            'enrolments' => ['created' => $enrolled, 'updated' => $updated, 'unchanged' => $changes['unchanged']],
            'role_assignments' => $roles,
            'group_members' => array_column($members, 'userid'),
            'products' => array_values($products),
            'statements' => 0,
        ];
    }

    /**
     * Accounts for the emails: not deleted, on this host, whatever the case of the stored email.
     *
     * @param string[] $emails normalised
     * @param int $mnethostid
     * @return array rows with id, email, suspended
     */
    protected function accounts(array $emails, int $mnethostid): array {
        return $this->select_in(
            'SELECT id, email, suspended FROM {user} WHERE deleted = 0 AND mnethostid = :mnethostid',
            'LOWER(email)',
            $emails,
            ['mnethostid' => $mnethostid]
        );
    }

    /**
     * Usernames that start with one of the prefixes.
     *
     * @param string[] $prefixes
     * @param int $mnethostid
     * @return string[]
     */
    protected function taken_usernames(array $prefixes, int $mnethostid): array {
        global $DB;
        $taken = [];
        foreach (array_chunk($prefixes, self::CHUNK / 4) as $chunk) {
            $likes = [];
            $params = ['mnethostid' => $mnethostid];
            foreach ($chunk as $i => $prefix) {
                $likes[] = $DB->sql_like('username', ":p$i", false);
                $params["p$i"] = $DB->sql_like_escape($prefix) . '%';
            }
            $taken = array_merge($taken, $DB->get_fieldset_sql('SELECT username FROM {user}
                WHERE mnethostid = :mnethostid AND (' . implode(' OR ', $likes) . ')', $params));
        }
        return $taken;
    }

    /**
     * The user contexts of the participants, created where missing from the plan's rows; the path
     * is set from the new id afterwards, as context_user::instance() does.
     *
     * @param Plan $plan
     * @param int[] $userids
     * @return array [userid => context id, userid => context id of the contexts created]
     */
    protected function user_contexts(Plan $plan, array $userids): array {
        global $DB;
        $select = 'SELECT instanceid, id FROM {context} WHERE contextlevel = :level';
        $all = [];
        foreach ($this->select_in($select, 'instanceid', $userids, ['level' => CONTEXT_USER]) as $row) {
            $all[(int) $row->instanceid] = (int) $row->id;
        }
        $rows = $plan->userContextRows(array_keys($all));
        if (!$rows) {
            return [$all, []];
        }
        $DB->insert_records('context', $rows);
        $missing = array_column($rows, 'instanceid');
        $systempath = "'/" . \context_system::instance()->id . "/'";
        foreach (array_chunk($missing, self::CHUNK) as $chunk) {
            [$in, $params] = $DB->get_in_or_equal($chunk, SQL_PARAMS_NAMED);
            $DB->execute('UPDATE {context} SET path = ' . $DB->sql_concat($systempath, 'id') .
                " WHERE contextlevel = :level AND path IS NULL AND instanceid $in", $params + ['level' => CONTEXT_USER]);
        }
        $created = [];
        foreach ($this->select_in($select, 'instanceid', $missing, ['level' => CONTEXT_USER]) as $row) {
            $all[(int) $row->instanceid] = $created[(int) $row->instanceid] = (int) $row->id;
        }
        return [$all, $created];
    }

    /**
     * Runs "$sql AND $column IN (...)" in chunks.
     *
     * @param string $sql
     * @param string $column
     * @param array $values
     * @param array $params named parameters of $sql
     * @return array records
     */
    protected function select_in(string $sql, string $column, array $values, array $params): array {
        global $DB;
        $rows = [];
        foreach (array_chunk(array_values(array_unique($values)), self::CHUNK) as $chunk) {
            [$in, $inparams] = $DB->get_in_or_equal($chunk, SQL_PARAMS_NAMED, 'in');
            $rs = $DB->get_recordset_sql("$sql AND $column $in", $params + $inparams);
            foreach ($rs as $row) {
                $rows[] = $row;
            }
            $rs->close();
        }
        return $rows;
    }
}
