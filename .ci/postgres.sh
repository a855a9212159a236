#!/usr/bin/env bash
# A private PostgreSQL for the extension's database tests: own data folder, own port and socket
# folder, no systemd. PostgreSQL refuses to run as root: as root the server runs as the postgres user.
#
#   .ci/postgres.sh start DIR PORT   create DIR/data if needed, start the server, create the test role
#   .ci/postgres.sh env   DIR PORT   print the SHOPSETUP_TEST_PG_* exports for run-tests.php
#   .ci/postgres.sh stop  DIR        shut the server down
#
# The server listens on 127.0.0.1:PORT and in DIR (its Unix socket). The test role shopsetup
# (password shopsetup_pw, scram-sha-256 over TCP) may create databases (the tests make and drop
# databases named shopsetup_<something>); the superuser postgres logs in through the socket only.
set -euo pipefail

TEST_USER=shopsetup
TEST_PASS=shopsetup_pw
PG_BIN=${SHOPSETUP_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}

die() { echo "postgres.sh: $*" >&2; exit 1; }

usage() {
    echo "usage: $0 start DIR PORT | env DIR PORT | stop DIR" >&2
    exit 2
}

check_port() {
    case $1 in
        '' | *[!0-9]*) die "PORT must be a number, got '$1'" ;;
    esac
}

# Runs a PostgreSQL program as the server's owner.
as_owner() {
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

cmd_start() {
    local dir=$1 port=$2
    check_port "$port"
    [ -x "$PG_BIN/pg_ctl" ] || die "PostgreSQL's programs not found in /usr/lib/postgresql/*/bin (apt-get install postgresql-15)"
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    [ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
    if as_owner "$PG_BIN/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
        echo "PostgreSQL already running for $dir"
        return 0
    fi
    if [ ! -f "$dir/data/PG_VERSION" ]; then
        as_owner "$PG_BIN/initdb" -D "$dir/data" -U postgres -E UTF8 --locale=C.UTF-8 \
            --auth-local=trust --auth-host=scram-sha-256 >"$dir/initdb.log" 2>&1 \
            || { cat "$dir/initdb.log" >&2; die "initdb failed"; }
    fi
    as_owner "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
        -o "-p $port -k $dir -c listen_addresses=127.0.0.1" start >/dev/null \
        || { cat "$dir/server.log" >&2; die "the server did not start"; }
    # Idempotent: the data folder may come from an earlier run.
    as_owner "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$dir" -p "$port" -U postgres -d postgres <<SQL
DO \$\$ BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$TEST_USER') THEN
        CREATE ROLE $TEST_USER LOGIN CREATEDB PASSWORD '$TEST_PASS';
    END IF;
END \$\$;
ALTER ROLE $TEST_USER PASSWORD '$TEST_PASS';
SQL
    echo "PostgreSQL started for $dir (127.0.0.1:$port, socket folder $dir)"
}

cmd_env() {
    local dir=$1 port=$2
    check_port "$port"
    dir=$(cd "$dir" && pwd)
    echo "export SHOPSETUP_TEST_PG_HOST=127.0.0.1 SHOPSETUP_TEST_PG_PORT=$port SHOPSETUP_TEST_PG_SOCKET=$dir" \
        "SHOPSETUP_TEST_PG_USER=$TEST_USER SHOPSETUP_TEST_PG_PASS=$TEST_PASS"
}

cmd_stop() {
    local dir=$1
    [ -d "$dir" ] || die "no such directory: $dir"
    dir=$(cd "$dir" && pwd)
    if ! as_owner "$PG_BIN/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
        echo "No PostgreSQL running for $dir"
        return 0
    fi
    as_owner "$PG_BIN/pg_ctl" -D "$dir/data" -m fast -w -t 30 stop >/dev/null || die "the server did not stop"
    echo "PostgreSQL stopped ($dir)"
}

[ $# -ge 1 ] || usage
case $1 in
    start) [ $# -eq 3 ] || usage; cmd_start "$2" "$3" ;;
    env)   [ $# -eq 3 ] || usage; cmd_env "$2" "$3" ;;
    stop)  [ $# -eq 2 ] || usage; cmd_stop "$2" ;;
    *) usage ;;
esac
