#!/usr/bin/env bash
# A primary and a replica delayed on purpose (two private MariaDB servers, GTID replication,
# MASTER_DELAY), a throw-away Moodle site on the primary that reads from the replica
# ($CFG->dboptions['readonly']), and the plugin's integration tests that produce and deliver orders
# there: "replica: N passed, N failed, N skipped".
#
#   .ci/replica.sh [test-name...]
#
# The replica applies each transaction SHOPSETUP_REPLICA_DELAY seconds after the primary committed
# it (default 3); the site's 'latency' is SHOPSETUP_REPLICA_LATENCY (default 5: a site sets it above
# its replicas' lag, as Moodle asks). Ports: SHOPSETUP_REPLICA_PORT (default 33531) and the next one.
# SHOPSETUP_KEEP_SITE=1 keeps the site and both servers running.
set -uo pipefail
cd "$(dirname "$0")/.."
summary() { echo "replica: $1 passed, $2 failed, 0 skipped"; }
abort() { echo "replica.sh: $*"; summary 0 1; exit 1; }

. .ci/packages.sh
ci_install_packages $CI_PACKAGES_BUILD $CI_PACKAGES_DATABASE $CI_PACKAGES_MOODLE || abort "could not install the packages"
.ci/build.sh >/dev/null || abort "the extension does not build"

delay=${SHOPSETUP_REPLICA_DELAY:-3}
latency=${SHOPSETUP_REPLICA_LATENCY:-5}
primary_port=${SHOPSETUP_REPLICA_PORT:-33531}
replica_port=$((primary_port + 1))
work=$(mktemp -d /tmp/shopsetup-replica.XXXXXX)
chmod 755 "$work"
cleanup() {
    if [ "${SHOPSETUP_KEEP_SITE:-0}" = 1 ]; then echo "replica.sh: kept: MOODLE_DIR=$work/site/moodle (servers in $work)"; return; fi
    .ci/moodle-site.sh drop "$work/site" >/dev/null 2>&1
    .ci/mariadb.sh stop "$work/replica" >/dev/null 2>&1
    .ci/mariadb.sh stop "$work/primary" >/dev/null 2>&1
    rm -rf "$work"
}
trap cleanup EXIT
as_root() { mariadb --no-defaults --socket="$work/$1/mysqld.sock" -uroot -N -B "${@:2}"; }

SHOPSETUP_MARIADB_OPTIONS="--log-bin=binlog --server-id=1 --binlog-format=ROW --log-bin-trust-function-creators=1" \
    .ci/mariadb.sh start "$work/primary" "$primary_port" >/dev/null || abort "could not start the primary"
SHOPSETUP_MARIADB_OPTIONS="--server-id=2 --relay-log=relay --read-only" \
    .ci/mariadb.sh start "$work/replica" "$replica_port" >/dev/null || abort "could not start the replica"
eval "$(.ci/mariadb.sh env "$work/primary" "$primary_port")"

zip=$(moodle_plugin/build-zip.sh "$work") || abort "the plugin zip could not be built"
.ci/moodle-site.sh create "$work/site" "$zip" | grep -v '^MOODLE_DIR=' || abort "the throw-away site could not be installed"
dbname=$(cat "$work/site/dbname")

# The replica starts from a copy of the site's database at a GTID position, then follows the primary.
as_root primary -e "CREATE USER 'replication'@'127.0.0.1' IDENTIFIED BY 'replication_pw';
    GRANT REPLICATION SLAVE ON *.* TO 'replication'@'127.0.0.1';" || abort "could not create the replication user"
mariadb-dump --no-defaults --socket="$work/primary/mysqld.sock" -uroot --single-transaction --gtid --master-data=1 \
    --databases "$dbname" >"$work/dump.sql" || abort "could not dump the site's database"
as_root replica <"$work/dump.sql" || abort "could not load the dump into the replica"
as_root replica -e "CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT=$primary_port, MASTER_USER='replication',
    MASTER_PASSWORD='replication_pw', MASTER_USE_GTID=slave_pos, MASTER_DELAY=$delay; START SLAVE;" \
    || abort "could not start the replication"

# The delay, seen: a row written on the primary is on the replica only after it.
as_root primary "$dbname" -e "CREATE TABLE shopsetup_probe (id INT PRIMARY KEY); INSERT INTO shopsetup_probe VALUES (1)"
start=$SECONDS
until [ "$(as_root replica "$dbname" -e 'SELECT COUNT(*) FROM shopsetup_probe' 2>/dev/null)" = 1 ]; do
    [ $((SECONDS - start)) -lt $((delay + 30)) ] || abort "the replica did not apply the primary's writes"
    sleep 0.2
done
waited=$((SECONDS - start))
[ "$waited" -ge $((delay - 1)) ] || abort "the replica is not delayed ($waited s)"
as_root primary "$dbname" -e "DROP TABLE shopsetup_probe"
echo "replica.sh: the replica applies the primary's writes after about $waited s (MASTER_DELAY=$delay)"

# The site reads from the replica.
sed -i "s#^require_once(__DIR__ \. '/lib/setup.php');#\$CFG->dboptions['readonly'] = ['instance' => [['dbhost' => '127.0.0.1', 'dbport' => $replica_port]], 'latency' => $latency];\n&#" \
    "$work/site/moodle/config.php"
grep -q "'readonly'" "$work/site/moodle/config.php" || abort "could not configure the replica in config.php"

MOODLE_DIR=$work/site/moodle SHOPSETUP_IT_SUITE=replica moodle_plugin/run-integration-tests.sh "$@"
