#!/usr/bin/env bash
# Build the Linux package: build/facturier_<version>_amd64.deb
#
#   pip install -e ".[package]"          # PyInstaller, once
#   bash packaging/linux/build-deb.sh    # freeze with PyInstaller, then pack with dpkg-deb
#   bash packaging/linux/build-deb.sh --no-freeze   # reuse build/dist/facturier
#   DEB_COMPRESSION=zstd bash packaging/linux/build-deb.sh   # faster (CI), larger; default xz
#
# Needs: the project's virtualenv active (or `python` with the project installed),
# dpkg-deb and readelf (binutils), and the libraries listed in Depends (control.in),
# whose presence check-depends.py verifies against what the bundle links to:
#   sudo apt-get install $(bash packaging/linux/build-deb.sh --print-depends)
#
# Layout: /opt/facturier (the frozen program), /usr/bin/facturier (launcher),
# /usr/share/applications/facturier.desktop, hicolor icons, /usr/share/doc/facturier.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
HERE="$ROOT/packaging/linux"
BUILD="$ROOT/build"
PYTHON="${PYTHON:-python}"

elapsed() {  # seconds since a `date +%s%N` stamp, one decimal
    local ms=$(( ($(date +%s%N) - $1) / 1000000 ))
    printf '%d.%d' $((ms / 1000)) $((ms % 1000 / 100))
}
depends_packages() {  # the Depends line's first alternatives, without versions
    sed -n 's/^Depends: //p' "$HERE/control.in" | tr ',' '\n' | sed 's/|.*//; s/(.*)//; s/ //g' \
        | grep -v '^@' | grep -v '^$'
}
if [[ "${1:-}" == "--print-depends" ]]; then
    depends_packages | tr '\n' ' '; echo
    exit 0
fi

cd "$ROOT"
VERSION="$("$PYTHON" -c 'import app; print(app.__version__)')"
DIST="$BUILD/dist/facturier"

if [[ "${1:-}" != "--no-freeze" ]]; then
    "$PYTHON" -c 'import PyInstaller' 2>/dev/null \
        || { echo "PyInstaller is missing: pip install -e '.[package]'" >&2; exit 2; }
    start=$(date +%s%N)
    "$PYTHON" -m PyInstaller --noconfirm --clean --log-level WARN \
        --distpath "$BUILD/dist" --workpath "$BUILD/pyinstaller" packaging/facturier.spec
    echo "PyInstaller build: $(elapsed "$start") s"
fi
[[ -x "$DIST/facturier" ]] || { echo "no frozen program in $DIST" >&2; exit 2; }

STAGE="$BUILD/deb/facturier_${VERSION}_amd64"
rm -rf "$STAGE"
mkdir -p "$STAGE/DEBIAN" "$STAGE/opt" "$STAGE/usr/bin" "$STAGE/usr/share/applications" \
    "$STAGE/usr/share/icons/hicolor/scalable/apps" "$STAGE/usr/share/doc/facturier"
cp -a "$DIST" "$STAGE/opt/facturier"
install -m 0755 "$HERE/facturier-launcher.sh" "$STAGE/usr/bin/facturier"
install -m 0644 resources/facturier.desktop "$STAGE/usr/share/applications/facturier.desktop"
install -m 0644 resources/icons/facturier.svg "$STAGE/usr/share/icons/hicolor/scalable/apps/"
"$PYTHON" packaging/make_icons.py --png-dir "$STAGE/usr/share/icons/hicolor" >/dev/null
install -m 0644 "$HERE/copyright" "$STAGE/usr/share/doc/facturier/copyright"

# Every system library the bundle links to must come from a package in Depends.
DEPENDS_TEMPLATE="$(sed -n 's/^Depends: //p' "$HERE/control.in")"
LIBC="$("$PYTHON" "$HERE/check-depends.py" "$STAGE/opt/facturier" "$DEPENDS_TEMPLATE")"

# Files root-owned (dpkg-deb --root-owner-group), readable by all, executables kept.
chmod -R u=rwX,go=rX "$STAGE"
SIZE_KB="$(du -sk --exclude=DEBIAN "$STAGE" | cut -f1)"
sed -e "s/@VERSION@/$VERSION/" -e "s/@INSTALLED_SIZE@/$SIZE_KB/" -e "s/@LIBC@/$LIBC/" \
    "$HERE/control.in" > "$STAGE/DEBIAN/control"
chmod 0644 "$STAGE/DEBIAN/control"

DEB="$BUILD/facturier_${VERSION}_amd64.deb"
start=$(date +%s%N)
# xz is the smallest; zstd packs ~50x faster, 30 % larger (dpkg >= 1.21.18: Debian 12,
# Ubuntu 22.04 and later, which the bundle's glibc needs anyway).
dpkg-deb --root-owner-group -Z"${DEB_COMPRESSION:-xz}" --build "$STAGE" "$DEB" >/dev/null
echo "dpkg-deb (${DEB_COMPRESSION:-xz}): $(elapsed "$start") s"
echo "$DEB: $(du -h "$DEB" | cut -f1) ($(stat -c %s "$DEB") bytes), installed size ${SIZE_KB} KiB"
