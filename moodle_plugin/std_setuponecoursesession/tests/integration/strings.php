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
 * Language strings: English and French define the same keys with the same placeholders, and every
 * string the plugin's code asks for is defined.
 *
 * @package    shophandlers_std_setuponecoursesession
 * @copyright  2026 shopsetup contributors
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

define('CLI_SCRIPT', true);

require(__DIR__ . '/../../../../../../../config.php');
require_once(__DIR__ . '/lib.php');

$t = new shopsetup_it('strings');
$component = 'shophandlers_std_setuponecoursesession';
$root = realpath(__DIR__ . '/../..');

/**
 * The strings of a language file.
 *
 * @param string $file
 * @return array key => text
 */
function strings_of(string $file): array {
    $string = [];
    include($file);
    return $string;
}

/**
 * The placeholders of a string: {$a} and {$a->name}.
 *
 * @param string $text
 * @return string[]
 */
function placeholders(string $text): array {
    preg_match_all('/\{\$a(?:->(\w+))?\}/', $text, $m);
    $names = array_unique(array_map(function ($name) {
        return $name === '' ? '$a' : $name;
    }, $m[1]));
    sort($names);
    return $names;
}

$en = strings_of("$root/lang/en/$component.php");
$fr = strings_of("$root/lang/fr/$component.php");
$t->check(count($en) > 0, 'the English pack has strings');
$t->same([], array_values(array_diff(array_keys($en), array_keys($fr))), 'every English key is in the French pack');
$t->same([], array_values(array_diff(array_keys($fr), array_keys($en))), 'every French key is in the English pack');
$keys = array_keys($en);
$sorted = $keys;
sort($sorted, SORT_STRING);
$t->same($sorted, $keys, 'the English keys are in alphabetical order (Moodle style)');
$mismatch = [];
foreach (array_intersect_key($en, $fr) as $key => $text) {
    if (placeholders($text) !== placeholders($fr[$key])) {
        $mismatch[] = $key;
    }
}
$t->same([], $mismatch, 'English and French strings use the same placeholders');
$t->check(isset($en['pluginname']), 'pluginname is defined');

// The identifiers the code asks for.
$used = [];
$files = new RecursiveIteratorIterator(new RecursiveDirectoryIterator($root, FilesystemIterator::SKIP_DOTS));
foreach ($files as $file) {
    $path = substr($file->getPathname(), strlen($root) + 1);
    if ($file->getExtension() !== 'php' || preg_match('~^(lang|tests)/~', $path)) {
        continue;
    }
    $code = file_get_contents($file->getPathname());
    // Calls get_string('key', <this component>) and new moodle_exception('key', <this component>), the
    // component spelled out, as a constant, or as $c.
    preg_match_all("/(?:get_string|moodle_exception)\(\s*'([^']+)'\s*,\s*" .
        "('shophandlers_std_setuponecoursesession'|(?:self|session_setup)::COMPONENT|\\\$c\b|\\\$component\b)/", $code, $m);
    foreach ($m[1] as $key) {
        $used[$key][] = $path;
    }
    // Calls get_string('prefix' . $something, <this component>): a family of keys.
    preg_match_all("/get_string\(\s*'([^']+)'\s*\.\s*\\\$/", $code, $m);
    foreach ($m[1] as $prefix) {
        $family = array_filter($keys, function ($key) use ($prefix) {
            return strpos($key, $prefix) === 0;
        });
        $t->check((bool) $family, "$path: strings exist for get_string('$prefix' . ...)");
    }
    // Helpers that take an identifier of this component: $add('level', 'key') and $row('key', ...).
    preg_match_all("/\\\$(?:add\(\s*'\w+'\s*,|row\()\s*'([^']+)'/", $code, $m);
    foreach ($m[1] as $key) {
        $used[$key][] = $path;
    }
    // Privacy metadata identifiers.
    preg_match_all("/'(privacy:metadata:[^']+)'/", $code, $m);
    foreach ($m[1] as $key) {
        $used[$key][] = $path;
    }
}
// The CLI's per-person lines: 'cliperson' . status, for every status a plan gives.
foreach (['created', 'matched', 'suspended'] as $status) {
    $used["cliperson$status"][] = 'cli/setup_session.php';
}
// The message of environment.xml.
preg_match_all('/message="([^"]+)"\s+plugin="' . $component . '"/', file_get_contents("$root/environment.xml"), $m);
foreach ($m[1] as $key) {
    $used[$key][] = 'environment.xml';
}
$t->check(count($used) > 20, 'the code asks for ' . count($used) . ' strings of the component');
foreach ($used as $key => $paths) {
    $t->check(
        isset($en[$key]) && get_string_manager()->string_exists($key, $component),
        "'$key' (" . implode(', ', array_unique($paths)) . ') is defined'
    );
}
$unused = array_diff($keys, array_keys($used), ['pluginname', 'handlername']);
if ($unused) {
    echo '# defined but not asked for by name in the code: ' . implode(', ', $unused) . "\n";
}
$t->done();
