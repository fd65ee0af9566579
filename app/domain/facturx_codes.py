"""What a Factur-X PDF can carry, as names and codes light enough for any layer to import
(no fpdf2, lxml or factur-x): the profiles, and why a document carries less than EN 16931.

``app.pdf.cii`` decides the profile; ``Document.facturx_profile`` stores it and
``Document.facturx_reasons`` the reasons; ``ui/`` turns them into sentences.
"""

from __future__ import annotations

# The profiles, as the factur-x library names them (its ``level``).
EN16931 = "en16931"
BASIC = "basic"
BASIC_WL = "basicwl"
PROFILES = (EN16931, BASIC, BASIC_WL)
# The names Factur-X uses for the profiles (XMP metadata, what a user is shown).
PROFILE_NAMES = {EN16931: "EN 16931", BASIC: "BASIC", BASIC_WL: "BASIC WL"}

# Why a document carries less than EN 16931: stable codes, ``ui/`` phrases them. Each
# names the EN 16931 business rule (BR-…) that the missing data would break.
# These two leave the lines out (BASIC WL has none; its rules do not ask for them):
SELLER_VAT_MISSING = "seller_vat_number_missing"  # lines need it (BR-S-02, BR-Z-02, BR-E-02)
UNNAMED_LINE = "unnamed_line"  # a line without description has no item name (BR-25)
# With these, no profile can be honoured (the PDF stays a plain PDF):
NO_LINES = "no_lines"  # no line, so no VAT breakdown (BR-16, BR-CO-18)
SELLER_NAME_MISSING = "seller_name_missing"  # BR-06
BUYER_NAME_MISSING = "buyer_name_missing"  # BR-07
SELLER_COUNTRY_UNKNOWN = "seller_country_unknown"  # no ISO country code (BR-08, BR-09)
BUYER_COUNTRY_UNKNOWN = "buyer_country_unknown"  # BR-10, BR-11
SELLER_ID_MISSING = "seller_identifier_missing"  # neither SIREN nor VAT number (BR-CO-26)
# The factur-x library refused the XML or the PDF (a bug: the log has the details).
GENERATION_FAILED = "generation_failed"
# The company's Factur-X setting was off when the document was archived.
FACTURX_DISABLED = "facturx_disabled"

# The reasons that lower the profile (to BASIC WL); the others leave no profile at all.
DOWNGRADES = (SELLER_VAT_MISSING, UNNAMED_LINE)
