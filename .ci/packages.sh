# Sourced by the scripts of .ci/: ci_install_packages PACKAGE... installs, with apt-get, those of the
# Debian packages named that are not installed (as root, or through sudo); false when it could not.
ci_install_packages() {
    local missing sudo_cmd=""
    missing=$(dpkg-query -W -f='${Status} ${Package}\n' "$@" 2>&1 | grep -v '^install ok installed' || true)
    [ -z "$missing" ] && return 0
    [ "$(id -u)" -eq 0 ] || sudo_cmd=sudo
    echo "installing packages: $*" >&2
    { $sudo_cmd apt-get update -qq \
        && DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "$@"; } >/dev/null 2>&1
}
