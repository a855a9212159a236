#!/usr/bin/env bash
# A private MariaDB for the extension's database tests: own datadir, own port, no systemd.
#
#   .ci/mariadb.sh start DIR PORT   create DIR/data if needed, start the server, create the test user
#   .ci/mariadb.sh env   DIR PORT   print the SHOPSETUP_TEST_DB_* exports for run-tests.php
#   .ci/mariadb.sh stop  DIR        shut the server down
#
# The server listens on 127.0.0.1:PORT only. The test user shopsetup@127.0.0.1 (password
# shopsetup_pw) may create, use and drop databases named shopsetup_<something>, nothing else.
# Root logs in through the Unix socket only (root@localhost, no password). SHOPSETUP_MARIADB_OPTIONS:
# more server options (e.g. a binary log, a server id), split on spaces.
#
# Usage in CI:
#   .ci/mariadb.sh start /tmp/shopsetup-db 33506
#   eval "$(.ci/mariadb.sh env /tmp/shopsetup-db 33506)"
#   php run-tests.php ... tests/
#   .ci/mariadb.sh stop /tmp/shopsetup-db
set -euo pipefail

TEST_USER=shopsetup
TEST_PASS=shopsetup_pw

die() { echo "mariadb.sh: $*" >&2; exit 1; }

usage() {
    echo "usage: $0 start DIR PORT | env DIR PORT | stop DIR" >&2
    exit 2
}

# Unix socket paths are limited to about 107 bytes: use DIR/mysqld.sock when short enough,
# else a socket in /tmp named after a hash of DIR.
socket_path() {
    local dir=$1 sock=$1/mysqld.sock
    if [ "${#sock}" -gt 100 ]; then
        sock=/tmp/shopsetup-mariadb-$(printf '%s' "$dir" | sha1sum | cut -c1-12).sock
    fi
    printf '%s\n' "$sock"
}

# True while process $1 exists and is not a zombie waiting for its parent (after a CI shell exits,
# a reaper may be slow to collect the detached server).
alive() {
    local state
    state=$(ps -o stat= -p "$1" 2>/dev/null) || return 1
    case $state in Z*) return 1 ;; esac
    return 0
}

# Prints the pid of the server running for DIR, or fails.
running_pid() {
    local pidfile=$1/mysqld.pid pid
    [ -s "$pidfile" ] || return 1
    pid=$(cat "$pidfile")
    [ -n "$pid" ] && alive "$pid" || return 1
    printf '%s\n' "$pid"
}

check_port() {
    case $1 in
        '' | *[!0-9]*) die "PORT must be a number, got '$1'" ;;
    esac
}

cmd_start() {
    local dir=$1 port=$2 sock pid
    check_port "$port"
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    sock=$(socket_path "$dir")

    if pid=$(running_pid "$dir"); then
        echo "MariaDB already running for $dir (pid $pid, socket $sock)"
        return 0
    fi

    command -v mariadbd >/dev/null || die "mariadbd not found (apt-get install mariadb-server)"

    if [ ! -d "$dir/data/mysql" ]; then
        rm -rf "$dir/data"
        if ! mariadb-install-db --no-defaults --user=root --datadir="$dir/data" \
                --auth-root-authentication-method=normal --skip-test-db --skip-name-resolve \
                >"$dir/install.log" 2>&1; then
            cat "$dir/install.log" >&2
            die "mariadb-install-db failed"
        fi
    fi

    : >"$dir/error.log"
    # Its own temporary folder: the internal temporary tables of information_schema queries (Aria
    # files) live there, out of reach of whatever else runs in /tmp on a shared machine.
    mkdir -p "$dir/tmp"
    mariadbd --no-defaults --user=root --datadir="$dir/data" --socket="$sock" --tmpdir="$dir/tmp" \
        --port="$port" --bind-address=127.0.0.1 --skip-name-resolve \
        --pid-file="$dir/mysqld.pid" --log-error="$dir/error.log" \
        --innodb-autoinc-lock-mode=2 --max-allowed-packet=16M \
        --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci ${SHOPSETUP_MARIADB_OPTIONS:-} \
        </dev/null >/dev/null 2>&1 &
    pid=$!

    for _ in $(seq 1 120); do   # 120 x 0.25 s = 30 s
        if mariadb-admin --no-defaults --socket="$sock" -uroot ping >/dev/null 2>&1; then
            break
        fi
        if ! alive "$pid"; then
            cat "$dir/error.log" >&2
            die "mariadbd exited during startup"
        fi
        sleep 0.25
    done
    if ! mariadb-admin --no-defaults --socket="$sock" -uroot ping >/dev/null 2>&1; then
        cat "$dir/error.log" >&2
        kill "$pid" 2>/dev/null || true
        die "mariadbd not ready after 30 s"
    fi

    # Idempotent: the datadir may come from an earlier run.
    mariadb --no-defaults --socket="$sock" -uroot <<SQL
CREATE USER IF NOT EXISTS '$TEST_USER'@'127.0.0.1' IDENTIFIED BY '$TEST_PASS';
ALTER USER '$TEST_USER'@'127.0.0.1' IDENTIFIED BY '$TEST_PASS';
GRANT ALL PRIVILEGES ON \`shopsetup\\_%\`.* TO '$TEST_USER'@'127.0.0.1';
SQL

    echo "MariaDB started for $dir (pid $pid, 127.0.0.1:$port, socket $sock)"
}

cmd_env() {
    local port=$2
    check_port "$port"
    echo "export SHOPSETUP_TEST_DB_HOST=127.0.0.1 SHOPSETUP_TEST_DB_PORT=$port" \
        "SHOPSETUP_TEST_DB_USER=$TEST_USER SHOPSETUP_TEST_DB_PASS=$TEST_PASS"
}

cmd_stop() {
    local dir=$1 sock pid
    [ -d "$dir" ] || die "no such directory: $dir"
    dir=$(cd "$dir" && pwd)
    sock=$(socket_path "$dir")
    if ! pid=$(running_pid "$dir"); then
        echo "No MariaDB running for $dir"
        return 0
    fi
    if ! mariadb-admin --no-defaults --socket="$sock" -uroot shutdown; then
        echo "mariadb-admin shutdown failed, sending SIGTERM to $pid" >&2
        kill "$pid" 2>/dev/null || true
    fi

    for _ in $(seq 1 120); do
        alive "$pid" || { echo "MariaDB stopped ($dir)"; return 0; }
        sleep 0.25
    done
    die "mariadbd (pid $pid) still running after 30 s"
}

[ $# -ge 1 ] || usage
case $1 in
    start) [ $# -eq 3 ] || usage; cmd_start "$2" "$3" ;;
    env)   [ $# -eq 3 ] || usage; cmd_env "$2" "$3" ;;
    stop)  [ $# -eq 2 ] || usage; cmd_stop "$2" ;;
    *) usage ;;
esac
