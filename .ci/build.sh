#!/usr/bin/env bash
# Builds the extension in place: packages (Debian 12) if missing, phpize, configure, make.
# Environment: SHOPSETUP_CFLAGS (default: the warnings CI uses).
set -euo pipefail
cd "$(dirname "$0")/.."
export DEBIAN_FRONTEND=noninteractive

. .ci/packages.sh
ci_install_packages $CI_PACKAGES_BUILD $CI_PACKAGES_DATABASE || { echo "build: could not install the packages" >&2; exit 1; }

cflags=${SHOPSETUP_CFLAGS:--g -O2 -Wall -Wextra -Wno-unused-parameter -Werror}
if [ ! -f Makefile ] || [ config.m4 -nt Makefile ] || [ Makefile.frag -nt Makefile ]; then
    phpize >/dev/null
    # gen_stub.php wants PHP-Parser next to it; Debian's php-parser works (no download needed).
    mkdir -p build/PHP-Parser-4.15.1 && ln -sfn /usr/share/php build/PHP-Parser-4.15.1/lib
    ./configure --enable-shopsetup >/dev/null
    make clean >/dev/null   # objects and .dep files of an earlier list of sources
fi
make -j"$(nproc)" CFLAGS="$cflags" >/dev/null
echo "build: modules/shopsetup.so"
