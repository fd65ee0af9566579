"""Check that the .deb's Depends cover every system library the frozen program links to.

python packaging/linux/check-depends.py BUNDLE_DIR "DEPENDS LINE"

Reads the DT_NEEDED entries of every ELF file under BUNDLE_DIR; each library that is not
shipped in the bundle must be found on this system (ldconfig) and belong to a package
named in DEPENDS (any alternative of an "a | b" group counts). Prints the libc6 version
constraint the bundle needs (the highest GLIBC_x.y symbol version it uses), e.g.
``libc6 (>= 2.34)``, for the control file. Exit status 1, with the reasons on standard
error, when a library is missing here or its package is not declared.
"""

from __future__ import annotations

import re
import subprocess
import sys
from functools import cache
from pathlib import Path

ELF_MAGIC = b"\x7fELF"
# Always there on any Debian or Ubuntu system (priority required / essential).
BASE_PACKAGES = {"libc6", "libgcc-s1", "libstdc++6"}


def elf_files(root: Path) -> list[Path]:
    found = []
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as handle:
                if handle.read(4) == ELF_MAGIC:
                    found.append(path)
    return found


def readelf(*args: str) -> str:
    return subprocess.run(
        ["readelf", "--wide", *args], capture_output=True, text=True, check=False
    ).stdout


def needed(path: Path) -> list[str]:
    return re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", readelf("--dynamic", str(path)))


def glibc_versions(path: Path) -> set[tuple[int, ...]]:
    text = readelf("--version-info", str(path))
    return {tuple(int(n) for n in v.split(".")) for v in re.findall(r"GLIBC_(\d+(?:\.\d+)+)", text)}


def system_libraries() -> dict[str, str]:
    """soname -> path, for this machine's 64-bit libraries (ldconfig's cache)."""
    text = subprocess.run(["ldconfig", "-p"], capture_output=True, text=True, check=True).stdout
    found: dict[str, str] = {}
    for line in text.splitlines():
        match = re.match(r"\s*(\S+) \(([^)]*)\) => (\S+)", line)
        if match and "x86-64" in match.group(2):
            found.setdefault(match.group(1), match.group(3))
    return found


@cache
def owner(path: str) -> str | None:
    """The Debian package that installed ``path`` (merged /usr: try both spellings)."""
    candidates = [path, str(Path(path).resolve())]
    for candidate in list(candidates):
        if candidate.startswith("/usr/lib/"):
            candidates.append(candidate[4:])
        elif candidate.startswith("/lib/"):
            candidates.append("/usr" + candidate)
    for candidate in candidates:
        result = subprocess.run(["dpkg", "-S", candidate], capture_output=True, text=True)
        if result.returncode == 0:
            return result.stdout.split(":", 1)[0].strip()
    return None


def declared(depends: str) -> list[set[str]]:
    groups = []
    for group in depends.split(","):
        names = {re.sub(r"\(.*?\)|:any", "", alt).strip() for alt in group.split("|")}
        groups.append({name for name in names if name})
    return groups


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    root, depends = Path(argv[0]), argv[1]
    files = elf_files(root)
    shipped = {p.name for p in root.rglob("*")}
    accepted = set().union(*declared(depends)) | BASE_PACKAGES
    system = system_libraries()
    users: dict[str, list[str]] = {}
    newest: tuple[int, ...] = (2, 17)
    for path in files:
        newest = max([newest, *glibc_versions(path)])
        for soname in needed(path):
            if soname not in shipped:
                users.setdefault(soname, []).append(str(path.relative_to(root)))
    problems: list[str] = []
    packages: dict[str, set[str]] = {}
    for soname, by in sorted(users.items()):
        where = system.get(soname)
        package = owner(where) if where else None
        example = f"needed by {by[0]}" + (f" and {len(by) - 1} more" if len(by) > 1 else "")
        if package is None:
            problems.append(f"{soname} ({example}) is not installed on this system")
            continue
        packages.setdefault(package, set()).add(soname)
        if package not in accepted:
            problems.append(f"{soname} ({example}) comes from {package}, which is not in Depends")
    for package in sorted(packages):
        print(f"  {package}: {', '.join(sorted(packages[package]))}", file=sys.stderr)
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    if problems:
        return 1
    print(f"libc6 (>= {'.'.join(map(str, newest))})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
