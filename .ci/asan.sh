#!/usr/bin/env bash
# Runs the whole phpt suite against the extension built with ASan and UBSan, PHP itself
# uninstrumented. Builds in a temporary copy of the sources (the in-place modules/shopsetup.so
# of .ci/build.sh and .ci/test.sh is never touched), starts a private MariaDB when
# SHOPSETUP_TEST_DB_* is not set (port SHOPSETUP_ASAN_DB_PORT, default 33522) and a private
# PostgreSQL when SHOPSETUP_TEST_PG_* is not set (SHOPSETUP_ASAN_PG_PORT, default 35522), prints
# "asan: N passed, N failed, N skipped" and fails on any failed test or sanitizer report.
#
#   .ci/asan.sh                 the suite
#   TESTS="tests/params_*.phpt" .ci/asan.sh    some tests (paths relative to the repository)
#
# How: Debian's clang builds the extension with -fsanitize=address,undefined
# -fno-sanitize-recover=all against the shared sanitizer runtime (libclang_rt.asan, which holds
# UBSan too); tests run with LD_PRELOAD of .ci/shopsetup_nodeepbind.c (PHP dlopen()s extensions
# with RTLD_DEEPBIND, which ASan refuses) and that runtime, and USE_ZEND_ALLOC=0 so that PHP's
# request allocations go through malloc and ASan sees them. Reports go to files (log_path of
# ASAN_OPTIONS and UBSAN_OPTIONS) in the work directory, so a report fails the run even in a test
# that passed; the outputs of failed tests are searched too. (gcc's separate libubsan ignores
# log_path when ASan is loaded, hence clang.)
#
# Leak detection is off (detect_leaks=0): PHP and the libraries it loads (libmariadb, OpenSSL,
# mysqlnd) leave allocations for the OS at exit and the uninstrumented frames give LeakSanitizer
# no usable stacks, so its reports would be noise unrelated to the extension; definite leaks of
# the extension are checked with full stacks by valgrind (.ci/test.sh --valgrind).
set -uo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
export DEBIAN_FRONTEND=noninteractive NO_INTERACTION=1 NO_COLOR=1

summary() { echo "asan: $1 passed, $2 failed, $3 skipped"; }
die() { echo "asan: $*" >&2; summary 0 1 0; exit 1; }

. .ci/packages.sh
ci_install_packages $CI_PACKAGES_BUILD $CI_PACKAGES_DATABASE $CI_PACKAGES_POSTGRES $CI_PACKAGES_ASAN || die "could not install the packages"

work=$(mktemp -d /tmp/shopsetup-asan.XXXXXX)
keep=0
db_dir="" pg_dir=""
cleanup() {
    if [ -n "$db_dir" ]; then
        "$repo/.ci/mariadb.sh" stop "$db_dir" >/dev/null 2>&1
        rm -rf "$db_dir"
    fi
    if [ -n "$pg_dir" ]; then
        "$repo/.ci/postgres.sh" stop "$pg_dir" >/dev/null 2>&1
        rm -rf "$pg_dir"
    fi
    if [ "$keep" = 1 ]; then
        echo "asan: work directory kept: $work" >&2
    else
        rm -rf "$work"
    fi
}
trap cleanup EXIT

# A copy of the sources as they are in the working tree (tracked and new files, nothing ignored).
src="$work/src"
mkdir -p "$src"
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    git ls-files -z --cached --others --exclude-standard | tar --null -T - -cf - | tar -xf - -C "$src"
else
    # not a git checkout: the sources without what phpize, configure and make leave in place
    tar --exclude=./.run --exclude=./modules --exclude=./.libs --exclude=./build --exclude=./autom4te.cache \
        --exclude=./Makefile --exclude=./config.status --exclude=./libtool --exclude='*.lo' --exclude='*.o' \
        --exclude='*.la' -cf - . | tar -xf - -C "$src"
fi || die "could not copy the sources"

sanitize="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all"
cflags="-g -O1 -Wall -Wextra -Wno-unused-parameter $sanitize"
(
    cd "$src" || exit 1
    phpize >/dev/null || exit 1
    mkdir -p build/PHP-Parser-4.15.1 && ln -sfn /usr/share/php build/PHP-Parser-4.15.1/lib
    # the sanitizer flags at make time only: configure's test programs could not find the shared runtime
    CC=clang ./configure --enable-shopsetup >/dev/null || exit 1
    make -j"$(nproc)" CFLAGS="$cflags" LDFLAGS="$sanitize -shared-libasan" >/dev/null || exit 1
) >"$work/build.log" 2>&1 || { tail -40 "$work/build.log" >&2; keep=1; die "build failed"; }
module="$src/modules/shopsetup.so"
symbols=$(nm -D --undefined-only "$module")
grep -q __asan_report_load <<<"$symbols" && grep -q __ubsan_handle <<<"$symbols" \
    || { keep=1; die "$module is not instrumented with ASan and UBSan"; }

clang -shared -fPIC -O2 -Wall -Wextra -Werror -o "$work/shopsetup_nodeepbind.so" .ci/shopsetup_nodeepbind.c -ldl \
    >>"$work/build.log" 2>&1 || { tail -20 "$work/build.log" >&2; keep=1; die "could not build the RTLD_DEEPBIND shim"; }
runtime=$(clang -print-file-name=libclang_rt.asan-x86_64.so)
[ -f "$runtime" ] || die "the sanitizer runtime is not there: $runtime"

if [ -z "${SHOPSETUP_TEST_DB_HOST:-}" ]; then
    db_dir=$(mktemp -d /tmp/shopsetup-asan-db.XXXXXX)
    db_port=${SHOPSETUP_ASAN_DB_PORT:-33522}
    .ci/mariadb.sh start "$db_dir" "$db_port" >"$work/mariadb.log" 2>&1 || { cat "$work/mariadb.log" >&2; die "could not start MariaDB"; }
    eval "$(.ci/mariadb.sh env "$db_dir" "$db_port")"
fi
if [ -z "${SHOPSETUP_TEST_PG_HOST:-}" ]; then
    pg_dir=$(mktemp -d /tmp/shopsetup-asan-pg.XXXXXX)
    pg_port=${SHOPSETUP_ASAN_PG_PORT:-35522}
    .ci/postgres.sh start "$pg_dir" "$pg_port" >"$work/postgres.log" 2>&1 || { cat "$work/postgres.log" >&2; die "could not start PostgreSQL"; }
    eval "$(.ci/postgres.sh env "$pg_dir" "$pg_port")"
fi

# The PHP every test (and run-tests.php itself) runs: the system's, with the sanitizer runtime.
cat >"$work/php" <<WRAPPER
#!/bin/sh
LD_PRELOAD="$work/shopsetup_nodeepbind.so:$runtime\${LD_PRELOAD:+:\$LD_PRELOAD}" exec /usr/bin/php "\$@"
WRAPPER
chmod +x "$work/php"

mkdir -p "$work/reports"
results="$work/results.txt"
tests=${TESTS:-$(echo tests/*.phpt)}  # tests/cluster/: .ci/cluster.sh
rc=0
(
    cd "$src" || exit 1
    # Only the PHP processes get the sanitizer runtime (through the wrapper), not make or the shell.
    export USE_ZEND_ALLOC=0 ZEND_DONT_UNLOAD_MODULES=1
    export ASAN_OPTIONS="detect_leaks=0:verify_asan_link_order=0:halt_on_error=1:abort_on_error=0:log_path=$work/reports/asan:log_exe_name=1"
    export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:log_path=$work/reports/ubsan:log_exe_name=1"
    export ASAN_SYMBOLIZER_PATH=$(command -v llvm-symbolizer-14 || command -v llvm-symbolizer || true)
    make test PHP_EXECUTABLE="$work/php" \
        TESTS="--show-diff -q -j$(nproc) --set-timeout 300 -W $results $tests" </dev/null
) >"$work/tests.log" 2>&1 || rc=$?

passed=$(grep -Ec '^(PASSED|XFAILED)' "$results" 2>/dev/null || true)
failed=$(grep -Ec '^(FAILED|BORKED|LEAKED|WARNED|XLEAKED)' "$results" 2>/dev/null || true)
skipped=$(grep -c '^SKIPPED' "$results" 2>/dev/null || true)

reports=$(ls -A "$work/reports")
# Reports that did not reach a log file (a test that captures its own stderr, a forked child).
stray=$(grep -rlE 'ERROR: AddressSanitizer|runtime error:|SUMMARY: (Address|UndefinedBehavior)Sanitizer' \
    "$src/tests" --include='*.out' --include='*.diff' --include='*.log' 2>/dev/null || true)
if [ -n "$reports" ] || [ -n "$stray" ]; then
    keep=1
    {
        echo "asan: sanitizer reports:"
        for f in "$work"/reports/* $stray; do
            [ -f "$f" ] || continue
            echo "--- $f"
            head -40 "$f"
        done
    } >&2
    [ "$failed" -gt 0 ] || failed=1
fi
if [ "$rc" -ne 0 ] || [ "$failed" -gt 0 ] || [ "$passed" -eq 0 ]; then
    keep=1
    grep -E '^(FAILED|BORKED|LEAKED|WARNED|XLEAKED)' "$results" >&2 2>/dev/null
    [ "$passed" -gt 0 ] || tail -30 "$work/tests.log" >&2
    [ "$failed" -gt 0 ] || failed=1
fi
summary "$passed" "$failed" "$skipped"
[ "$keep" = 0 ]
