"""A file's size as the user reads it: "48 Ko", "3,4 Mo" in French, "48 kB" in English.

Qt's default (IEC) gives "Kio"/"KiB", which French users do not write; the SI form with a
capital K in French ("Ko") and a no-break space before the unit is what they read
elsewhere.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale

UNIT_SEP = "\u00a0"  # NO-BREAK SPACE: the number never leaves its unit


def data_size_text(size: int) -> str:
    locale = QLocale()
    text = locale.formattedDataSize(size, 1, QLocale.DataSizeFormat.DataSizeSIFormat)
    if locale.language() != QLocale.Language.French:
        return text
    number, _, unit = text.rpartition(" ")
    if unit.startswith("k"):
        unit = "K" + unit[1:]
    return f"{number}{UNIT_SEP}{unit}" if number else text
