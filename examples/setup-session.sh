#!/usr/bin/env bash
# The main job on a fresh Debian 12 machine: installs what it needs, builds the extension,
# starts a private MariaDB holding a Moodle-shaped database with a sample course, and sets up
# a course session from a sample order. Run it again: nothing changes the second time.
#
#   examples/setup-session.sh [ORDER.json]   (default: examples/order.json)
#   examples/setup-session.sh --stop         stop the database (it stays up for inspection)
set -euo pipefail
cd "$(dirname "$0")/.."
state=$PWD/.run/demo-db
port=${SHOPSETUP_DEMO_PORT:-33519}
database=shopsetup_demo

if [ "${1:-}" = "--stop" ]; then
    .ci/mariadb.sh stop "$state"
    exit 0
fi

.ci/build.sh
mkdir -p .run
.ci/mariadb.sh start "$state" "$port" >/dev/null
client=(mariadb --no-defaults --protocol=TCP -h127.0.0.1 -P"$port" -ushopsetup -pshopsetup_pw)
if ! "${client[@]}" -e "SELECT 1 FROM $database.mdl_user LIMIT 1" >/dev/null 2>&1; then
    "${client[@]}" -e "CREATE DATABASE IF NOT EXISTS $database CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
    cat tests/fixtures/moodle_schema.sql tests/fixtures/moodle_site.sql examples/demo_site.sql | "${client[@]}" "$database"
    echo "Sample site loaded into database $database (course SPOC-M1, operator olivia.operator@example.com)."
fi

SHOPSETUP_DEMO_PORT=$port SHOPSETUP_DEMO_PASS=shopsetup_pw SHOPSETUP_DEMO_NAME=$database \
    php -d extension="$PWD/modules/shopsetup.so" examples/setup_session.php "${1:-examples/order.json}"

echo
echo "The database stays up for inspection:"
echo "  ${client[*]} $database"
echo "Stop it with: examples/setup-session.sh --stop"
