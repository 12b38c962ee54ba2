"""The records that flow one way through the stages: ingest -> extract -> resolve -> store -> serve.

Each stage takes the previous stage's records and returns its own; none reaches back.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

#: The technology vocabulary of the fact model (../shared/FACTS.md).
TECHNOLOGIES = (
    "video_surveillance", "facial_recognition", "license_plate_recognition", "dna_collection",
    "voice_recognition", "other_biometrics", "phone_surveillance", "internet_monitoring",
    "big_data_platform", "predictive_policing", "smart_city", "ethnicity_detection",
    "social_credit", "drones", "id_checkpoints", "other",
)

#: Fact statuses of the fact model.
STATUSES = (
    "planned", "tendered", "awarded", "contracted", "deployed", "failed", "cancelled",
    "projected", "interest", "reported",
)


@dataclass
class Document:
    """A document as ingest hands it on: decoded, normalised, privacy-redacted text plus metadata.

    Character offsets everywhere else in the system refer to ``text``.
    """

    path: str
    source_id: str  # file name without extension: the evaluation id
    text: str
    content_hash: str  # sha256 of the file's bytes
    mime_type: str
    language: str  # ISO 639-1 code, or "und"
    title: str | None = None
    date: str | None = None  # ISO 8601 date the document states for itself
    url: str | None = None
    encoding: str | None = None
    size: int = 0
    metadata: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Mention:
    """One value found in a document's text, with where it stands."""

    kind: str  # supplier, buyer, technology, country, place, program, target, amount, quantity, year, date
    value: Any  # normalised value: a canonical name, ISO code, vocabulary term, number ...
    start: int
    end: int
    text: str
    attrs: tuple[tuple[str, Any], ...] = ()

    def attr(self, key: str, default: Any = None) -> Any:
        return dict(self.attrs).get(key, default)


@dataclass
class Evidence:
    """Where a fact comes from: the exact quote and its character offsets in the stored text."""

    source_id: str
    quote: str
    start: int
    end: int
    content_hash: str = ""


@dataclass
class Fact:
    """One deployment, sale, contract, export or use of surveillance technology stated in a source."""

    technology: str
    evidence: list[Evidence]
    supplier: str | None = None
    origin_country: str | None = None
    buyer: str | None = None
    country: str | None = None
    region: str | None = None
    place: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    program: str | None = None
    year: int | None = None
    date: str | None = None
    amount: float | None = None
    currency: str | None = None
    amount_kind: str | None = None  # award, budget, contract, reported
    quantity: float | None = None
    unit: str | None = None
    targets: list[str] = field(default_factory=list)
    status: str = "reported"
    supplier_id: str | None = None  # canonical knowledge-base id, set by resolve
    buyer_id: str | None = None
    deployment_key: str = ""  # same value for facts describing one deployment, set by resolve
    fields: dict[str, Any] = field(default_factory=dict)  # extra notice fields (project name, lot ...)

    def key(self) -> tuple:
        """What makes two facts of one document the same deployment."""
        return (self.supplier, self.origin_country, self.buyer, self.technology, self.country,
                self.place, self.program, self.amount, self.quantity)


@dataclass
class Extraction:
    """What extraction makes of one document."""

    document: Document
    mentions: list[Mention]
    facts: list[Fact]
    extractor_version: str
