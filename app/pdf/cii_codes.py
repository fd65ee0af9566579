"""Code lists the CII XML needs: UN/ECE Rec 20 units, ISO 3166 countries, SEPA.

Our documents hold free text ("h", "m²", "forfait"; "France", "Belgique"); Factur-X wants
codes. Units we do not know are "one" (C62); countries we do not know are None, and the
caller decides what that means.
"""

from __future__ import annotations

import unicodedata
from functools import cache

from babel import Locale

# IBAN country codes of the SEPA area: a transfer to such an account is a SEPA transfer.
SEPA_COUNTRIES = frozenset((
    "AD", "AT", "BE", "BG", "CH", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GB", "GI",
    "GR", "HR", "HU", "IE", "IS", "IT", "LI", "LT", "LU", "LV", "MC", "MT", "NL", "NO", "PL",
    "PT", "RO", "SE", "SI", "SK", "SM", "VA",
))  # fmt: skip

# Our free-text units -> UN/ECE Recommendation 20 codes (keys are folded: lower case,
# no accents, no dots or spaces). Anything else is "one" (C62).
DEFAULT_UNIT = "C62"
UNITS = {
    "h": "HUR", "hr": "HUR", "hrs": "HUR", "heure": "HUR", "heures": "HUR", "hour": "HUR",
    "min": "MIN", "minute": "MIN", "minutes": "MIN", "mn": "MIN",
    "j": "DAY", "jr": "DAY", "jour": "DAY", "jours": "DAY", "journee": "DAY", "day": "DAY",
    "sem": "WEE", "semaine": "WEE", "semaines": "WEE", "week": "WEE",
    "mois": "MON", "month": "MON",
    "an": "ANN", "ans": "ANN", "annee": "ANN", "annees": "ANN", "year": "ANN",
    "m": "MTR", "ml": "MTR", "metre": "MTR", "metres": "MTR", "metrelineaire": "MTR",
    "km": "KMT", "cm": "CMT", "mm": "MMT",
    "m2": "MTK", "m²": "MTK", "metrecarre": "MTK", "metrescarres": "MTK",
    "m3": "MTQ", "m³": "MTQ", "metrecube": "MTQ", "metrescubes": "MTQ",
    "kg": "KGM", "g": "GRM", "t": "TNE", "tonne": "TNE", "tonnes": "TNE",
    "l": "LTR", "litre": "LTR", "litres": "LTR", "cl": "CLT",
    "kwh": "KWH",
    "forfait": "LS", "forfaits": "LS", "fft": "LS", "ft": "LS", "forf": "LS",
    "u": "C62", "un": "C62", "unite": "C62", "unites": "C62", "unit": "C62",
    "pce": "H87", "pc": "H87", "piece": "H87", "pieces": "H87", "p": "H87",
    "lot": "LO", "lots": "LO", "ens": "SET", "ensemble": "SET", "set": "SET",
    "paire": "PR", "paires": "PR",
}  # fmt: skip


def _fold(text: str) -> str:
    """Lower case, without accents, dots or spaces: what unit and country names match on."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    kept = (c for c in decomposed if not unicodedata.combining(c))
    return "".join(c for c in kept if c not in " .-'’\u00a0\u202f_")


def unit_code(unit: str) -> str:
    """The UN/ECE Rec 20 code of one of our free-text units (``"h"`` -> ``"HUR"``)."""
    text = unit.strip()
    return UNITS.get(text.replace(" ", "").casefold()) or UNITS.get(_fold(text), DEFAULT_UNIT)


# Territory codes CLDR names that are not ISO 3166 countries (EU, UN, ZZ "unknown"…).
_NOT_COUNTRIES = frozenset(
    ("AC", "CP", "CQ", "DG", "EA", "EU", "EZ", "IC", "QO", "TA", "UN", "XA", "XB", "XK", "ZZ")
)
_ALIASES = {"usa": "US", "uk": "GB", "angleterre": "GB", "grandebretagne": "GB", "hollande": "NL"}


@cache
def _country_names() -> dict[str, str]:
    names: dict[str, str] = dict(_ALIASES)
    for language in ("en", "fr"):
        for code, name in Locale(language).territories.items():
            if len(code) == 2 and code.isalpha() and code not in _NOT_COUNTRIES:
                names.setdefault(_fold(name), code)
    return names


def country_code(country: str) -> str | None:
    """ISO 3166-1 alpha-2 code of a country written in French or English, or as a code.

    Empty means France (the application's default); an unknown name gives None.
    """
    text = country.strip()
    if not text:
        return "FR"
    if len(text) == 2 and text.isalpha() and text.upper() in _country_names().values():
        return text.upper()
    return _country_names().get(_fold(text))
