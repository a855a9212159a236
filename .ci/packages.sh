# Sourced by the scripts of .ci/ (and by README's "Building by hand"): the Debian packages of each
# purpose, written once, and ci_install_packages PACKAGE... which installs those not installed yet.

# Building the extension (phpize, re2c, libmariadb) and running its phpt suite.
CI_PACKAGES_BUILD="php8.2-dev php8.2-cli php8.2-mysql php8.2-pgsql php-parser re2c libmariadb-dev libpq-dev pkg-config"
# The private MariaDB of the main job and of the tests (.ci/mariadb.sh).
CI_PACKAGES_DATABASE="mariadb-server mariadb-client"
# The three-node Galera cluster of the cluster tests (.ci/cluster.sh; rsync: the state transfer).
CI_PACKAGES_CLUSTER="mariadb-server mariadb-client galera-4 rsync"
# The private PostgreSQL of the PostgreSQL store's tests (.ci/postgres.sh).
CI_PACKAGES_POSTGRES="postgresql-15 postgresql-client-15"
# .ci/test.sh --valgrind.
CI_PACKAGES_VALGRIND="valgrind"
# .ci/asan.sh: the extension built by clang with ASan + UBSan.
CI_PACKAGES_ASAN="clang libclang-rt-14-dev"
# .ci/fuzz.sh: libFuzzer over the pure C core (libpcre2 for the email target's reference).
CI_PACKAGES_FUZZ="clang libfuzzer-14-dev libclang-rt-14-dev libpcre2-dev re2c"
# A throw-away Moodle 4.5 site (.ci/moodle-site.sh) and the plugin's release zip.
CI_PACKAGES_MOODLE="php8.2-cli php8.2-mysql php8.2-pgsql php8.2-xml php8.2-mbstring php8.2-curl php8.2-zip php8.2-gd php8.2-intl php8.2-soap xz-utils unzip zip"
# The browser tests (.ci/browser.sh): a site (curl waits for its server) and Debian's chromium.
CI_PACKAGES_BROWSER="$CI_PACKAGES_MOODLE chromium curl"
# The Debian package (.ci/package.sh).
CI_PACKAGES_DEBIAN="dpkg-dev debhelper dh-php"
# composer.json's validation.
CI_PACKAGES_COMPOSER="composer"

# Seconds to wait for another apt or dpkg (unattended upgrades, another job) to release its lock.
CI_APT_LOCK_TIMEOUT=${SHOPSETUP_APT_LOCK_TIMEOUT:-600}
# apt's own output goes here; its end is printed when a step fails.
CI_APT_LOG=${SHOPSETUP_APT_LOG:-/tmp/shopsetup-apt.log}

# Runs apt-get (as root, or through sudo) waiting for the dpkg lock, its output appended to the log.
ci_apt() {
    local sudo_cmd=""
    [ "$(id -u)" -eq 0 ] || sudo_cmd=sudo
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get -o DPkg::Lock::Timeout="$CI_APT_LOCK_TIMEOUT" \
        -o Acquire::Retries=3 "$@" >>"$CI_APT_LOG" 2>&1
}

# Installs the packages named that are not installed, one line per step on stderr; apt-get update
# runs only when one of them is missing from the package lists. False when it could not.
ci_install_packages() {
    local package missing=() unknown=0 start=$SECONDS
    for package in "$@"; do
        dpkg-query -W -f='${Status}\n' "$package" 2>/dev/null | grep -q '^install ok installed' || missing+=("$package")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    echo "installing packages: ${missing[*]} (apt's output: $CI_APT_LOG)" >&2
    for package in "${missing[@]}"; do
        apt-cache show --no-all-versions "$package" >/dev/null 2>&1 || unknown=1
    done
    if [ "$unknown" = 1 ]; then
        echo "  apt-get update..." >&2
        ci_apt update || { ci_apt_failed update; return 1; }
    fi
    echo "  apt-get install (waits up to $CI_APT_LOCK_TIMEOUT s for another apt)..." >&2
    ci_apt install -y --no-install-recommends "${missing[@]}" || { ci_apt_failed install; return 1; }
    echo "  installed in $((SECONDS - start)) s" >&2
}

ci_apt_failed() {
    echo "  apt-get $1 failed; the end of $CI_APT_LOG:" >&2
    tail -15 "$CI_APT_LOG" | sed 's/^/    /' >&2
}
