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
 * The extension's setup driver over Moodle's DML (dml_store), in a delegated transaction: PostgreSQL
 * and every database without a native store, and store=dml on MySQL/MariaDB.
 *
 * @package    shophandlers_std_setuponecoursesession
 * @copyright  2026 shopsetup contributors
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class dml_executor extends executor {
    /**
     * Runs every stage of the plan through $DB; setups of a site run one at a time (dml_store::lock()).
     *
     * @param Plan $plan
     * @param session_setup $setup
     * @return array
     */
    public function run(Plan $plan, session_setup $setup): array {
        return $plan->run(new dml_store());
    }
}
