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
 * Whether the shopsetup PHP extension this plugin needs is loaded, and recent enough.
 *
 * @package    shophandlers_std_setuponecoursesession
 * @copyright  2026 shopsetup contributors
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class extension {
    /** The oldest extension with everything this plugin calls (superviseexisting, privilegeduserids). */
    const MIN_VERSION = '0.6.0';

    /**
     * What is wrong with the extension, as a string of this plugin, or null when it is fine.
     *
     * @param string|false|null $version the loaded extension's version (false: not loaded); null: this PHP's
     * @return string|null 'shopsetuprequired', 'shopsetuptooold' or null
     */
    public static function problem($version = null): ?string {
        $version = $version ?? phpversion('shopsetup');
        if ($version === false) {
            return 'shopsetuprequired';
        }
        return version_compare($version, self::MIN_VERSION, '<') ? 'shopsetuptooold' : null;
    }

    /**
     * The problem's message for an admin: what is wrong and what to run.
     *
     * @param string $problem from problem()
     * @param string|false|null $version as for problem()
     * @return string
     */
    public static function message(string $problem, $version = null): string {
        $version = $version ?? phpversion('shopsetup');
        $a = (object) ['found' => (string) $version, 'required' => self::MIN_VERSION];
        return get_string($problem, 'shophandlers_std_setuponecoursesession', $a);
    }

    /**
     * Fails with the problem's message when the extension is missing or too old.
     */
    public static function require_usable(): void {
        $problem = self::problem();
        if ($problem !== null) {
            $a = (object) ['found' => (string) phpversion('shopsetup'), 'required' => self::MIN_VERSION];
            throw new \moodle_exception($problem, 'shophandlers_std_setuponecoursesession', '', $a);
        }
    }
}
