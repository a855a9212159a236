#!/usr/bin/env bash
# Integration tests of the handler inside a real Moodle 4.5 site with local_shop.
#
#   MOODLE_DIR=/path/to/moodle moodle_plugin/run-integration-tests.sh [test-name...]
#
# Builds the extension, installs the handler into $MOODLE_DIR/local/shop/datahandling/handlers
# (the handler folder there is replaced; a copy of the previous one is kept in
# $MOODLE_DIR/../std_setuponecoursesession.before-shopsetup), upgrades the site, then runs each
# tests/integration/*.php script in its own PHP process with the extension loaded.
# Without MOODLE_DIR it says why it skipped and exits 0: CI has no Moodle site.
set -uo pipefail
cd "$(dirname "$0")/.."
repo=$PWD

if [ -z "${MOODLE_DIR:-}" ]; then
    echo "integration: skipped: MOODLE_DIR is not set (these tests need a Moodle 4.5 site with local_shop; see README)"
    exit 0
fi
if [ ! -f "$MOODLE_DIR/config.php" ] || [ ! -d "$MOODLE_DIR/local/shop/datahandling/handlers" ]; then
    echo "integration: MOODLE_DIR=$MOODLE_DIR is not a Moodle site with local_shop"
    exit 1
fi

.ci/build.sh >/dev/null || { echo "integration: the extension does not build"; exit 1; }
php="php -d extension=$repo/modules/shopsetup.so"

target="$MOODLE_DIR/local/shop/datahandling/handlers/std_setuponecoursesession"
backup="$MOODLE_DIR/../std_setuponecoursesession.before-shopsetup"
if [ -d "$target" ] && [ ! -d "$backup" ] && ! grep -q "shopsetup" "$target/version.php"; then
    cp -a "$target" "$backup"
fi
rm -rf "$target"
cp -a moodle_plugin/std_setuponecoursesession "$target"
$php "$MOODLE_DIR/admin/cli/upgrade.php" --non-interactive >/tmp/shopsetup-upgrade.log 2>&1 \
    || { tail -20 /tmp/shopsetup-upgrade.log; echo "integration: upgrade failed"; exit 1; }
$php "$MOODLE_DIR/admin/cli/purge_caches.php" >/dev/null 2>&1

tests=("$@")
if [ ${#tests[@]} -eq 0 ]; then
    for f in "$target"/tests/integration/*.php; do
        name=$(basename "$f" .php)
        [ "$name" = lib ] || tests+=("$name")
    done
fi
passed=0 failed=0
for name in "${tests[@]}"; do
    # local_shop's bundled Stripe library prints PHP 8.2 deprecation notices on load.
    MOODLE_DIR="$MOODLE_DIR" $php "$target/tests/integration/$name.php" >/tmp/shopsetup-it.log 2>&1
    status=$?
    grep -v '^\(PHP \)\?Deprecated:\|^$' /tmp/shopsetup-it.log
    if [ "$status" -eq 0 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAILED: $name"; fi
done
echo "integration: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
