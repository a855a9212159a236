#!/usr/bin/env bash
# In-Moodle benchmark: the handler (native store, dml store) against Moodle's own APIs in a loop, N participants
# (half existing, one tutor per ten learners), each timed run in its own PHP process from its own fresh state.
#
#   bench/moodle/run.sh                      throw-away site (.ci/moodle-site.sh) on a private MariaDB
#   MOODLE_DIR=/path/to/moodle bench/moodle/run.sh   an existing site (the handler installed in it)
#
# Settings: BENCH_COURSES (default "full plain": a course with a quiz and a forum, and one without), BENCH_SIZES (default 100,1000,10000), BENCH_REPS (3), BENCH_REPS_LARGE (reps for N >= 10000, default 1),
# BENCH_SIDES ("native native0 dml api"; native0: the native store with deliverybudget 0), BENCH_PROFILE_N (1000; empty: no profile), BENCH_PROFILE_COURSE (the first of BENCH_COURSES), BENCH_PORT (33641),
# BENCH_OUT (results directory, default bench/results/moodle: runs.jsonl, profile-*.json, summary.txt, machine.txt).
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$PWD
sizes=${BENCH_SIZES:-100,1000,10000}
courses=(${BENCH_COURSES:-full plain})
reps=${BENCH_REPS:-3}
repslarge=${BENCH_REPS_LARGE:-1}
sides=(${BENCH_SIDES:-native native0 dml api})
profilen=${BENCH_PROFILE_N-1000}
port=${BENCH_PORT:-33641}
dbdir=/tmp/shopsetup-bench-moodle-db
sitedir=/tmp/shopsetup-bench-moodle-site
out=${BENCH_OUT:-$repo/bench/results/moodle}
mkdir -p "$out"
rm -f "$out"/runs.jsonl "$out"/profile-*.json

. .ci/packages.sh && ci_install_packages php-excimer || { echo "bench: php-excimer could not be installed" >&2; exit 1; }
.ci/build.sh >"$out/build.log" 2>&1 || { tail -20 "$out/build.log"; exit 1; }

cleanup() {
    if [ -z "${keep_site:-}" ]; then
        .ci/moodle-site.sh drop "$sitedir" >/dev/null 2>&1 || true
        .ci/mariadb.sh stop "$dbdir" >/dev/null 2>&1 || true
        rm -rf "$dbdir"
    fi
}
if [ -z "${MOODLE_DIR:-}" ]; then
    trap cleanup EXIT
    .ci/mariadb.sh start "$dbdir" "$port"
    eval "$(.ci/mariadb.sh env "$dbdir" "$port")"
    .ci/moodle-site.sh create "$sitedir" | tee "$out/site.log"
    export MOODLE_DIR=$sitedir/moodle
    scan="PHP_INI_SCAN_DIR=:$sitedir/php.d"
else
    scan="PHP_INI_SCAN_DIR=${PHP_INI_SCAN_DIR:-}"
fi
php=(env "$scan" php -d extension="$repo/modules/shopsetup.so" -d memory_limit=2048M -d max_input_vars=5000)
php -m | grep -qx excimer || php+=(-d extension=excimer)

{ echo "cpu: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2)"; uname -r; php -r 'echo "php ", PHP_VERSION, "\n";'
  mariadb --version; echo "source: $(git rev-parse --short HEAD)"; echo "load at start: $(cut -d' ' -f1-3 /proc/loadavg)"; } >"$out/machine.txt"

state=$(mktemp /tmp/shopsetup-bench-state.XXXXXX)
one() { # N SIDE [PROFILEFILE]
    "${php[@]}" bench/moodle/prepare.php "$1" "$2" "$state" >>"$out/prepare.log" 2>&1 || { tail -20 "$out/prepare.log"; exit 1; }
    sleep 0.3
    "${php[@]}" bench/moodle/run.php "$state" ${3:+"$3"} 2>>"$out/run.err" | grep '^{' || { tail -20 "$out/run.err"; exit 1; }
}

for side in "${sides[@]}"; do   # warm-up of the fresh site's caches (MUC, language strings, themes), not timed
    one 100 "$side" >/dev/null
done
for course in "${courses[@]}"; do
    export BENCH_COURSE=$course
    for n in ${sizes//,/ }; do
        r=$reps; [ "$n" -ge 10000 ] && r=$repslarge
        for rep in $(seq 1 "$r"); do
            for k in "${!sides[@]}"; do   # rotating order, a different side first in each repetition
                side=${sides[$(((k + rep) % ${#sides[@]}))]}
                line=$(one "$n" "$side")
                echo "$line" >>"$out/runs.jsonl"
                echo "$course N=$n rep $rep $side: $line" | cut -c1-160
            done
        done
    done
done
if [ -n "$profilen" ]; then
    export BENCH_COURSE=${BENCH_PROFILE_COURSE:-${courses[0]}}
    for side in "${sides[@]}"; do
        one "$profilen" "$side" "$out/profile-$BENCH_COURSE-$side-$profilen.json" >/dev/null
    done
fi
echo "load at end: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$out/machine.txt"
rm -f "$state"
php bench/moodle/summary.php "$out" | tee "$out/summary.txt"
