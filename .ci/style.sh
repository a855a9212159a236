#!/usr/bin/env bash
# Moodle's coding style (moodle-cs, standard moodle-extra) over the plugin, its CLI and its tests.
# Prints "moodle-phpcs: N passed, N failed, 0 skipped" (files without / with an error or warning);
# any error or warning fails.
set -uo pipefail
cd "$(dirname "$0")/.."
. .ci/shared.sh
phpcs=${SHOPSETUP_MOODLE_PHPCS:-$(ci_shared_dir)/tools/moodle-phpcs}
[ -x "$phpcs" ] || { echo "style: $phpcs not found"; echo "moodle-phpcs: 0 passed, 1 failed, 0 skipped"; exit 1; }
report=$(mktemp)
trap 'rm -f "$report"' EXIT
"$phpcs" --report=json --report-file="$report" -q moodle_plugin >/dev/null 2>&1
php -r '
    $r = json_decode(file_get_contents($argv[1]), true);
    if (!is_array($r) || !isset($r["files"])) {
        echo "style: moodle-phpcs gave no report\nmoodle-phpcs: 0 passed, 1 failed, 0 skipped\n";
        exit(1);
    }
    $failed = 0;
    foreach ($r["files"] as $path => $file) {
        foreach ($file["messages"] as $m) {
            printf("%s:%d: %s %s (%s)\n", $path, $m["line"], $m["type"], $m["message"], $m["source"]);
        }
        $failed += ($file["errors"] + $file["warnings"]) > 0;
    }
    printf("moodle-phpcs: %d passed, %d failed, 0 skipped\n", count($r["files"]) - $failed, $failed);
    exit($failed || !$r["files"] ? 1 : 0);
' "$report"
