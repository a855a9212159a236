#!/usr/bin/env bash
# A three-node MariaDB Galera cluster on this machine, and the extension's cluster tests against it
# (tests/cluster/*.phpt): "cluster: N passed, N failed, N skipped".
#
#   .ci/cluster.sh                  start the cluster, run the tests, stop it
#   .ci/cluster.sh start DIR        start the cluster in DIR, print its SHOPSETUP_TEST_* exports
#   .ci/cluster.sh stop DIR         stop it
#
# Nodes run as the mysql user (as root, the joiner's rsync daemon runs as nobody and the state
# transfer fails), on 127.0.0.1 only: SQL ports PORT..PORT+2 (SHOPSETUP_CLUSTER_PORT, default
# 44311), Galera ports PORT+1000.., IST PORT+1010.., SST (rsync) PORT+1020... Node 1 bootstraps the
# cluster (--wsrep-new-cluster); the others join one after the other.
# Environment: TESTS (default tests/cluster/), PHPT_RESULTS (default phpt-results-cluster.txt).
set -uo pipefail
cd "$(dirname "$0")/.."
export NO_INTERACTION=1 NO_COLOR=1

TEST_USER=shopsetup
TEST_PASS=shopsetup_pw
base=${SHOPSETUP_CLUSTER_PORT:-44311}

summary() { echo "cluster: $1 passed, $2 failed, $3 skipped"; }
die() { echo "cluster.sh: $*" >&2; exit 1; }

node_sql() { mariadb --no-defaults --socket="$1/n$2/mysqld.sock" -uroot -N -B -e "$3"; }

node_state() { node_sql "$1" "$2" "SHOW STATUS LIKE 'wsrep_local_state_comment'" 2>/dev/null | cut -f2; }

start_node() {
    local dir=$1 n=$2 port=$((base + $2 - 1)) extra=${3:-} i
    local gcomm="gcomm://127.0.0.1:$((base + 1000)),127.0.0.1:$((base + 1001)),127.0.0.1:$((base + 1002))"
    mkdir -p "$dir/n$n"
    if [ ! -d "$dir/n$n/data/mysql" ]; then
        mariadb-install-db --no-defaults --user=mysql --datadir="$dir/n$n/data" --auth-root-authentication-method=normal \
            --skip-test-db --skip-name-resolve >"$dir/n$n/install.log" 2>&1 || { cat "$dir/n$n/install.log" >&2; return 1; }
    fi
    mkdir -p "$dir/n$n/tmp"
    chown -R mysql:mysql "$dir/n$n"
    mariadbd --no-defaults --user=mysql --datadir="$dir/n$n/data" --socket="$dir/n$n/mysqld.sock" --tmpdir="$dir/n$n/tmp" \
        --port="$port" --bind-address=127.0.0.1 --skip-name-resolve --pid-file="$dir/n$n/mysqld.pid" \
        --log-error="$dir/n$n/error.log" --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci \
        --max-allowed-packet=64M --binlog-format=ROW --innodb-autoinc-lock-mode=2 --innodb-flush-log-at-trx-commit=2 \
        --wsrep-on=ON --wsrep-provider=/usr/lib/galera/libgalera_smm.so --wsrep-cluster-name=shopsetup \
        --wsrep-cluster-address="$gcomm" --wsrep-node-address="127.0.0.1:$((base + 1000 + n - 1))" \
        --wsrep-provider-options="gmcast.listen_addr=tcp://127.0.0.1:$((base + 1000 + n - 1));ist.recv_addr=127.0.0.1:$((base + 1010 + n - 1))" \
        --wsrep-sst-method=rsync --wsrep-sst-receive-address="127.0.0.1:$((base + 1020 + n - 1))" $extra \
        </dev/null >/dev/null 2>&1 &
    echo $! >"$dir/n$n/pid"
    for i in $(seq 1 240); do   # 60 s
        [ "$(node_state "$dir" "$n")" = Synced ] && return 0
        kill -0 "$(cat "$dir/n$n/pid")" 2>/dev/null || break
        sleep 0.25
    done
    tail -30 "$dir/n$n/error.log" >&2
    return 1
}

cmd_start() {
    local dir=$1 n
    command -v mariadbd >/dev/null || die "mariadbd not found"
    [ -e /usr/lib/galera/libgalera_smm.so ] || die "galera-4 is not installed"
    for n in 1 2 3; do
        ! { [ -s "$dir/n$n/pid" ] && kill -0 "$(cat "$dir/n$n/pid")" 2>/dev/null; } || die "node $n already runs in $dir"
    done
    mkdir -p "$dir" && chmod 755 "$dir"
    start_node "$dir" 1 --wsrep-new-cluster || die "node 1 did not start"
    for n in 2 3; do
        start_node "$dir" "$n" || die "node $n did not join"
    done
    node_sql "$dir" 1 "CREATE USER IF NOT EXISTS '$TEST_USER'@'127.0.0.1' IDENTIFIED BY '$TEST_PASS';
        GRANT ALL PRIVILEGES ON \`shopsetup\\_%\`.* TO '$TEST_USER'@'127.0.0.1';" || die "could not create the test user"
    [ "$(node_sql "$dir" 3 "SHOW STATUS LIKE 'wsrep_cluster_size'" | cut -f2)" = 3 ] || die "the cluster does not have 3 nodes"
    echo "export SHOPSETUP_TEST_DB_HOST=127.0.0.1 SHOPSETUP_TEST_DB_PORT=$base SHOPSETUP_TEST_DB_USER=$TEST_USER" \
        "SHOPSETUP_TEST_DB_PASS=$TEST_PASS SHOPSETUP_TEST_CLUSTER_PORTS=$base,$((base + 1)),$((base + 2))" \
        "SHOPSETUP_TEST_CLUSTER_PIDS=$(cat "$dir/n1/pid"),$(cat "$dir/n2/pid"),$(cat "$dir/n3/pid")"
}

cmd_stop() {
    local dir=$1 n pid
    for n in 3 2 1; do
        [ -s "$dir/n$n/pid" ] || continue
        pid=$(cat "$dir/n$n/pid")
        kill "$pid" 2>/dev/null || continue
        for _ in $(seq 1 120); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.25
        done
        kill -9 "$pid" 2>/dev/null || true
    done
}

case ${1:-} in
    start) [ $# -eq 2 ] || die "usage: $0 start DIR"; cmd_start "$2"; exit ;;
    stop) [ $# -eq 2 ] || die "usage: $0 stop DIR"; cmd_stop "$2"; exit ;;
    '') ;;
    *) die "usage: $0 [start DIR | stop DIR]" ;;
esac

. .ci/packages.sh
ci_install_packages $CI_PACKAGES_BUILD $CI_PACKAGES_CLUSTER || { echo "cluster.sh: could not install the packages"; summary 0 1 0; exit 1; }
.ci/build.sh >/dev/null || { echo "cluster.sh: the build failed"; summary 0 1 0; exit 1; }
dir=$(mktemp -d /tmp/shopsetup-cluster.XXXXXX)
trap 'cmd_stop "$dir"; rm -rf "$dir"' EXIT
start=$SECONDS
exports=$(cmd_start "$dir") || { for n in 1 2 3; do tail -5 "$dir/n$n/error.log" 2>/dev/null; done; summary 0 1 0; exit 1; }
eval "$exports"
echo "cluster.sh: three nodes synced in $((SECONDS - start)) s"
results=${PHPT_RESULTS:-phpt-results-cluster.txt}
rm -f "$results"
make test TESTS="--show-diff -q --set-timeout 600 -W $results ${TESTS:-tests/cluster/}" </dev/null
passed=$(grep -Ec '^(PASSED|XFAILED)' "$results" 2>/dev/null || true)
failed=$(grep -Ec '^(FAILED|BORKED|LEAKED|WARNED|XLEAKED)' "$results" 2>/dev/null || true)
skipped=$(grep -c '^SKIPPED' "$results" 2>/dev/null || true)
summary "$passed" "$failed" "$skipped"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ] && [ "$skipped" -eq 0 ]
