"""Load the knowledge base (suppliers, agencies, technologies, programs, targets, units, organisations)
from YAML.

Each kind lives in one data file under ``data/``; :func:`load_knowledge_base` reads them all, checks them
and returns an immutable :class:`KnowledgeBase`. Any problem raises :class:`KnowledgeBaseError` naming the
file and the entry at fault.
"""
from __future__ import annotations

import datetime
import functools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from counterwatch import model
from counterwatch.knowledge import validation
from counterwatch.knowledge.validation import KnowledgeBaseError

__all__ = [
    "AGENCY_LEVELS", "Agency", "DATA_DIR", "KnowledgeBase", "KnowledgeBaseError", "NonSupplier", "OrganisationPatterns",
    "Program", "Sanction", "Supplier", "TARGETS", "Target", "Technology", "Unit",
    "load_knowledge_base", "normalise_name",
]

#: The packaged data files.
DATA_DIR = Path(__file__).parent / "data"

#: The target vocabulary of the fact model (../shared/FACTS.md); ``other:<word>`` is open-ended.
TARGETS: tuple[str, ...] = getattr(model, "TARGETS", (
    "uyghurs", "tibetans", "kazakhs", "muslims", "christians", "falun_gong", "ethnic_minorities",
    "religious_believers", "protesters", "dissidents", "migrants", "mentally_ill", "journalists",
    "political_opposition",
))

SUPPLIER_KINDS = ("company", "state_enterprise", "institute", "agency_vendor")
NON_SUPPLIER_KINDS = ("media", "ngo", "research", "government", "intergovernmental", "event")
AGENCY_LEVELS = ("national", "provincial", "city", "county")

_DASHES = re.compile(r"[\s\-\u2010-\u2015_]+")


def normalise_name(text: str) -> str:
    """Fold width, case, hyphens and runs of spaces, so spellings of one name compare equal."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return _DASHES.sub(" ", folded).strip()


@dataclass(frozen=True)
class Sanction:
    """A listing of a supplier on a government sanctions or restriction list."""

    list: str
    date: datetime.date
    source: str | None = None


@dataclass(frozen=True)
class Supplier:
    """A company or institute that makes, sells or installs surveillance technology."""

    id: str
    name: str
    country: str
    kind: str
    name_zh: str | None = None
    legal_names: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()  # match case-insensitively as whole words
    strict_aliases: tuple[str, ...] = ()  # match case-sensitively as whole words only
    former_names: tuple[str, ...] = ()
    products: tuple[str, ...] = ()  # distinctive product names, matched like strict aliases
    parent: str | None = None
    technologies: tuple[str, ...] = ()
    sanctions: tuple[Sanction, ...] = ()

    def loose_names(self) -> tuple[str, ...]:
        """Names that may be matched case-insensitively (everything not marked strict)."""
        strict = set(self.strict_aliases)
        names = (self.name, self.name_zh, *self.legal_names, *self.aliases, *self.former_names)
        return _unique(n for n in names if n and n not in strict)

    def strict_names(self) -> tuple[str, ...]:
        """Names that must be matched case-sensitively as whole words."""
        return _unique((*self.strict_aliases, *self.products))


@dataclass(frozen=True)
class Agency:
    """A public-security or government agency that buys surveillance technology."""

    id: str
    name: str
    country: str
    level: str  # one of AGENCY_LEVELS
    name_zh: str | None = None
    aliases: tuple[str, ...] = ()
    local_aliases: tuple[str, ...] = ()  # identify the agency only in a fact placed in its country
    parent: str | None = None

    def names(self) -> tuple[str, ...]:
        """Every name that identifies the agency wherever it stands (not the local aliases)."""
        return _unique(n for n in (self.name, self.name_zh, *self.aliases) if n)


@dataclass(frozen=True)
class Technology:
    """One term of the technology vocabulary with the words sources use for it."""

    id: str
    label: str
    specificity: int  # 0 generic ... 2 specific: a generic term yields to a specific one beside it
    terms_en: tuple[str, ...]
    terms_zh: tuple[str, ...]
    exclusions: tuple[str, ...] = ()  # longer phrases in which a term names no technology (统一社会信用代码)


@dataclass(frozen=True)
class Program:
    """A named surveillance program, project or platform."""

    id: str
    name: str
    technology: str
    name_zh: str | None = None
    aliases: tuple[str, ...] = ()
    country: str | None = None  # set only for national programs
    supplier: str | None = None  # set only for a supplier's own branded program

    def names(self) -> tuple[str, ...]:
        return _unique(n for n in (self.name, self.name_zh, *self.aliases) if n)


@dataclass(frozen=True)
class Target:
    """A targeted community of the target vocabulary."""

    id: str
    label: str
    terms_en: tuple[str, ...]
    terms_zh: tuple[str, ...]
    exclusions: tuple[str, ...] = ()  # longer phrases in which a term does not name the community


@dataclass(frozen=True)
class Unit:
    """A unit in which quantities of surveillance equipment or data are counted."""

    id: str
    terms_en: tuple[str, ...]
    terms_zh: tuple[str, ...]
    technology: str | None = None  # the technology the unit implies, if any


@dataclass(frozen=True)
class NonSupplier:
    """An organisation quoted in the field that is never a supplier or buyer (source, NGO, media ...)."""

    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    strict_aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class OrganisationPatterns:
    """Patterns that recognise organisations the knowledge base does not list."""

    company_suffixes_en: tuple[str, ...]
    company_suffixes_zh: tuple[str, ...]
    agency_heads_en: tuple[str, ...]
    agency_suffixes_zh: tuple[str, ...]
    procurement_agents_zh: tuple[str, ...]
    non_suppliers: tuple[NonSupplier, ...]

    def non_supplier_names(self) -> tuple[str, ...]:
        """Every name and alias of every non-supplier."""
        return _unique(n for ns in self.non_suppliers for n in (ns.name, *ns.aliases, *ns.strict_aliases))


class KnowledgeBase:
    """The loaded, validated knowledge base with lookups by id and by name."""

    def __init__(self, suppliers: tuple[Supplier, ...], technologies: tuple[Technology, ...],
                 programs: tuple[Program, ...], targets: tuple[Target, ...], units: tuple[Unit, ...],
                 organisations: OrganisationPatterns, agencies: tuple[Agency, ...] = ()) -> None:
        self.suppliers = suppliers
        self.agencies = agencies
        self._agencies = {a.id: a for a in agencies}
        self.technologies = technologies
        self.programs = programs
        self.targets = targets
        self.units = units
        self.organisations = organisations
        self._suppliers = {s.id: s for s in suppliers}
        self._technologies = {t.id: t for t in technologies}
        self._programs = {p.id: p for p in programs}
        self._targets = {t.id: t for t in targets}
        self._units = {u.id: u for u in units}
        self._by_name = {normalise_name(n): s for s in suppliers for n in self.supplier_names(s)}

    def supplier(self, supplier_id: str) -> Supplier:
        """The supplier with this id; KeyError if there is none."""
        return self._suppliers[supplier_id]

    def agency(self, agency_id: str) -> Agency:
        """The agency with this id; KeyError if there is none."""
        return self._agencies[agency_id]

    def technology(self, technology_id: str) -> Technology:
        return self._technologies[technology_id]

    def program(self, program_id: str) -> Program:
        return self._programs[program_id]

    def target(self, target_id: str) -> Target:
        return self._targets[target_id]

    def unit(self, unit_id: str) -> Unit:
        return self._units[unit_id]

    def supplier_names(self, supplier: Supplier | str) -> list[str]:
        """All names of a supplier: canonical, Chinese, legal, former names and aliases (not products)."""
        s = supplier if isinstance(supplier, Supplier) else self.supplier(supplier)
        names = (s.name, s.name_zh, *s.legal_names, *s.aliases, *s.strict_aliases, *s.former_names)
        return list(_unique(n for n in names if n))

    def find_supplier(self, name: str) -> Supplier | None:
        """The supplier one of whose names equals ``name`` after :func:`normalise_name`, if any."""
        return self._by_name.get(normalise_name(name))

    def ancestors(self, supplier_id: str) -> list[Supplier]:
        """The parent chain of a supplier, nearest parent first."""
        chain: list[Supplier] = []
        current = self.supplier(supplier_id).parent
        while current is not None:
            parent = self.supplier(current)
            chain.append(parent)
            current = parent.parent
        return chain

    def subsidiaries(self, supplier_id: str, recursive: bool = False) -> list[Supplier]:
        """Suppliers whose parent is this one (and their subsidiaries, if ``recursive``)."""
        self.supplier(supplier_id)  # KeyError for an unknown id
        children = [s for s in self.suppliers if s.parent == supplier_id]
        if not recursive:
            return children
        return children + [d for c in children for d in self.subsidiaries(c.id, recursive=True)]


def load_knowledge_base(data_dir: Path | None = None) -> KnowledgeBase:
    """Load and validate the knowledge base; the packaged one (``data_dir=None``) is cached."""
    if data_dir is None:
        return _load_packaged()
    return _load(Path(data_dir))


@functools.lru_cache(maxsize=1)
def _load_packaged() -> KnowledgeBase:
    return _load(DATA_DIR)


def _load(data_dir: Path) -> KnowledgeBase:
    raw = {name: _read_yaml(data_dir / name) for name in validation.DATA_FILES}
    validation.validate(raw, technologies=model.TECHNOLOGIES, targets=TARGETS,
                        supplier_kinds=SUPPLIER_KINDS, non_supplier_kinds=NON_SUPPLIER_KINDS,
                        agency_levels=AGENCY_LEVELS, normalise=normalise_name)
    org = raw["organisations.yaml"]
    organisations = OrganisationPatterns(
        company_suffixes_en=_strs(org.get("company_suffixes_en")),
        company_suffixes_zh=_strs(org.get("company_suffixes_zh")),
        agency_heads_en=_strs(org.get("agency_heads_en")),
        agency_suffixes_zh=_strs(org.get("agency_suffixes_zh")),
        procurement_agents_zh=_strs(org.get("procurement_agents_zh")),
        non_suppliers=tuple(NonSupplier(name=e["name"], kind=e["kind"], aliases=_strs(e.get("aliases")),
                                        strict_aliases=_strs(e.get("strict_aliases")))
                            for e in org.get("non_suppliers") or ()),
    )
    return KnowledgeBase(
        suppliers=tuple(_supplier(e) for e in raw["suppliers.yaml"]),
        technologies=tuple(Technology(id=e["id"], label=e["label"], specificity=e["specificity"],
                                      terms_en=_strs(e.get("terms_en")), terms_zh=_strs(e.get("terms_zh")),
                                      exclusions=_strs(e.get("exclusions")))
                           for e in raw["technologies.yaml"]),
        programs=tuple(Program(id=e["id"], name=e["name"], technology=e["technology"],
                               name_zh=e.get("name_zh"), aliases=_strs(e.get("aliases")),
                               country=e.get("country"), supplier=e.get("supplier"))
                       for e in raw["programs.yaml"]),
        targets=tuple(Target(id=e["id"], label=e["label"], terms_en=_strs(e.get("terms_en")),
                             terms_zh=_strs(e.get("terms_zh")), exclusions=_strs(e.get("exclusions")))
                      for e in raw["targets.yaml"]),
        units=tuple(Unit(id=e["id"], terms_en=_strs(e.get("terms_en")), terms_zh=_strs(e.get("terms_zh")),
                         technology=e.get("technology"))
                    for e in raw["units.yaml"]),
        organisations=organisations,
        agencies=tuple(Agency(id=e["id"], name=e["name"], country=e["country"], level=e["level"],
                              name_zh=e.get("name_zh"), aliases=_strs(e.get("aliases")),
                              local_aliases=_strs(e.get("local_aliases")), parent=e.get("parent"))
                       for e in raw["agencies.yaml"]),
    )


def _read_yaml(path: Path) -> Any:
    try:
        with path.open(encoding="utf-8") as handle:
            return yaml.safe_load(handle)
    except FileNotFoundError as exc:
        raise KnowledgeBaseError(f"{path.name}: file is missing from {path.parent}") from exc
    except yaml.YAMLError as exc:
        raise KnowledgeBaseError(f"{path.name}: not valid YAML: {exc}") from exc


def _supplier(entry: dict[str, Any]) -> Supplier:
    return Supplier(
        id=entry["id"], name=entry["name"], country=entry["country"], kind=entry["kind"],
        name_zh=entry.get("name_zh"), legal_names=_strs(entry.get("legal_names")),
        aliases=_strs(entry.get("aliases")), strict_aliases=_strs(entry.get("strict_aliases")),
        former_names=_strs(entry.get("former_names")), products=_strs(entry.get("products")),
        parent=entry.get("parent"), technologies=_strs(entry.get("technologies")),
        sanctions=tuple(Sanction(list=s["list"], date=validation.as_date(s["date"]), source=s.get("source"))
                        for s in entry.get("sanctions") or ()),
    )


def _strs(values: Any) -> tuple[str, ...]:
    return tuple(values or ())


def _unique(names: Any) -> tuple[str, ...]:
    return tuple(dict.fromkeys(names))
