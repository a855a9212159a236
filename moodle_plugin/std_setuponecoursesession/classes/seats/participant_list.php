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

namespace shophandlers_std_setuponecoursesession\seats;

defined('MOODLE_INTERNAL') || die();

global $CFG;
require_once($CFG->libdir . '/csvlib.class.php');

/**
 * A pasted or uploaded list of participants, read with Moodle's csv_import_reader:
 * "lastname, firstname, email[, role][, city]", an optional header row (then the columns go by
 * name, in English or French), comma, semicolon or tab, UTF-8 with or without BOM.
 *
 * @package    shophandlers_std_setuponecoursesession
 * @copyright  2026 shopsetup contributors
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class participant_list {
    /** The columns, in the order of a list without header. */
    const COLUMNS = ['lastname', 'firstname', 'email', 'role', 'city'];

    /** Header names of each column (compared in lower case). */
    const HEADERS = [
        'lastname' => ['lastname', 'last name', 'surname', 'nom', 'nom de famille'],
        'firstname' => ['firstname', 'first name', 'given name', 'prénom', 'prenom'],
        'email' => ['email', 'e-mail', 'mail', 'courriel', 'adresse email', 'adresse e-mail'],
        'role' => ['role', 'rôle', 'bucket'],
        'city' => ['city', 'town', 'ville'],
    ];

    /** Rows read at most from one list. */
    const MAX_ROWS = 20000;

    /**
     * Reads a list.
     *
     * @param string $text the pasted or uploaded text
     * @return array [rows: row number => column => value, error: null or a message for the whole list];
     *         row numbers count the list's non-empty lines, the header included
     */
    public static function read(string $text): array {
        $c = 'shophandlers_std_setuponecoursesession';
        $text = \core_text::trim_utf8_bom($text);
        if (!mb_check_encoding($text, 'UTF-8')) {
            return ['rows' => [], 'error' => get_string('errorlistencoding', $c)];
        }
        $firstline = strtok(ltrim($text, "\r\n"), "\r\n");
        if ($firstline === false || trim($firstline) === '') {
            return ['rows' => [], 'error' => get_string('errorlistempty', $c)];
        }
        $delimiter = self::delimiter($firstline);
        $cells = str_getcsv($firstline, \csv_import_reader::get_delimiter($delimiter));
        $columns = self::header_columns($cells);
        if ($columns === null) {
            // No header: the columns in order; a header of our own lets csv_import_reader read row 1 as data.
            if (count($cells) < 3 || count($cells) > count(self::COLUMNS)) {
                return ['rows' => [], 'error' => get_string('errorlistcolumns', $c, count($cells))];
            }
            $columns = array_slice(self::COLUMNS, 0, count($cells));
            $separator = \csv_import_reader::get_delimiter($delimiter);
            $text = implode($separator, $columns) . "\n" . $text;
            $first = 1;
        } else if (is_string($columns)) {
            return ['rows' => [], 'error' => get_string('errorlistheader', $c, s($columns))];
        } else {
            $first = 2;
        }
        $iid = \csv_import_reader::get_new_iid('shopsetup_participants');
        $reader = new \csv_import_reader($iid, 'shopsetup_participants');
        $count = $reader->load_csv_content($text, 'UTF-8', $delimiter);
        if ($count === false) {
            $error = $reader->get_error();
            $reader->cleanup(true);
            return ['rows' => [], 'error' => $error];
        }
        if ($count - 1 > self::MAX_ROWS) {
            $reader->cleanup(true);
            return ['rows' => [], 'error' => get_string('errorlisttoolong', $c, self::MAX_ROWS)];
        }
        $rows = [];
        $reader->init();
        $n = $first;
        while ($cells = $reader->next()) {
            $row = array_fill_keys(self::COLUMNS, '');
            foreach ($columns as $i => $column) {
                $row[$column] = trim((string) ($cells[$i] ?? ''));
            }
            $rows[$n++] = $row;
        }
        $reader->close();
        $reader->cleanup(true);
        return ['rows' => $rows, 'error' => null];
    }

    /**
     * The delimiter the first line uses most: csv_import_reader's name of it.
     *
     * @param string $line
     * @return string comma, semicolon or tab
     */
    protected static function delimiter(string $line): string {
        $counts = ['comma' => substr_count($line, ','), 'semicolon' => substr_count($line, ';'),
            'tab' => substr_count($line, "\t")];
        arsort($counts);
        return reset($counts) > 0 ? array_key_first($counts) : 'comma';
    }

    /**
     * The columns a header row names, null when the row is not a header (it holds an email address
     * or no cell names the email column), or the first unknown cell.
     *
     * @param array $cells the first row
     * @return array|string|null index => column
     */
    protected static function header_columns(array $cells): array|string|null {
        $names = array_map(fn($cell) => \core_text::strtolower(trim((string) $cell)), $cells);
        if (!in_array(true, array_map(fn($name) => in_array($name, self::HEADERS['email'], true), $names), true)) {
            return null;
        }
        $columns = [];
        foreach ($names as $i => $name) {
            $column = null;
            foreach (self::HEADERS as $candidate => $headers) {
                if (in_array($name, $headers, true)) {
                    $column = $candidate;
                }
            }
            if ($column === null || in_array($column, $columns, true)) {
                return $cells[$i];
            }
            $columns[$i] = $column;
        }
        return $columns;
    }
}
