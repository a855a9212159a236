#!/usr/bin/env bash
# Builds the plugin's release zip: shophandlers_std_setuponecoursesession-<release>.zip with the folder
# std_setuponecoursesession/ at its root, what an admin unzips into local/shop/datahandling/handlers/.
#
#   moodle_plugin/build-zip.sh [OUTDIR]     (default: dist/); prints the zip's path
set -euo pipefail
cd "$(dirname "$0")"
out=${1:-../dist}
command -v zip >/dev/null || { . ../.ci/packages.sh && ci_install_packages zip; } || { echo "build-zip: zip could not be installed" >&2; exit 1; }
release=$(sed -n "s/^\$plugin->release = '\([^' ]*\).*/\1/p" std_setuponecoursesession/version.php)
[ -n "$release" ] || { echo "build-zip: no \$plugin->release in version.php" >&2; exit 1; }
mkdir -p "$out"
zipfile=$(cd "$out" && pwd)/shophandlers_std_setuponecoursesession-$release.zip
rm -f "$zipfile"
zip -qr -X "$zipfile" std_setuponecoursesession
echo "$zipfile"
