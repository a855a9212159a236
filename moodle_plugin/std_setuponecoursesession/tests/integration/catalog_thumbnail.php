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
 * The catalog thumbnail of a product: the course overview image, when narrower than 800 px, of the course
 * named by coursename, courseidnumber or courseid; none without such an image or course.
 *
 * @package    shophandlers_std_setuponecoursesession
 * @copyright  2026 shopsetup contributors
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

define('CLI_SCRIPT', true);

require(__DIR__ . '/../../../../../../../config.php');
require_once(__DIR__ . '/lib.php');
require_once($CFG->dirroot . '/local/shop/datahandling/handlers/std_setuponecoursesession/std_setuponecoursesession.class.php');

$t = new shopsetup_it('catalog_thumbnail');
$course = $t->course();
$DB->set_field('course', 'idnumber', "ID$t->tag", ['id' => $course->id]);
$bare = $t->course('bare');
$wide = $t->course('wide');

/**
 * A PNG image of a given width.
 *
 * @param int $width
 * @return string
 */
function thumbnail_png(int $width): string {
    $image = imagecreatetruecolor($width, 10);
    ob_start();
    imagepng($image);
    return ob_get_clean();
}

$fs = get_file_storage();
foreach ([[$course, 'small.png', 300], [$wide, 'wide.png', 1200]] as [$owner, $name, $width]) {
    $fs->create_file_from_string(['contextid' => context_course::instance($owner->id)->id, 'component' => 'course',
        'filearea' => 'overviewfiles', 'itemid' => 0, 'filepath' => '/', 'filename' => $name], thumbnail_png($width));
}

$handler = new shop_handler_std_setuponecoursesession('');
$thumbnail = function (string $params) use ($t, $DB, $handler) {
    $code = $t->product($params);
    $item = new \local_shop\CatalogItem($DB->get_field('local_shop_catalogitem', 'id', ['code' => $code]));
    return $handler->get_alternative_thumbnail_url($item);
};
foreach (["coursename={$course->shortname}", "courseidnumber=ID$t->tag", "courseid={$course->id}"] as $params) {
    $url = $thumbnail($params);
    $t->check(
        is_string($url) && str_ends_with($url, '/course/overviewfiles/small.png'),
        "$params: the image narrower than 800 px"
    );
}
$t->same(null, $thumbnail("coursename={$bare->shortname}"), 'a course without an overview image: none');
$t->same(null, $thumbnail("coursename={$wide->shortname}"), 'an overview image of 800 px or more: none');
$t->same(null, $thumbnail("coursename=NO$t->tag"), 'no such course: none');
$t->done();
