#!/usr/bin/env bash
# Copy the front-end packages installed by `npm ci` into static/vendor/ (gitignored).
#
#   static/vendor/dkfds/css/dkfds.min.css (+ .map)
#   static/vendor/dkfds/fonts/...        only the font files the CSS refers to
#   static/vendor/dkfds/img/...          icon sprite, single icons, placeholder logos
#   static/vendor/dkfds/js/dkfds.min.js  (+ .map)
#   static/vendor/htmx/htmx.min.js
#
# The DKFDS CSS refers to its fonts and icons as ../fonts/… and ../img/…, so the css/, fonts/ and
# img/ folders keep their relative positions. Production uses a manifest static storage, which
# fails on any url(…) or sourceMappingURL that points at a missing file, so the script checks
# every reference after copying. Safe to run any number of times.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
NODE_MODULES="$ROOT/node_modules"
VENDOR="$ROOT/static/vendor"

fail() {
    echo "build_static: $*" >&2
    exit 1
}

[ -d "$NODE_MODULES" ] || fail "node_modules/ is missing; run 'npm ci' first."
DKFDS_DIST="$NODE_MODULES/dkfds/dist"
HTMX_DIST="$NODE_MODULES/htmx.org/dist"
for required in \
    "$DKFDS_DIST/css/dkfds.min.css" \
    "$DKFDS_DIST/js/dkfds.min.js" \
    "$DKFDS_DIST/img/all-svg-icons.svg" \
    "$HTMX_DIST/htmx.min.js"; do
    [ -f "$required" ] || fail "$required is missing; run 'npm ci' first."
done

# Start from a clean folder so files removed upstream do not linger.
rm -rf "$VENDOR/dkfds" "$VENDOR/htmx"
mkdir -p "$VENDOR/dkfds/css" "$VENDOR/dkfds/js" "$VENDOR/htmx"

# DKFDS: the default theme (not the borger.dk or virk.dk themes).
cp "$DKFDS_DIST/css/dkfds.min.css" "$DKFDS_DIST/css/dkfds.min.css.map" "$VENDOR/dkfds/css/"
cp "$DKFDS_DIST/js/dkfds.min.js" "$DKFDS_DIST/js/dkfds.min.js.map" "$VENDOR/dkfds/js/"
cp -R "$DKFDS_DIST/img" "$VENDOR/dkfds/img"

# Fonts: the package ships 12 MB of IBM Plex Sans in five formats and many subsets; copy only the
# files the stylesheet refers to, plus the licence.
css_urls() {
    grep -o 'url([^)]*)' "$1" | sed -E 's/^url\(["'"'"']?//; s/["'"'"']?\)$//; s/[?#].*$//' | sort -u
}
while IFS= read -r ref; do
    case "$ref" in
        ../fonts/*)
            src="$DKFDS_DIST/css/$ref"
            dest="$VENDOR/dkfds/css/$ref"
            [ -f "$src" ] || fail "dkfds.min.css refers to $ref, which the package does not ship."
            mkdir -p "$(dirname "$dest")"
            cp "$src" "$dest"
            ;;
    esac
done < <(css_urls "$VENDOR/dkfds/css/dkfds.min.css")
for licence in "$DKFDS_DIST/fonts/IBMPlexSans/complete/woff2/license.txt" "$DKFDS_DIST/LICENSE.md"; do
    if [ -f "$licence" ]; then
        cp "$licence" "$VENDOR/dkfds/$(basename "$licence")"
    fi
done

cp "$HTMX_DIST/htmx.min.js" "$VENDOR/htmx/htmx.min.js"

# Check: every url(...) in the copied CSS and every sourceMappingURL resolves to a copied file.
missing=0
while IFS= read -r ref; do
    case "$ref" in
        data:* | http:* | https:* | //* | "") continue ;;
    esac
    if [ ! -f "$VENDOR/dkfds/css/$ref" ]; then
        echo "build_static: dkfds.min.css refers to missing $ref" >&2
        missing=1
    fi
done < <(css_urls "$VENDOR/dkfds/css/dkfds.min.css")
for file in "$VENDOR/dkfds/css/dkfds.min.css" "$VENDOR/dkfds/js/dkfds.min.js" "$VENDOR/htmx/htmx.min.js"; do
    map="$(grep -o 'sourceMappingURL=[^ *]*' "$file" | head -n 1 | cut -d= -f2 || true)"
    if [ -n "$map" ] && [ ! -f "$(dirname "$file")/$map" ]; then
        echo "build_static: $file refers to missing source map $map" >&2
        missing=1
    fi
done
[ "$missing" -eq 0 ] || fail "static/vendor is incomplete (see above)."

dkfds_version="$(sed -n 's/.*"version": *"\([^"]*\)".*/\1/p' "$NODE_MODULES/dkfds/package.json" | head -n 1)"
htmx_version="$(sed -n 's/.*"version": *"\([^"]*\)".*/\1/p' "$NODE_MODULES/htmx.org/package.json" | head -n 1)"
echo "build_static: dkfds $dkfds_version and htmx $htmx_version copied to ${VENDOR#"$ROOT"/} ($(du -sh "$VENDOR" | cut -f1))."
