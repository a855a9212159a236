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

use local_shop\Product;

/**
 * Undoes one product (one seat) of a setup, and nothing that other products still need.
 *
 * @package    shophandlers_std_setuponecoursesession
 * @copyright  2026 shopsetup contributors
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class product_cleaner {
    /**
     * Removes the seat's course role; the order group membership when the participant has no
     * other seat in this order line; the enrolment when no other product uses it.
     *
     * @param Product $product
     */
    public static function delete(Product $product): void {
        global $CFG, $DB;
        require_once($CFG->dirroot . '/group/lib.php');

        if ($product->contexttype !== 'userenrol') {
            return;
        }
        $ue = $DB->get_record('user_enrolments', ['id' => $product->instanceid]);
        $instance = $ue ? $DB->get_record('enrol', ['id' => $ue->enrolid]) : false;
        if (!$instance) {
            return;
        }
        $context = \context_course::instance($instance->courseid);
        $others = $DB->get_records_select('local_shop_product', "contexttype = 'userenrol' AND instanceid = ? AND id <> ?
            AND deleted = 0", [$ue->id, $product->id]);

        $roleid = (int) (self::production_data($product->productiondata)['roleid'] ?? 0);
        $rolestillneeded = false;
        $sameline = false;
        foreach ($others as $other) {
            $rolestillneeded = $rolestillneeded || (int) (self::production_data($other->productiondata)['roleid'] ?? 0) === $roleid;
            $sameline = $sameline || (int) $other->initialbillitemid === (int) $product->initialbillitemid;
        }
        if ($roleid && !$rolestillneeded) {
            role_unassign($roleid, $ue->userid, $context->id);
        }
        if (!$sameline && ($group = self::order_group($product, (int) $instance->courseid))) {
            groups_remove_member($group, $ue->userid);
        }
        if (!$others) {
            enrol_get_plugin($instance->enrol)->unenrol_user($instance, $ue->userid);
        }
    }

    /**
     * The group of the product's order in the course.
     *
     * @param Product $product
     * @param int $courseid
     * @return \stdClass|false
     */
    protected static function order_group(Product $product, int $courseid) {
        global $DB;
        $transactionid = $DB->get_field_sql('SELECT b.transactionid FROM {local_shop_bill} b
            JOIN {local_shop_billitem} bi ON bi.billid = b.id WHERE bi.id = ?', [$product->initialbillitemid]);
        if (!$transactionid) {
            return false;
        }
        return $DB->get_record('groups', ['courseid' => $courseid,
            'idnumber' => order_line::group_idnumber($transactionid)], '*', IGNORE_MULTIPLE);
    }

    /**
     * A product's production data ("k=v&k=v", URL-encoded values).
     *
     * @param string|null $data
     * @return array
     */
    public static function production_data(?string $data): array {
        try {
            return \ShopSetup\decode_params((string) $data);
        } catch (\ShopSetup\Exception $e) {
            return [];
        }
    }
}
