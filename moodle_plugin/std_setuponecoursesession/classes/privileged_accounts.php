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

/**
 * The accounts over which a buyer must get no power: site admins, anyone holding a role at system or
 * category level, anyone holding a role listed in the plugin setting privilegedroles (shortnames).
 *
 * The extension decides who is attached to the operator (superviseexisting); this class only tells
 * it who is privileged on the site, and why.
 *
 * @package    shophandlers_std_setuponecoursesession
 * @copyright  2026 shopsetup contributors
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class privileged_accounts {
    /** A site administrator ($CFG->siteadmins). */
    const SITEADMIN = 'siteadmin';
    /** A role assigned in the system context. */
    const SYSTEMROLE = 'systemrole';
    /** A role assigned in a course category context. */
    const CATEGORYROLE = 'categoryrole';
    /** A role listed in the setting privilegedroles, in any context. */
    const LISTEDROLE = 'listedrole';

    /**
     * Every privileged account of the site and the first reason found for it.
     *
     * @return string[] userid => reason (one of the constants)
     */
    public static function reasons(): array {
        global $CFG, $DB;
        $reasons = [];
        foreach (array_filter(array_map('intval', explode(',', $CFG->siteadmins ?? ''))) as $userid) {
            $reasons[$userid] = self::SITEADMIN;
        }
        $sql = "SELECT ra.userid, MIN(ctx.contextlevel) AS contextlevel
                  FROM {role_assignments} ra
                  JOIN {context} ctx ON ctx.id = ra.contextid
                 WHERE ctx.contextlevel IN (:system, :category)
              GROUP BY ra.userid";
        $rows = $DB->get_records_sql_menu($sql, ['system' => CONTEXT_SYSTEM, 'category' => CONTEXT_COURSECAT]);
        foreach ($rows as $userid => $level) {
            $reasons[$userid] = $reasons[$userid] ?? ($level == CONTEXT_SYSTEM ? self::SYSTEMROLE : self::CATEGORYROLE);
        }
        $roleids = self::listed_role_ids();
        if ($roleids) {
            [$in, $params] = $DB->get_in_or_equal($roleids);
            foreach ($DB->get_fieldset_sql("SELECT DISTINCT userid FROM {role_assignments} WHERE roleid $in", $params) as $userid) {
                $reasons[$userid] = $reasons[$userid] ?? self::LISTEDROLE;
            }
        }
        return $reasons;
    }

    /**
     * The roles of the setting privilegedroles (comma-separated shortnames); an unknown one is an error.
     *
     * @return int[]
     */
    public static function listed_role_ids(): array {
        global $DB;
        $setting = (string) get_config('shophandlers_std_setuponecoursesession', 'privilegedroles');
        $shortnames = array_filter(array_map('trim', explode(',', $setting)), 'strlen');
        $ids = [];
        foreach ($shortnames as $shortname) {
            $id = $DB->get_field('role', 'id', ['shortname' => $shortname]);
            if (!$id) {
                throw new \moodle_exception('errorprivilegedrole', 'shophandlers_std_setuponecoursesession', '', s($shortname));
            }
            $ids[] = (int) $id;
        }
        return $ids;
    }
}
