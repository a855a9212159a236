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

use moodle_exception;

/**
 * What the handler reads of a local_shop order line (BillItem) the way local_shop stores it: the
 * product's handler parameters, the participants as its checkout kept them, the seats bought, and
 * the order's group.
 *
 * @package    shophandlers_std_setuponecoursesession
 * @copyright  2026 shopsetup contributors
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class order_line {
    /** Handler name, recorded in the products' production data. */
    const HANDLER = 'std_setuponecoursesession';

    /** local_shop's quantaddressesusers values. */
    const SEATS_NONE = 0;
    /** One seat whatever the quantity. */
    const SEATS_ONE = 1;
    /** As many seats as the quantity. */
    const SEATS_QUANTITY = 2;

    /**
     * A participant as the checkout stored it, its last name as the person typed it in capitals: local_shop
     * upper-cases it byte by byte (strtoupper), which leaves non-ASCII letters small ("MüLLER"). A name
     * with no small ASCII letter went through that: it is upper-cased again, letter by letter ("MÜLLER").
     *
     * @param mixed $participant stdClass or array from the order line
     * @return mixed the same, with the last name repaired
     */
    public static function checkout_participant($participant) {
        $lastname = is_object($participant) ? ($participant->lastname ?? null) : ($participant['lastname'] ?? null);
        if (!is_string($lastname) || preg_match('/[a-z]/', $lastname) || !mb_check_encoding($lastname, 'UTF-8')) {
            return $participant;
        }
        if (is_object($participant)) {
            $participant = clone $participant;
            $participant->lastname = \core_text::strtoupper($lastname);
        } else {
            $participant['lastname'] = \core_text::strtoupper($lastname);
        }
        return $participant;
    }

    /**
     * The handler parameters as the product defined them, in order of fidelity: the frozen catalog
     * item's raw string, a raw string in the production data, then local_shop's own decoding.
     *
     * @param mixed $catalogitem frozen \local_shop\CatalogItem
     * @param mixed $productiondata the order line's production data
     * @param mixed $actionparams local_shop's decoded parameters
     * @return string|array
     */
    public static function raw_params($catalogitem, $productiondata, $actionparams) {
        $record = is_object($catalogitem) ? ($catalogitem->record ?? null) : null;
        if (isset($record->handlerparams) && is_string($record->handlerparams)) {
            return $record->handlerparams;
        }
        if (isset($productiondata->handlerparams) && is_string($productiondata->handlerparams)) {
            return $productiondata->handlerparams;
        }
        return is_array($actionparams) ? $actionparams : [];
    }
    /**
     * Decodes handler parameters with the extension.
     *
     * @param string|array $raw
     * @return array
     */
    public static function decode_params($raw): array {
        extension::require_usable();
        if (is_array($raw)) {
            return $raw;
        }
        try {
            return \ShopSetup\decode_params($raw);
        } catch (\ShopSetup\Exception $e) {
            throw new moodle_exception('errorconfiguration', 'shophandlers_std_setuponecoursesession', '', $e->getMessage());
        }
    }
    /**
     * Seats bought for an order line, as local_shop counts them.
     *
     * @param int $mode quantaddressesusers
     * @param int $quantity
     * @return int
     */
    public static function seats(int $mode, int $quantity): int {
        switch ($mode) {
            case self::SEATS_NONE:
                return 0;
            case self::SEATS_ONE:
                return 1;
            default:
                return max(0, $quantity);
        }
    }
    /**
     * The group idnumber of an order: derived from the transaction, so a re-run finds the group.
     *
     * @param string $transactionid
     * @return string
     */
    public static function group_idnumber(string $transactionid): string {
        return 'shopsetup-' . $transactionid;
    }
}
