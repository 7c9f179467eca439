"""Polling feeds from a real local web site: items ingested once and extracted, conditional
GET, robots.txt, per-host spacing, failing feeds backing off and recovering."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from tests.serve.feeds.site import Clock, Site, http_date, page, rss

from supplywatch.errors import FetchError
from supplywatch.serve.feeds import Poller, add_feed, backoff
from supplywatch.settings import Settings
from supplywatch.store import Store

RECALL = ("Quillon Power Ltd. is recalling 4,000 Quillon QP-45 chargers because they can "
          "overheat, the company said on Monday.")
SUPPLY = ("Tarvik Cells will supply battery cells to Ostrava Motors for its new electric van, "
          "the two companies said on Tuesday.")
PURCHASE = "Halden Group has acquired Tarvik Cells, the battery maker said on Wednesday."

MakePoller = Callable[[Store, Settings], Poller]


def two_item_site(site: Site) -> None:
    site.put("/a.html", page("Quillon recalls chargers", RECALL))
    site.put("/b.html", page("Tarvik Cells to supply Ostrava Motors", SUPPLY))
    site.put("/feed.xml", rss("Test Wire", [
        {"title": "Tarvik Cells to supply Ostrava Motors", "link": site.url("/b.html"), "guid": "b",
         "pubDate": "Tue, 03 Jun 2025 09:00:00 GMT"},
        {"title": "Quillon recalls chargers", "link": site.url("/a.html"), "guid": "a",
         "pubDate": "Mon, 02 Jun 2025 09:00:00 GMT"},
    ]), "application/rss+xml")


def fact_types(store: Store, doc_id: str) -> set[str]:
    return {f.type for f in store.facts_of_document(doc_id)}


def test_new_items_are_ingested_once_and_extracted(
        db_url: str, feed_settings: Settings, site: Site, make_poller: MakePoller) -> None:
    two_item_site(site)
    with Store.open(db_url) as store:
        feed, new = add_feed(store, feed_settings, site.url("/feed.xml"), 600)
        assert new and feed.status == "new"
        poller = make_poller(store, feed_settings)
        [first] = poller.poll_due()
        assert (first.outcome, first.new_items, first.item_errors) == ("ok", 2, [])
        items, total = store.feed_items(feed.id)
        assert total == 2 and all(i.document_id and i.error is None for i in items)
        by_link = {i.link: i.document_id for i in items}
        recall_doc = store.get_document(by_link[site.url("/a.html")])
        assert recall_doc is not None and "QP-45" in recall_doc.text
        assert recall_doc.published == "2025-06-02"  # the feed's date, the page has none
        assert "recall" in fact_types(store, recall_doc.id)
        assert "supplies" in fact_types(store, by_link[site.url("/b.html")])

        # Polled again (no validators on this feed, so the whole feed comes back): nothing
        # is new, and no page is fetched a second time.
        [second] = poller.poll_due(everything=True)
        assert (second.outcome, second.new_items) == ("ok", 0)
        assert len(site.requested("/a.html")) == len(site.requested("/b.html")) == 1
        assert store.feed_items(feed.id)[1] == 2
        polled = store.get_feed(feed.id)
        assert polled is not None
        assert (polled.status, polled.items_ingested, polled.title) == ("ok", 2, "Test Wire")
        assert polled.next_poll_at == polled.last_polled_at + timedelta(seconds=600)


def test_conditional_get_gets_304_and_ingests_nothing(
        db_url: str, feed_settings: Settings, site: Site, make_poller: MakePoller) -> None:
    two_item_site(site)
    modified = http_date(datetime(2025, 6, 3, 9, 0, tzinfo=UTC))
    site.resources["/feed.xml"] = replace(site.resources["/feed.xml"], etag='"v1"',
                                          last_modified=modified)
    with Store.open(db_url) as store:
        feed, _ = add_feed(store, feed_settings, site.url("/feed.xml"), 600)
        poller = make_poller(store, feed_settings)
        assert poller.poll_due()[0].new_items == 2
        stored = store.get_feed(feed.id)
        assert stored is not None and (stored.etag, stored.last_modified) == ('"v1"', modified)

        [again] = poller.poll_due(everything=True)
        hit = site.requested("/feed.xml")[-1]
        assert hit.headers["if-none-match"] == '"v1"'
        assert hit.headers["if-modified-since"] == modified
        assert hit.status == 304
        assert (again.outcome, again.new_items) == ("not-modified", 0)
        assert store.feed_items(feed.id)[1] == 2
        assert len(site.requested("/a.html")) == 1

        # The feed changes: a new ETag and one new item, which alone is ingested.
        site.put("/c.html", page("Halden buys Tarvik", PURCHASE))
        site.put("/feed.xml", rss("Test Wire", [
            {"title": "Halden buys Tarvik", "link": site.url("/c.html"), "guid": "c"},
            {"title": "Tarvik Cells to supply Ostrava Motors", "link": site.url("/b.html"), "guid": "b"},
            {"title": "Quillon recalls chargers", "link": site.url("/a.html"), "guid": "a"},
        ]), "application/rss+xml", etag='"v2"')
        [third] = poller.poll_due(everything=True)
        assert (third.outcome, third.new_items) == ("ok", 1)
        assert len(site.requested("/c.html")) == 1 and len(site.requested("/b.html")) == 1
        assert store.get_feed(feed.id).etag == '"v2"'  # type: ignore[union-attr]


def test_robots_txt_is_honoured(db_url: str, feed_settings: Settings, site: Site,
                                make_poller: MakePoller) -> None:
    site.put("/robots.txt", "User-agent: *\nDisallow: /private/\n", "text/plain")
    site.put("/private/a.html", page("Quillon recalls chargers", RECALL))
    site.put("/b.html", page("Tarvik Cells to supply Ostrava Motors", SUPPLY))
    site.put("/feed.xml", rss("Test Wire", [
        {"title": "Quillon recalls chargers", "link": site.url("/private/a.html"), "guid": "a",
         "description": RECALL},
        {"title": "Tarvik Cells to supply Ostrava Motors", "link": site.url("/b.html"), "guid": "b"},
    ]), "application/rss+xml")
    site.put("/private/feed.xml", site.resources["/feed.xml"].body, "application/rss+xml")
    with Store.open(db_url) as store:
        feed, _ = add_feed(store, feed_settings, site.url("/feed.xml"), 600)
        hidden, _ = add_feed(store, feed_settings, site.url("/private/feed.xml"), 600)
        results = {r.feed_id: r for r in make_poller(store, feed_settings).poll_due()}

        assert site.requested("/private/a.html") == []  # never fetched
        assert site.requested("/private/feed.xml") == []
        assert len(site.requested("/robots.txt")) == 1  # once per host per poll
        items = {i.link: i for i in store.feed_items(feed.id)[0]}
        skipped = items[site.url("/private/a.html")]
        assert skipped.error is not None and "robots.txt disallows" in skipped.error
        # The item's own summary (from the feed, which robots.txt allows) is what is kept.
        summary = store.get_document(skipped.document_id or "")
        assert summary is not None and summary.kind == "feed-item" and "QP-45" in summary.text
        assert items[site.url("/b.html")].error is None
        assert results[feed.id].outcome == "ok"

        refused = store.get_feed(hidden.id)
        assert refused is not None and refused.status == "failing"
        assert "robots.txt disallows" in (refused.last_error or "")


def test_requests_to_one_host_are_spaced(db_url: str, feed_settings: Settings, site: Site,
                                         make_poller: MakePoller) -> None:
    two_item_site(site)
    settings = replace(feed_settings, host_interval=0.4)
    with Store.open(db_url) as store:
        add_feed(store, settings, site.url("/feed.xml"), 600)
        make_poller(store, settings).poll_due()
    times = [h.at for h in site.hits]
    assert [h.path for h in site.hits] == ["/robots.txt", "/feed.xml", "/a.html", "/b.html"]
    gaps = [b - a for a, b in itertools.pairwise(times)]
    assert min(gaps) >= 0.38, gaps  # a little slack for the clock's resolution


def test_a_failing_feed_backs_off_shows_failing_and_recovers(
        db_url: str, feed_settings: Settings, site: Site, clock: Clock,
        make_poller: MakePoller) -> None:
    two_item_site(site)
    site.resources["/feed.xml"].status = 500
    with Store.open(db_url, clock=clock) as store:
        feed, _ = add_feed(store, feed_settings, site.url("/feed.xml"), 600)
        poller = make_poller(store, feed_settings)

        [first] = poller.poll_due()
        failing = store.get_feed(feed.id)
        assert failing is not None and first.outcome == "failing"
        assert (failing.status, failing.failures) == ("failing", 1)
        assert "HTTP 500" in (failing.last_error or "")
        assert failing.next_poll_at == clock.now + timedelta(seconds=600)
        assert poller.poll_due() == []  # not due again yet

        clock.advance(600)
        site.stop()  # now the connection is refused
        [second] = poller.poll_due()
        refused = store.get_feed(feed.id)
        assert refused is not None and second.outcome == "failing"
        assert refused.failures == 2 and "could not be fetched" in (refused.last_error or "")
        assert refused.next_poll_at == clock.now + timedelta(seconds=1200)  # backed off
        listed, total = store.list_feeds(status="failing")
        assert total == 1 and listed[0].id == feed.id  # shown, never dropped

        clock.advance(1200)
        site.resources["/feed.xml"].status = 200
        site.start()  # the same port again
        [third] = poller.poll_due()
        recovered = store.get_feed(feed.id)
        assert recovered is not None and third.outcome == "ok" and third.new_items == 2
        assert (recovered.status, recovered.failures, recovered.last_error) == ("ok", 0, None)
        assert recovered.next_poll_at == clock.now + timedelta(seconds=600)


def test_backoff_doubles_and_is_capped_at_a_day() -> None:
    assert [backoff(900, n).total_seconds() for n in (1, 2, 3)] == [900, 1800, 3600]
    assert backoff(900, 12) == timedelta(days=1)


def test_an_unreachable_page_falls_back_to_the_items_summary(
        db_url: str, feed_settings: Settings, site: Site, make_poller: MakePoller) -> None:
    site.put("/feed.xml", rss("Test Wire", [
        {"title": "Quillon recalls chargers", "link": site.url("/gone.html"), "guid": "a",
         "description": f"<p>{RECALL}</p>"},
    ]), "application/rss+xml")
    with Store.open(db_url) as store:
        feed, _ = add_feed(store, feed_settings, site.url("/feed.xml"), 600)
        [result] = make_poller(store, feed_settings).poll_due()
        [item] = store.feed_items(feed.id)[0]
        assert result.outcome == "ok" and item.error is not None
        assert "HTTP 404" in item.error and "summary was ingested" in item.error
        doc = store.get_document(item.document_id or "")
        assert doc is not None and doc.kind == "feed-item" and doc.title == "Quillon recalls chargers"
        assert "recall" in fact_types(store, doc.id)


def test_a_body_that_is_not_a_feed_fails(db_url: str, feed_settings: Settings, site: Site,
                                         make_poller: MakePoller) -> None:
    site.put("/feed.xml", page("Not a feed", "Just a page."))
    with Store.open(db_url) as store:
        feed, _ = add_feed(store, feed_settings, site.url("/feed.xml"), 600)
        make_poller(store, feed_settings).poll_due()
        failing = store.get_feed(feed.id)
        assert failing is not None and failing.status == "failing"
        assert "not an RSS or Atom feed" in (failing.last_error or "")


def test_private_addresses_are_refused_unless_allowed(
        db_url: str, feed_settings: Settings, site: Site, make_poller: MakePoller) -> None:
    two_item_site(site)
    guarded = replace(feed_settings, allow_private_urls=False)
    with Store.open(db_url) as store:
        with pytest.raises(FetchError, match="SUPPLYWATCH_ALLOW_PRIVATE_URLS"):
            add_feed(store, guarded, site.url("/feed.xml"))
        # Added while allowed, polled by a server that no longer allows it: refused, failing.
        feed, _ = add_feed(store, feed_settings, site.url("/feed.xml"), 600)
        make_poller(store, guarded).poll_due()
        refused = store.get_feed(feed.id)
        assert refused is not None and refused.status == "failing"
        assert "refused" in (refused.last_error or "")
    assert site.hits == []


def test_a_feed_of_official_records_is_imported_as_records(
        db_url: str, feed_settings: Settings, site: Site, make_poller: MakePoller) -> None:
    notice = "https://www.cpsc.gov/Recalls/2025/Quillon-Power-Recalls-Chargers-Due-to-Fire-Hazard"
    site.put("/cpsc.xml", rss("CPSC Recalls (cpsc.gov)", [
        {"title": "Quillon Power Recalls QP-45 Chargers Due to Fire Hazard", "link": notice,
         "guid": notice, "description": "The chargers can overheat, posing a fire hazard.",
         "pubDate": "Thu, 05 Jun 2025 10:00:00 GMT"},
    ]), "application/rss+xml")
    with Store.open(db_url) as store:
        feed, _ = add_feed(store, feed_settings, site.url("/cpsc.xml"), 600)
        [result] = make_poller(store, feed_settings).poll_due()
        assert (result.outcome, result.new_items, result.item_errors) == ("ok", 1, [])
        assert [h.path for h in site.hits] == ["/robots.txt", "/cpsc.xml"]  # no page fetched
        [item] = store.feed_items(feed.id)[0]
        [record] = store.records_by_documents([item.document_id or ""]).values()
        assert (record.agency, record.url) == ("CPSC", notice)
        assert "recall" in fact_types(store, record.document_id)
