"""The query stage: read-only answers over the store, as typed results with `to_dict()`."""

from supplywatch.query.check import NO_RECORD_CAVEAT, CheckMatch, CheckResult, check
from supplywatch.query.exposure import (
    CustomerLink,
    ExposureReport,
    ProductLink,
    RecallLink,
    SubsidiaryLink,
    exposure,
)
from supplywatch.query.lookup import UnknownName, resolve_name
from supplywatch.query.profile import (
    DatedEvent,
    EntityProfile,
    ProfileRecall,
    Relation,
    entity_profile,
)
from supplywatch.query.results import EntityRef, Evidence, ResolvedEntity, SourceRef

__all__ = [
    "NO_RECORD_CAVEAT",
    "CheckMatch",
    "CheckResult",
    "CustomerLink",
    "DatedEvent",
    "EntityProfile",
    "EntityRef",
    "Evidence",
    "ExposureReport",
    "ProductLink",
    "ProfileRecall",
    "RecallLink",
    "Relation",
    "ResolvedEntity",
    "SourceRef",
    "SubsidiaryLink",
    "UnknownName",
    "check",
    "entity_profile",
    "exposure",
    "resolve_name",
]
