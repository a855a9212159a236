#!/usr/bin/env bash
# The PostgreSQL store's benchmark: builds the extension, starts a private PostgreSQL, runs
# bench/lib/pgsql_executor.php ((a) PgsqlConnection against (c) the COPY floor through psql, then
# COPY against multi-row INSERT per table), prints the tables, stops the server.
#
#   bench/pgsql.sh
#
# Results in bench/results/ (pgsql.json, pgsql_floor_N.sql, pgsql.log). Settings from the environment:
#   BENCH_PG_PORT   port of the private server (default 35620)
#   BENCH_SIZES     participants per run (default 100,1000,10000)
#   BENCH_REPS      timed repetitions per size after the verification round (default 5)
set -euo pipefail
cd "$(dirname "$0")/.."
results=$PWD/bench/results
mkdir -p "$results"
exec > >(tee "$results/pgsql.log") 2>&1
.ci/build.sh >/dev/null
. .ci/packages.sh && ci_install_packages $CI_PACKAGES_POSTGRES php8.2-pgsql
pg_dir=$(mktemp -d /tmp/shopsetup-bench-pg.XXXXXX)
trap '.ci/postgres.sh stop "$pg_dir" >/dev/null 2>&1; rm -rf "$pg_dir"' EXIT
.ci/postgres.sh start "$pg_dir" "${BENCH_PG_PORT:-35620}"
eval "$(.ci/postgres.sh env "$pg_dir" "${BENCH_PG_PORT:-35620}")"
echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'), source $(git rev-parse --short HEAD 2>/dev/null || echo '?'), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "postgresql: $("$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)/postgres" --version), libpq $(pkg-config --modversion libpq)"
php -d memory_limit=-1 -d extension="$PWD/modules/shopsetup.so" bench/lib/pgsql_executor.php "$results" \
    "${BENCH_SIZES:-100,1000,10000}" "${BENCH_REPS:-5}"
