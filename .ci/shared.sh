# Sourced: ci_shared_dir prints the project's ../shared folder (the Moodle tarball, moodle-phpcs).
# A local clone (git clone . /tmp/x) has none beside it: then the one beside the repository it was
# cloned from.
ci_shared_dir() {
    local repo origin
    repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
    if [ -d "$repo/../shared" ]; then
        (cd "$repo/../shared" && pwd)
        return
    fi
    origin=$(git -C "$repo" config --get remote.origin.url 2>/dev/null || true)
    if [ -n "$origin" ] && [ -d "$origin/../shared" ]; then
        (cd "$origin/../shared" && pwd)
        return
    fi
    echo "$repo/../shared"
}
