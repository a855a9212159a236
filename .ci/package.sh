#!/usr/bin/env bash
# The Debian package: builds php-shopsetup with dpkg-buildpackage (debian/, dh-php) from a copy of the
# sources, installs the .deb with apt-get, checks that phpenmod enabled it (php --ri), runs the phpt suite
# against the installed module (not the build tree), then purges the package again so that the
# in-tree module of the other suites is the only one PHP loads.
# Prints "package: N passed, N failed, N skipped". Uses SHOPSETUP_TEST_DB_* (a MariaDB) and
# SHOPSETUP_TEST_PG_* (a PostgreSQL) when set.
set -uo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
export DEBIAN_FRONTEND=noninteractive NO_INTERACTION=1 NO_COLOR=1
summary() { echo "package: $1 passed, $2 failed, $3 skipped"; }
die() { echo "package: $*"; summary 0 1 0; exit 1; }

. .ci/packages.sh
ci_install_packages $CI_PACKAGES_BUILD $CI_PACKAGES_DEBIAN || die "could not install the packages"

work=$(mktemp -d /tmp/shopsetup-package.XXXXXX)
purge() { ! dpkg-query -W php-shopsetup >/dev/null 2>&1 || CI_APT_LOG=/dev/null ci_apt purge -y php-shopsetup; }
trap 'purge; [ -n "${SHOPSETUP_PACKAGE_KEEP:-}" ] || rm -rf "$work"' EXIT
purge

version=$(dpkg-parsechangelog -l debian/changelog -S Version)
src=$work/php-shopsetup-$version
mkdir -p "$src"
git ls-files -z 2>/dev/null | tar --null -T - -cf - | tar -xf - -C "$src" || die "could not copy the sources"
(cd "$src" && dpkg-buildpackage -us -uc -b) >"$work/build.log" 2>&1 || { tail -30 "$work/build.log"; die "dpkg-buildpackage failed"; }
deb=$(ls "$work"/php-shopsetup_"$version"_*.deb 2>/dev/null | head -1)
[ -n "$deb" ] || die "no .deb was built"
echo "package: built $(basename "$deb")"
CI_APT_LOG=$work/install.log ci_apt install -y "$deb" || { tail -20 "$work/install.log"; die "apt-get install $deb failed"; }

php --ri shopsetup | grep -q "Version => $version" || die "php (CLI) does not load shopsetup $version after the install"
php --ri shopsetup | grep -q "PostgreSQL (PgsqlConnection)" || die "the package was built without the PostgreSQL store"
for sapi in cli fpm apache2; do
    if [ -d "/etc/php/8.2/$sapi/conf.d" ] && ! ls "/etc/php/8.2/$sapi/conf.d/"*shopsetup.ini >/dev/null 2>&1; then
        die "shopsetup is not enabled for $sapi"
    fi
done
so=$(php -r 'echo ini_get("extension_dir");')/shopsetup.so
dpkg -S "$so" >/dev/null 2>&1 || die "$so does not come from the package"

# The phpt suite, with the installed module: run-tests.php of php8.2-dev, no build tree.
cp -a tests "$work/tests"
results=$work/results.txt
php /usr/lib/php/20220829/build/run-tests.php -q --show-diff -W "$results" "$work"/tests/*.phpt \
    >"$work/tests.log" 2>&1 </dev/null
passed=$(grep -Ec '^(PASSED|XFAILED)' "$results" 2>/dev/null || true)
failed=$(grep -Ec '^(FAILED|BORKED|LEAKED|WARNED|XLEAKED)' "$results" 2>/dev/null || true)
skipped=$(grep -c '^SKIPPED' "$results" 2>/dev/null || true)
[ "$failed" -eq 0 ] || grep -E '^(FAILED|BORKED)' "$results"
summary "$passed" "$failed" "$skipped"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
