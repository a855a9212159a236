#!/usr/bin/env bash
# One setup on a single MariaDB against the same on node 1 of a three-node Galera cluster
# (.ci/cluster.sh), N = 1,000 and 10,000, medians, and the size of the setup's write set against the
# node's limits (bench/lib/galera_setup.php).
#
#   bench/galera.sh
#
# Results in bench/results/ (galera.json, galera.log). Settings from the environment:
#   BENCH_SIZES           participants per run (default 1000,10000)
#   BENCH_REPS            runs per size and server (default 3)
#   BENCH_DB_PORT         the single server's port (default 34611)
#   BENCH_CLUSTER_PORT    node 1's port (default 44611; the nodes take the next two)
set -euo pipefail
cd "$(dirname "$0")/.."
results=$PWD/bench/results
mkdir -p "$results"
exec > >(tee "$results/galera.log") 2>&1
.ci/build.sh >/dev/null
. .ci/packages.sh && ci_install_packages $CI_PACKAGES_DATABASE $CI_PACKAGES_CLUSTER
db_dir=$(mktemp -d /tmp/shopsetup-bench-db.XXXXXX)
cluster_dir=$(mktemp -d /tmp/shopsetup-bench-cluster.XXXXXX)
trap '.ci/mariadb.sh stop "$db_dir" >/dev/null 2>&1; .ci/cluster.sh stop "$cluster_dir" >/dev/null 2>&1; rm -rf "$db_dir" "$cluster_dir"' EXIT
db_port=${BENCH_DB_PORT:-34611}
cluster_port=${BENCH_CLUSTER_PORT:-44611}
.ci/mariadb.sh start "$db_dir" "$db_port" >/dev/null
SHOPSETUP_CLUSTER_PORT=$cluster_port .ci/cluster.sh start "$cluster_dir" >/dev/null
eval "$(.ci/mariadb.sh env "$db_dir" "$db_port")"
echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'), source $(git rev-parse --short HEAD 2>/dev/null || echo '?'), load $(cut -d' ' -f1-3 /proc/loadavg)"
php -d memory_limit=-1 -d extension="$PWD/modules/shopsetup.so" bench/lib/galera_setup.php "$results" \
    "${BENCH_SIZES:-1000,10000}" "${BENCH_REPS:-3}" "$db_port" "$cluster_port"
