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

namespace shophandlers_std_setuponecoursesession\form;

defined('MOODLE_INTERNAL') || die();

global $CFG;
require_once($CFG->libdir . '/formslib.php');

use shophandlers_std_setuponecoursesession\seats\participant_list;

/**
 * The people to add to a session's free seats: a few rows, and a pasted or uploaded list.
 *
 * @package    shophandlers_std_setuponecoursesession
 * @copyright  2026 shopsetup contributors
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class add_participants extends \moodleform {
    /** Rows shown at first, and added by the "more rows" button. */
    const ROWS = 3;

    /**
     * The form's fields; customdata: id (the order line), buckets (bucket => role name).
     */
    protected function definition() {
        $mform = $this->_form;
        $c = 'shophandlers_std_setuponecoursesession';
        $mform->addElement('hidden', 'id', $this->_customdata['id']);
        $mform->setType('id', PARAM_INT);

        $mform->addElement('header', 'rowsheader', get_string('addbyform', $c));
        $row = [];
        foreach (['lastname' => 16, 'firstname' => 16, 'email' => 24, 'role' => 0, 'city' => 12] as $field => $size) {
            $label = get_string($field);
            $row[] = $field === 'role' ? $mform->createElement('select', 'role', $label, $this->_customdata['buckets'])
                : $mform->createElement('text', $field, $label, ['size' => $size, 'placeholder' => $label]);
        }
        $group = [$mform->createElement('group', 'person', get_string('participantno', $c), $row, ' ', false)];
        $options = [];
        foreach (['lastname', 'firstname', 'email', 'city'] as $field) {
            $options[$field] = ['type' => PARAM_RAW_TRIMMED];
        }
        $this->repeat_elements($group, self::ROWS, $options, 'rows', 'addrows', self::ROWS, get_string('addrows', $c), true);

        $mform->addElement('header', 'listheader', get_string('addbylist', $c));
        $mform->setExpanded('listheader');
        $mform->addElement('textarea', 'list', get_string('participantlist', $c), ['rows' => 8, 'cols' => 80]);
        $mform->setType('list', PARAM_RAW);
        $mform->addHelpButton('list', 'participantlist', $c);
        $mform->addElement(
            'filepicker',
            'listfile',
            get_string('participantfile', $c),
            null,
            ['accepted_types' => ['.csv', '.txt'], 'maxfiles' => 1]
        );

        $this->add_action_buttons(true, get_string('preview'));
    }

    /**
     * The people the form names, keyed "form-N", "list-N" and "file-N" (row N of each).
     *
     * @param \stdClass $data get_data()'s answer
     * @return array [rows: key => lastname, firstname, email, role, city; error: a message or null]
     */
    public function people(\stdClass $data): array {
        $rows = [];
        foreach ($data->email ?? [] as $i => $email) {
            $row = ['lastname' => $data->lastname[$i] ?? '', 'firstname' => $data->firstname[$i] ?? '', 'email' => $email,
                'role' => $data->role[$i] ?? '', 'city' => $data->city[$i] ?? ''];
            if (trim($row['lastname'] . $row['firstname'] . $row['email'] . $row['city']) !== '') {
                $rows['form-' . ($i + 1)] = $row;
            }
        }
        $file = $this->get_file_content('listfile');
        foreach (['list' => (string) ($data->list ?? ''), 'file' => $file === false ? '' : $file] as $source => $list) {
            if (trim($list) === '') {
                continue;
            }
            $read = participant_list::read($list);
            if ($read['error'] !== null) {
                return ['rows' => [], 'error' => $read['error']];
            }
            foreach ($read['rows'] as $n => $row) {
                $rows[$source . '-' . $n] = $row;
            }
        }
        return ['rows' => $rows, 'error' => $rows ? null : get_string('errorlistempty', 'shophandlers_std_setuponecoursesession')];
    }
}
