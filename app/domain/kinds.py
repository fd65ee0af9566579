"""Enumerations shared by every layer, and the registry of document kinds.

Every fact about a document kind lives in its :class:`KindSpec` below: number prefix,
titles in English and French (with the French gender, for agreement), the second date
the editor asks for, conversions, the report that lists it, the PDF title, the default
e-mail template and the business rules that set it apart (payable, credits another kind,
an invoice in law). Code elsewhere asks ``kind_spec(kind)`` instead of comparing with a
particular kind; adding a kind is one ``register_kind`` call (see docs/ARCHITECTURE.md).

``DocumentKind`` is a ``str`` (the database stores its code) that only accepts
registered codes; ``DocumentKind.INVOICE`` and the other built-in kinds are attributes,
``DocumentKind("invoice")`` returns the same object, and ``for kind in DocumentKind``
iterates over the registered kinds. A test can register a kind of its own and
unregister it afterwards.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import ClassVar


@dataclass(frozen=True)
class Text:
    """One text in the two languages of the program."""

    en: str
    fr: str

    def pick(self, french: bool) -> str:
        return self.fr if french else self.en


class Gender(StrEnum):
    """Grammatical gender of the French noun, for agreement ("validée", "un devis")."""

    MASCULINE = "m"
    FEMININE = "f"


class SecondDate(StrEnum):
    """The date a kind asks for besides its own date: the name of the document's field."""

    DUE = "due_date"
    VALIDITY = "validity_date"
    DELIVERY = "delivery_date"


@dataclass(frozen=True)
class EmailTemplate:
    subject: str
    body: str


@dataclass(frozen=True)
class KindSpec:
    """Everything the program knows about one document kind."""

    code: str  # stored in the database, used by the command line
    prefix: str  # numbers are <prefix>-<year>-<sequence>, one gap-free sequence per kind
    title: Text  # singular, capitalised: "Invoice" / "Facture"
    plural: Text  # "Invoices" / "Factures"
    gender: Gender  # of the French title
    pdf_title: str  # printed at the top of the PDF (the PDF is in French)
    template: EmailTemplate  # default e-mail (French, like the PDF)
    second_date: SecondDate
    # None: the company's payment delay; otherwise days after the document's date.
    second_date_days: int | None = 0
    second_date_ticked: bool = True  # a new document has the second date set
    conversions: tuple[str, ...] = ()  # the kinds a validated one can be turned into
    listed_with: str | None = None  # its documents appear in that kind's report
    report_title: Text | None = None  # the report's tab (default: the plural)
    payable: bool = False  # tracked paid / unpaid / overdue; due date and IBAN printed
    credits: str | None = None  # cancels a document of that kind (credit note)
    legal_invoice: bool = False  # an invoice in law: Factur-X, the reform's mentions
    cii_type_code: str | None = None  # UNTDID 1001 code in Factur-X
    signature: str | None = None  # the client's signature box on the PDF, if any
    duplicable: bool = True
    paid_template: EmailTemplate | None = None  # sent instead once it is paid
    sort_order: int = field(default=100, compare=False)

    @property
    def kind(self) -> DocumentKind:
        return DocumentKind(self.code)

    @property
    def has_report(self) -> bool:
        return self.listed_with is None

    @property
    def tab_title(self) -> Text:
        return self.report_title or self.plural

    @property
    def new_title(self) -> Text:
        """The editor's title for a new one: "New invoice" / "Nouvelle facture"."""
        noun = _lower_first(self.title.fr)
        masculine = "Nouvel " if noun[:1] in _VOWELS else "Nouveau "  # "Nouvel avoir"
        return Text("New " + _lower_first(self.title.en), self.agree(masculine, "Nouvelle ") + noun)

    def agree(self, masculine: str, feminine: str) -> str:
        """The French word agreeing with the kind: ``agree("validé", "validée")``."""
        return feminine if self.gender is Gender.FEMININE else masculine


_VOWELS = frozenset("aeiouyâàéèêëîïôûüh")


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


class _KindRegistry(type):
    """Makes ``for kind in DocumentKind`` list the registered kinds, in their order."""

    def __iter__(cls) -> Iterator[DocumentKind]:
        return iter(registered_kinds())

    def __len__(cls) -> int:
        return len(_REGISTRY)


class DocumentKind(str, metaclass=_KindRegistry):
    """A registered kind's code; ``DocumentKind(code)`` refuses unknown codes (ValueError)."""

    __slots__ = ()

    INVOICE: ClassVar[DocumentKind]
    QUOTE: ClassVar[DocumentKind]
    ORDER: ClassVar[DocumentKind]
    DELIVERY: ClassVar[DocumentKind]
    CREDIT_NOTE: ClassVar[DocumentKind]

    def __new__(cls, code: str) -> DocumentKind:
        try:
            return _INSTANCES[str(code)]
        except KeyError:
            raise ValueError(f"{code!r} is not a document kind") from None

    def __repr__(self) -> str:
        return f"DocumentKind({str(self)!r})"

    @property
    def spec(self) -> KindSpec:
        return _REGISTRY[str(self)]

    @property
    def prefix(self) -> str:
        return self.spec.prefix


_REGISTRY: dict[str, KindSpec] = {}
_INSTANCES: dict[str, DocumentKind] = {}


def register_kind(spec: KindSpec) -> DocumentKind:
    """Add a kind (its code and its prefix must be new); returns it."""
    if spec.code in _REGISTRY:
        raise ValueError(f"kind {spec.code!r} is already registered")
    if any(other.prefix == spec.prefix for other in _REGISTRY.values()):
        raise ValueError(f"prefix {spec.prefix!r} is already used")
    _REGISTRY[spec.code] = spec
    _INSTANCES[spec.code] = str.__new__(DocumentKind, spec.code)
    return _INSTANCES[spec.code]


def unregister_kind(code: str) -> None:
    """Remove a kind registered by ``register_kind`` (tests)."""
    if code in _BUILT_IN:
        raise ValueError(f"kind {code!r} is built in")
    _REGISTRY.pop(code, None)
    _INSTANCES.pop(code, None)


def kind_spec(kind: str) -> KindSpec:
    """The spec of a registered kind (``ValueError`` for an unknown code)."""
    try:
        return _REGISTRY[str(kind)]
    except KeyError:
        raise ValueError(f"{kind!r} is not a document kind") from None


def registered_kinds() -> tuple[DocumentKind, ...]:
    specs = sorted(_REGISTRY.values(), key=lambda s: s.sort_order)
    return tuple(_INSTANCES[s.code] for s in specs)


def report_kinds() -> tuple[DocumentKind, ...]:
    """The kinds that have a report (a tab) of their own."""
    return tuple(k for k in registered_kinds() if k.spec.has_report)


def listed_kinds(kind: str) -> tuple[DocumentKind, ...]:
    """The kinds one report lists: its own, and those listed with it (credit notes)."""
    return tuple(k for k in registered_kinds() if k == kind or k.spec.listed_with == str(kind))


def credit_kind_for(kind: str) -> DocumentKind | None:
    """The kind that cancels a document of ``kind`` (credit note for an invoice), if any."""
    return next((k for k in registered_kinds() if k.spec.credits == str(kind)), None)


def credit_codes() -> tuple[str, ...]:
    """The codes of the kinds that cancel another document (credit notes)."""
    return tuple(str(k) for k in registered_kinds() if k.spec.credits)


def kind_codes() -> tuple[str, ...]:
    """The codes of the registered kinds (command line choices)."""
    return tuple(str(k) for k in registered_kinds())


def kind_of_prefix(prefix: str) -> DocumentKind | None:
    for spec in _REGISTRY.values():
        if spec.prefix == prefix:
            return _INSTANCES[spec.code]
    return None


# --- the built-in kinds -------------------------------------------------------------------

_CLOSING = "Nous restons à votre disposition pour toute question.\n\nCordialement,\n{societe}\n"

# A paid invoice is sent for the client's records: never with "à régler" in it.
_PAID_INVOICE = EmailTemplate(
    subject="Facture {numero} (réglée) – {societe}",
    body=(
        "Bonjour,\n\n"
        "Veuillez trouver ci-joint, pour vos archives, notre facture {numero} du {date}, "
        "d’un montant de {montant} TTC, que vous avez déjà réglée. "
        "Nous vous en remercions.\n\n" + _CLOSING
    ),
)

DocumentKind.INVOICE = register_kind(
    KindSpec(
        code="invoice",
        prefix="F",
        title=Text("Invoice", "Facture"),
        plural=Text("Invoices", "Factures"),
        gender=Gender.FEMININE,
        pdf_title="FACTURE",
        template=EmailTemplate(
            subject="Facture {numero} – {societe}",
            body=(
                "Bonjour,\n\n"
                "Veuillez trouver ci-joint notre facture {numero} du {date}, "
                "d’un montant de {montant} TTC, à régler au plus tard le {echeance}.\n\n" + _CLOSING
            ),
        ),
        paid_template=_PAID_INVOICE,
        second_date=SecondDate.DUE,
        second_date_days=None,
        payable=True,
        legal_invoice=True,
        cii_type_code="380",
        sort_order=10,
    )
)
DocumentKind.QUOTE = register_kind(
    KindSpec(
        code="quote",
        prefix="D",
        title=Text("Quote", "Devis"),
        plural=Text("Quotes", "Devis"),
        gender=Gender.MASCULINE,
        pdf_title="DEVIS",
        template=EmailTemplate(
            subject="Devis {numero} – {societe}",
            body=(
                "Bonjour,\n\n"
                "Veuillez trouver ci-joint notre devis {numero} du {date}, "
                "d’un montant de {montant} TTC.\n\n"
                "Pour l’accepter, il vous suffit de nous le retourner signé avec la mention "
                "«\u202fBon pour accord\u202f».\n\n" + _CLOSING
            ),
        ),
        second_date=SecondDate.VALIDITY,
        second_date_days=30,
        conversions=("order", "invoice"),
        signature="Bon pour accord — date et signature du client",
        sort_order=20,
    )
)
DocumentKind.ORDER = register_kind(
    KindSpec(
        code="order",
        prefix="C",
        title=Text("Order", "Commande"),
        plural=Text("Orders", "Commandes"),
        gender=Gender.FEMININE,
        pdf_title="BON DE COMMANDE",
        template=EmailTemplate(
            subject="Commande {numero} – {societe}",
            body=(
                "Bonjour,\n\n"
                "Veuillez trouver ci-joint notre confirmation de commande {numero} du {date}, "
                "d’un montant de {montant} TTC.\n\n"
                "Nous vous remercions de votre confiance.\n\n"
                "Cordialement,\n"
                "{societe}\n"
            ),
        ),
        second_date=SecondDate.DELIVERY,
        second_date_ticked=False,  # the delivery date is not known yet
        conversions=("delivery", "invoice"),
        sort_order=30,
    )
)
DocumentKind.DELIVERY = register_kind(
    KindSpec(
        code="delivery",
        prefix="BL",
        title=Text("Delivery note", "Bon de livraison"),
        plural=Text("Delivery notes", "Bons de livraison"),
        report_title=Text("Deliveries", "Livraisons"),
        gender=Gender.MASCULINE,
        pdf_title="BON DE LIVRAISON",
        template=EmailTemplate(
            subject="Bon de livraison {numero} – {societe}",
            body=(
                "Bonjour,\n\n"
                "Veuillez trouver ci-joint le bon de livraison {numero} du {date}.\n\n" + _CLOSING
            ),
        ),
        second_date=SecondDate.DELIVERY,
        conversions=("invoice",),
        signature="Reçu en bon état — date et signature du client",
        sort_order=40,
    )
)
DocumentKind.CREDIT_NOTE = register_kind(
    KindSpec(
        code="credit_note",
        prefix="AV",
        title=Text("Credit note", "Avoir"),
        plural=Text("Credit notes", "Avoirs"),
        gender=Gender.MASCULINE,
        pdf_title="AVOIR",
        template=EmailTemplate(
            subject="Avoir {numero} – {societe}",
            body=(
                "Bonjour,\n\n"
                "Veuillez trouver ci-joint notre avoir {numero} du {date}, "
                "d’un montant de {montant} TTC.\n\n" + _CLOSING
            ),
        ),
        second_date=SecondDate.DUE,
        second_date_days=None,
        second_date_ticked=False,  # nothing to pay back by a date
        listed_with="invoice",
        credits="invoice",
        legal_invoice=True,
        cii_type_code="381",
        duplicable=False,  # made from the invoice it cancels instead
        sort_order=50,
    )
)
_BUILT_IN = frozenset(_REGISTRY)


class DocumentStatus(StrEnum):
    DRAFT = "draft"
    VALIDATED = "validated"


class ContactKind(StrEnum):
    EMAIL = "email"
    PHONE = "phone"
    MOBILE = "mobile"
    FAX = "fax"
    WEB = "web"


class CopyToSelf(StrEnum):
    NONE = "none"
    CC = "cc"
    BCC = "bcc"


class SmtpSecurity(StrEnum):
    SSL = "ssl"
    STARTTLS = "starttls"
    NONE = "none"


class SmtpAuth(StrEnum):
    """How the program signs in to the mail account."""

    PASSWORD = "password"
    OAUTH2 = "oauth2"  # SASL XOAUTH2 with an access token (Google, Microsoft 365)
