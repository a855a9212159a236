#!/usr/bin/env bash
# Integration tests of the handler inside a real Moodle 4.5 site with local_shop (on MariaDB, or on
# PostgreSQL with SHOPSETUP_MOODLE_DBTYPE=pgsql: then the line is "integration-pgsql: ...").
#
#   moodle_plugin/run-integration-tests.sh [test-name...]
#   MOODLE_DIR=/path/to/moodle moodle_plugin/run-integration-tests.sh [test-name...]
#
# Without MOODLE_DIR it builds a throw-away site from the Moodle code tree of MOODLE_TREE, else from
# ../shared/moodle's tarball (.ci/moodle-site.sh says what such a tree holds when neither is there),
# on the MariaDB of SHOPSETUP_TEST_DB_* or on a private one it starts, as an admin gets it: installed
# with local_shop's original handler, then upgraded with the plugin's release zip
# (moodle_plugin/build-zip.sh); it removes the site afterwards (SHOPSETUP_KEEP_SITE=1 keeps it).
# With MOODLE_DIR it installs the handler into $MOODLE_DIR/local/shop/datahandling/handlers (the
# folder there is replaced; a copy of the previous one is kept in
# $MOODLE_DIR/../std_setuponecoursesession.before-shopsetup) and upgrades the site.
# Then it runs each tests/integration/*.php script in its own PHP process with the extension loaded
# and prints "integration: N passed, N failed, N skipped" (a test that cannot run is a failure).
set -uo pipefail
cd "$(dirname "$0")/.."
repo=$PWD

# On a PostgreSQL site (SHOPSETUP_MOODLE_DBTYPE=pgsql) the suite's line is integration-pgsql.
suite=integration
[ "${SHOPSETUP_MOODLE_DBTYPE:-mariadb}" = pgsql ] && suite=integration-pgsql
# .ci/replica.sh names its line.
suite=${SHOPSETUP_IT_SUITE:-$suite}
summary() { echo "$suite: $1 passed, $2 failed, 0 skipped"; }
abort() { echo "$suite: $*"; summary 0 1; exit 1; }

.ci/build.sh >/dev/null || abort "the extension does not build"

work=$(mktemp -d /tmp/shopsetup-it.XXXXXX)
db_dir="" pg_dir="" site_dir=""
cleanup() {
    if [ -n "$site_dir" ] && [ "${SHOPSETUP_KEEP_SITE:-0}" != 1 ]; then .ci/moodle-site.sh drop "$site_dir" >/dev/null 2>&1; fi
    if [ -n "$db_dir" ] && [ "${SHOPSETUP_KEEP_SITE:-0}" != 1 ]; then .ci/mariadb.sh stop "$db_dir" >/dev/null 2>&1; rm -rf "$db_dir"; fi
    if [ -n "$pg_dir" ] && [ "${SHOPSETUP_KEEP_SITE:-0}" != 1 ]; then .ci/postgres.sh stop "$pg_dir" >/dev/null 2>&1; rm -rf "$pg_dir"; fi
    rm -rf "$work"
}
trap cleanup EXIT

if [ -z "${MOODLE_DIR:-}" ]; then
    if [ "$suite" = integration-pgsql ] && [ -z "${SHOPSETUP_TEST_PG_HOST:-}" ]; then
        pg_dir=$(mktemp -d /tmp/shopsetup-it-pg.XXXXXX)
        .ci/postgres.sh start "$pg_dir" "${SHOPSETUP_IT_PG_PORT:-35523}" >/dev/null || abort "could not start PostgreSQL"
        eval "$(.ci/postgres.sh env "$pg_dir" "${SHOPSETUP_IT_PG_PORT:-35523}")"
    fi
    if [ -z "${SHOPSETUP_TEST_DB_HOST:-}" ]; then
        db_dir=$(mktemp -d /tmp/shopsetup-it-db.XXXXXX)
        db_port=${SHOPSETUP_IT_DB_PORT:-33523}
        .ci/mariadb.sh start "$db_dir" "$db_port" >/dev/null || abort "could not start MariaDB"
        eval "$(.ci/mariadb.sh env "$db_dir" "$db_port")"
    fi
    site_dir=$(mktemp -d /tmp/shopsetup-site.XXXXXX)
    zip=$(moodle_plugin/build-zip.sh "$work") || abort "the plugin zip could not be built"
    .ci/moodle-site.sh create "$site_dir" "$zip" | grep -v '^MOODLE_DIR=' || abort "the throw-away site could not be installed"
    export MOODLE_DIR=$site_dir/moodle
    php=$(.ci/moodle-site.sh php "$site_dir")
    [ "${SHOPSETUP_KEEP_SITE:-0}" = 1 ] && echo "$suite: the site is kept: MOODLE_DIR=$MOODLE_DIR"
else
    [ -f "$MOODLE_DIR/config.php" ] && [ -d "$MOODLE_DIR/local/shop/datahandling/handlers" ] \
        || abort "MOODLE_DIR=$MOODLE_DIR is not a Moodle site with local_shop"
    php="php -d max_input_vars=5000 -d memory_limit=1024M -d extension=$repo/modules/shopsetup.so"
    target="$MOODLE_DIR/local/shop/datahandling/handlers/std_setuponecoursesession"
    backup="$MOODLE_DIR/../std_setuponecoursesession.before-shopsetup"
    if [ -d "$target" ] && [ ! -d "$backup" ] && ! grep -q "shopsetup" "$target/version.php"; then
        cp -a "$target" "$backup"
    fi
    rm -rf "$target"
    cp -a moodle_plugin/std_setuponecoursesession "$target"
    $php "$MOODLE_DIR/admin/cli/upgrade.php" --non-interactive >"$work/upgrade.log" 2>&1 \
        || { tail -20 "$work/upgrade.log"; abort "upgrade failed"; }
    $php "$MOODLE_DIR/admin/cli/purge_caches.php" >/dev/null 2>&1
fi
target="$MOODLE_DIR/local/shop/datahandling/handlers/std_setuponecoursesession"

tests=("$@")
if [ ${#tests[@]} -eq 0 ]; then
    for f in "$target"/tests/integration/*.php; do
        name=$(basename "$f" .php)
        [ "$name" = lib ] || tests+=("$name")
    done
fi
passed=0 failed=0
for name in "${tests[@]}"; do
    start=${EPOCHREALTIME/./}
    $php "$target/tests/integration/$name.php" >"$work/test.log" 2>&1
    status=$?
    # local_shop's bundled Stripe library prints PHP 8.2 deprecation notices on load.
    grep -v '^\(PHP \)\?Deprecated:\|^$' "$work/test.log"
    echo "# $name: $(( (${EPOCHREALTIME/./} - start) / 1000 )) ms"
    if [ "$status" -eq 0 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAILED: $name"; fi
done
summary "$passed" "$failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
