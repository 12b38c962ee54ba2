"""The knowledge base: suppliers, buying agencies, technology and target vocabularies, programs, units and organisation
patterns, kept as YAML data files (one per kind) and loaded into a validated registry."""
from counterwatch.knowledge.registry import (
    AGENCY_LEVELS,
    DATA_DIR,
    TARGETS,
    Agency,
    KnowledgeBase,
    KnowledgeBaseError,
    NonSupplier,
    OrganisationPatterns,
    Program,
    Sanction,
    Supplier,
    Target,
    Technology,
    Unit,
    load_knowledge_base,
    normalise_name,
)

__all__ = [
    "AGENCY_LEVELS", "Agency", "DATA_DIR", "KnowledgeBase", "KnowledgeBaseError", "NonSupplier",
    "OrganisationPatterns", "Program",
    "Sanction", "Supplier", "TARGETS", "Target", "Technology", "Unit", "load_knowledge_base",
    "normalise_name",
]
