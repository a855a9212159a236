#!/usr/bin/env bash
# Runs every test: builds first, starts a private MariaDB when SHOPSETUP_TEST_DB_* is not set and a
# private PostgreSQL when SHOPSETUP_TEST_PG_* is not set (and stops them afterwards), then
#   - the phpt suite:                          "phpt: N passed, N failed, N skipped"
#     its PostgreSQL tests (tests/pg_*.phpt):  "phpt-pgsql: N passed, N failed, N skipped"
#   - the integration tests in a throw-away Moodle 4.5 + local_shop site (or MOODLE_DIR):
#                                              "integration: N passed, N failed, N skipped"
#     and in a throw-away site on PostgreSQL:  "integration-pgsql: N passed, N failed, N skipped"
#   - Moodle's coding style over the plugin:   "moodle-phpcs: N passed, N failed, N skipped"
#   - the seats pages in a real browser:       "browser: N passed, N failed, N skipped"
#   .ci/test.sh              all of it
#   .ci/test.sh --valgrind   the phpt suite alone, under valgrind, definite leaks count as failures
#                            ("valgrind: N passed, N failed, N skipped", "valgrind-pgsql: ...")
# Environment: PHPT_RESULTS (results file, default phpt-results.txt), TESTS (paths, default tests/).
set -uo pipefail
cd "$(dirname "$0")/.."
export NO_INTERACTION=1 NO_COLOR=1

valgrind=0
[ "${1:-}" = "--valgrind" ] && valgrind=1

.ci/build.sh || { echo "phpt: 0 passed, 1 failed, 0 skipped"; exit 1; }
if [ "$valgrind" = 1 ]; then
    . .ci/packages.sh
    ci_install_packages $CI_PACKAGES_VALGRIND || { echo "valgrind: 0 passed, 1 failed, 0 skipped"; exit 1; }
fi

db_dir="" pg_dir=""
stop_servers() {
    if [ -n "$db_dir" ]; then .ci/mariadb.sh stop "$db_dir" >/dev/null 2>&1; rm -rf "$db_dir"; fi
    if [ -n "$pg_dir" ]; then .ci/postgres.sh stop "$pg_dir" >/dev/null 2>&1; rm -rf "$pg_dir"; fi
}
trap stop_servers EXIT
if [ -z "${SHOPSETUP_TEST_DB_HOST:-}" ]; then
    db_dir=$(mktemp -d /tmp/shopsetup-test-db.XXXXXX)
    db_port=${SHOPSETUP_TEST_DB_PORT_PRIVATE:-33518}
    .ci/mariadb.sh start "$db_dir" "$db_port" >/dev/null || { echo "phpt: 0 passed, 1 failed, 0 skipped"; exit 1; }
    eval "$(.ci/mariadb.sh env "$db_dir" "$db_port")"
fi
if [ -z "${SHOPSETUP_TEST_PG_HOST:-}" ]; then
    . .ci/packages.sh
    ci_install_packages $CI_PACKAGES_POSTGRES || { echo "phpt-pgsql: 0 passed, 1 failed, 0 skipped"; exit 1; }
    pg_dir=$(mktemp -d /tmp/shopsetup-test-pg.XXXXXX)
    pg_port=${SHOPSETUP_TEST_PG_PORT_PRIVATE:-35518}
    .ci/postgres.sh start "$pg_dir" "$pg_port" >/dev/null || { echo "phpt-pgsql: 0 passed, 1 failed, 0 skipped"; exit 1; }
    eval "$(.ci/postgres.sh env "$pg_dir" "$pg_port")"
fi

results=${PHPT_RESULTS:-phpt-results.txt}
rm -f "$results"
options="--show-diff -q -W $results"
if [ "$valgrind" = 1 ]; then
    # Tests that start a MariaDB of their own: the server is not the code under test.
    export VALGRIND_OPTS="--leak-check=full --show-leak-kinds=definite --errors-for-leak-kinds=definite --trace-children-skip=*/mariadbd,*/mariadb-install-db"
    options="$options -m -j$(nproc)"
fi
rc=0
# tests/cluster/ needs the Galera cluster of .ci/cluster.sh: only the top folder here.
make test TESTS="$options ${TESTS:-$(echo tests/*.phpt)}" </dev/null || rc=$?

suite=phpt
[ "$valgrind" = 1 ] && suite=valgrind
# One line for the PostgreSQL tests, one for the rest (a part TESTS leaves empty is not printed).
printed=0
for part in "$suite" "$suite-pgsql"; do
    if [ "$part" = "$suite" ]; then lines=$(grep -v 'tests/pg_[a-z0-9_]*\.phpt' "$results" 2>/dev/null)
    else lines=$(grep 'tests/pg_[a-z0-9_]*\.phpt' "$results" 2>/dev/null); fi
    passed=$(grep -Ec '^(PASSED|XFAILED)' <<<"$lines" || true)
    failed=$(grep -Ec '^(FAILED|BORKED|LEAKED|WARNED|XLEAKED)' <<<"$lines" || true)
    skipped=$(grep -c '^SKIPPED' <<<"$lines" || true)
    [ $((passed + failed + skipped)) -eq 0 ] && continue
    printed=1
    echo "$part: $passed passed, $failed failed, $skipped skipped"
    [ "$failed" -eq 0 ] && [ "$passed" -gt 0 ] || rc=1
done
[ "$printed" = 1 ] || { echo "$suite: 0 passed, 1 failed, 0 skipped"; rc=1; }
{ [ "$valgrind" = 1 ] || [ -n "${TESTS:-}" ]; } && exit $rc

moodle_plugin/run-integration-tests.sh || rc=1
# The same suite on a PostgreSQL site, through the native PostgreSQL store: "integration-pgsql".
[ -n "${MOODLE_DIR:-}" ] || SHOPSETUP_MOODLE_DBTYPE=pgsql moodle_plugin/run-integration-tests.sh || rc=1
.ci/style.sh || rc=1
.ci/browser.sh || rc=1
exit $rc
