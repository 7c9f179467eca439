"""save_extraction: idempotent, replaces a document's facts, all or nothing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from supplywatch.errors import DatabaseError
from supplywatch.model import name_key
from supplywatch.store import Store, fact_id
from supplywatch.store import write as store_write
from supplywatch.store.schema import (
    aliases,
    document_entities,
    entities,
    fact_roles,
    facts,
)


def _count(store: Store, table) -> int:
    with store.engine.connect() as conn:
        return int(conn.scalar(select(func.count()).select_from(table)) or 0)


def _snapshot(store: Store) -> dict[str, list[tuple]]:
    """Every row of the graph tables, to compare states before and after."""
    out = {}
    with store.engine.connect() as conn:
        for table in (entities, aliases, document_entities, facts, fact_roles):
            rows = conn.execute(select(table)).all()
            out[table.name] = sorted(tuple(str(v) for v in r) for r in rows)
    return out


def _story(new_doc, *, second_customer: bool = False):
    b = new_doc("news/volta.txt", source="Test Wire", published="2025-03-01")
    b.entity("Volta Cells", aliases=("Volta",))
    b.entity("Nimbus Audio")
    b.entity("Kestrel Holdings")
    b.fact("supplies", "Volta supplies cells to Nimbus Audio.", supplier="Volta",
           customer="Nimbus Audio", component="cells", status="active")
    b.fact("owns", "Kestrel Holdings owns Volta Cells.", parent="Kestrel Holdings",
           child="Volta Cells")
    if second_customer:
        b.entity("Orbit Retail")
        b.fact("supplies", "Volta Cells also supplies Orbit Retail.", supplier="Volta Cells",
               customer="Orbit Retail", status="planned")
    return b


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        self.now += timedelta(minutes=1)
        return self.now


def test_saving_the_same_extraction_twice_adds_nothing(store: Store, new_doc) -> None:
    extraction, resolution = _story(new_doc).build()
    first = store.save_extraction(extraction, resolution)
    before = _snapshot(store)
    second = store.save_extraction(extraction, resolution)
    assert (first.facts, first.new_facts) == (2, 2)
    assert (second.facts, second.new_facts, second.removed_facts) == (2, 0, 0)
    after = _snapshot(store)
    for table in ("entities", "aliases", "document_entities", "fact_roles"):
        assert after[table] == before[table]
    assert _count(store, facts) == 2
    assert store.count_documents() == 1  # save_extraction stores a missing document too


def test_fact_ids_are_deterministic(store: Store, new_doc) -> None:
    extraction, resolution = _story(new_doc).build()
    store.save_extraction(extraction, resolution)
    expected = {fact_id(extraction.document.id, f) for f in extraction.facts}
    with store.engine.connect() as conn:
        assert set(conn.scalars(select(facts.c.id))) == expected


def test_reextraction_replaces_facts_and_keeps_first_seen(db_url: str, new_doc) -> None:
    clock = Clock()
    with Store.open(db_url, clock=clock) as store:
        extraction, resolution = _story(new_doc, second_customer=True).build()
        store.save_extraction(extraction, resolution)
        volta = store.find_entities("Volta Cells")[0].entity
        old = {f.id: f for f in store.facts_for_entity(volta.id)}

        # The extractor now reads fewer facts from the same document.
        smaller = _story(new_doc, second_customer=True)
        smaller.facts = [f for f in smaller.facts if "Orbit" not in f[2]]
        del smaller.entities["Orbit Retail"], smaller.canon["Orbit Retail"]
        extraction2, resolution2 = smaller.build()
        assert extraction2.document.id == extraction.document.id
        saved = store.save_extraction(extraction2, resolution2)
        assert (saved.facts, saved.new_facts, saved.removed_facts) == (2, 0, 1)

        new = {f.id: f for f in store.facts_for_entity(volta.id)}
        assert set(new) < set(old)
        for fid, fact in new.items():
            assert fact.first_seen == old[fid].first_seen
            assert fact.last_seen > old[fid].last_seen
        assert _count(store, facts) == 2
        assert _count(store, fact_roles) == 4  # no orphans left by the dropped fact
        # Orbit Retail was only supported by the dropped fact: it is gone, aliases too.
        assert store.find_entities("Orbit Retail") == []
        assert store.entities_by_alias_keys(["orbit retail"]) == {}
        with store.engine.connect() as conn:
            orphan_roles = conn.scalar(
                select(func.count()).select_from(fact_roles)
                .where(fact_roles.c.fact_id.not_in(select(facts.c.id)))
            )
        assert orphan_roles == 0


def test_entities_and_aliases_accumulate_across_documents(store: Store, new_doc, save_doc) -> None:
    save_doc(_story(new_doc))
    other = new_doc("news/other.txt")
    other.entity("Volta Cells Ltd", aliases=("VC",))
    other.entity("Orbit Retail")
    other.fact("supplies", "VC supplies Orbit Retail.", supplier="VC", customer="Orbit Retail",
               status="active")
    extraction, resolution = other.build()
    # The resolver mapped "Volta Cells Ltd" onto the known entity (same key).
    assert name_key("Volta Cells Ltd") == name_key("Volta Cells")
    store.save_extraction(extraction, resolution)

    hits = store.entities_by_alias_keys(["volta", "vc", "volta cells", "nobody"])
    assert set(hits) == {"volta", "vc", "volta cells"}
    (volta,) = hits["vc"]
    assert volta.type == "company" and volta.key == "volta cells"
    assert {"Volta", "VC"} <= set(volta.aliases)
    assert len(store.find_entities("Volta")) == 1
    match = store.find_entities("volta")[0]
    assert match.matched_on == "alias" and match.matched_alias == "Volta"
    assert store.find_entities("VOLTA CELLS")[0].matched_on == "name"


def test_unresolved_cause_phrase_is_kept_without_an_edge(store: Store, new_doc) -> None:
    b = new_doc("recalls/x.txt")
    b.entity("Nimbus Audio")
    b.entity("Nimbus NA-220", "product")
    b.fact("recall", "Nimbus Audio recalls the Nimbus NA-220 over defective battery cells.",
           company="Nimbus Audio", products=["Nimbus NA-220"], cause="defective battery cells")
    extraction, resolution = b.build()
    store.save_extraction(extraction, resolution)
    nimbus = store.find_entities("Nimbus Audio")[0].entity
    (recall,) = store.facts_for_entity(nimbus.id)
    assert recall.args["cause"] == "defective battery cells"
    assert {r.role for r in recall.roles} == {"company", "products"}


def test_missing_resolution_fails_and_keeps_previous_state(store: Store, new_doc) -> None:
    extraction, resolution = _story(new_doc).build()
    store.save_extraction(extraction, resolution)
    before = _snapshot(store)

    bad_extraction, bad_resolution = _story(new_doc, second_customer=True).build(
        drop_names=("Orbit Retail",)
    )
    with pytest.raises(DatabaseError, match=r"names 'Orbit Retail' as customer.*no entity"):
        store.save_extraction(bad_extraction, bad_resolution)
    assert _snapshot(store) == before


def test_failure_midway_rolls_back_everything(
    store: Store, new_doc, monkeypatch: pytest.MonkeyPatch
) -> None:
    extraction, resolution = _story(new_doc).build()
    store.save_extraction(extraction, resolution)
    before = _snapshot(store)

    def explode(*_args, **_kwargs) -> None:
        raise DatabaseError("disk on fire")

    # Fail after the old facts are deleted and the new ones and new entities written.
    monkeypatch.setattr(store_write, "drop_orphans", explode)
    bigger, bigger_resolution = _story(new_doc, second_customer=True).build()
    with pytest.raises(DatabaseError, match="disk on fire"):
        store.save_extraction(bigger, bigger_resolution)
    assert _snapshot(store) == before
    assert store.find_entities("Orbit Retail") == []


def test_unknown_fact_type_is_a_clear_error(store: Store, new_doc) -> None:
    b = new_doc("news/odd.txt")
    b.entity("Volta Cells")
    b.fact("acquires", "Volta Cells acquires things.", buyer="Volta Cells")
    extraction, resolution = b.build()
    with pytest.raises(DatabaseError, match="unknown type 'acquires'"):
        store.save_extraction(extraction, resolution)
    assert store.count_documents() == 0
