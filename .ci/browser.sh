#!/usr/bin/env bash
# Browser tests of the handler's pages (tests/browser/): a throw-away Moodle site (.ci/moodle-site.sh)
# seeded by the plugin's fixtures/browser_seed.php, served by PHP's built-in server, driven by
# Debian's chromium through npm's playwright-core. Screenshots of every page go to
# $SHOPSETUP_CI_LOGS/browser (default /tmp/shopsetup-ci-logs/browser). Prints
# "browser: N passed, N failed, N skipped".
# Environment: SHOPSETUP_TEST_DB_* (a MariaDB; else a private one is started), SHOPSETUP_BROWSER_PORT
# (the web server's port, default 33581), SHOPSETUP_KEEP_SITE=1 keeps the site.
set -uo pipefail
cd "$(dirname "$0")/.."
export DEBIAN_FRONTEND=noninteractive NO_COLOR=1
summary() { echo "browser: $1 passed, $2 failed, 0 skipped"; }
die() { echo "browser: $*"; summary 0 1; exit 1; }

. .ci/packages.sh
ci_install_packages $CI_PACKAGES_BROWSER || die "could not install $CI_PACKAGES_BROWSER"
(cd tests/browser && npm ci --no-audit --no-fund >/dev/null 2>&1) || die "npm ci in tests/browser failed"
.ci/build.sh >/dev/null || die "the extension does not build"

port=${SHOPSETUP_BROWSER_PORT:-33581}
curl -s -o /dev/null "http://127.0.0.1:$port/" && die "port $port is in use (SHOPSETUP_BROWSER_PORT)"
work=$(mktemp -d /tmp/shopsetup-browser.XXXXXX)
site_dir=$work/site db_dir="" server=""
stop_server() {
    # The built-in server's workers are its children: stop them with it.
    [ -n "$server" ] && { pkill -P "$server" 2>/dev/null; kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; }
    server=""
}
cleanup() {
    stop_server
    if [ "${SHOPSETUP_KEEP_SITE:-0}" != 1 ]; then
        .ci/moodle-site.sh drop "$site_dir" >/dev/null 2>&1
        [ -n "$db_dir" ] && { .ci/mariadb.sh stop "$db_dir" >/dev/null 2>&1; rm -rf "$db_dir"; }
        rm -rf "$work"
    fi
}
trap cleanup EXIT
if [ -z "${SHOPSETUP_TEST_DB_HOST:-}" ]; then
    db_dir=$(mktemp -d /tmp/shopsetup-browser-db.XXXXXX)
    .ci/mariadb.sh start "$db_dir" "${SHOPSETUP_BROWSER_DB_PORT:-33524}" >/dev/null || die "could not start MariaDB"
    eval "$(.ci/mariadb.sh env "$db_dir" "${SHOPSETUP_BROWSER_DB_PORT:-33524}")"
fi

SHOPSETUP_MOODLE_WWWROOT=http://127.0.0.1:$port .ci/moodle-site.sh create "$site_dir" >"$work/site.log" 2>&1 \
    || { tail -20 "$work/site.log"; die "the throw-away site could not be installed"; }
moodle=$site_dir/moodle
php=$(.ci/moodle-site.sh php "$site_dir")
seed=$moodle/local/shop/datahandling/handlers/std_setuponecoursesession/tests/integration/fixtures/browser_seed.php
$php "$seed" >"$work/seed.json" 2>"$work/seed.log" || { tail -20 "$work/seed.log"; die "the site could not be seeded"; }

# Several workers: a page's own requests (styles, scripts, AJAX) come while it is served.
PHP_CLI_SERVER_WORKERS=4 $php -S "127.0.0.1:$port" -t "$moodle" >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 1 50); do
    curl -s -o /dev/null "http://127.0.0.1:$port/login/index.php" && break
    sleep 0.2
done

shots=${SHOPSETUP_CI_LOGS:-/tmp/shopsetup-ci-logs}/browser
echo "browser: site http://127.0.0.1:$port ($moodle), screenshots in $shots"
SHOPSETUP_BROWSER_URL=http://127.0.0.1:$port SHOPSETUP_BROWSER_SHOTS=$shots \
    SHOPSETUP_BROWSER_CRON="$php $moodle/admin/cli/adhoc_task.php --execute" node tests/browser/all.mjs "$work/seed.json"
rc=$?
[ "$rc" -eq 0 ] || { echo "browser: the end of the web server's log:"; grep -v Deprecated "$work/server.log" | tail -15; }
exit $rc
