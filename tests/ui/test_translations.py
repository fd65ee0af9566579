"""Every UI string has a French translation, and the shipped catalogue is up to date."""

from __future__ import annotations

import shutil
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packaging"))

import i18n  # noqa: E402


def test_every_source_string_has_a_french_translation(tmp_path: Path) -> None:
    ts = tmp_path / "facturier_fr.ts"
    shutil.copy(i18n.TS, ts)
    i18n.update(ts)  # picks up any string added to ui/ since the catalogue was written
    missing = i18n.untranslated(ts)
    assert missing == [], f"untranslated: {missing}; run python packaging/i18n.py update"


def test_the_shipped_qm_matches_the_catalogue(tmp_path: Path) -> None:
    qm = tmp_path / "facturier_fr.qm"
    i18n.release(i18n.TS, qm)
    assert qm.read_bytes() == i18n.QM.read_bytes(), "run python packaging/i18n.py release"


def test_every_pending_translation_is_merged(tmp_path: Path) -> None:
    """What the window shows is the shipped catalogue: a translation left in pending/ and
    not merged would show in the tests (tests/ui/fresh_catalogues.py) but not to users."""
    ts = tmp_path / "facturier_fr.ts"
    shutil.copy(i18n.TS, ts)
    i18n.update(ts)
    i18n.translate(i18n.pending_translations(), ts)
    merged, shipped = _translations(ts), _translations(i18n.TS)
    differing = sorted(key for key in merged if merged[key] != shipped.get(key))
    assert not differing, f"run python packaging/i18n.py merge: {differing[:5]}"


def _translations(ts: Path) -> dict[tuple[str, str], tuple[str, ...]]:
    """(context, source) -> its French (each plural form)."""
    found: dict[tuple[str, str], tuple[str, ...]] = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            forms = [] if translation is None else list(translation.iter("numerusform"))
            texts = [f.text or "" for f in forms] or [getattr(translation, "text", "") or ""]
            found[(name, message.findtext("source") or "")] = tuple(texts)
    return found
