<?php
// Checks composer.json's php-ext section by the rules of PIE's schema (php/pie,
// resources/composer-json-php-ext-schema.json: key names, types, ranges, enums, the option-name
// pattern) and that it lists every option config.m4 accepts. Debian's composer 2.5 validates the
// rest of the file but predates the php-ext section. Prints "composer: N passed, N failed, 0 skipped".
$root = dirname(__DIR__);
$json = json_decode((string) file_get_contents("$root/composer.json"), true);
$checks = [];
$check = function (bool $ok, string $what) use (&$checks) {
    $checks[] = $ok;
    if (!$ok) {
        echo "composer.json: $what\n";
    }
};
$check(is_array($json), 'is valid JSON');
$check(in_array($json['type'] ?? null, ['php-ext', 'php-ext-zend'], true), 'type is php-ext or php-ext-zend');
$check(isset($json['require']['php']), 'requires a php version');
$ext = $json['php-ext'] ?? null;
$check(is_array($ext), 'has a php-ext section');
$ext = is_array($ext) ? $ext : [];
$known = ['extension-name', 'priority', 'support-zts', 'support-nts', 'build-path', 'override-download-url-method',
    'os-families', 'os-families-exclude', 'configure-options'];
$check(!array_diff(array_keys($ext), $known), 'php-ext has only keys PIE knows: ' . implode(', ', array_diff(array_keys($ext), $known)));
$check(($ext['extension-name'] ?? null) === 'shopsetup', 'extension-name is shopsetup');
$check(is_int($ext['priority'] ?? null) && $ext['priority'] >= 10 && $ext['priority'] <= 99, 'priority is an integer in 10..99');
foreach (['support-zts', 'support-nts'] as $key) {
    $check(is_bool($ext[$key] ?? null), "$key is a boolean");
}
$families = ['windows', 'bsd', 'darwin', 'solaris', 'linux', 'unknown'];
$check(!(isset($ext['os-families']) && isset($ext['os-families-exclude'])), 'not both os-families and os-families-exclude');
foreach (['os-families', 'os-families-exclude'] as $key) {
    if (isset($ext[$key])) {
        $check(is_array($ext[$key]) && $ext[$key] && !array_diff($ext[$key], $families), "$key lists known OS families");
    }
}
$names = [];
foreach ($ext['configure-options'] ?? [] as $i => $option) {
    $check(is_string($option['name'] ?? null) && preg_match('/^[a-zA-Z0-9][a-zA-Z0-9-_]*$/', $option['name']),
        "configure-options[$i].name matches PIE's pattern");
    $check(!isset($option['needs-value']) || is_bool($option['needs-value']), "configure-options[$i].needs-value is a boolean");
    $check(is_string($option['description'] ?? null) && $option['description'] !== '', "configure-options[$i] says what it does");
    $check(!array_diff(array_keys($option), ['name', 'needs-value', 'description']), "configure-options[$i] has only known keys");
    $names[] = $option['name'] ?? '';
}
preg_match_all('/PHP_ARG_(ENABLE|WITH)\(\[?([a-z0-9_-]+)/', (string) file_get_contents("$root/config.m4"), $m, PREG_SET_ORDER);
$check(count($m) > 0, 'config.m4 declares its options');
foreach ($m as [, $kind, $name]) {
    $flag = strtolower($kind) . '-' . str_replace('_', '-', $name);
    $check(in_array($flag, $names, true), "configure-options lists --$flag (config.m4)");
}
$failed = count(array_filter($checks, fn($ok) => !$ok));
printf("composer: %d passed, %d failed, 0 skipped\n", count($checks) - $failed, $failed);
exit($failed ? 1 : 0);
