#!/usr/bin/env bash
# A throw-away Moodle 4.5 + local_shop site from ../shared/moodle's tarball, with the project's handler.
#
#   .ci/moodle-site.sh create DIR [ZIP]   unpack, install the handler, install the site, print its MOODLE_DIR;
#                                         with the plugin's release ZIP (moodle_plugin/build-zip.sh): install
#                                         the site with local_shop's original handler, then unzip ZIP over it
#                                         and upgrade, as an admin does
#   .ci/moodle-site.sh php DIR      print the PHP command line that runs the site's scripts
#   .ci/moodle-site.sh drop DIR     drop its database and remove DIR
#
# The database is shopsetup_moodle_<random> on the MariaDB of SHOPSETUP_TEST_DB_HOST/_PORT/_USER/_PASS
# (the private server of .ci/mariadb.sh), or with SHOPSETUP_MOODLE_DBTYPE=pgsql on the PostgreSQL of
# SHOPSETUP_TEST_PG_HOST/_PORT/_USER/_PASS (the private server of .ci/postgres.sh). DIR holds the code (DIR/moodle), the dataroot (DIR/data),
# a php.ini fragment (DIR/php.d) and the database name (DIR/dbname). The site never sends mail
# ($CFG->noemailever). The extension is loaded with -d extension=modules/shopsetup.so.
# The code comes from MOODLE_TREE (a Moodle 4.5 code tree, copied) or else from the tarball
# SHOPSETUP_MOODLE_TARBALL (default ../shared/moodle/moodle-4.5.0-local_shop-405.tar.xz). Its wwwroot:
# SHOPSETUP_MOODLE_WWWROOT (default http://localhost:8080).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
export DEBIAN_FRONTEND=noninteractive

die() { echo "moodle-site.sh: $*" >&2; exit 1; }
usage() { echo "usage: $0 create DIR [ZIP] | php DIR | drop DIR" >&2; exit 2; }


. .ci/packages.sh

php_command() {
    local dir=$1
    printf '%s\n' "env PHP_INI_SCAN_DIR=:$dir/php.d php -d extension=$repo/modules/shopsetup.so"
}

# psql as the test role, on the database named (default postgres).
pg() {
    local database=${1:-postgres}
    shift || true
    PGPASSWORD=$SHOPSETUP_TEST_PG_PASS psql -X -q -v ON_ERROR_STOP=1 -h "$SHOPSETUP_TEST_PG_HOST" -p "$SHOPSETUP_TEST_PG_PORT" \
        -U "$SHOPSETUP_TEST_PG_USER" -d "$database" "$@"
}

db() {
    mariadb --no-defaults --protocol=TCP -h"$SHOPSETUP_TEST_DB_HOST" -P"$SHOPSETUP_TEST_DB_PORT" \
        -u"$SHOPSETUP_TEST_DB_USER" -p"$SHOPSETUP_TEST_DB_PASS" "$@"
}

step_start=0
step() { step_start=${EPOCHREALTIME/./}; printf 'moodle-site: %s... ' "$1"; }
step_done() { local us=$((${EPOCHREALTIME/./} - step_start)); printf '%d.%d s\n' $((us / 1000000)) $((us / 100000 % 10)); }

# What the integration tests need, and where it comes from, when neither source is there.
no_moodle() {
    cat >&2 <<EOF
moodle-site.sh: no Moodle code: MOODLE_TREE is not set and there is no tarball at $1.
The integration tests need a Moodle 4.5 code tree with, in it:
  local/shop              local_shop 4.5         https://github.com/vfremaux/moodle-local_shop (branch MOODLE_405_WORKING)
  auth/ticket             auth_ticket            https://github.com/vfremaux/moodle-auth_ticket (branch MOODLE_405_STABLE)
  local/vflibs            local_vflibs           https://github.com/vfremaux/moodle-local_vflibs (branch MOODLE_405_STABLE)
  blocks/user_delegation  block_user_delegation  https://github.com/vfremaux/moodle-block_user_delegation (branch MOODLE_405_STABLE)
Moodle itself: https://github.com/moodle/moodle (branch MOODLE_405_STABLE). Remove local_shop's handlers whose
dependencies are missing (local/shop/datahandling/handlers/std_openltiaccess and std_unlockpdcertificate).
Then: MOODLE_TREE=/path/to/moodle .ci/test.sh   (or MOODLE_DIR=/path/to/an/installed/site to use a site)
EOF
    exit 1
}

cmd_create() {
    local dir=$1 zip=${2:-} tarball="" dbname php
    . "$repo/.ci/shared.sh"
    if [ -n "${MOODLE_TREE:-}" ]; then
        [ -f "$MOODLE_TREE/version.php" ] && [ -d "$MOODLE_TREE/local/shop" ] \
            || die "MOODLE_TREE=$MOODLE_TREE is not a Moodle code tree with local/shop"
    else
        tarball=${SHOPSETUP_MOODLE_TARBALL:-$(ci_shared_dir)/moodle/moodle-4.5.0-local_shop-405.tar.xz}
        [ -f "$tarball" ] || no_moodle "$tarball"
    fi
    local dbtype=${SHOPSETUP_MOODLE_DBTYPE:-mariadb}
    case $dbtype in
        mariadb) [ -n "${SHOPSETUP_TEST_DB_HOST:-}" ] || die "SHOPSETUP_TEST_DB_HOST/_PORT/_USER/_PASS must name a MariaDB (.ci/mariadb.sh env)" ;;
        pgsql) [ -n "${SHOPSETUP_TEST_PG_HOST:-}" ] || die "SHOPSETUP_TEST_PG_HOST/_PORT/_USER/_PASS must name a PostgreSQL (.ci/postgres.sh env)" ;;
        *) die "SHOPSETUP_MOODLE_DBTYPE must be mariadb or pgsql, got $dbtype" ;;
    esac
    [ -f modules/shopsetup.so ] || die "build the extension first (.ci/build.sh)"

    step packages; ci_install_packages $CI_PACKAGES_MOODLE || die "could not install the packages"; step_done
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    rm -rf "$dir/moodle" "$dir/data"
    mkdir -p "$dir/data" "$dir/php.d"
    # Moodle 4.5 checks max_input_vars; its installer and big orders need memory.
    printf 'max_input_vars = 5000\nmemory_limit = 1024M\n' >"$dir/php.d/moodle.ini"

    if [ -n "$tarball" ]; then
        step "unpacking $(basename "$tarball")"
        tar -xJf "$tarball" -C "$dir"
    else
        step "copying $MOODLE_TREE"
        mkdir -p "$dir/moodle"
        tar -C "$MOODLE_TREE" --exclude=./config.php -cf - . | tar -C "$dir/moodle" -xf -
    fi
    step_done

    local handlers=$dir/moodle/local/shop/datahandling/handlers
    [ -d "$handlers" ] || die "the tarball has no local/shop/datahandling/handlers"
    if [ -z "$zip" ]; then
        step "installing the project's handler"
        rm -rf "$handlers/std_setuponecoursesession"
        cp -a moodle_plugin/std_setuponecoursesession "$handlers/"
        step_done
    fi

    step "creating the database ($dbtype)"
    dbname=shopsetup_moodle_$(head -c 4 /dev/urandom | od -An -tx1 | tr -d ' \n')
    if [ "$dbtype" = pgsql ]; then
        pg postgres -c "CREATE DATABASE $dbname ENCODING 'UTF8' TEMPLATE template0"
    else
        db -e "CREATE DATABASE \`$dbname\` DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
    fi
    echo "$dbname" >"$dir/dbname"
    echo "$dbtype" >"$dir/dbtype"
    step_done

    php=$(php_command "$dir")
    step "installing Moodle (admin/cli/install.php)"
    local dbargs
    if [ "$dbtype" = pgsql ]; then
        dbargs=(--dbtype=pgsql --dbhost="$SHOPSETUP_TEST_PG_HOST" --dbport="$SHOPSETUP_TEST_PG_PORT"
            --dbuser="$SHOPSETUP_TEST_PG_USER" --dbpass="$SHOPSETUP_TEST_PG_PASS")
    else
        dbargs=(--dbtype=mariadb --dbhost="$SHOPSETUP_TEST_DB_HOST" --dbport="$SHOPSETUP_TEST_DB_PORT"
            --dbuser="$SHOPSETUP_TEST_DB_USER" --dbpass="$SHOPSETUP_TEST_DB_PASS")
    fi
    if ! $php "$dir/moodle/admin/cli/install.php" --non-interactive --agree-license --lang=en \
            --wwwroot="${SHOPSETUP_MOODLE_WWWROOT:-http://localhost:8080}" --dataroot="$dir/data" \
            "${dbargs[@]}" --dbname="$dbname" --prefix=mdl_ \
            --fullname="shopsetup CI" --shortname=shopsetupci --adminuser=admin --adminpass='Admin#2026ci' \
            --adminemail=admin@example.com >"$dir/install.log" 2>&1; then
        tail -30 "$dir/install.log" >&2
        die "Moodle's installer failed (log: $dir/install.log)"
    fi
    step_done

    step "configuring (noemailever, seller name)"
    # Before the setup line: config.php ends by loading lib/setup.php.
    sed -i 's#^require_once(__DIR__ \. '"'"'/lib/setup.php'"'"');#$CFG->noemailever = true;\n&#' "$dir/moodle/config.php"
    grep -q 'noemailever = true' "$dir/moodle/config.php" || die "could not set noemailever in config.php"
    $php "$dir/moodle/admin/cli/cfg.php" --component=local_shop --name=sellername --set="shopsetup CI seller" >/dev/null
    step_done
    if [ -n "$zip" ]; then
        step "upgrading with $(basename "$zip")"
        local version
        version=$($php "$dir/moodle/admin/cli/cfg.php" --component=shophandlers_std_setuponecoursesession --name=version)
        rm -rf "$handlers/std_setuponecoursesession"
        unzip -q "$zip" -d "$handlers"
        [ -f "$handlers/std_setuponecoursesession/version.php" ] || die "$zip has no std_setuponecoursesession/ at its root"
        $php "$dir/moodle/admin/cli/upgrade.php" --non-interactive >"$dir/upgrade.log" 2>&1 \
            || { tail -30 "$dir/upgrade.log" >&2; die "the upgrade with $zip failed (log: $dir/upgrade.log)"; }
        $php "$dir/moodle/admin/cli/purge_caches.php" >/dev/null
        printf '%s -> %s, ' "$version" "$($php "$dir/moodle/admin/cli/cfg.php" --component=shophandlers_std_setuponecoursesession --name=version)"
        step_done
    fi
    echo "MOODLE_DIR=$dir/moodle"
}

cmd_drop() {
    local dir=$1
    [ -d "$dir" ] || return 0
    if [ -f "$dir/dbname" ] && [ "$(cat "$dir/dbtype" 2>/dev/null)" = pgsql ]; then
        [ -z "${SHOPSETUP_TEST_PG_HOST:-}" ] || pg postgres -c "DROP DATABASE IF EXISTS $(cat "$dir/dbname") WITH (FORCE)" || true
    elif [ -f "$dir/dbname" ] && [ -n "${SHOPSETUP_TEST_DB_HOST:-}" ]; then
        db -e "DROP DATABASE IF EXISTS \`$(cat "$dir/dbname")\`" || true
    fi
    rm -rf "$dir"
}

[ $# -ge 2 ] || usage
case $1 in
    create) [ $# -le 3 ] || usage; cmd_create "$2" "${3:-}" ;;
    php) php_command "$(cd "$2" && pwd)" ;;
    drop) cmd_drop "$2" ;;
    *) usage ;;
esac
