#!/usr/bin/env bash
# Smoke test of the real packages (run by .ci/run after the test suite; root, Debian/Ubuntu).
#
#   bash packaging/ci-smoke.sh
#
# 1. installs what it needs: PyInstaller (pip, the "package" extra), the .deb's Depends,
#    nsis, xvfb, desktop-file-utils, p7zip-full (apt-get);
# 2. builds build/facturier_<version>_amd64.deb (packaging/linux/build-deb.sh);
# 3. installs it with dpkg, then, as an unprivileged user: `facturier --version`,
#    `facturier self-check` (offscreen, then on a real X server under Xvfb), and an upgrade
#    of the first released database (tests/fixtures/schema-0001.db) by the installed program;
# 4. removes it with dpkg and checks nothing of it is left, and the user's data is;
# 5. compiles the Windows installer script (packaging/windows/check-nsis.sh).
# Prints the figures: build time, package size, start-up times.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
export DEBIAN_FRONTEND=noninteractive PIP_DISABLE_PIP_VERSION_CHECK=1
unset QT_QPA_PLATFORM  # self-check chooses offscreen by itself; the xcb run sets it
if [[ -z "${VIRTUAL_ENV:-}" && -f .venv/bin/activate ]]; then
    # shellcheck disable=SC1091
    . .venv/bin/activate
fi
PYTHON="$(command -v python)"
SUDO=""
[[ "$(id -u)" == 0 ]] || SUDO="sudo"
BEGAN=$(date +%s%N)
elapsed() {  # seconds since a `date +%s%N` stamp
    local ms=$(( ($(date +%s%N) - $1) / 1000000 ))
    printf '%d.%02d' $((ms / 1000)) $((ms % 1000 / 10))
}
PASSED=0
step() { printf '\n== %s\n' "$*"; }
ok() { PASSED=$((PASSED + 1)); echo "ok: $*"; }
fail() { echo "SMOKE TEST FAILED: $*" >&2; echo "smoke: $PASSED passed, 1 failed"; exit 1; }
trap 'echo "SMOKE TEST FAILED at line $LINENO" >&2; echo "smoke: $PASSED passed, 1 failed"' ERR

step "Tools and libraries"
start=$(date +%s%N)
pip install -q -e ".[package]"
# shellcheck disable=SC2046
$SUDO apt-get update -qq
# shellcheck disable=SC2046
$SUDO apt-get install -y -qq --no-install-recommends \
    $(bash packaging/linux/build-deb.sh --print-depends) \
    binutils nsis p7zip-full xvfb xauth desktop-file-utils >/dev/null
echo "installed in $(elapsed "$start") s"

step "Build the .deb"
LOG="$ROOT/build/smoke-build.log"
mkdir -p build
DEB_COMPRESSION="${DEB_COMPRESSION:-zstd}" bash packaging/linux/build-deb.sh 2>&1 | tee "$LOG"
VERSION="$("$PYTHON" -c 'import app; print(app.__version__)')"
DEB="$ROOT/build/facturier_${VERSION}_amd64.deb"
[[ -f "$DEB" ]] || fail "no package built"
ok "built $(basename "$DEB")"
desktop-file-validate resources/facturier.desktop || fail "facturier.desktop is not valid"
ok "facturier.desktop is valid"
dpkg-deb --info "$DEB" | sed -n '/Package:/,/Description:/p'
contents="$(dpkg-deb --contents "$DEB")"
for path in ./opt/facturier/facturier ./usr/bin/facturier ./usr/share/applications/facturier.desktop \
    ./usr/share/icons/hicolor/scalable/apps/facturier.svg \
    ./usr/share/icons/hicolor/48x48/apps/facturier.png \
    ./opt/facturier/_internal/app/db/migrations/env.py \
    ./opt/facturier/_internal/resources/translations/facturier_fr.qm; do
    grep -q " $path\$" <<<"$contents" || fail "$path is not in the package"
done
if grep -v " root/root " <<<"$contents" | grep -q .; then fail "files not owned by root"; fi
ok "the package holds the program, launcher, menu entry, icons, migrations, translations"

step "Install with dpkg"
if dpkg -s facturier >/dev/null 2>&1; then $SUDO dpkg -r facturier >/dev/null; fi
$SUDO dpkg -i "$DEB"
trap '$SUDO dpkg -r facturier >/dev/null 2>&1 || true' EXIT
on_path="$(env -i PATH=/usr/local/bin:/usr/bin:/bin sh -c 'command -v facturier')"
[[ "$on_path" == /usr/bin/facturier ]] || fail "facturier on the PATH is '$on_path'"
ok "installed with dpkg -i; /usr/bin/facturier on the PATH"

# The program runs as an ordinary user, with a home of its own (its data goes there).
USER_HOME="$(mktemp -d /tmp/facturier-smoke-home.XXXXXX)"
chown nobody:nogroup "$USER_HOME"
as_user() {
    setpriv --reuid=nobody --regid=nogroup --clear-groups \
        env -i PATH=/usr/bin:/bin HOME="$USER_HOME" TMPDIR="$USER_HOME" LANG=C.UTF-8 "$@"
}

step "facturier --version"
start=$(date +%s%N)
version_line="$(as_user facturier --version)"
version_time="$(elapsed "$start")"
echo "$version_line ($version_time s)"
[[ "$version_line" == "facturier $VERSION" ]] || fail "unexpected version: $version_line"
ok "facturier --version"

step "facturier self-check (offscreen, first run after installing)"
sync
if (echo 3 > /proc/sys/vm/drop_caches) 2>/dev/null; then cache="page cache dropped"; else
    cache="page cache as dpkg left it"; fi
start=$(date +%s%N)
as_user facturier self-check | tee build/smoke-self-check.log || fail "self-check (offscreen)"
first_run="$(elapsed "$start")"
ok "self-check on the offscreen platform"
cold_window="$(sed -n 's/.*, \([0-9.]*\) s after the program started.*/\1/p' build/smoke-self-check.log)"
start=$(date +%s%N)
as_user facturier self-check > build/smoke-self-check-2.log || fail "second self-check"
second_run="$(elapsed "$start")"
warm_window="$(sed -n 's/.*, \([0-9.]*\) s after the program started.*/\1/p' build/smoke-self-check-2.log)"

step "facturier self-check on an X server (xcb, Xvfb): the Depends are enough"
as_user xvfb-run --auto-servernum --server-args="-screen 0 1280x800x24" \
    env QT_QPA_PLATFORM=xcb facturier self-check | tee build/smoke-self-check-xcb.log \
    || fail "self-check on Xvfb"
grep -q "platform xcb" build/smoke-self-check-xcb.log || fail "the xcb platform was not used"
ok "self-check on an X server (xcb)"

step "The installed program upgrades the first released database"
cp tests/fixtures/schema-0001.db "$USER_HOME/facturier.db"
chown nobody:nogroup "$USER_HOME/facturier.db"
as_user facturier --db "$USER_HOME/facturier.db" pdf --kind invoice --number F-2025-0001 \
    --out "$USER_HOME/F-2025-0001.pdf" || fail "the installed program cannot open schema 0001"
ls "$USER_HOME"/facturier.backup-0001-*.db >/dev/null || fail "no backup before the upgrade"
"$PYTHON" - "$USER_HOME" <<'EOF' || fail "the upgraded database lost data"
import hashlib, sqlite3, sys
from pathlib import Path
home = Path(sys.argv[1])
db = sqlite3.connect(home / "facturier.db")
head = db.execute("SELECT version_num FROM alembic_version").fetchone()[0]
digest = db.execute("SELECT pdf_sha256 FROM document WHERE number = 'F-2025-0001'").fetchone()[0]
pdf = (home / "F-2025-0001.pdf").read_bytes()
assert head != "0001", head
assert hashlib.sha256(pdf).hexdigest() == digest, "the archived PDF changed"
print(f"migrated 0001 -> {head}; F-2025-0001's archived PDF intact ({len(pdf)} bytes)")
EOF
ok "the installed program upgrades a schema-0001 database, backup made, PDF intact"

step "Remove with dpkg"
$SUDO dpkg -r facturier
trap - EXIT
for path in /opt/facturier /usr/bin/facturier /usr/share/applications/facturier.desktop \
    /usr/share/icons/hicolor/scalable/apps/facturier.svg; do
    [[ ! -e "$path" ]] || fail "$path is left after dpkg -r"
done
ok "removed with dpkg -r, nothing left"
[[ -f "$USER_HOME/facturier.db" ]] || fail "the user's database went with the package"
rm -rf "$USER_HOME"
ok "the user's data stayed"

step "Windows installer script (makensis, placeholder payload)"
bash packaging/windows/check-nsis.sh || fail "makensis"
ok "the NSIS script compiles"

step "Figures"
grep -E "^PyInstaller build|^dpkg-deb" "$LOG" || true
echo ".deb: $(basename "$DEB") $(du -h "$DEB" | cut -f1)B (${DEB_COMPRESSION:-zstd}), $(
    dpkg-deb --field "$DEB" Installed-Size) KiB installed"
echo "facturier --version: $version_time s"
echo "cold start to the main window: $cold_window s ($cache; self-check $first_run s in all)"
echo "warm start to the main window: $warm_window s (self-check $second_run s in all)"
echo "package smoke test passed in $(elapsed "$BEGAN") s"
echo "smoke: $PASSED passed, 0 failed"
