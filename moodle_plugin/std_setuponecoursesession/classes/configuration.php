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
use stdClass;

/**
 * The checks of a product's configuration for local_shop's "test products" page (unit_test()).
 *
 * @package    shophandlers_std_setuponecoursesession
 * @copyright  2026 shopsetup contributors
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class configuration {
    /**
     * The configuration problems of a catalog item, for the "test products" page.
     *
     * @param \local_shop\CatalogItem $catalogitem
     * @return stdClass[] each with level ('error' or 'warning') and message
     */
    public static function problems($catalogitem): array {
        global $DB;

        $problems = [];
        $add = function (string $level, string $identifier, $a = null) use (&$problems) {
            $message = get_string($identifier, 'shophandlers_std_setuponecoursesession', $a);
            $problems[] = (object) ['level' => $level, 'message' => $message];
        };
        $problem = extension::problem();
        if ($problem !== null) {
            $problems[] = (object) ['level' => 'error', 'message' => extension::message($problem)];
            return $problems;
        }
        try {
            $raw = order_line::raw_params($catalogitem, null, $catalogitem->actionparams ?? null);
            $params = order_line::decode_params($raw);
        } catch (moodle_exception $e) {
            $add('error', 'errorconfiguration', $e->a);
            return $problems;
        }
        $course = empty($params['coursename']) ? false : $DB->get_record('course', ['shortname' => $params['coursename']]);
        try {
            $config = \ShopSetup\handler_config($params, [
                'now' => time(),
                'coursestart' => $course ? (int) $course->startdate : 0,
                'renewable' => !empty($catalogitem->renewable),
                'orderref' => 'TEST',
                'courseshortname' => $course ? $course->shortname : 'TEST',
                'delegationrole' => delegation_block::owner_role(),
            ]);
        } catch (\ShopSetup\ParamsException $e) {
            $add('error', empty($params['coursename']) ? 'errornotarget' : 'errorconfiguration', $e->getMessage());
            return $problems;
        }
        foreach ($config['warnings'] as $warning) {
            $add('warning', 'warningconfiguration', $warning);
        }
        if (!$course) {
            $add('error', 'errorcoursenotexists', s($config['coursename']));
        } else if (!manual_enrolment::instance($course->id)) {
            $add('error', 'errorcoursenotenrollable', s($config['coursename']));
        }
        $roles = [$config['supervisor']];
        foreach (array_merge(['student', 'teacher'], $config['requiredroles']) as $bucket) {
            $roles[] = roles::of_bucket($config, $bucket);
        }
        if ($config['mirrorrole'] !== '') {
            $roles[] = $config['mirrorrole'];
        }
        $roles[] = $config['crossrole'];
        foreach (array_unique($roles) as $shortname) {
            if (!$DB->record_exists('role', ['shortname' => $shortname])) {
                $add('error', 'errorrole', s($shortname));
            }
        }
        if ((int) ($catalogitem->quantaddressesusers ?? order_line::SEATS_QUANTITY) === order_line::SEATS_NONE) {
            $add('warning', 'warningnoseats');
        }
        return $problems;
    }
}
