"""Translations: the window's (Qt Linguist) and the core's (gettext) catalogues.

python packaging/i18n.py update   # refresh resources/translations/facturier_fr.ts (and _en)
python packaging/i18n.py release  # compile them to .qm files (shipped with the app)
python packaging/i18n.py merge    # take translations left in pending/*.json, then both
python packaging/i18n.py core     # the core's catalogue: extract _()/N_() from app/ into
                                  # resources/locale/fr/LC_MESSAGES/facturier.po, compile .mo
python packaging/i18n.py typography  # French typography (app.domain.french_typography) on
                                  # every French translation of both catalogues, then compile

Every French text follows one typographic rule (``typeset``); ``merge`` applies it to the
translations it takes from pending/, and tests/unit/test_french_typography.py checks both
catalogues.

Both compiled catalogues (.qm, .mo) are committed, so that a fresh clone, the wheel and the
frozen build need no tool to run; tests/unit/test_core_catalogue.py fails when the .mo is
older than the .po or a core message has no French.

The English catalogue holds only plural forms ("%n document(s)" -> "1 document",
"2 documents"); it is filled automatically from the source strings.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run as a script: the rule lives in the app's domain

from app.domain.french_typography import typeset  # noqa: E402

TS = ROOT / "resources" / "translations" / "facturier_fr.ts"
QM = TS.with_suffix(".qm")
EN_TS = TS.with_name("facturier_en.ts")
EN_QM = EN_TS.with_suffix(".qm")
PO = ROOT / "resources" / "locale" / "fr" / "LC_MESSAGES" / "facturier.po"
MO = PO.with_suffix(".mo")


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


def update_english(ts: Path = EN_TS) -> None:
    """English plural forms, derived from the sources: "(s)" -> "" / "s"."""
    sources = [str(p) for p in ui_sources()]
    subprocess.run(
        [
            _tool("lupdate"),
            "-no-obsolete",
            "-locations",
            "none",
            "-pluralonly",
            "-target-language",
            "en_GB",
            *sources,
            "-ts",
            str(ts),
        ],
        check=True,
        capture_output=True,
    )
    tree = ET.parse(ts)
    for message in tree.getroot().iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        if translation is None:
            translation = ET.SubElement(message, "translation")
        translation.attrib.pop("type", None)
        translation.text = None
        for child in list(translation):
            translation.remove(child)
        for form in (source.replace("(s)", ""), source.replace("(s)", "s")):
            ET.SubElement(translation, "numerusform").text = form
    tree.write(ts, encoding="utf-8", xml_declaration=True)


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
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            done += _translate_message(message, name, mapping)
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    return done


def _translate_message(
    message: ET.Element, context: str, mapping: dict[str, str | list[str]]
) -> int:
    """``mapping``'s "Context::source" entry for this message, else its plain "source"."""
    source = message.findtext("source") or ""
    key = f"{context}::{source}"
    value = mapping.get(key, mapping.get(source))
    if value is None:
        return 0
    translation = message.find("translation")
    if translation is None:
        translation = ET.SubElement(message, "translation")
    translation.attrib.pop("type", None)
    for child in list(translation):
        translation.remove(child)
    if isinstance(value, list):
        message.set("numerus", "yes")
        translation.text = None
        for form in value:
            ET.SubElement(translation, "numerusform").text = form
    else:
        translation.text = value
    return 1


def pending_entries(data: dict[str, Any]) -> dict[str, str | list[str]]:
    """One pending file's translations: ``{"source": "French"}``, or ``{"Context":
    {"source": "French"}}`` for a source translated differently in that context only."""
    entries: dict[str, str | list[str]] = {}
    for key, value in data.items():
        if isinstance(value, dict):
            entries.update({f"{key}::{source}": text for source, text in value.items()})
        else:
            entries[key] = value
    return entries


PENDING = TS.parent / "pending"


def pending_translations(folder: Path = PENDING) -> dict[str, str | list[str]]:
    """Every translation of ``pending/``, the files in name order (a later file wins),
    in French typography: what ``merge`` writes into the catalogue."""
    import json

    mapping: dict[str, str | list[str]] = {}
    for path in sorted(folder.glob("*.json")):
        mapping.update(pending_entries(json.loads(path.read_text(encoding="utf-8"))))
    return {
        key: [typeset(v) for v in value] if isinstance(value, list) else typeset(value)
        for key, value in mapping.items()
    }


def merge_pending(folder: Path = PENDING) -> int:
    """Take the French translations engineers left as JSON files in ``pending/``."""
    mapping = pending_translations(folder)
    update()
    done = translate(mapping)
    update()
    update_english()
    release()
    release(EN_TS, EN_QM)
    return done


_TS_TEXT = re.compile(r"(<translation(?: type=\"unfinished\")?>|<numerusform>)([^<]*)(?=<)")
_TS_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "'": "&apos;", '"': "&quot;"}


def _ts_escape(text: str) -> str:
    """As lupdate writes a translation (no-break spaces as character references)."""
    text = "".join(_TS_ESCAPES.get(c, c) for c in text)
    return text.replace("\u00a0", "&#xa0;").replace("\u202f", "&#x202f;")


def typeset_ts(ts: Path = TS) -> int:
    """French typography on every live translation of ``ts`` (vanished ones are left).
    Edits the text in place so that the file stays as lupdate writes it."""
    changed = 0

    def fix(match: re.Match[str]) -> str:
        nonlocal changed
        text = html.unescape(match.group(2))
        fixed = typeset(text)
        if fixed == text:
            return match.group(0)
        changed += 1
        return match.group(1) + _ts_escape(fixed)

    ts.write_text(_TS_TEXT.sub(fix, ts.read_text(encoding="utf-8")), encoding="utf-8")
    return changed


def typeset_core(po: Path = PO) -> int:
    """French typography on every translation of the core's catalogue."""
    catalog = read_core(po)
    changed = 0
    for message in catalog:
        if not message.id or not message.string:
            continue
        if isinstance(message.string, tuple):
            fixed: str | tuple[str, ...] = tuple(typeset(s) for s in message.string)
        else:
            fixed = typeset(message.string)
        if fixed != message.string:
            message.string = fixed
            changed += 1
    with po.open("wb") as file:
        write_po(file, catalog, no_location=True, sort_output=True, width=100)
    return changed


# --- the core's catalogue (gettext, app.i18n) ------------------------------------------------


def core_template() -> Catalog:
    """Every message of app/ marked with _(), N_() or ngettext(), English being the id."""
    template = Catalog(project="Facturier", domain="facturier")
    for filename, lineno, message, _comments, context in extract_from_dir(
        ROOT / "app", method_map=[("**.py", "python")], strip_comment_tags=True
    ):
        template.add(message, locations=[(f"app/{filename}", lineno)], context=context)
    return template


def read_core(po: Path = PO) -> Catalog:
    with po.open("rb") as file:
        return read_po(file, locale="fr", domain="facturier")


def update_core(po: Path = PO) -> None:
    """Add the new messages of app/ to the .po (no French yet), drop the ones gone."""
    template = core_template()
    if po.exists():
        catalog = read_core(po)
        template.creation_date = catalog.creation_date  # no date churn in the diff
        catalog.update(template, no_fuzzy_matching=True)
        catalog.obsolete.clear()
    else:
        catalog = Catalog(locale="fr", domain="facturier", project="Facturier")
        catalog.update(template, no_fuzzy_matching=True)
    po.parent.mkdir(parents=True, exist_ok=True)
    with po.open("wb") as file:
        write_po(file, catalog, no_location=True, sort_output=True, width=100)


def compile_core(po: Path = PO, mo: Path = MO) -> None:
    with mo.open("wb") as file:
        write_mo(file, read_core(po))


def core_untranslated(po: Path = PO) -> list[str]:
    """Core messages with no French, or a French marked fuzzy (to be checked)."""
    return [
        str(m.id)
        for m in read_core(po)
        if m.id and (not m.string or (isinstance(m.string, tuple) and not all(m.string)) or m.fuzzy)
    ]


if __name__ == "__main__":
    action = sys.argv[1] if len(sys.argv) > 1 else "release"
    if action == "update":
        update()
        update_english()
        print("\n".join(untranslated()) or "all strings translated")
    elif action == "release":
        release()
        release(EN_TS, EN_QM)
    elif action == "core":
        update_core()
        compile_core()
        print("\n".join(core_untranslated()) or "all core messages translated")
    elif action == "typography":
        print(f"{typeset_ts()} window translations and {typeset_core()} core ones retouched")
        release()
        compile_core()
    elif action == "merge":
        print(f"{merge_pending()} translations taken from pending/")
        print("\n".join(untranslated()) or "all strings translated")
    else:
        raise SystemExit(__doc__)
