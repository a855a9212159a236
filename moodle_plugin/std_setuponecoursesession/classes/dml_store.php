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

use ShopSetup\Store;

/**
 * The extension's setup driver writing through Moodle's DML: the store of every database the
 * extension has no native store for (PostgreSQL and others), and of store=dml on MySQL/MariaDB.
 *
 * The store holds no rule of the setup: the driver decides every row, in the order of its stages;
 * this class only finds, inserts and updates rows through $DB, under a lock and in one delegated
 * transaction. Table and column names come from the driver, never from users; they are checked
 * all the same before they go into SQL. Values are always bound, except integers, written as
 * literals where a bound value would need a type the database cannot infer.
 *
 * @package    shophandlers_std_setuponecoursesession
 * @copyright  2026 shopsetup contributors
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class dml_store implements Store {
    /** Keys per IN list (MATCH_EQUAL). */
    const EQUAL_CHUNK = 1000;

    /** LIKE tests per statement (MATCH_CASELESS_PREFIX). */
    const PREFIX_CHUNK = 250;

    /** Keys per statement of findKeys(). */
    const KEYS_CHUNK = 500;

    /** Rows per UPDATE statement. */
    const UPDATE_CHUNK = 500;

    /** What a table or column name must look like before it goes into SQL. */
    const NAME_PATTERN = '/^[a-z_][a-z0-9_]*$/';

    /** @var \core\lock\lock|null the lock held between lock() and unlock() */
    protected $lock = null;

    /** @var \moodle_transaction|null the transaction of begin() */
    protected $transaction = null;

    /** @var bool whether begin() started the real transaction (no other delegated transaction was open) */
    protected $outermost = false;

    /** @var int $DB's query count when lock() was called (or the store made) */
    protected $queries;

    /**
     * Constructor.
     */
    public function __construct() {
        global $DB;
        $this->queries = $DB->perf_get_queries();
    }

    /**
     * Takes the site's setup lock; waits for another setup, then throws.
     *
     * @throws \moodle_exception errorlocktimeout when another setup holds the lock too long
     */
    public function lock(): void {
        global $DB;
        if ($this->lock !== null) {
            throw new \coding_exception('dml_store::lock() while the lock is held');
        }
        // The statements of the setup count from here, the lock's own included.
        $this->queries = $DB->perf_get_queries();
        $this->lock = setup_lock::take();
    }

    /**
     * Releases the lock if it is held; never throws.
     */
    public function unlock(): void {
        $lock = $this->lock;
        $this->lock = null;
        if ($lock === null) {
            return;
        }
        try {
            $lock->release();
        } catch (\Throwable $e) {
            // Nothing more can be done here: the lock dies with the connection or expires.
            debugging('shopsetup: the setup lock could not be released: ' . $e->getMessage(), DEBUG_DEVELOPER);
        }
    }

    /**
     * Starts the setup's delegated transaction.
     */
    public function begin(): void {
        global $DB;
        if ($this->transaction !== null && !$this->transaction->is_disposed()) {
            throw new \coding_exception('dml_store::begin() in a transaction');
        }
        $this->outermost = !$DB->is_transaction_started();
        $this->transaction = $DB->start_delegated_transaction();
        setup_lock::write_row();
    }

    /**
     * Commits the setup's transaction (for real when it is the outermost one).
     */
    public function commit(): void {
        global $DB;
        $transaction = $this->transaction;
        if ($transaction === null || $transaction->is_disposed()) {
            throw new \coding_exception('dml_store::commit() without begin()');
        }
        try {
            $transaction->allow_commit();
        } catch (\Throwable $e) {
            // A COMMIT the database refused leaves $DB believing a transaction is open: end it, as
            // the default exception handler would, so that the caller can go on using $DB.
            if ($this->outermost && $DB->is_transaction_started()) {
                $DB->force_transaction_rollback();
            }
            throw $e;
        } finally {
            $this->transaction = null;
        }
    }

    /**
     * Undoes everything since begin(); never throws, and does nothing when there is no transaction.
     */
    public function rollback(): void {
        global $DB;
        $transaction = $this->transaction;
        $this->transaction = null;
        if ($transaction === null || $transaction->is_disposed()) {
            return;
        }
        // Moodle's moodle_transaction::rollback() rethrows the exception it is given: give it one of ours.
        $reason = new \RuntimeException('shopsetup: the setup is rolled back');
        try {
            $transaction->rollback($reason);
        } catch (\Throwable $e) {
            if ($e !== $reason) {
                // The ROLLBACK itself failed (a broken connection): $DB must not think it is still in a transaction.
                if ($this->outermost && $DB->is_transaction_started()) {
                    $DB->force_transaction_rollback();
                }
                debugging('shopsetup: the rollback failed: ' . $e->getMessage(), DEBUG_DEVELOPER);
            }
        }
    }

    /**
     * The rows of $table whose columns in $conditions equal their values and, unless $keycolumn is
     * '', whose $keycolumn matches one of $keys as $match says. A row that two statements of a long
     * key list both find (overlapping prefixes) is yielded once.
     *
     * @param string $table
     * @param array $columns the columns to return, distinct
     * @param array $conditions column => value
     * @param string $keycolumn
     * @param int $match Store::MATCH_*
     * @param array $keys
     * @return iterable one list of values per row, in the order of $columns
     */
    public function find(string $table, array $columns, array $conditions, string $keycolumn, int $match, array $keys): iterable {
        self::check_name($table);
        if (!$columns || count(array_unique($columns)) !== count($columns)) {
            throw new \coding_exception('dml_store::find(): the columns must be a non-empty list of distinct names');
        }
        array_map([self::class, 'check_name'], $columns);
        [$where, $params] = $this->conditions($conditions, 'c');
        $select = 'SELECT ' . implode(', ', $columns) . " FROM {{$table}} WHERE $where";

        if ($keycolumn === '') {
            return $this->rows([[$select, $params]]);
        }
        self::check_name($keycolumn);
        $keys = self::distinct($keys);
        if (!$keys) {
            return [];
        }
        $statements = [];
        switch ($match) {
            case Store::MATCH_EQUAL:
                foreach (array_chunk($keys, self::EQUAL_CHUNK) as $chunk) {
                    $statements[] = $this->equal_statement($select, $params, $keycolumn, $chunk);
                }
                break;
            case Store::MATCH_CASELESS_PREFIX:
                foreach (array_chunk($keys, self::PREFIX_CHUNK) as $chunk) {
                    $statements[] = $this->prefix_statement($select, $params, $keycolumn, $chunk);
                }
                break;
            case Store::MATCH_BELOW:
                // The contract gives one key; more are read as "below one of them".
                $below = [];
                $belowparams = $params;
                foreach ($keys as $i => $key) {
                    $below[] = "$keycolumn < :k$i";
                    $belowparams["k$i"] = $key;
                }
                $statements[] = [$select . ' AND (' . implode(' OR ', $below) . ')', $belowparams];
                break;
            default:
                throw new \coding_exception("dml_store::find(): unknown match $match");
        }
        return $this->rows($statements);
    }

    // phpcs:disable moodle.NamingConventions.ValidFunctionName.LowercaseMethod -- the name is \ShopSetup\Store's.
    /**
     * The keys, as given, that the database's own comparison holds equal to $keycolumn of a row
     * matching $conditions (a case-insensitive collation holds "Ab" equal to "ab").
     *
     * Each key is compared in its own branch of a UNION ALL, "t.$keycolumn = :key", and the branch
     * returns the key's index, not the key: the column's collation decides the comparison on MySQL
     * (a derived table of bound strings would carry the connection's collation and may not compare
     * with the column's), and no bound value stands where PostgreSQL would have to guess its type.
     *
     * @param string $table
     * @param array $conditions column => value
     * @param string $keycolumn
     * @param array $keys strings
     * @return array a list of keys, each once
     */
    public function findKeys(string $table, array $conditions, string $keycolumn, array $keys): array {
        global $DB;
        self::check_name($table);
        self::check_name($keycolumn);
        $keys = self::distinct($keys);
        $found = [];
        foreach (array_chunk($keys, self::KEYS_CHUNK, true) as $chunk) {
            $branches = [];
            $params = [];
            foreach ($chunk as $i => $key) {
                [$where, $branchparams] = $this->conditions($conditions, "c{$i}_", 't.');
                $branches[] = "SELECT $i AS i FROM {{$table}} t WHERE $where AND t.$keycolumn = :k$i";
                $params += $branchparams;
                $params["k$i"] = $key;
            }
            $rs = $DB->get_recordset_sql(implode(' UNION ALL ', $branches), $params);
            try {
                foreach ($rs as $record) {
                    $i = (int) $record->i;
                    if (!array_key_exists($i, $chunk)) {
                        throw new \coding_exception("dml_store::findKeys(): the database returned key $i, which was not asked");
                    }
                    $found[$i] = $chunk[$i];
                }
            } finally {
                $rs->close();
            }
        }
        ksort($found);
        return array_values($found);
    }
    // phpcs:enable

    /**
     * Inserts the rows (column => value, the same columns in every row) with Moodle's bulk insert.
     *
     * @param string $table
     * @param array $rows
     */
    public function insert(string $table, array $rows): void {
        global $DB;
        self::check_name($table);
        if (!$rows) {
            return;
        }
        // Moodle's insert_records() wants the columns in the same order in every row.
        $fields = array_keys(reset($rows));
        array_map([self::class, 'check_name'], $fields);
        $ordered = [];
        foreach ($rows as $row) {
            if (array_keys($row) !== $fields) {
                if (count($row) !== count($fields) || array_diff_key($row, array_flip($fields))) {
                    throw new \coding_exception("dml_store::insert(): the rows of $table do not all have the same columns");
                }
                $row = array_replace(array_flip($fields), $row);
            }
            $ordered[] = $row;
        }
        $DB->insert_records($table, $ordered);
    }

    /**
     * Sets columns by id: each row is column => value, with 'id'. Rows with the same columns are
     * updated together ("SET col = CASE id WHEN .. THEN .. END ... WHERE id IN (..)") on MySQL
     * and PostgreSQL, one row at a time through update_record() on other databases.
     *
     * @param string $table
     * @param array $rows
     */
    public function update(string $table, array $rows): void {
        global $DB;
        self::check_name($table);
        $groups = [];
        foreach ($rows as $row) {
            if (!isset($row['id']) || count($row) < 2) {
                throw new \coding_exception("dml_store::update(): a row of $table has no id or nothing to set");
            }
            array_map([self::class, 'check_name'], array_keys($row));
            $id = $row['id'];
            unset($row['id']);
            $groups[implode(',', array_keys($row))][$id] = $row;
        }
        if (!in_array($DB->get_dbfamily(), ['mysql', 'postgres'], true)) {
            foreach ($groups as $group) {
                foreach ($group as $id => $row) {
                    $DB->update_record($table, (object) (['id' => $id] + $row));
                }
            }
            return;
        }
        foreach ($groups as $names => $group) {
            foreach (array_chunk($group, self::UPDATE_CHUNK, true) as $chunk) {
                $this->update_chunk($table, explode(',', $names), $chunk);
            }
        }
    }

    /**
     * The statements sent through $DB since lock().
     *
     * @return int
     */
    public function statements(): int {
        global $DB;
        return max(0, $DB->perf_get_queries() - $this->queries);
    }

    /**
     * One bulk UPDATE of rows that set the same columns.
     *
     * @param string $table
     * @param string[] $names the columns set
     * @param array $chunk id => column => value
     */
    protected function update_chunk(string $table, array $names, array $chunk): void {
        global $DB;
        $params = [];
        $sets = [];
        $ids = [];
        foreach ($chunk as $id => $row) {
            $ids[] = self::int_literal($id);
        }
        foreach ($names as $name) {
            $cases = [];
            foreach ($chunk as $id => $row) {
                $value = $row[$name];
                if (is_int($value)) {
                    // A literal: PostgreSQL types a CASE of bound values as text, which no integer column takes.
                    $then = (string) $value;
                } else {
                    $then = ':v' . count($params);
                    $params['v' . count($params)] = $value;
                }
                $cases[] = 'WHEN ' . self::int_literal($id) . " THEN $then";
            }
            $sets[] = "$name = CASE id " . implode(' ', $cases) . ' END';
        }
        $DB->execute("UPDATE {{$table}} SET " . implode(', ', $sets) . ' WHERE id IN (' . implode(', ', $ids) . ')', $params);
    }

    /**
     * "col = :p AND ..." for the conditions, with their parameters.
     *
     * @param array $conditions column => value
     * @param string $prefix of the parameter names
     * @param string $alias of the table, with its dot, or ''
     * @return array [SQL, params]; the SQL is "1 = 1" without conditions
     */
    protected function conditions(array $conditions, string $prefix, string $alias = ''): array {
        $where = ['1 = 1'];
        $params = [];
        $n = 0;
        foreach ($conditions as $column => $value) {
            self::check_name((string) $column);
            $where[] = "$alias$column = :$prefix$n";
            $params["$prefix$n"] = $value;
            $n++;
        }
        return [implode(' AND ', $where), $params];
    }

    /**
     * "$select AND $keycolumn IN (...)" for a chunk of keys.
     *
     * @param string $select
     * @param array $params of $select
     * @param string $keycolumn
     * @param array $keys
     * @return array [SQL, params]
     */
    protected function equal_statement(string $select, array $params, string $keycolumn, array $keys): array {
        global $DB;
        [$in, $inparams] = $DB->get_in_or_equal($keys, SQL_PARAMS_NAMED, 'k');
        return ["$select AND $keycolumn $in", $params + $inparams];
    }

    /**
     * "$select AND ($keycolumn ILIKE 'key%' OR ...)" for a chunk of keys, case-insensitively.
     *
     * @param string $select
     * @param array $params of $select
     * @param string $keycolumn
     * @param array $keys prefixes in lower case
     * @return array [SQL, params]
     */
    protected function prefix_statement(string $select, array $params, string $keycolumn, array $keys): array {
        global $DB;
        $likes = [];
        foreach (array_values($keys) as $i => $key) {
            $likes[] = $DB->sql_like($keycolumn, ":p$i", false);
            // Moodle's sql_like_escape() leaves the escape character alone: a backslash in a key is a backslash.
            $params["p$i"] = $DB->sql_like_escape(str_replace('\\', '\\\\', (string) $key)) . '%';
        }
        return ["$select AND (" . implode(' OR ', $likes) . ')', $params];
    }

    /**
     * The rows of the statements, as lists of values (the driver keeps one of a row that two statements find).
     *
     * @param array $statements list of [SQL, params]
     * @return \Generator
     */
    protected function rows(array $statements): \Generator {
        global $DB;
        foreach ($statements as [$sql, $params]) {
            $rs = $DB->get_recordset_sql($sql, $params);
            try {
                foreach ($rs as $record) {
                    yield array_values((array) $record);
                }
            } finally {
                $rs->close();
            }
        }
    }

    /**
     * The keys without byte-for-byte duplicates, as a list.
     *
     * @param array $keys
     * @return array
     */
    protected static function distinct(array $keys): array {
        $distinct = [];
        foreach ($keys as $key) {
            $distinct[is_int($key) ? "i$key" : "s$key"] = $key;
        }
        return array_values($distinct);
    }

    /**
     * An id as an SQL integer literal.
     *
     * @param mixed $id int or a string of digits
     * @return string
     */
    protected static function int_literal($id): string {
        if (is_int($id) || (is_string($id) && preg_match('/^-?[0-9]{1,19}$/', $id))) {
            return (string) (int) $id;
        }
        throw new \coding_exception('dml_store: an id must be an integer, got ' . var_export($id, true));
    }

    /**
     * Checks a table or column name before it goes into SQL.
     *
     * @param string $name
     * @throws \coding_exception when it is not a plain lower-case identifier
     */
    protected static function check_name(string $name): void {
        if (!preg_match(self::NAME_PATTERN, $name)) {
            throw new \coding_exception('dml_store: not a table or column name: ' . var_export($name, true));
        }
    }
}
