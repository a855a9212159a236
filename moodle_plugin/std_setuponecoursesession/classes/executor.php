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
 * Writes a plan into the site's database and says what changed.
 *
 * @package    shophandlers_std_setuponecoursesession
 * @copyright  2026 shopsetup contributors
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
abstract class executor {
    /** The admin setting that chooses the store: auto (native where the database has one), native, dml. */
    const SETTING = 'store';

    /**
     * The store the setting store chooses: the extension's native store for MySQL/MariaDB (auto, the
     * default, or native), else Moodle's DML; native on a database without a native store is an error.
     *
     * @return executor
     */
    public static function for_site(): executor {
        global $DB;
        $setting = (string) (get_config(session_setup::COMPONENT, self::SETTING) ?: 'auto');
        $native = $DB->get_dbfamily() === 'mysql';
        switch ($setting) {
            case 'auto':
                return $native ? new mysql_executor() : new dml_executor();
            case 'native':
                if (!$native) {
                    throw new \moodle_exception('errornativestore', session_setup::COMPONENT, '', $DB->get_dbfamily());
                }
                return new mysql_executor();
            case 'dml':
                return new dml_executor();
            default:
                throw new \moodle_exception('errorstoresetting', session_setup::COMPONENT, '', s($setting));
        }
    }

    /**
     * Runs every stage of the plan in one transaction.
     *
     * @param Plan $plan a freshly built plan
     * @param session_setup $setup the resolved setup
     * @return array what changed, shaped like \ShopSetup\MysqlConnection::run()'s report
     */
    abstract public function run(Plan $plan, session_setup $setup): array;
}
