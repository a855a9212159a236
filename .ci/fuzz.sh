#!/usr/bin/env bash
# Fuzzes the pure C core: builds every fuzz/fuzz_<target>.c with Debian's clang under libFuzzer,
# ASan and UBSan (-fno-sanitize-recover=all), runs each target for a bounded time on its committed
# seed corpus (fuzz/corpus/<target>/) and regression inputs (fuzz/regressions/<target>/), and
# prints "fuzz: N targets, N inputs, N failures". Exits non-zero on any crash, sanitizer report,
# leak, timeout or failed check.
#
#   .ci/fuzz.sh                      every target, SHOPSETUP_FUZZ_TIME seconds each (default 20)
#   .ci/fuzz.sh params email         only these targets
#
# Environment: SHOPSETUP_FUZZ_TIME (seconds per target), SHOPSETUP_FUZZ_KEEP=1 (keep the work
# directory). New corpus entries and crash artifacts go to a temporary directory, never to the
# repository; it is kept (and named) when something fails.
set -uo pipefail
cd "$(dirname "$0")/.."
export DEBIAN_FRONTEND=noninteractive

summary() { echo "fuzz: $1 targets, $2 inputs, $3 failures"; }

. .ci/packages.sh
ci_install_packages $CI_PACKAGES_FUZZ || { echo "fuzz: could not install the packages" >&2; summary 0 0 1; exit 1; }

targets=()
for arg in "$@"; do
    case $arg in
        -*) echo "usage: $0 [TARGET...]" >&2; exit 2 ;;
        *) targets+=("$arg") ;;
    esac
done
if [ ${#targets[@]} -eq 0 ]; then
    for f in fuzz/fuzz_*.c; do
        t=${f#fuzz/fuzz_}
        targets+=("${t%.c}")
    done
fi
seconds=${SHOPSETUP_FUZZ_TIME:-20}

work=$(mktemp -d /tmp/shopsetup-fuzz.XXXXXX)
keep=${SHOPSETUP_FUZZ_KEEP:-0}
trap '[ "$keep" = 1 ] || rm -rf "$work"' EXIT
mkdir -p "$work/gen" "$work/obj"

cc=clang
sanitize="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
cflags="-g -O1 -std=gnu11 -Wall -Wextra -Wno-unused-parameter -Werror $sanitize"
includes="-Iext_src -Ifuzz"

build_failed() {
    echo "fuzz: build failed: $1" >&2
    tail -40 "$work/build.log" >&2
    keep=1
    summary "${#targets[@]}" 0 "${#targets[@]}"
    exit 1
}

# The core: the re2c lexers generated into the work directory (same flags as Makefile.frag),
# every pure C file compiled with coverage instrumentation (the driver too). shopsetup_sql.c builds
# statements for the database stores (shopsetup_mysql.c over libmysqlclient, shopsetup_pgsql.c over
# libpq), which are not part of the fuzzed core.
core_objs=()
for re in params utf8 email; do
    (cd ext_src && re2c -W -Werror --no-generation-date --no-version -o "$work/gen/shopsetup_$re.c" "shopsetup_$re.re") \
        >>"$work/build.log" 2>&1 || build_failed "re2c shopsetup_$re.re"
done
for src in "$work"/gen/shopsetup_*.c ext_src/shopsetup_buf.c ext_src/shopsetup_config.c ext_src/shopsetup_roster.c \
        ext_src/shopsetup_username.c ext_src/shopsetup_plan.c ext_src/shopsetup_driver.c; do
    obj="$work/obj/$(basename "${src%.c}").o"
    $cc $cflags -fsanitize=fuzzer-no-link $includes -c "$src" -o "$obj" >>"$work/build.log" 2>&1 || build_failed "$src"
    core_objs+=("$obj")
done

libs_email="-lpcre2-8"
declare -A max_len=([utf8]=1024 [params]=1024 [email]=400 [username]=1024 [config]=1024 [plan]=4096)

total_inputs=0
failures=0
for t in "${targets[@]}"; do
    [ -f "fuzz/fuzz_$t.c" ] || { echo "fuzz: no such target: $t" >&2; failures=$((failures + 1)); continue; }
    libs_var="libs_$t"
    if ! $cc $cflags -fsanitize=fuzzer $includes "fuzz/fuzz_$t.c" "${core_objs[@]}" ${!libs_var:-} -o "$work/fuzz_$t" \
            >>"$work/build.log" 2>&1; then
        echo "fuzz: build of fuzz_$t failed:" >&2
        tail -20 "$work/build.log" >&2
        failures=$((failures + 1))
        keep=1
        continue
    fi

    mkdir -p "$work/corpus/$t" "$work/artifacts/$t"
    dirs=("$work/corpus/$t")   # new inputs go here, not into the repository
    [ -d "fuzz/corpus/$t" ] && dirs+=("fuzz/corpus/$t")
    [ -d "fuzz/regressions/$t" ] && dirs+=("fuzz/regressions/$t")
    options=(-max_total_time="$seconds" -print_final_stats=1 -timeout=10 -rss_limit_mb=1024
        -max_len="${max_len[$t]:-4096}" -artifact_prefix="$work/artifacts/$t/" -close_fd_mask=1)
    [ -f "fuzz/$t.dict" ] && options+=(-dict="fuzz/$t.dict")

    log="$work/$t.log"
    rc=0
    ASAN_OPTIONS="detect_leaks=1:quarantine_size_mb=64:malloc_context_size=20" \
        UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1" \
        "$work/fuzz_$t" "${options[@]}" "${dirs[@]}" >"$log" 2>&1 || rc=$?
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | tail -1 | grep -o '[0-9]*$' || true)
    total_inputs=$((total_inputs + ${runs:-0}))
    if [ "$rc" -ne 0 ] || [ -z "$runs" ] || grep -qE 'ERROR: (Address|Leak|Undefined)Sanitizer|runtime error:|shopsetup fuzz: check failed' "$log" \
            || [ -n "$(ls -A "$work/artifacts/$t")" ]; then
        failures=$((failures + 1))
        keep=1
        {
            echo "fuzz: target $t failed (exit $rc), log $log, artifacts in $work/artifacts/$t/:"
            grep -E -A25 'ERROR: (Address|Leak|Undefined)Sanitizer|runtime error:|shopsetup fuzz: check failed|deadly signal|ERROR: libFuzzer' "$log" | head -60
            ls "$work/artifacts/$t"
        } >&2
    fi
done

[ "$keep" = 1 ] && [ "$failures" -gt 0 ] && echo "fuzz: work directory kept: $work" >&2
summary "${#targets[@]}" "$total_inputs" "$failures"
[ "$failures" -eq 0 ]
