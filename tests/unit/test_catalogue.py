"""The catalogue of products and services, on SQLite and on a real PostgreSQL server."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from app.db.database import Database
from app.errors import NotFoundError, ValidationError
from app.services.catalogue import (
    CatalogItemData,
    CatalogItemInput,
    archive_item,
    list_items,
    save_item,
)

D = Decimal


def item(label: str, price: str = "10", rate: str = "20", **others: Any) -> CatalogItemInput:
    return CatalogItemInput(label, D(price), D(rate), **others)


def labels(items: list[CatalogItemData]) -> list[str]:
    return [i.label for i in items]


def test_create_read_update(db: Database) -> None:
    item_id = save_item(
        db,
        item(
            "  Pose de carrelage  ",
            "48.9",
            "10",
            description="Carrelage sol, joints compris",
            unit=" m² ",
        ),
    )
    (found,) = list_items(db)
    assert found == CatalogItemData(
        id=item_id,
        label="Pose de carrelage",
        description="Carrelage sol, joints compris",
        unit="m²",
        unit_price=D("48.90"),
        vat_rate=D("10"),
        archived=False,
    )
    assert isinstance(found.unit_price, Decimal) and isinstance(found.vat_rate, Decimal)
    assert save_item(db, item("Pose de faïence", "52.1234", "5.5"), item_id) == item_id
    (changed,) = list_items(db)
    assert (changed.label, changed.unit_price, changed.vat_rate) == (
        "Pose de faïence",
        D("52.1234"),
        D("5.5"),
    )
    assert changed.description == "" and changed.unit == ""
    with pytest.raises(NotFoundError):
        save_item(db, item("Ailleurs"), 987_654)


def test_sorted_by_label_as_a_french_reader_expects(db: Database) -> None:
    for label in ("Zinguerie", "élagage", "Abattage", "Entretien", "Éclairage"):
        save_item(db, item(label))
    assert labels(list_items(db)) == ["Abattage", "Éclairage", "élagage", "Entretien", "Zinguerie"]


def test_search_ignores_case_and_accents_in_label_and_description(db: Database) -> None:
    save_item(db, item("Élagage", description="Taille des arbres fruitiers"))
    save_item(db, item("Tonte de pelouse", description="Évacuation des déchets verts"))
    save_item(db, item("Débroussaillage"))
    save_item(db, item("Remise 100%_net", "0"))

    def found(text: str) -> list[str]:
        return labels(list_items(db, text))

    assert found("elagage") == ["Élagage"]
    assert found("ÉLAG") == ["Élagage"]
    assert found("ARBRES") == ["Élagage"]
    assert found("evacuation") == ["Tonte de pelouse"]
    assert found("dechets tonte") == ["Tonte de pelouse"]  # every word, anywhere
    assert found("tonte arbres") == []
    assert found("age") == ["Débroussaillage", "Élagage"]
    assert found("100%_") == ["Remise 100%_net"]  # no SQL wildcards
    assert found("%") == ["Remise 100%_net"]
    assert found("   ") == labels(list_items(db))
    assert found("introuvable") == []


def test_labels_starting_with_the_search_come_first(db: Database) -> None:
    save_item(db, item("Main d'œuvre"))
    save_item(db, item("Déplacement", description="main d'œuvre comprise"))
    save_item(db, item("Heure de main-d'œuvre"))
    assert labels(list_items(db, "main")) == [
        "Main d'œuvre",
        "Déplacement",
        "Heure de main-d'œuvre",
    ]


def test_archived_items_are_hidden_unless_asked(db: Database) -> None:
    kept = save_item(db, item("Ramonage"))
    old = save_item(db, item("Ramonage ancien tarif"))
    archive_item(db, old)
    assert labels(list_items(db, "ramonage")) == ["Ramonage"]
    both = list_items(db, "ramonage", include_archived=True)
    assert [(i.id, i.archived) for i in both] == [(kept, False), (old, True)]
    # An archived item can still be edited, and brought back.
    save_item(db, item("Ramonage 2025", "80"), old)
    archive_item(db, old, archived=False)
    assert labels(list_items(db, "ramonage")) == ["Ramonage", "Ramonage 2025"]
    with pytest.raises(NotFoundError):
        archive_item(db, 987_654)


def test_limit(db: Database) -> None:
    for n in range(12):
        save_item(db, item(f"Article {n:02d}"))
    assert labels(list_items(db, limit=3)) == ["Article 00", "Article 01", "Article 02"]
    assert len(list_items(db)) == 12
    assert len(list_items(db, "article 1", limit=1)) == 1
    assert list_items(db, limit=0) == []


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (item(""), "label"),
        (item("   "), "label"),
        (item("x" * 201), "label"),
        (item("Deux\nlignes"), "label"),
        (item("Article", unit="u" * 21), "unit"),
        (item("Article", unit="m\r\n"), None),  # trailing blanks are trimmed: fine
        (item("Article", "-0.01"), "unit_price"),
        (item("Article", "1000000000.01"), "unit_price"),
        (item("Article", "1.00001"), "unit_price"),  # the column keeps 4 decimals
        (item("Article", "NaN"), "unit_price"),
        (item("Article", "Infinity"), "unit_price"),
        (CatalogItemInput("Article", 10.5, D("20")), "unit_price"),  # type: ignore[arg-type]
        (item("Article", rate="-1"), "vat_rate"),
        (item("Article", rate="100.01"), "vat_rate"),
        (item("Article", rate="5.555"), "vat_rate"),
    ],
)
def test_validation(db: Database, data: CatalogItemInput, field: str | None) -> None:
    if field is None:
        save_item(db, data)
        return
    with pytest.raises(ValidationError) as caught:
        save_item(db, data)
    assert caught.value.code == "invalid"
    assert caught.value.data["field"] == field
    assert list_items(db, include_archived=True) == []


def test_limits_themselves_are_accepted(db: Database) -> None:
    save_item(db, item("x" * 200, "1000000000", "100", unit="u" * 20))
    save_item(db, item("Gratuit", "0", "0"))
    save_item(db, item("Fourniture", "0.0001", "5.5"))
    prices = {i.label: i.unit_price for i in list_items(db)}
    assert prices == {"x" * 200: D("1000000000"), "Gratuit": D("0"), "Fourniture": D("0.0001")}
