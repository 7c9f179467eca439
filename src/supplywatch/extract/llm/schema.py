"""The model's answer, validated against the facts contract one item at a time.

A bad item (an unknown fact type, a missing required field, a value of the wrong type)
costs only itself and is counted in `Drops`; an answer that is not a JSON object with a
`facts` list at all is an `LlmBadResponse` for the whole document.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    Strict,
    StrictStr,
    ValidationError,
    model_validator,
)

from supplywatch.extract.llm.errors import LlmBadResponse
from supplywatch.extract.llm.report import (
    BAD_ENTITY,
    BAD_VALUE,
    MISSING_FIELD,
    NOT_AN_OBJECT,
    UNKNOWN_TYPE,
    Drops,
)
from supplywatch.model import FACT_FIELDS, EntityType


def _whole_number(value: Any) -> Any:
    """Counts are integers; 2000000.0 is fine, "2 million" and true are not."""
    if isinstance(value, bool):
        raise ValueError("a count must be a number, not true/false")
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


Name = Annotated[StrictStr, Field(min_length=1, max_length=300)]
Count = Annotated[int, Strict(), BeforeValidator(_whole_number), Field(ge=0)]
Fraction = Annotated[float, Field(ge=0.0, le=1.0)]


def _iso_date(value: str) -> str:
    """YYYY-MM-DD or YYYY-MM, and a real one: "2025-13" is not a month."""
    dt.date.fromisoformat(value if len(value) == 10 else value + "-01")
    return value


IsoDate = Annotated[StrictStr, Field(pattern=r"^\d{4}-\d{2}(-\d{2})?$"), AfterValidator(_iso_date)]


class _Fact(BaseModel):
    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)
    evidence: Annotated[StrictStr, Field(min_length=1)]
    # Not the model's claim about the world but its certainty; a missing one is not
    # worth losing the fact over.
    confidence: Fraction = 0.7

    @model_validator(mode="before")
    @classmethod
    def _blank_is_null(cls, data: Any) -> Any:
        """Models write "" for "not stated"; that is null, not a name."""
        if not isinstance(data, dict):
            return data
        out = {k: None if isinstance(v, str) and not v.strip() and k != "evidence" else v
               for k, v in data.items()}
        if out.get("confidence") is None:
            out.pop("confidence", None)  # the default applies
        return out


class Supplies(_Fact):
    supplier: Name
    customer: Name
    component: Name | None = None
    product: Name | None = None
    quantity: Count | None = None
    status: Literal["active", "planned", "ended"]


class Owns(_Fact):
    parent: Name
    child: Name
    share: Fraction | None = None


class Makes(_Fact):
    company: Name
    product: Name


class Recall(_Fact):
    company: Name
    products: Annotated[list[Name], Field(min_length=1)]
    units: Count | None = None
    hazard: Name | None = None
    cause: Name | None = None
    date: IsoDate | None = None


class Partnership(_Fact):
    parties: Annotated[list[Name], Field(min_length=2)]


FACT_MODELS: dict[str, type[_Fact]] = {
    "supplies": Supplies, "owns": Owns, "makes": Makes, "recall": Recall,
    "partnership": Partnership,
}


class _Entity(BaseModel):
    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)
    name: Name
    type: Annotated[EntityType, BeforeValidator(lambda v: v.lower() if isinstance(v, str) else v)]
    aliases: list[Name] = Field(default_factory=list)


@dataclass
class RawEntity:
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)


@dataclass
class RawFact:
    """A fact as the model stated it: fields valid, names and evidence not yet checked."""

    type: str
    args: dict[str, Any]
    evidence: str
    confidence: float


@dataclass
class Answer:
    entities: list[RawEntity]
    facts: list[RawFact]
    drops: Drops


def parse_answer(content: str, source: str) -> Answer:
    """Validate the model's reply text; `source` names the document in errors."""
    body = _json_object(content, source)
    facts, entities = body.get("facts"), body.get("entities", [])
    if not isinstance(facts, list) or not isinstance(entities, list):
        raise LlmBadResponse(source, (
            "the model's answer lacks the 'facts' and 'entities' lists the prompt asks for "
            f"(keys: {', '.join(sorted(map(str, body))) or 'none'})"))
    drops = Drops()
    return Answer(
        entities=[e for e in (_entity(item, drops) for item in entities) if e is not None],
        facts=[f for f in (_fact(n, item, drops) for n, item in enumerate(facts, 1)) if f is not None],
        drops=drops,
    )


_FENCE = re.compile(r"^```(?:json)?\s*(.*?)\s*```$", re.DOTALL)


def _json_object(content: str, source: str) -> dict[str, Any]:
    text = content.strip()
    fenced = _FENCE.match(text)  # some servers wrap JSON in a Markdown fence regardless
    if fenced:
        text = fenced.group(1)
    try:
        body = json.loads(text)
    except json.JSONDecodeError as exc:
        raise LlmBadResponse(source, (
            f"the model's answer is not valid JSON ({exc.msg} at character {exc.pos}: "
            f"{text[:80]!r}); the endpoint may not support response_format json_object")) from None
    if not isinstance(body, dict):
        raise LlmBadResponse(source, f"the model's answer is JSON but not an object ({text[:80]!r})")
    return body


def _entity(item: Any, drops: Drops) -> RawEntity | None:
    try:
        valid = _Entity.model_validate(item)
    except ValidationError as exc:
        drops.add(BAD_ENTITY, f"{_short(item)}: {_first_error(exc)}")
        return None
    aliases = [a for a in dict.fromkeys(valid.aliases) if a != valid.name]
    return RawEntity(valid.name, valid.type, aliases)


def _fact(n: int, item: Any, drops: Drops) -> RawFact | None:
    if not isinstance(item, dict):
        drops.add(NOT_AN_OBJECT, f"fact #{n}: {_short(item)}")
        return None
    type_ = item.get("type")
    model = FACT_MODELS.get(type_) if isinstance(type_, str) else None
    if model is None:
        drops.add(UNKNOWN_TYPE, f"fact #{n}: type {type_!r}")
        return None
    try:
        valid = model.model_validate(item)
    except ValidationError as exc:
        # a required field given as null (or "") is as missing as one left out
        missing = any(e["type"] == "missing" or e.get("input") is None for e in exc.errors())
        drops.add(MISSING_FIELD if missing else BAD_VALUE, f"{type_} fact #{n}: {_first_error(exc)}")
        return None
    args = valid.model_dump(exclude={"evidence", "confidence"})
    return RawFact(type_, {k: args[k] for k in FACT_FIELDS[type_]}, valid.evidence, valid.confidence)


def _first_error(exc: ValidationError) -> str:
    err = exc.errors()[0]
    where = ".".join(str(p) for p in err["loc"]) or "value"
    return f"{where}: {err['msg']}"


def _short(item: Any) -> str:
    text = json.dumps(item, ensure_ascii=False, default=str)
    return text if len(text) <= 100 else text[:97] + "..."
