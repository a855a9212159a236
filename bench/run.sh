#!/usr/bin/env bash
# The benchmarks, in one command: builds the extension, starts a private MariaDB, runs the
# micro-benchmarks and the executor benchmark, prints the tables and the targets, stops the server.
#
#   bench/run.sh
#
# Results in bench/results/ (machine.txt, micro.txt/.json, executor.txt/.json, targets.txt, the SQL
# of each reset and of each floor run). Settings from the environment:
#   BENCH_PORT      port of the private server (default 33520)
#   BENCH_DB_DIR    its directory, data included (default /tmp/shopsetup-bench-db)
#   BENCH_SIZES     participants per executor run (default 100,1000,10000)
#   BENCH_REPS      timed repetitions per size after the warm-up (default 9, at least 5 make sense)
#   BENCH_BATCHES   timed batches per micro-benchmark (default 9)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
port=${BENCH_PORT:-33520}
state=${BENCH_DB_DIR:-/tmp/shopsetup-bench-db}
results=$root/bench/results
sizes=${BENCH_SIZES:-100,1000,10000}
reps=${BENCH_REPS:-9}
batches=${BENCH_BATCHES:-9}
database=shopsetup_bench
started_at=$(date +%s)

mkdir -p "$results"
exec > >(tee "$results/run.log") 2>&1   # everything printed is also kept in results/run.log
# Built in a private copy of the sources (working tree, uncommitted changes included), so that a
# build or an edit in the tree meanwhile neither breaks nor changes the module under test.
build=${BENCH_BUILD_DIR:-/tmp/shopsetup-bench-build}
rm -rf "$build"
mkdir -p "$build"
sources=(config.m4 Makefile.frag ext_src php_stubs .ci/build.sh .ci/packages.sh)
if git rev-parse --git-dir >/dev/null 2>&1; then
    git ls-files -co --exclude-standard -- "${sources[@]}" | tar -cf - -T - | tar -xf - -C "$build"
else
    tar -cf - "${sources[@]}" | tar -xf - -C "$build"
fi
"$build/.ci/build.sh"
module=$results/shopsetup.so
cp "$build/modules/shopsetup.so" "$module"
php -d extension="$module" -r 'exit(extension_loaded("shopsetup") ? 0 : 1);' \
    || { echo "bench: the module built in $build does not load" >&2; exit 1; }
export BENCH_MODULE=$module

client=(mariadb --no-defaults --protocol=TCP -h127.0.0.1 -P"$port" -ushopsetup -pshopsetup_pw)
server_started=0
cleanup() {
    if [ "$server_started" = 1 ]; then
        "${client[@]}" -e "DROP DATABASE IF EXISTS $database" >/dev/null 2>&1 || true
        .ci/mariadb.sh stop "$state" >/dev/null || true
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM
server_started=1
.ci/mariadb.sh start "$state" "$port"
export BENCH_DB_HOST=127.0.0.1 BENCH_DB_PORT=$port BENCH_DB_USER=shopsetup BENCH_DB_PASS=shopsetup_pw BENCH_DB_NAME=$database

php_ext=(php -d memory_limit=-1 -d extension="$module")
cc_version=$(mariadb_config --cc_version 2>/dev/null || pkg-config --modversion libmariadb 2>/dev/null || echo unknown)
{
    echo "date:        $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "cpu:         $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(nproc) cores"
    echo "ram:         $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
    echo "kernel:      $(uname -sr)"
    echo "php:         $(php -r 'echo PHP_VERSION;') (CLI, opcache $(php -r 'echo ini_get("opcache.enable_cli") ? "on" : "off";'))"
    echo "mariadb:     $("${client[@]}" -N -e 'SELECT VERSION()')"
    echo "connector/c: $cc_version (libmariadb, used by shopsetup); the PHP way uses mysqli/mysqlnd $(php -r 'echo mysqli_get_client_info();' | sed 's/mysqlnd //')"
    echo "re2c:        $(re2c --version | cut -d' ' -f2)"
    echo "gcc:         $(gcc -dumpfullversion), CFLAGS as .ci/build.sh (-g -O2)"
    echo "source:      $(git rev-parse --short HEAD 2>/dev/null || echo 'not a git checkout')$(git diff --quiet HEAD -- "${sources[@]}" 2>/dev/null || echo ' + uncommitted changes')"
    echo "load:        $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min) at the start"
} >"$results/machine.txt"
cat "$results/machine.txt"
echo

"${php_ext[@]}" bench/lib/micro.php "$results" "$batches"
echo
"${php_ext[@]}" bench/lib/executor.php "$results" "$sizes" "$reps"
echo
echo "load:        $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min) at the end" | tee -a "$results/machine.txt"
php bench/lib/summary.php "$results"
echo
echo "bench: done in $(( $(date +%s) - started_at )) s; results in bench/results/"
