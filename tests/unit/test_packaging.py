"""The installers' helpers: what the frozen Linux build keeps, and the package's metadata.

The end-to-end check (build, install, run, remove) is packaging/ci-smoke.sh, run by .ci/run.
"""

from __future__ import annotations

import configparser
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]


def load(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


bundle_filter = load("bundle_filter", ROOT / "packaging" / "bundle_filter.py")
check_depends = load("check_depends", ROOT / "packaging" / "linux" / "check-depends.py")


@pytest.mark.parametrize(
    ("name", "system"),
    [
        ("libstdc++.so.6", True),
        ("libgcc_s.so.1", True),
        ("libfontconfig.so.1", True),
        ("libxcb-cursor.so.0", True),
        ("libxkbcommon-x11.so.0", True),
        ("libglib-2.0.so.0", True),
        ("libxcb-9065bb12.so.1.1.0", False),  # a wheel's own copy (Pillow): stays
        ("libQt6Core.so.6", False),
        ("PySide6/Qt/lib/libicudata.so.73", False),
        ("libpython3.11.so.1.0", False),
        ("libsqlite3.so.0", False),
    ],
)
def test_desktop_stack_libraries_come_from_the_system(name: str, system: bool) -> None:
    assert bundle_filter.is_system_library(name) is system


@pytest.mark.parametrize(
    ("destination", "dropped"),
    [
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", True),
        ("PySide6/Qt/plugins/egldeviceintegrations/libqeglfs-x11-integration.so", True),
        ("PySide6/Qt/plugins/platforms/libqvnc.so", True),
        ("PySide6/Qt/plugins/platforms/libqxcb.so", False),
        ("PySide6/Qt/plugins/platforms/libqwayland.so", False),
        ("PySide6/Qt/plugins/platforms/libqoffscreen.so", False),
        ("PySide6/Qt/plugins/imageformats/libqsvg.so", False),
        ("PySide6/Qt/plugins/iconengines/libqsvgicon.so", False),
    ],
)
def test_unused_qt_plugins_are_dropped(destination: str, dropped: bool) -> None:
    assert bundle_filter.is_dropped_plugin(destination) is dropped


def test_only_french_qt_translations_are_kept() -> None:
    keep = bundle_filter.keep_data
    assert keep(("PySide6/Qt/translations/qtbase_fr.qm", "x", "DATA"))
    assert keep(("PySide6/Qt/translations/qt_fr.qm", "x", "DATA"))
    assert not keep(("PySide6/Qt/translations/qtbase_de.qm", "x", "DATA"))
    assert not keep(("PySide6/Qt/translations/qt_help_fr.qm", "x", "DATA"))
    assert keep(("resources/translations/facturier_fr.qm", "x", "DATA"))  # ours


def test_links_to_dropped_libraries_are_dropped() -> None:
    binaries = [("PySide6/Qt/lib/libQt6Core.so.6", "/src/core", "BINARY")]
    datas = [
        ("libQt6Core.so.6", "PySide6/Qt/lib/libQt6Core.so.6", "SYMLINK"),
        ("libQt6EglFsKmsSupport.so.6", "PySide6/Qt/lib/libQt6EglFsKmsSupport.so.6", "SYMLINK"),
        ("resources/icons/facturier.svg", "/src/icon", "DATA"),
    ]
    kept = bundle_filter.drop_dangling_links(datas, binaries)
    assert [entry[0] for entry in kept] == ["libQt6Core.so.6", "resources/icons/facturier.svg"]


def test_libraries_only_dropped_files_needed_are_dropped_too() -> None:
    """On PySide6's real files: the extension keeps what it links to, nothing else."""
    pyside = importlib.util.find_spec("PySide6")
    assert pyside is not None and pyside.origin is not None
    folder = Path(pyside.origin).parent
    core_ext = next(folder.glob("QtCore*.so"), None)
    if core_ext is None:
        pytest.skip("not a Linux PySide6 (no QtCore .so)")
    lib = folder / "Qt" / "lib"
    entries = [
        (f"PySide6/{core_ext.name}", str(core_ext), "EXTENSION"),
        ("PySide6/Qt/lib/libQt6Core.so.6", str(lib / "libQt6Core.so.6"), "BINARY"),
        ("PySide6/Qt/lib/libQt6Svg.so.6", str(lib / "libQt6Svg.so.6"), "BINARY"),  # unused here
        ("libstdc++.so.6", "/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "BINARY"),  # system's
    ]
    kept = [entry[0] for entry in bundle_filter.prune_binaries(entries)]
    assert kept == [f"PySide6/{core_ext.name}", "PySide6/Qt/lib/libQt6Core.so.6"]


def test_depends_groups_accept_any_alternative() -> None:
    groups = check_depends.declared("libc6 (>= 2.35), libglib2.0-0 | libglib2.0-0t64, libegl1")
    assert groups == [{"libc6"}, {"libglib2.0-0", "libglib2.0-0t64"}, {"libegl1"}]


def control_fields() -> dict[str, str]:
    fields: dict[str, str] = {}
    for line in (ROOT / "packaging" / "linux" / "control.in").read_text().splitlines():
        if line and not line.startswith(" "):
            key, _, value = line.partition(":")
            fields[key] = value.strip()
    return fields


def test_the_package_depends_on_what_qt_xcb_needs() -> None:
    fields = control_fields()
    declared = set().union(*check_depends.declared(fields["Depends"]))
    for package in ("libegl1", "libxkbcommon-x11-0", "libxcb-cursor0", "libfontconfig1"):
        assert package in declared
    assert fields["Package"] == "facturier"
    assert fields["Architecture"] == "amd64"
    assert fields["Version"] == "@VERSION@"  # filled in by build-deb.sh from app.__version__


def test_the_menu_entry_starts_the_launcher_with_the_shipped_icon() -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(ROOT / "resources" / "facturier.desktop", encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert desktop["Exec"] == "facturier"
    assert desktop["Icon"] == "facturier"
    assert (ROOT / "resources" / "icons" / "facturier.svg").is_file()
    assert desktop["Terminal"] == "false"
    assert "Office" in desktop["Categories"].split(";")


def test_every_resource_and_migration_is_shipped_but_the_sources() -> None:
    datas = bundle_filter.resource_datas(ROOT) + bundle_filter.migration_datas(ROOT)
    shipped = {Path(dest) / Path(source).name for source, dest in datas}
    for needed in (
        "resources/fonts/DejaVuSans.ttf",
        "resources/icons/facturier.svg",
        "resources/translations/facturier_fr.qm",
        "resources/locale/fr/LC_MESSAGES/facturier.mo",  # the core's catalogue (app.i18n)
        "resources/facturier.desktop",
        "app/db/migrations/env.py",
    ):
        assert Path(needed) in shipped
    versions = {p.name for p in (ROOT / "app" / "db" / "migrations" / "versions").glob("0*.py")}
    assert versions and versions <= {p.name for p in shipped if p.parent.name == "versions"}
    names = {p.name for p in shipped}
    assert "facturier.po" not in names
    assert "facturier_fr.ts" not in names and "__init__.py" not in {
        p.name for p in shipped if p.parts[0] == "resources"
    }
    assert not [p for p in shipped if "pending" in p.parts]


def test_the_spec_takes_its_data_from_the_tested_helpers() -> None:
    spec = (ROOT / "packaging" / "facturier.spec").read_text()
    assert "datas = resource_datas(ROOT) + migration_datas(ROOT)" in spec
