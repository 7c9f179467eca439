"""The query stage: read-only answers over the store, as typed results with `to_dict()`."""

from supplywatch.query.check import NO_RECORD_CAVEAT, CheckMatch, CheckResult, Freshness, check
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
    entity_profile_by_id,
)
from supplywatch.query.record import RecordReport, StatedFact, recall_record
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
    "Freshness",
    "ProductLink",
    "ProfileRecall",
    "RecallLink",
    "RecordReport",
    "Relation",
    "ResolvedEntity",
    "SourceRef",
    "StatedFact",
    "SubsidiaryLink",
    "UnknownName",
    "check",
    "entity_profile",
    "entity_profile_by_id",
    "exposure",
    "recall_record",
    "resolve_name",
]
