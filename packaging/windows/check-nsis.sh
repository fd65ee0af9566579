#!/usr/bin/env bash
# Compile the Windows installer script with Linux's makensis against a placeholder payload
# (the real payload is built on Windows: .github/workflows/windows-installer.yml).
#
#   bash packaging/windows/check-nsis.sh      # needs makensis (Debian: apt-get install nsis)
#
# Checks that facturier.nsi compiles without warnings and gives a Windows executable, and
# lists what the installer holds when 7z is there (Debian: p7zip-full).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
PYTHON="${PYTHON:-python}"
OUT="$ROOT/build/windows-check"
command -v makensis >/dev/null || { echo "makensis is missing: apt-get install nsis" >&2; exit 2; }

cd "$ROOT"
VERSION="$("$PYTHON" -c 'import app; print(app.__version__)')"
rm -rf "$OUT"
PAYLOAD="$OUT/payload"
mkdir -p "$PAYLOAD/_internal/resources"
printf 'placeholder for PyInstaller facturier.exe\n' > "$PAYLOAD/facturier.exe"
printf 'placeholder for PyInstaller facturier-cli.exe\n' > "$PAYLOAD/facturier-cli.exe"
printf 'placeholder for the bundled libraries\n' > "$PAYLOAD/_internal/placeholder.txt"
"$PYTHON" packaging/make_icons.py --ico "$OUT/facturier.ico" >/dev/null

SETUP="$OUT/Facturier-$VERSION-setup.exe"
# -WX: warnings are errors; -V2: warnings and errors only.
makensis -WX -V2 -DVERSION="$VERSION" -DPAYLOAD="$PAYLOAD" -DICON="$OUT/facturier.ico" \
    -DOUTFILE="$SETUP" packaging/windows/facturier.nsi
[[ "$(head -c 2 "$SETUP")" == "MZ" ]] || { echo "$SETUP is not a Windows executable" >&2; exit 1; }
if command -v 7z >/dev/null; then
    listing="$(7z l "$SETUP")"
    for expected in facturier.exe facturier-cli.exe _internal/placeholder.txt uninstall.exe; do
        grep -q "$expected" <<<"$listing" \
            || { echo "the installer does not hold $expected" >&2; echo "$listing" >&2; exit 1; }
    done
fi
echo "makensis: $SETUP compiled ($(stat -c %s "$SETUP") bytes)"
