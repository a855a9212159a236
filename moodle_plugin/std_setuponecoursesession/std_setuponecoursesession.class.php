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

/**
 * Handler that sets up one session of one course for the participants of an order.
 *
 * Drop-in replacement of local_shop's handler of the same name. The bulk work (decoding,
 * validation, de-duplication, seats, usernames, rows) is done by the shopsetup PHP extension.
 *
 * @package    shophandlers_std_setuponecoursesession
 * @copyright  2026 shopsetup contributors
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

defined('MOODLE_INTERNAL') || die();

require_once($CFG->dirroot . '/local/shop/datahandling/shophandler.class.php');

use local_shop\CatalogItem;
use local_shop\Product;
use shophandlers_std_setuponecoursesession\configuration;
use shophandlers_std_setuponecoursesession\customer;
use shophandlers_std_setuponecoursesession\output\product_display;
use shophandlers_std_setuponecoursesession\product_cleaner;
use shophandlers_std_setuponecoursesession\session_setup;

/**
 * Sets up a course session: accounts, group, enrolments, cross roles, support course.
 */
class shop_handler_std_setuponecoursesession extends shop_handler {
    /**
     * Registers the customer's own account before payment.
     *
     * @param \local_shop\BillItem $data the order line
     * @param bool $errorstatus set to true when the customer cannot be registered
     * @return stdClass feedback strings public, private, salesadmin
     */
    public function produce_prepay($data, &$errorstatus) {
        return customer::register($data, $errorstatus);
    }

    /**
     * Sets up the session after payment, in one transaction; throws on any failure so that
     * local_shop does not mark the order complete.
     *
     * @param \local_shop\BillItem $data the order line
     * @return stdClass feedback strings public, private, salesadmin
     */
    public function produce_postpay(&$data) {
        $setup = session_setup::from_billitem($data);
        return $setup->produce()->feedback();
    }

    /**
     * Checks a product's configuration for local_shop's "test products" page.
     *
     * @param CatalogItem $data the catalog item, with actionparams and defaultcustomersupportcourse
     * @param array $errors errors by product code
     * @param array $warnings warnings by product code
     * @param array $messages messages by product code
     */
    public function unit_test($data, &$errors, &$warnings, &$messages) {
        $messages[$data->code][] = get_string('usinghandler', 'local_shop', $this->get_name());
        parent::unit_test($data, $errors, $warnings, $messages);
        foreach (configuration::problems($data) as $problem) {
            if ($problem->level === 'error') {
                $errors[$data->code][] = $problem->message;
            } else {
                $warnings[$data->code][] = $problem->message;
            }
        }
    }

    /**
     * The first course overview image narrower than 800 px, as the catalog's thumbnail.
     *
     * @param CatalogItem $catalogitem
     * @return string|null
     */
    public function get_alternative_thumbnail_url(CatalogItem $catalogitem) {
        return product_display::thumbnail_url($catalogitem);
    }

    /**
     * Shows the course, the participant and the participant's real role.
     *
     * @param int $pid the product id
     * @param array $pinfo the product's productiondata, decoded
     */
    public function display_product_infos($pid, $pinfo) {
        echo product_display::infos_html($pinfo);
    }

    /**
     * Removes what this order line created for one product: its course role, its group
     * membership and, when no other product needs it, the participant's enrolment.
     *
     * @param Product $product the product being deleted
     */
    public function delete(Product $product) {
        product_cleaner::delete($product);
    }
}
