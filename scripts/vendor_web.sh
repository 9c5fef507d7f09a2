#!/usr/bin/env bash
# Reproduce the dashboard's vendored libraries from the npm registry (pinned in
# scripts/web/package-lock.json): the built files and their licences are committed under
# src/sitrep/web/static/vendor, so the dashboard works offline and installs need no npm.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$here/../src/sitrep/web/static/vendor"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp "$here/web/package.json" "$here/web/package-lock.json" "$work/"
(cd "$work" && npm ci --no-audit --no-fund --ignore-scripts >/dev/null)
rm -rf "$out" && mkdir -p "$out/leaflet/images" "$out/markercluster"
cp "$work/node_modules/leaflet/dist/leaflet.js" "$work/node_modules/leaflet/dist/leaflet.css" "$out/leaflet/"
cp "$work/node_modules/leaflet/dist/images/"*.png "$out/leaflet/images/"
cp "$work/node_modules/leaflet/LICENSE" "$out/leaflet/LICENSE"
cp "$work/node_modules/leaflet.markercluster/dist/leaflet.markercluster.js" \
   "$work/node_modules/leaflet.markercluster/dist/MarkerCluster.css" \
   "$work/node_modules/leaflet.markercluster/dist/MarkerCluster.Default.css" "$out/markercluster/"
cp "$work/node_modules/leaflet.markercluster/MIT-LICENCE.txt" "$out/markercluster/LICENSE" 2>/dev/null \
   || cp "$work/node_modules/leaflet.markercluster/LICENSE"* "$out/markercluster/LICENSE"
echo "vendored into $out"
