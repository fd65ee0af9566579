"""The late-penalty rate and the early-payment discount (migration 0008) on the settings
dialog's Legal mentions page: typed, previewed as the PDF prints them, checked, saved."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit
from pytestqt.qtbot import QtBot

from app.domain.legal_mentions import NO_DISCOUNT, RECOVERY_FEE, payment_mentions
from app.errors import ValidationError
from app.services.database import Database
from app.services.settings import get_company, save_settings, update_company
from tests.ui.fresh_catalogues import use_language
from tests.ui.test_settings_dialog import LEGAL, is_marked, open_dialog, type_into

NBSP = "\u00a0"


@pytest.fixture
def french(qapp: QApplication) -> Iterator[None]:
    use_language(qapp, "fr")
    QLocale.setDefault(QLocale(QLocale.Language.French, QLocale.Country.France))
    yield
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    use_language(qapp, "en")


def field(dialog: QApplication | object, name: str) -> QLineEdit:
    edit = dialog.findChild(QLineEdit, name)  # type: ignore[attr-defined]
    assert isinstance(edit, QLineEdit)
    return edit


# --- the service: what can be stored, and the sentences built from it -----------------


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("10,5", "10,5 %"), (" 12.50% ", "12,5 %"), ("10 % l'an", "10 % l'an"), ("", "")],
)
def test_a_rate_is_stored_as_a_percentage(db: Database, typed: str, stored: str) -> None:
    company = save_settings(db, {"name": "ACME", "late_penalty_rate": typed})
    assert company.late_penalty_rate == stored
    assert get_company(db).late_penalty_rate == stored


@pytest.mark.parametrize(
    ("typed", "reason"),
    [("0", "range"), ("150 %", "range"), ("1O %", "format"), ("12 €", "format")],
)
def test_a_bad_rate_is_refused_and_nothing_is_written(
    db: Database, typed: str, reason: str
) -> None:
    update_company(db, name="ACME", late_penalty_rate="10 %")
    with pytest.raises(ValidationError) as caught:
        save_settings(db, {"late_penalty_rate": typed})
    assert caught.value.code == "settings.penalty_rate"
    assert caught.value.data == {"field": "late_penalty_rate", "value": typed, "reason": reason}
    with pytest.raises(ValidationError):
        update_company(db, late_penalty_rate=typed)
    assert get_company(db).late_penalty_rate == "10 %"


def test_sentences_once_each_and_only_for_businesses() -> None:
    mentions = payment_mentions(business=True, penalty_rate="10,5 %", discount="Escompte 2 %")
    assert mentions.lines == (
        f"En cas de retard de paiement, pénalités de retard au taux de 10,5{NBSP}%.",
        RECOVERY_FEE,
        "Escompte 2 %.",
    )
    assert payment_mentions(business=True).lines[2] == NO_DISCOUNT
    assert "trois fois le taux d’intérêt légal" in payment_mentions(business=True).penalties
    own = "Pénalités : 3 fois le taux légal, 40 € de frais de recouvrement. Pas d'escompte."
    assert payment_mentions(business=True, custom_text=own).lines == (own,)
    assert payment_mentions(business=False, penalty_rate="10 %").lines == ()


# --- the dialog --------------------------------------------------------------------------


def test_the_rate_and_terms_typed_show_in_the_hint_and_are_saved(
    qtbot: QtBot, db: Database
) -> None:
    update_company(db, name="ACME SARL")
    dialog = open_dialog(qtbot, db, LEGAL)
    preview = dialog.findChild(QLabel, "paymentMentionsPreview")
    assert isinstance(preview, QLabel)
    assert "trois fois le taux d’intérêt légal" in preview.text()
    assert NO_DISCOUNT in preview.text()

    type_into(qtbot, field(dialog, "latePenaltyRateEdit"), "10,5")
    type_into(qtbot, field(dialog, "earlyPaymentDiscountEdit"), "Escompte de 2 %")
    assert f"au taux de 10,5{NBSP}%." in preview.text()
    assert "Escompte de 2 %." in preview.text()
    assert NO_DISCOUNT not in preview.text()
    assert dialog.problem_message() == ""

    assert dialog.save() is True
    saved = get_company(db)
    assert (saved.late_penalty_rate, saved.early_payment_discount) == ("10,5 %", "Escompte de 2 %")


def test_a_bad_rate_is_refused_with_a_french_message(
    qtbot: QtBot, db: Database, french: None
) -> None:
    update_company(db, name="ACME SARL", late_penalty_rate="10 %")
    dialog = open_dialog(qtbot, db, LEGAL)
    rate = field(dialog, "latePenaltyRateEdit")
    type_into(qtbot, rate, "150")
    assert is_marked(rate)
    assert "supérieur à 0 et inférieur ou égal à 100\u00a0%" in rate.toolTip()
    assert dialog.problem_message().startswith("Mentions légales")
    type_into(qtbot, rate, "1O %")
    assert "en pourcentage (par exemple 10,5" in dialog.problem_message()
    preview = dialog.findChild(QLabel, "paymentMentionsPreview")
    assert isinstance(preview, QLabel)
    assert preview.text() == "Corrigez le taux pour voir ce qui sera imprimé."
    assert dialog.save() is False
    assert get_company(db).late_penalty_rate == "10 %"  # nothing lost, nothing written
    assert rate.text() == "1O %"  # what was typed stays to be fixed
