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

use shophandlers_std_setuponecoursesession\effect\batch;
use shophandlers_std_setuponecoursesession\effect\registry;

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

    /**
     * Seconds of delivery in the producing request by default: the buyer's page comes back in about a
     * second at N = 1,000 (README, "Side effects"), a small order's effects all fit in it.
     */
    const DEFAULT_BUDGET = 0.25;

    /** Rows per batch. */
    const BATCH = 200;

    /**
     * Effects between two writes of the log store's buffer when a batch is delivered one row at a time:
     * few enough that the buffer (50 events by default) is written by us, after an effect's observers,
     * not in the middle of one. In a batch's transaction the log store gets the events at its commit.
     */
    const LOG_EVERY = 10;

    /** @var callable|null called at each step of a delivery with (string $step, int $delivered): tests stop the process there */
    protected $checkpoint;

    /** @var int effects delivered by this object */
    protected $delivered = 0;

    /** @var string[] why a fast path was not taken (welcome: why the hook was dispatched per enrolment) */
    protected $notes = [];

    /** @var effect\effect[] the effects of the batch being delivered, by class, for their finish() */
    protected $effects = [];

    /**
     * Constructor.
     *
     * @param callable|null $checkpoint see $checkpoint
     */
    public function __construct(?callable $checkpoint = null) {
        $this->checkpoint = $checkpoint;
    }

    /**
     * The delivery budget of the request that produces an order, from the plugin setting (default DEFAULT_BUDGET).
     *
     * @return float seconds
     */
    public static function request_budget(): float {
        $budget = get_config('shophandlers_std_setuponecoursesession', self::BUDGET_SETTING);
        return ($budget === false || $budget === '' || !is_numeric($budget)) ? self::DEFAULT_BUDGET : max(0.0, (float) $budget);
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
        $factory = \core\lock\lock_config::get_lock_factory('shophandlers_std_setuponecoursesession');
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
     * What an order line still has to deliver (read on the primary).
     *
     * @param int $billitemid
     * @return array ['pending' => int, 'failed' => int]
     */
    public static function pending(int $billitemid): array {
        global $DB;
        return read_replica::on_primary(fn() => [
            'pending' => $DB->count_records(self::TABLE, ['billitemid' => $billitemid]),
            'failed' => $DB->count_records_select(self::TABLE, 'billitemid = ? AND lasterror IS NOT NULL', [$billitemid]),
        ]);
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
        read_replica::wait_for_outbox(self::TABLE, $billitemid);
        $after = 0;
        while (true) {
            $where = 'billitemid = ? AND id > ?';
            $rows = read_replica::on_primary(
                fn() => $DB->get_records_select(self::TABLE, $where, [$billitemid, $after], 'id', '*', 0, self::BATCH)
            );
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
     * Delivers the rows of one batch. A row is marked begun (attempts + 1) before its effect runs.
     * The batch's effects are written in one transaction (so the database commits once, not once a
     * statement); if one of them throws, that transaction is rolled back and the batch is delivered
     * again one row at a time, where a row that throws is kept with its error.
     *
     * @param array $rows outbox records in order
     * @param float $start
     * @param float|null $budget
     * @return array [ids of the rows delivered, ids of the rows begun]
     */
    protected function deliver_batch(array $rows, float $start, ?float $budget): array {
        global $DB;
        $begun = [];
        foreach ($rows as $row) {
            if (!registry::urgent($row->kind) && $this->over($start, $budget)) {
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
        $rows = array_slice($rows, 0, count($begun));
        // Inside a caller's transaction a rollback would undo the caller's work too: one row at a time.
        $done = $DB->is_transaction_started() ? null : $this->deliver_in_transaction($rows);
        return [$done ?? $this->deliver_each($rows), $begun];
    }

    /**
     * A batch's effects in one transaction, then, once it is committed, their work for afterwards
     * (the welcome messages: their emails must not wait for, or be lost with, a transaction).
     *
     * @param array $rows outbox records in order
     * @return int[]|null ids of the rows delivered; null when an effect threw and nothing was written
     */
    protected function deliver_in_transaction(array $rows): ?array {
        global $DB;
        $delivered = $this->delivered;
        $transaction = $DB->start_delegated_transaction();
        try {
            $batch = registry::batch($rows);
            foreach ($rows as $row) {
                $this->deliver_row($row, $batch);
            }
            $this->finish($batch);
            $transaction->allow_commit();
        } catch (\Throwable $e) {
            $this->delivered = $delivered;
            try {
                $transaction->rollback($e);
            } catch (\Throwable $rethrown) {
                // Rolled back: the batch is delivered again one row at a time.
                unset($rethrown);
            }
            return null;
        }
        $this->step('committed');
        $done = [];
        foreach ($rows as $row) {
            if ($this->afterwards($row, $batch)) {
                $done[] = (int) $row->id;
            }
        }
        $this->notes = $batch->notes + $this->notes;
        return $done;
    }

    /**
     * A batch's rows each on its own, the work for afterwards right after its row (on a site with a
     * replica, each row's effect in a transaction of its own: its reads go to the primary).
     *
     * @param array $rows outbox records in order
     * @return int[] ids of the rows delivered
     */
    protected function deliver_each(array $rows): array {
        $batch = read_replica::on_primary(fn() => registry::batch($rows));
        $done = [];
        foreach ($rows as $row) {
            try {
                read_replica::on_primary(fn() => $this->deliver_row($row, $batch));
            } catch (\Throwable $e) {
                $this->failed($row, $e);
                continue;
            }
            if ($this->afterwards($row, $batch)) {
                $done[] = (int) $row->id;
            }
            if (count($done) % self::LOG_EVERY === 0) {
                $this->flush_log();
            }
        }
        read_replica::on_primary(fn() => $this->finish($batch));
        $this->notes = $batch->notes + $this->notes;
        return $done;
    }

    /**
     * One row's effect.
     *
     * @param \stdClass $row
     * @param batch $batch
     */
    protected function deliver_row(\stdClass $row, batch $batch): void {
        $effect = registry::of_kind($row->kind);
        $this->effects[get_class($effect)] = $effect;
        $effect->deliver($row, $row->attempts > 0, $batch);
        $this->delivered++;
        $this->step('effect');
    }

    /**
     * Runs a delivered row's work for afterwards.
     *
     * @param \stdClass $row
     * @param batch $batch
     * @return bool whether the row is delivered (false: its work threw, the row is kept with the error)
     */
    protected function afterwards(\stdClass $row, batch $batch): bool {
        try {
            $batch->run_afterwards((int) $row->id);
        } catch (\Throwable $e) {
            $this->delivered--;
            $this->failed($row, $e);
            return false;
        }
        return true;
    }

    /**
     * What the effects of a batch do once for all of its rows.
     *
     * @param batch $batch
     */
    protected function finish(batch $batch): void {
        foreach ($this->effects as $effect) {
            $effect->finish($batch);
        }
        $this->effects = [];
    }

    /**
     * Keeps a row whose delivery threw, with its error.
     *
     * @param \stdClass $row
     * @param \Throwable $e
     */
    protected function failed(\stdClass $row, \Throwable $e): void {
        global $DB;
        $error = \core_text::substr(get_class($e) . ': ' . $e->getMessage(), 0, 1000);
        $DB->set_field(self::TABLE, 'lasterror', $error, ['id' => $row->id]);
    }

    /**
     * What the delivery report says besides the counts: why a fast path was not taken.
     *
     * @return string[] effect => reason
     */
    public function notes(): array {
        return $this->notes;
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
