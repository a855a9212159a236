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
 * The block "Délégation d'administration" (block_user_delegation), as far as the handler needs it:
 * whether the site has it and which role it gives an owner in a fellow's user context
 * (userdelegation::attach_user(): its setting corole for the owner, student for the fellow).
 *
 * @package    shophandlers_std_setuponecoursesession
 * @copyright  2026 shopsetup contributors
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class delegation_block {
    /** The block's component. */
    const COMPONENT = 'block_user_delegation';

    /** The owner role of the block's settings when none is saved. */
    const DEFAULT_OWNER_ROLE = 'courseowner';

    /**
     * Whether the block is installed on the site (its code present and its version recorded).
     *
     * @return bool
     */
    public static function installed(): bool {
        return \core_component::get_component_directory(self::COMPONENT) !== null
            && get_config(self::COMPONENT, 'version') !== false;
    }

    /**
     * The role the block gives an owner in a fellow's user context; '' when the block is not installed.
     *
     * @return string role shortname
     */
    public static function owner_role(): string {
        if (!self::installed()) {
            return '';
        }
        $role = trim((string) get_config(self::COMPONENT, 'corole'));
        return $role === '' ? self::DEFAULT_OWNER_ROLE : $role;
    }
}
