"""Alerts: a new fact touching a watched item raises one alert per watchlist and fact,
directly or through the graph, with its evidence and the names that link it."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from tests.conftest import DocBuilder, save
from tests.serve.feeds.site import Clock

from supplywatch.serve.alerts import WatchError, add_watch_item, create_watchlist, raise_alerts
from supplywatch.settings import Settings
from supplywatch.store import Store
from supplywatch.store.watch import Alert

SETTINGS = Settings.load(env={}, allow_private_urls=True)
Save = Callable[[DocBuilder], object]


def supply_graph(save_doc: Save) -> None:
    """Known before anything is watched: Kestrel Holdings owns Volta Cells, which supplies
    cells to Nimbus Audio for its NA-220 speaker."""
    news = DocBuilder("news/volta.txt", source="Test Wire", title="Volta deal",
                      published="2025-03-01")
    kestrel = news.entity("Kestrel Holdings")
    volta = news.entity("Volta Cells", aliases=("Volta",))
    nimbus = news.entity("Nimbus Audio", aliases=("Nimbus",))
    speaker = news.entity("Nimbus NA-220", "product", aliases=("NA-220",))
    news.fact("owns", "Volta Cells is a unit of Kestrel Holdings.", parent=kestrel, child=volta)
    news.fact("supplies", "Volta supplies battery cells to Nimbus for the NA-220 speaker.",
              supplier="Volta", customer="Nimbus", component="battery cells", product="NA-220",
              status="active")
    news.fact("makes", "Nimbus Audio makes the Nimbus NA-220.", company=nimbus, product=speaker)
    save_doc(news)


def watch(store: Store, name: str, *items: tuple[str, str]) -> int:
    watchlist, _ = create_watchlist(store, SETTINGS, name)
    for kind, value in items:
        add_watch_item(store, watchlist, kind, value)
    return watchlist.id


def alerts_of(store: Store, watchlist_id: int) -> list[Alert]:
    return store.list_alerts(watchlist_id=watchlist_id)[0]


def speaker_recall(save_doc: Save) -> None:
    recall = DocBuilder("recalls/na220.txt", source="Safety Board", title="NA-220 recall",
                        published="2025-04-02")
    nimbus = recall.entity("Nimbus Audio")
    speaker = recall.entity("Nimbus NA-220", "product")
    recall.entity("Volta Cells")
    recall.fact("recall", "Nimbus Audio recalls 12,000 Nimbus NA-220 speakers over fire risk.",
                company=nimbus, products=[speaker], units=12000, hazard="fire",
                cause="Volta Cells", date="2025-04-01")
    save_doc(recall)


def test_direct_alerts_are_raised_once_whoever_stored_the_fact(store: Store, save_doc: Save) -> None:
    supply_graph(save_doc)
    lists = {
        "company": watch(store, "Nimbus watch", ("company", "Nimbus")),  # an alias
        "product": watch(store, "Speaker watch", ("product", "NA-220")),
        "model": watch(store, "Model watch", ("model", "na 220")),
        "supplier": watch(store, "Volta watch", ("supplier", "Volta Cells")),
    }
    assert raise_alerts(store, SETTINGS).raised == []  # what was known before is not news

    speaker_recall(save_doc)
    run = raise_alerts(store, SETTINGS)
    assert len(run.raised) == 4
    for kind, watchlist_id in lists.items():
        [alert] = alerts_of(store, watchlist_id)
        assert alert.fact.type == "recall", kind
        assert alert.fact.evidence.startswith("Nimbus Audio recalls 12,000")
        assert alert.fact.document.title == "NA-220 recall"
        assert alert.watch_item.kind == kind
    assert alerts_of(store, lists["company"])[0].reason == \
        "recall fact naming Nimbus Audio (company)"
    assert alerts_of(store, lists["supplier"])[0].reason == \
        "recall fact naming Volta Cells (cause)"
    assert alerts_of(store, lists["model"])[0].reason == "recall listing model NA-220"

    # Looking again, by anyone, raises nothing more.
    assert raise_alerts(store, SETTINGS).raised == []
    assert all(len(alerts_of(store, wid)) == 1 for wid in lists.values())


def test_alerts_through_the_graph(store: Store, save_doc: Save) -> None:
    supply_graph(save_doc)
    product = watch(store, "Speaker watch", ("product", "Nimbus NA-220"))
    owner = watch(store, "Kestrel watch", ("company", "Kestrel Holdings"))
    unrelated = watch(store, "Kites", ("company", "Zephyr Toys"))

    # A recall of someone else's product names the watched speaker's supplier.
    other = DocBuilder("recalls/orbit.txt", source="Safety Board", title="Power bank recall",
                       published="2025-05-01")
    orbit = other.entity("Orbit Retail")
    bank = other.entity("Orbit PB-10", "product")
    other.entity("Volta Cells")
    other.fact("recall", "Orbit Retail recalls 300 Orbit PB-10 power banks with Volta Cells cells.",
               company=orbit, products=[bank], units=300, cause="Volta Cells")
    # A new supply deal of the supplier's owner: not a recall, so no alert through the graph.
    deal = DocBuilder("news/kestrel.txt", source="Test Wire", published="2025-05-02")
    deal.entity("Kestrel Holdings")
    deal.entity("Lumen Grid")
    deal.fact("supplies", "Kestrel Holdings supplies cells to Lumen Grid.",
              supplier="Kestrel Holdings", customer="Lumen Grid")
    save_doc(other)
    save_doc(deal)
    raise_alerts(store, SETTINGS)

    [via_supplier] = alerts_of(store, product)
    assert via_supplier.path == ("Nimbus NA-220", "Volta Cells")
    assert via_supplier.reason == "recall naming Volta Cells (cause): a supplier of Nimbus NA-220"
    assert via_supplier.fact.document.title == "Power bank recall"

    # Kestrel sees the recall naming its subsidiary, and its own deal directly.
    by_type = {a.fact.type: a for a in alerts_of(store, owner)}
    assert by_type["recall"].path == ("Kestrel Holdings", "Volta Cells")
    assert "a subsidiary of Kestrel Holdings" in by_type["recall"].reason
    assert by_type["supplies"].path == ("Kestrel Holdings",)
    assert alerts_of(store, unrelated) == []

    # A recall naming the supplier's owner reaches the product two hops away.
    parent = DocBuilder("recalls/kestrel.txt", source="Safety Board", published="2025-06-01")
    parent.entity("Kestrel Holdings")
    parent.entity("Kestrel K-1 Pack", "product")
    parent.fact("recall", "Kestrel Holdings recalls 50 Kestrel K-1 Pack units.",
                company="Kestrel Holdings", products=["Kestrel K-1 Pack"], units=50)
    save_doc(parent)
    raise_alerts(store, SETTINGS)
    newest = alerts_of(store, product)[0]
    assert newest.path == ("Nimbus NA-220", "Volta Cells", "Kestrel Holdings")
    assert newest.reason == ("recall naming Kestrel Holdings (company): an owner of Volta Cells, "
                             "a supplier of Nimbus NA-220")


def test_one_alert_per_watchlist_and_fact(store: Store, save_doc: Save) -> None:
    supply_graph(save_doc)
    both = watch(store, "Both", ("product", "NA-220"), ("company", "Kestrel Holdings"))
    speaker_recall(save_doc)
    raise_alerts(store, SETTINGS)
    [alert] = alerts_of(store, both)  # the recall touches both items: one alert, the direct one
    assert alert.watch_item.kind == "product" and alert.path == ("Nimbus NA-220",)


def test_watching_a_name_before_it_appears(store: Store, save_doc: Save) -> None:
    early = watch(store, "Early", ("company", "Nimbus Audio"))
    assert raise_alerts(store, SETTINGS).raised == []
    supply_graph(save_doc)  # first seen after the item was added
    raise_alerts(store, SETTINGS)
    assert {a.fact.type for a in alerts_of(store, early)} == {"supplies", "makes"}


@pytest.mark.parametrize(("kind", "value", "message"), [
    ("person", "Ada", "unknown kind"),
    ("model", "fire", "does not read as a model number"),
    ("company", "  ", "needs 1 to"),
])
def test_bad_watch_items_are_refused(store: Store, kind: str, value: str, message: str) -> None:
    watchlist, _ = create_watchlist(store, SETTINGS, "Checks")
    with pytest.raises(WatchError, match=message):
        add_watch_item(store, watchlist, kind, value)


def test_facts_committed_after_a_look_but_stamped_before_it_are_seen(db_url: str) -> None:
    clock = Clock()
    with Store.open(db_url, clock=clock) as store:
        watched = watch(store, "Early", ("company", "Nimbus Audio"))
        clock.advance(60)
        speaker_recall(lambda builder: save(store, builder))
        clock.advance(60)
        assert len(raise_alerts(store, SETTINGS).raised) == 1
        # A slow writer stamped its facts a minute before that look, and commits now.
        clock.advance(-90)
        supply_graph(lambda builder: save(store, builder))
        clock.advance(90)
        raise_alerts(store, SETTINGS)
        assert {a.fact.type for a in alerts_of(store, watched)} == {"recall", "supplies", "makes"}
        # Long after, with nothing new, a look reads no facts and writes nothing.
        clock.advance(3600)
        assert raise_alerts(store, SETTINGS).since is None
