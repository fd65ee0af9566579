"""Every UI string has a French translation, and the shipped catalogue is up to date."""

from __future__ import annotations

import shutil
import sys
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
