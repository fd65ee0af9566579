"""Qt Linguist translations: extract the UI's strings and compile the French catalogue.

python packaging/i18n.py update   # refresh resources/translations/facturier_fr.ts
python packaging/i18n.py release  # compile it to facturier_fr.qm (shipped with the app)
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TS = ROOT / "resources" / "translations" / "facturier_fr.ts"
QM = TS.with_suffix(".qm")


def _tool(name: str) -> str:
    for candidate in (f"pyside6-{name}", name):
        found = shutil.which(candidate, path=str(Path(sys.executable).parent)) or shutil.which(
            candidate
        )
        if found:
            return found
    raise SystemExit(f"{name} not found: install PySide6")


def ui_sources() -> list[Path]:
    return sorted((ROOT / "ui").rglob("*.py"))


def update(ts: Path = TS) -> None:
    """Merge the strings found in ui/ into ``ts`` (existing translations are kept)."""
    sources = [str(p) for p in ui_sources()]
    subprocess.run(
        [_tool("lupdate"), "-no-obsolete", "-locations", "none", *sources, "-ts", str(ts)],
        check=True,
        capture_output=True,
    )


def release(ts: Path = TS, qm: Path = QM) -> None:
    subprocess.run([_tool("lrelease"), str(ts), "-qm", str(qm)], check=True, capture_output=True)


def untranslated(ts: Path = TS) -> list[str]:
    """Source strings with no finished French translation."""
    missing = []
    for message in ET.parse(ts).getroot().iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        if translation is None or translation.get("type") in ("unfinished", "vanished"):
            missing.append(source)
            continue
        forms = translation.findall("numerusform")
        texts = [f.text or "" for f in forms] if forms else [translation.text or ""]
        if not all(t.strip() for t in texts):
            missing.append(source)
    return missing


def translate(mapping: dict[str, str | list[str]], ts: Path = TS) -> int:
    """Write French translations for the given source strings (plural: a list of forms)."""
    tree = ET.parse(ts)
    done = 0
    for message in tree.getroot().iter("message"):
        source = message.findtext("source") or ""
        if source not in mapping:
            continue
        translation = message.find("translation")
        if translation is None:
            translation = ET.SubElement(message, "translation")
        translation.attrib.pop("type", None)
        value = mapping[source]
        for child in list(translation):
            translation.remove(child)
        if isinstance(value, list):
            translation.text = None
            for form in value:
                ET.SubElement(translation, "numerusform").text = form
        else:
            translation.text = value
        done += 1
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    return done


if __name__ == "__main__":
    action = sys.argv[1] if len(sys.argv) > 1 else "release"
    if action == "update":
        update()
        print("\n".join(untranslated()) or "all strings translated")
    elif action == "release":
        release()
    else:
        raise SystemExit(__doc__)
