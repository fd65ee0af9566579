"""The demo clients, with the word lists and identifier helpers they are made from.

Used by ``app.services.demo``.

Everything here is fictional. Client e-mail addresses use the reserved ``.example``
top-level domain (RFC 2606) and telephone numbers the ranges ARCEP reserves for
fiction, so a user who tries the batch e-mail on demo documents with a real mail
account never writes to a real person.
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from app.domain.addresses import check_address
from app.domain.kinds import ContactKind
from app.domain.reform import ClientType, OperationCategory

# --- the demo company ------------------------------------------------------------------

COMPANY_DOMAIN = "atelier-dupont.fr"
COMPANY_NAME = "Atelier Dupont"
COMPANY_ADDRESS = "contact@" + COMPANY_DOMAIN
CLIENT_TLD = "example"  # RFC 2606: never a real mailbox
SERVER_REPLY_SENT = "250 2.0.0 Ok: queued"
SERVER_REPLY_RETRY = "421 4.7.0 Try again later, closing connection."
LATE_PENALTIES = (
    "En cas de retard de paiement, des pénalités sont exigibles au taux de trois fois "
    "le taux d’intérêt légal, ainsi qu’une indemnité forfaitaire pour frais de "
    "recouvrement de 40 € (art. L441-10 du Code de commerce). Pas d’escompte pour "
    "paiement anticipé."
)

# --- people and businesses --------------------------------------------------------------

FIRST_NAMES_F = (
    "Anaïs", "Anne", "Béatrice", "Camille", "Catherine", "Chloé", "Claire", "Élodie",
    "Émilie", "Gaëlle", "Hélène", "Isabelle", "Julie", "Léa", "Lucie", "Manon",
    "Marie", "Mathilde", "Nathalie", "Noémie", "Pauline", "Sandrine", "Sophie",
    "Sylvie", "Valérie", "Véronique", "Zoé", "Agnès", "Céline", "Margaux",
)  # fmt: skip
FIRST_NAMES_M = (
    "Antoine", "Arnaud", "Benoît", "Bruno", "Cédric", "Christophe", "Damien", "Denis",
    "Éric", "Étienne", "François", "Frédéric", "Gilles", "Guillaume", "Hervé", "Jérôme",
    "Julien", "Laurent", "Loïc", "Louis", "Marc", "Mathieu", "Nicolas", "Olivier",
    "Patrick", "Philippe", "Pierre", "Rémi", "Sébastien", "Stéphane", "Thierry", "Yves",
)  # fmt: skip
LAST_NAMES = (
    "Martin", "Bernard", "Thomas", "Petit", "Robert", "Richard", "Durand", "Dubois",
    "Moreau", "Laurent", "Simon", "Michel", "Lefèvre", "Leroy", "Roux", "David",
    "Bertrand", "Morel", "Fournier", "Girard", "Bonnet", "Lambert", "Fontaine",
    "Rousseau", "Vincent", "Muller", "Faure", "André", "Mercier", "Blanc", "Guérin",
    "Boyer", "Garnier", "Chevalier", "Legrand", "Gauthier", "Perrin", "Robin",
    "Clément", "Morin", "Nicolas", "Henry", "Roussel", "Mathieu", "Masson", "Marchand",
    "Duval", "Denis", "Dumont", "Lemaire", "Noël", "Meyer", "Dufour", "Meunier", "Brun",
    "Blanchard", "Giraud", "Joly", "Rivière", "Lucas", "Brunet", "Gaillard", "Barbier",
    "Arnaud", "Gérard", "Roche", "Renard", "Schmitt", "Roy", "Leroux", "Colin", "Vidal",
    "Caron", "Picard", "Roger", "Fabre", "Aubert", "Lemoine", "Renaud", "Dumas",
    "Lacroix", "Olivier", "Bourgeois", "Rey", "Leclerc", "Rolland", "Guillot", "Hubert",
    "Berger", "Carpentier", "Dupuis", "Moulin", "Deschamps", "Huet", "Vasseur",
    "Boucher", "Fleury", "Royer", "Jacquet", "Poirier", "Marty", "Aubry", "Guyot",
    "Carré", "Renault", "Charpentier", "Ménard", "Maillard", "Baron", "Bertin",
    "Bailly", "Collet", "Léger", "Bouvier", "Prévost", "Millet", "Perrot", "Cousin",
    "Germain", "Besson", "Langlois", "Pelletier", "Lévêque", "Perrier", "Leblanc",
    "Barré", "Lebrun", "Weber", "Mallet", "Monnier", "Michaud", "Gillet", "Tessier",
    "Chauvin", "Bouchet", "Lemaître", "Maréchal", "Humbert", "Reynaud", "Perret",
    "Barthélemy", "Cordier", "Pichon", "Lejeune", "Delaunay", "Pasquier", "Laporte",
)  # fmt: skip
# "{name}" is a family name; the legal form, if any, is added separately.
TRADES = (
    "Boulangerie {name}", "Boucherie {name}", "Pharmacie {name}", "Garage {name}",
    "Cabinet {name} Architectes", "Cabinet d'avocats {name}", "Agence {name} Immobilier",
    "Plomberie {name}", "Électricité {name}", "Menuiserie {name}", "Fromagerie {name}",
    "Librairie {name}", "Transports {name}", "{name} Rénovation", "{name} & Fils",
    "{name} Paysages", "{name} Conseil", "Imprimerie {name}", "Atelier {name} Design",
    "Hôtel {name}", "Restaurant Chez {name}", "Café {name}", "Fleurs {name}",
    "Optique {name}", "Cave {name}", "Studio {name} Photographie",
)  # fmt: skip
NAMED_BUSINESSES = (
    "Hôtel du Parc", "Restaurant Le Bouchon des Canuts", "Crèche Les Petits Loups",
    "SCI Les Tilleuls", "Résidence Bellecour", "Association Sportive de la Croix-Rousse",
    "École Montessori des Pentes", "Brasserie de la Saône", "Gîte Les Monts d’Or",
    "Librairie La Plume Lyonnaise", "Les Amis du Théâtre des Célestins", "Syndic Rhône Gestion",
    "Clinique vétérinaire du Vieux Lyon", "Domaine des Coteaux du Beaujolais",
)  # fmt: skip
LEGAL_FORMS = ("SARL", "SAS", "EURL", "SASU", "")
NOTES = (
    "",
    "",
    "",
    "",
    "Accès par la cour intérieure, code 4512B.",
    "Préfère être appelé le matin.",
    "Client fidèle depuis 2019.",
    "Bon de commande exigé pour toute intervention.",
    "Prévenir 48 h avant toute livraison.",
)

# --- places (postal code, city) ---------------------------------------------------------

CITIES = (
    ("69001", "Lyon"), ("69002", "Lyon"), ("69003", "Lyon"), ("69004", "Lyon"),
    ("69005", "Lyon"), ("69006", "Lyon"), ("69007", "Lyon"), ("69008", "Lyon"),
    ("69009", "Lyon"), ("69100", "Villeurbanne"), ("69300", "Caluire-et-Cuire"),
    ("69500", "Bron"), ("69130", "Écully"), ("69160", "Tassin-la-Demi-Lune"),
    ("69600", "Oullins"), ("69110", "Sainte-Foy-lès-Lyon"), ("69200", "Vénissieux"),
    ("69400", "Villefranche-sur-Saône"), ("69800", "Saint-Priest"), ("69330", "Meyzieu"),
    ("69150", "Décines-Charpieu"), ("69760", "Limonest"), ("38200", "Vienne"),
    ("38000", "Grenoble"), ("42000", "Saint-Étienne"), ("01000", "Bourg-en-Bresse"),
    ("71000", "Mâcon"), ("74000", "Annecy"), ("73000", "Chambéry"), ("26000", "Valence"),
)  # fmt: skip
STREETS = (
    "rue de la République", "avenue Jean Jaurès", "rue Victor Hugo", "cours Lafayette",
    "quai Saint-Antoine", "boulevard des Belges", "rue Garibaldi", "rue Mercière",
    "montée de la Grande-Côte", "chemin des Vignes", "allée des Tilleuls",
    "impasse des Lilas", "rue Pasteur", "rue du Président Édouard Herriot",
    "rue de Créqui", "avenue Berthelot", "rue Paul Bert", "rue Duguesclin",
    "rue des Écoles", "rue de l'Église", "Grande Rue", "route de Lyon",
    "place du Marché", "rue Sainte-Catherine", "avenue des Frères Lumière",
    "rue d'Austerlitz", "quai Claude Bernard", "rue Saint-Georges",
)  # fmt: skip
PERSONAL_DOMAINS = ("courriel", "messagerie", "boite-mail", "webmail")
LANDLINE_PREFIX = "04 65 71"  # ARCEP range reserved for fiction (Lyon area, 04)
MOBILE_PREFIX = "06 39 98"  # ARCEP range reserved for fiction (mobiles)
EMAIL_LABELS_COMPANY = ("Accueil", "Comptabilité", "Direction", "Secrétariat", "Service achats")
UNTICKED_LABELS = ("Ancienne adresse", "Personnel (ne pas utiliser)", "Newsletter")

# The client whose address is not ASCII (local part and domain): sends need SMTPUTF8.
NON_ASCII_CLIENT = "Ébénisterie Lemaître"
NON_ASCII_CONTACT = "Françoise Lemaître"
NON_ASCII_ADDRESS = "françoise@ébénisterie-lemaître." + CLIENT_TLD

# --- what the workshop sells ------------------------------------------------------------

VAT_20 = Decimal("20")
VAT_10 = Decimal("10")
VAT_5_5 = Decimal("5.5")


@dataclass(frozen=True)
class CatalogItem:
    description: str
    unit: str
    low: int  # unit price range, whole euros
    high: int
    vat_rate: Decimal
    quantities: tuple[Decimal, ...]


def _q(*values: str) -> tuple[Decimal, ...]:
    return tuple(Decimal(v) for v in values)


_HOURS = _q("1", "1.5", "2", "3", "4", "6", "7.5", "8", "12", "16", "24", "35")
_AREA = _q("4.5", "8", "12.5", "14", "18.75", "22", "27.4", "35", "48", "62.5")
_LENGTH = _q("1.2", "1.8", "2.4", "3", "3.6", "4.5", "6", "8.5")
_UNITS = _q("1", "1", "1", "2", "2", "3", "4", "6")
_ONE = _q("1")
_LITRES = _q("1", "2.5", "5", "10")
_LOTS = _q("1", "1", "2", "3")

CATALOG = (
    CatalogItem("Main-d’œuvre menuiserie", "h", 45, 65, VAT_20, _HOURS),
    CatalogItem("Main-d’œuvre rénovation (logement de plus de 2 ans)", "h", 42, 58, VAT_10, _HOURS),
    CatalogItem("Pose de fenêtre PVC double vitrage", "u", 280, 650, VAT_5_5, _UNITS),
    CatalogItem("Fourniture et pose de porte d’entrée isolante", "u", 1200, 2800, VAT_5_5, _ONE),
    CatalogItem("Isolation des combles en laine de bois", "m²", 35, 70, VAT_5_5, _AREA),
    CatalogItem(
        "Rénovation de parquet chêne (ponçage, vitrification)", "m²", 25, 45, VAT_10, _AREA
    ),
    CatalogItem("Pose de parquet contrecollé", "m²", 30, 55, VAT_10, _AREA),
    CatalogItem("Remplacement de volets battants", "u", 350, 900, VAT_10, _UNITS),
    CatalogItem("Réparation de porte intérieure", "forfait", 90, 250, VAT_10, _ONE),
    CatalogItem("Terrasse en pin traité autoclave", "m²", 60, 110, VAT_10, _AREA),
    CatalogItem("Habillage de placard", "ml", 180, 380, VAT_10, _LENGTH),
    CatalogItem("Bibliothèque sur mesure en chêne massif", "u", 1500, 4500, VAT_20, _ONE),
    CatalogItem("Plan de travail en hêtre", "ml", 120, 260, VAT_20, _LENGTH),
    CatalogItem("Escalier quart tournant (fourniture)", "u", 2800, 6500, VAT_20, _ONE),
    CatalogItem("Dressing sur mesure", "ml", 450, 900, VAT_20, _LENGTH),
    CatalogItem("Étagères murales en noyer", "u", 60, 180, VAT_20, _UNITS),
    CatalogItem("Table de salle à manger en frêne", "u", 900, 2400, VAT_20, _ONE),
    CatalogItem("Vernis et lasure (fourniture)", "l", 18, 42, VAT_20, _LITRES),
    CatalogItem("Quincaillerie (charnières, poignées, coulisses)", "lot", 25, 120, VAT_20, _LOTS),
    CatalogItem("Étude et prise de cotes", "forfait", 80, 150, VAT_20, _ONE),
    CatalogItem("Déplacement", "forfait", 35, 60, VAT_20, _ONE),
    CatalogItem("Évacuation des gravats", "forfait", 80, 200, VAT_20, _ONE),
)
DISCOUNTS = (Decimal("5"), Decimal("10"))
NO_DISCOUNT = Decimal("0")
PAYMENT_METHODS = ("Virement", "Virement", "Virement", "Chèque", "Carte bancaire")

# --- identifiers ------------------------------------------------------------------------


def luhn_ok(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char) * (2 if index % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def luhn_complete(stem: str) -> str:
    """``stem`` followed by the digit that makes the whole a valid Luhn number."""
    for digit in "0123456789":
        if luhn_ok(stem + digit):
            return stem + digit
    raise AssertionError("unreachable")  # pragma: no cover


def siret_for(siren: str, establishment: int = 1) -> str:
    """The SIRET of ``siren``'s establishment: SIREN + 4-digit NIC stem + Luhn digit."""
    return luhn_complete(f"{siren}{establishment:04d}")


def vat_number_for(siren: str) -> str:
    """Intra-community VAT number: ``FR`` + key + SIREN, key = (12 + 3 × (SIREN mod 97)) mod 97."""
    key = (12 + 3 * (int(siren) % 97)) % 97
    return f"FR{key:02d}{siren}"


def group_siren(siren: str) -> str:
    return f"{siren[0:3]} {siren[3:6]} {siren[6:9]}"


def rib_key(bank: str, branch: str, account: str) -> str:
    key = 97 - (89 * int(bank) + 15 * int(branch) + 3 * int(account)) % 97
    return f"{key:02d}"


def french_iban(bank: str, branch: str, account: str) -> str:
    """A French IBAN (RIB key and ISO 13616 check digits computed), in groups of four."""
    bban = bank + branch + account + rib_key(bank, branch, account)
    check = 98 - int(bban + "152700") % 97  # "FR00" with F=15, R=27
    compact = f"FR{check:02d}{bban}"
    return " ".join(compact[i : i + 4] for i in range(0, len(compact), 4))


def slug(text: str) -> str:
    """``"Électricité Guérin & Fils"`` -> ``"electricite-guerin-fils"`` (ASCII, for domains)."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    words = "".join(c if c.isalnum() else " " for c in plain.lower()).split()
    return "-".join(words)


# --- clients ----------------------------------------------------------------------------


@dataclass
class DemoClient:
    """A client row and its contact rows, as dicts ready for a Core insert."""

    row: dict[str, Any]
    contacts: list[dict[str, Any]]
    addresses: list[str]  # e-Mail rows with Mail ticked, in order


def _profiles(rng: random.Random, count: int) -> list[str]:
    """How each client's e-mail rows look: one, two, none, unticked, non-ASCII."""
    if count < 5:
        return ["one"] * count
    special = (
        ["non_ascii"]
        + ["none"] * max(1, round(count * 0.05))
        + ["unticked"] * max(1, round(count * 0.05))
        + ["two"] * max(1, round(count * 0.15))
    )
    profiles = special + ["one"] * (count - len(special))
    rng.shuffle(profiles)
    return profiles


def make_clients(rng: random.Random, count: int, since: date) -> list[DemoClient]:
    """``count`` clients with their contact rows, as rows ready to insert (ids from 1)."""
    start = since
    used: set[str] = set()
    people: list[DemoClient] = []
    contact_id = 0
    for client_id, profile in enumerate(_profiles(rng, count), start=1):
        created = datetime.combine(start - timedelta(days=rng.randint(0, 700)), time(8))
        created += timedelta(minutes=rng.randint(0, 600))
        postal_code, city = rng.choice(CITIES)
        number = f"{rng.randint(1, 180)}{' bis' if rng.random() < 0.05 else ''}"
        row: dict[str, Any] = {
            "id": client_id,
            "street": f"{number} {rng.choice(STREETS)}",
            "postal_code": postal_code,
            "city": city,
            "country": "France",
            "siren": "",
            "siret": "",
            "vat_number": "",
            "client_type": str(ClientType.BUSINESS),
            "e_address": "",
            "operation_category": "",
            **dict.fromkeys(DELIVERY_COLUMNS, ""),
            "notes": rng.choice(NOTES),
            "created_at": created,
            "updated_at": created,
        }
        identity = _identity(rng, used, profile)
        first, last, base = identity.first, identity.last, identity.base
        row["name"] = identity.name
        if identity.person:
            domain = f"{rng.choice(PERSONAL_DOMAINS)}.{CLIENT_TLD}"
            mails = [
                ("", f"{slug(first)}.{slug(last)}@{domain}"),
                ("Professionnel", f"{slug(first)[0]}{slug(last)}@{domain}"),
            ]
            phones = [("Domicile", ContactKind.PHONE), ("", ContactKind.MOBILE)]
            web = False
            row["client_type"] = str(ClientType.PRIVATE)
        else:
            domain = f"{slug(base)}.{CLIENT_TLD}"
            mails = [
                (rng.choice(EMAIL_LABELS_COMPANY), f"contact@{domain}"),
                ("Comptabilité", f"compta@{domain}"),
            ]
            if profile == "non_ascii":
                mails[0] = (NON_ASCII_CONTACT, NON_ASCII_ADDRESS)
            phones = [("Standard", ContactKind.PHONE), (f"{first} {last}", ContactKind.MOBILE)]
            web = rng.random() < 0.5
            if rng.random() < 0.8:
                siren = luhn_complete(str(rng.randint(30_000_000, 99_999_999)))
                row["siren"] = siren
                row["siret"] = siret_for(siren, rng.randint(1, 5))
                row["vat_number"] = vat_number_for(siren)
            else:  # every business has a SIREN: invoices to it need one
                siren = luhn_complete(f"{20_000_000 + client_id * 7_919:08d}")
                row["siren"], row["siret"] = siren, siret_for(siren, 1)
                row["vat_number"] = vat_number_for(siren)
            row["e_address"] = row["siren"]
            _business_extras(row, client_id)
        rows: list[tuple[ContactKind, str, str, bool]] = []
        if profile in ("one", "non_ascii"):
            rows.append((ContactKind.EMAIL, *mails[0], True))
        elif profile == "two":
            rows += [(ContactKind.EMAIL, *mails[0], True), (ContactKind.EMAIL, *mails[1], True)]
        elif profile == "unticked":
            rows.append((ContactKind.EMAIL, rng.choice(UNTICKED_LABELS), mails[0][1], False))
        if profile == "one" and rng.random() < 0.1:  # a second address, not for mailing
            rows.append((ContactKind.EMAIL, rng.choice(UNTICKED_LABELS), mails[1][1], False))
        if profile == "none" or rng.random() < 0.9:
            rows.append((ContactKind.PHONE, phones[0][0], _phone(rng, LANDLINE_PREFIX), False))
        if rng.random() < 0.6:
            rows.append((ContactKind.MOBILE, phones[1][0], _phone(rng, MOBILE_PREFIX), False))
        if web:
            rows.append((ContactKind.WEB, "Site web", f"https://www.{domain}", False))
        if web and rng.random() < 0.1:
            rows.append((ContactKind.FAX, "", _phone(rng, LANDLINE_PREFIX), False))
        contacts: list[dict[str, Any]] = []
        addresses: list[str] = []
        for position, (kind, label, value, mail) in enumerate(rows):
            if kind == ContactKind.EMAIL:
                value = check_address(value)
                if mail:
                    addresses.append(value)
            contact_id += 1
            contacts.append(
                {
                    "id": contact_id,
                    "client_id": client_id,
                    "position": position,
                    "kind": str(kind),
                    "label": label,
                    "value": value,
                    "mail": mail,
                }
            )
        people.append(DemoClient(row, contacts, addresses))
    return people


DELIVERY_COLUMNS = ("delivery_street", "delivery_postal_code", "delivery_city", "delivery_country")
WORKSITES = ("Chantier", "Entrepôt", "Résidence secondaire", "Atelier")


def _business_extras(row: dict[str, Any], client_id: int) -> None:
    """Some businesses buy services only (maintenance contracts), some have their goods
    delivered elsewhere (a work site): drawn from the id, so that the random stream, and
    the rest of the demo with it, stays as it was."""
    if client_id % 5 == 0:
        row["operation_category"] = str(OperationCategory.SERVICES)
    if client_id % 4 == 1:
        postal_code, city = CITIES[(client_id * 7 + 3) % len(CITIES)]
        street = STREETS[(client_id * 5 + 1) % len(STREETS)]
        place = WORKSITES[client_id % len(WORKSITES)]
        row.update(
            delivery_street=f"{place}, {client_id % 90 + 2} {street}",
            delivery_postal_code=postal_code,
            delivery_city=city,
            delivery_country="France",
        )


@dataclass(frozen=True)
class _Identity:
    name: str  # as shown in the client list
    person: bool  # an individual, or a business
    first: str  # the person, or the business's contact person
    last: str
    base: str  # a business's name without legal form (its e-mail domain)


def _identity(rng: random.Random, used: set[str], profile: str) -> _Identity:
    """A client name not used yet (a number is added only when the lists run out)."""
    if profile == "non_ascii":
        identity = _Identity(NON_ASCII_CLIENT, False, "Françoise", "Lemaître", NON_ASCII_CLIENT)
    else:
        for _attempt in range(20):
            identity = _draw_identity(rng)
            if identity.name not in used:
                break
    name, n = identity.name, 1
    while name in used:
        n += 1
        name = f"{identity.name} ({n})"
    used.add(name)
    return replace(identity, name=name)


def _draw_identity(rng: random.Random) -> _Identity:
    names = FIRST_NAMES_F if rng.random() < 0.5 else FIRST_NAMES_M
    first, last = rng.choice(names), rng.choice(LAST_NAMES)
    if rng.random() < 0.35:
        civility = "Mme" if names is FIRST_NAMES_F else "M."
        return _Identity(f"{civility} {first} {last}", True, first, last, "")
    if rng.random() < 0.12:  # a named place: no legal form
        base = rng.choice(NAMED_BUSINESSES)
        return _Identity(base, False, first, last, base)
    base = rng.choice(TRADES).format(name=last)
    return _Identity(f"{base} {rng.choice(LEGAL_FORMS)}".strip(), False, first, last, base)


def _phone(rng: random.Random, prefix: str) -> str:
    return f"{prefix} {rng.randint(0, 99):02d} {rng.randint(0, 99):02d}"
