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
 * What one imitated Moodle API does besides writing rows, delivered from the outbox after the
 * commit: one subclass per API, for the kind of outbox row the extension records for it
 * (\ShopSetup\Effect's constants, mapped by registry).
 *
 * @package    shophandlers_std_setuponecoursesession
 * @copyright  2026 shopsetup contributors
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
abstract class effect {
    /**
     * The table whose rows the outbox rows of this effect name (objectid), read once per batch.
     *
     * @return string|null
     */
    public function record_table(): ?string {
        return null;
    }

    /**
     * Whether the effect is delivered whatever the request's budget (what a reader needs at once).
     *
     * @return bool
     */
    public function urgent(): bool {
        return false;
    }

    /**
     * Delivers one outbox row. A row that a delivery began before ($resumed) is delivered only as far
     * as it did not happen.
     *
     * @param \stdClass $row the outbox record
     * @param bool $resumed
     * @param batch $batch the batch being delivered
     */
    abstract public function deliver(\stdClass $row, bool $resumed, batch $batch): void;

    /**
     * What the API does once for all the rows of a batch, after them.
     *
     * @param batch $batch
     */
    public function finish(batch $batch): void {
    }
}
