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
     * Effects between two writes of the log store's buffer: few enough that the buffer (50 events by
     * default) is written by us, after an effect's observers, not in the middle of one.
     */
    const LOG_EVERY = 10;

    /** @var callable|null called at each step of a delivery with (string $step, int $delivered): tests stop the process there */
    protected $checkpoint;

    /** @var int effects delivered by this object */
    protected $delivered = 0;

    /** @var string[] why a fast path was not taken (welcome: why the hook was dispatched per enrolment) */
    protected $notes = [];

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
        $batch = registry::batch($rows);
        $done = [];
        $effects = [];
        foreach (array_slice($rows, 0, count($begun)) as $row) {
            try {
                $effect = registry::of_kind($row->kind);
                $effects[get_class($effect)] = $effect;
                $effect->deliver($row, $row->attempts > 0, $batch);
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
        foreach ($effects as $effect) {
            $effect->finish($batch);
        }
        $this->notes = $batch->notes + $this->notes;
        return [$done, $begun];
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
