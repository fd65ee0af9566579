"""The approved e-invoicing platform channel: delivery channels and lifecycle statuses.

From September 2027 a French business client receives its invoices through an approved
platform (AFNOR XP Z12-013); e-mail stays the channel of private persons, clients abroad,
the other kinds and the courtesy copies. The platform reports each invoice's lifecycle
with the reform's status codes (CDAR messages), kept here with their meaning.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from app.domain.reform import ClientType


class Channel(StrEnum):
    """How one outbox item leaves: an e-mail or a deposit on the platform."""

    EMAIL = "email"
    PLATFORM = "platform"


class DeliveryChoice(StrEnum):
    """A client's delivery channel; AUTO is computed (see ``route``)."""

    AUTO = ""
    EMAIL = "email"
    PLATFORM = "platform"
    PLATFORM_AND_EMAIL = "platform_copy"  # the platform, plus a courtesy copy by e-mail


def delivery_choice(value: str) -> DeliveryChoice:
    """A stored choice; an unknown one (a newer version's) counts as automatic."""
    try:
        return DeliveryChoice(value)
    except ValueError:
        return DeliveryChoice.AUTO


class ChannelForce(StrEnum):
    """``facturier send --channel``: each client's channel, or one for the whole batch."""

    AUTO = "auto"
    EMAIL = "email"
    PLATFORM = "platform"


FRANCE_NAMES = frozenset({"", "france", "fr", "fra", "république française"})
# How long a directory answer is trusted before it is asked again.
DIRECTORY_TTL_DAYS = 30


def is_france(country: str) -> bool:
    return country.strip().lower() in FRANCE_NAMES


@dataclass(frozen=True)
class RoutingFacts:
    """What decides a client's channel, as stored."""

    client_type: str  # ClientType
    country: str
    siren: str
    choice: str = ""  # DeliveryChoice
    in_directory: bool | None = None  # None: never asked


def computed_choice(facts: RoutingFacts) -> DeliveryChoice:
    """The default: a French business client found in the directory gets the platform."""
    if (
        facts.client_type == ClientType.BUSINESS
        and is_france(facts.country)
        and facts.siren
        and facts.in_directory
    ):
        return DeliveryChoice.PLATFORM
    return DeliveryChoice.EMAIL


def needs_directory(facts: RoutingFacts) -> bool:
    """Whether the directory decides this client's default (a French business, a SIREN)."""
    return (
        facts.choice == DeliveryChoice.AUTO
        and facts.client_type == ClientType.BUSINESS
        and is_france(facts.country)
        and bool(facts.siren)
    )


def channels_for(
    facts: RoutingFacts, *, legal_invoice: bool, force: ChannelForce = ChannelForce.AUTO
) -> tuple[Channel, ...]:
    """The outbox items one document gets: quotes, orders, delivery notes always by e-mail;
    an invoice or credit note by its client's channel, or the batch's forced one."""
    if not legal_invoice:
        return (Channel.EMAIL,)
    if force == ChannelForce.EMAIL:
        return (Channel.EMAIL,)
    if force == ChannelForce.PLATFORM:
        return (Channel.PLATFORM,)
    choice = DeliveryChoice(facts.choice) if facts.choice else computed_choice(facts)
    if choice == DeliveryChoice.PLATFORM:
        return (Channel.PLATFORM,)
    if choice == DeliveryChoice.PLATFORM_AND_EMAIL:
        return (Channel.PLATFORM, Channel.EMAIL)
    return (Channel.EMAIL,)


class Lifecycle(StrEnum):
    """The reform's lifecycle status codes of an invoice (CDAR ProcessConditionCode)."""

    DEPOSITED = "200"  # Déposée
    ISSUED = "201"  # Émise par la plateforme
    RECEIVED = "202"  # Reçue par la plateforme
    MADE_AVAILABLE = "203"  # Mise à disposition
    TAKEN_IN_CHARGE = "204"  # Prise en charge
    APPROVED = "205"  # Approuvée
    PARTLY_APPROVED = "206"  # Approuvée partiellement
    DISPUTED = "207"  # En litige
    SUSPENDED = "208"  # Suspendue
    COMPLETED = "209"  # Complétée
    REFUSED = "210"  # Refusée
    PAYMENT_SENT = "211"  # Paiement transmis
    CASHED = "212"  # Encaissée
    REJECTED = "213"  # Rejetée


# The statuses after which nothing more is expected of the platform for that invoice.
FINAL = frozenset({Lifecycle.REFUSED, Lifecycle.CASHED, Lifecycle.REJECTED})
# The statuses that mean the client did not accept the invoice.
PROBLEMS = frozenset(
    {Lifecycle.REJECTED, Lifecycle.REFUSED, Lifecycle.DISPUTED, Lifecycle.SUSPENDED}
)


def lifecycle_of(code: str) -> Lifecycle | None:
    try:
        return Lifecycle(code)
    except ValueError:
        return None


def newer_status(current: str, candidate: str) -> bool:
    """Whether ``candidate`` replaces ``current`` as the invoice's shown status.

    Statuses may arrive in any order: a final one stays, otherwise the later step of
    the invoice's life (the higher code) wins.
    """
    if not current:
        return True
    now, new = lifecycle_of(current), lifecycle_of(candidate)
    if new is None:
        return False
    if now is None:
        return True
    if now in FINAL:
        return False
    if new in FINAL:
        return True
    return int(new) >= int(now)


def needs_cashed_status(operation_category: str) -> bool:
    """Whether the seller must send "Encaissée" when the invoice is paid: services
    (VAT due on receipt, the reform's payment data), alone or mixed with goods."""
    return operation_category in {"services", "mixed"}
