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

use ShopSetup\Effect as kind;

/**
 * The effect class of each kind of outbox row the extension records (\ShopSetup\Effect).
 *
 * @package    shophandlers_std_setuponecoursesession
 * @copyright  2026 shopsetup contributors
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class registry {
    /**
     * The effect of a kind of outbox row.
     *
     * @param string $kind
     * @return effect
     */
    public static function of_kind(string $kind): effect {
        static $effects = [];
        $class = self::class_of($kind);
        if ($class === null) {
            throw new \coding_exception('Unknown effect ' . $kind);
        }
        return $effects[$class] ??= new $class();
    }

    /**
     * Whether a kind of outbox row is delivered whatever the request's budget; an unknown kind is not
     * (its row then fails on its own, with its error, and the rest of the batch is delivered).
     *
     * @param string $kind
     * @return bool
     */
    public static function urgent(string $kind): bool {
        return self::class_of($kind) !== null && self::of_kind($kind)->urgent();
    }

    /**
     * The effect class of a kind, null for a kind this release does not know.
     *
     * @param string $kind
     * @return string|null
     */
    protected static function class_of(string $kind): ?string {
        $classes = [
            kind::CACHES => caches::class,
            kind::USER_CREATED => user_created::class,
            kind::GROUP_CREATED => group_created::class,
            kind::USER_ENROLMENT_CREATED => user_enrolment::class,
            kind::USER_ENROLMENT_UPDATED => user_enrolment::class,
            kind::ROLE_ASSIGNED => role_assigned::class,
            kind::GRADES_RECOVERED => grades_recovered::class,
            kind::GROUP_MEMBER_ADDED => group_member_added::class,
        ];
        return $classes[$kind] ?? null;
    }

    /**
     * A batch of outbox rows with the records their effects name, read once.
     *
     * @param array $rows outbox records
     * @return batch
     */
    public static function batch(array $rows): batch {
        $tables = [];
        foreach ($rows as $row) {
            $table = self::class_of($row->kind) === null ? null : self::of_kind($row->kind)->record_table();
            if ($table !== null) {
                $tables[$table][] = $row->objectid;
            }
        }
        return new batch($tables);
    }
}
