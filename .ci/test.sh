#!/usr/bin/env bash
# Runs every test: builds first, starts a private MariaDB when SHOPSETUP_TEST_DB_* is not set (and
# stops it afterwards), then
#   - the phpt suite:                          "phpt: N passed, N failed, N skipped"
#   - the integration tests in a throw-away Moodle 4.5 + local_shop site (or MOODLE_DIR):
#                                              "integration: N passed, N failed, N skipped"
#   - Moodle's coding style over the plugin:   "moodle-phpcs: N passed, N failed, N skipped"
#   - the seats pages in a real browser:       "browser: N passed, N failed, N skipped"
#   .ci/test.sh              all of it
#   .ci/test.sh --valgrind   the phpt suite alone, under valgrind, definite leaks count as failures
#                            ("valgrind: N passed, N failed, N skipped")
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

db_dir=""
if [ -z "${SHOPSETUP_TEST_DB_HOST:-}" ]; then
    db_dir=$(mktemp -d /tmp/shopsetup-test-db.XXXXXX)
    db_port=${SHOPSETUP_TEST_DB_PORT_PRIVATE:-33518}
    trap '.ci/mariadb.sh stop "$db_dir" >/dev/null 2>&1; rm -rf "$db_dir"' EXIT
    .ci/mariadb.sh start "$db_dir" "$db_port" >/dev/null || { echo "phpt: 0 passed, 1 failed, 0 skipped"; exit 1; }
    eval "$(.ci/mariadb.sh env "$db_dir" "$db_port")"
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
make test TESTS="$options ${TESTS:-tests/}" </dev/null || rc=$?

passed=$(grep -Ec '^(PASSED|XFAILED)' "$results" 2>/dev/null || true)
failed=$(grep -Ec '^(FAILED|BORKED|LEAKED|WARNED|XLEAKED)' "$results" 2>/dev/null || true)
skipped=$(grep -c '^SKIPPED' "$results" 2>/dev/null || true)
suite=phpt
[ "$valgrind" = 1 ] && suite=valgrind
echo "$suite: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ] || rc=1
{ [ "$valgrind" = 1 ] || [ -n "${TESTS:-}" ]; } && exit $rc

moodle_plugin/run-integration-tests.sh || rc=1
.ci/style.sh || rc=1
.ci/browser.sh || rc=1
exit $rc
