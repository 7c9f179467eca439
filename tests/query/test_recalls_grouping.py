"""One recall, many sources: when statements are the same recall, and when they are not."""

from __future__ import annotations

from supplywatch.query.recalls import group, same_recall
from supplywatch.store import FactRecord, Store


def _recall(store: Store, new_doc, save_doc, path: str, *, kind: str, company: str,
            product: str, date: str | None, url: str | None = None, source: str = "CPSC",
            number: str | None = None, published: str | None = None) -> FactRecord:
    b = new_doc(path, kind=kind, source=source, published=published or date)
    b.entity(company)
    b.entity(product, "product")
    args: dict[str, object] = {"company": company, "products": [product], "date": date}
    if kind == "recall":
        args.update(recall_id=number, source=source, url=url, record_key=f"{source}:{number}")
    b.fact("recall", f"{company} recalls {product} ({path}).", confidence=0.99, **args)
    extraction = save_doc(b)
    (fact,) = store.recall_facts_of_documents([extraction.document.id])
    return fact


def test_an_agency_notice_read_twice_is_one_recall(store: Store, new_doc, save_doc) -> None:
    url = "https://www.cpsc.gov/Recalls/2021/Acme-Recalls-Heaters"
    api = _recall(store, new_doc, save_doc, "api.json#CPSC-21-001", kind="recall",
                  company="Acme", product="Acme Heater", date="2021-10-27", url=url, number="21-001")
    rss = _recall(store, new_doc, save_doc, "feed.xml#CPSC-Acme", kind="recall", company="Acme",
                  product="Heaters", date="2021-10-28", url="http://cpsc.gov/Recalls/2021/Acme-Recalls-Heaters/",
                  number="Acme-Recalls-Heaters")
    assert same_recall(api, rss)
    assert [sorted(f.id for f in g) for g in group([api, rss])] == [sorted([api.id, rss.id])]


def test_undated_lists_sharing_a_programme_page_stay_apart(store: Store, new_doc, save_doc) -> None:
    url = "http://www.lenovo.com/batteryprogram"
    ibm = _recall(store, new_doc, save_doc, "list.csv#UPOWER-IBM", kind="recall", company="Lenovo",
                  product="Lenovo 92P1072", date=None, url=url, source="upower", number="ibm")
    sanyo = _recall(store, new_doc, save_doc, "list.csv#UPOWER-LENOVO", kind="recall",
                    company="Lenovo", product="Lenovo 92P1131", date=None, url=url, source="upower",
                    number="lenovo")
    assert not same_recall(ibm, sanyo) and len(group([ibm, sanyo])) == 2


def test_a_story_joins_the_record_it_reports_and_never_two(store: Store, new_doc, save_doc) -> None:
    aug = _recall(store, new_doc, save_doc, "gsa.json#CPSC-06231", kind="recall", company="Dell",
                  product="Dell notebook batteries", date="2006-08-15", url="http://x/06231",
                  number="06231")
    later = _recall(store, new_doc, save_doc, "gsa.json#CPSC-06300", kind="recall", company="Dell",
                    product="Dell notebook battery chargers", date="2006-09-20", url="http://x/06300",
                    number="06300")
    story = _recall(store, new_doc, save_doc, "news/dell.txt", kind="article", company="Dell",
                    product="notebook batteries", date=None, published="2006-08-16")
    other = _recall(store, new_doc, save_doc, "news/dell-2013.txt", kind="article", company="Dell",
                    product="notebook batteries", date=None, published="2013-01-10")
    groups = {frozenset(f.id for f in g) for g in group([aug, later, story, other])}
    assert groups == {frozenset({aug.id, story.id}), frozenset({later.id}), frozenset({other.id})}
    # Two stories are never joined on their own: they may be two notices of one model.
    assert not same_recall(story, other)


def test_an_undated_story_or_a_shared_brand_does_not_join_a_record(
        store: Store, new_doc, save_doc) -> None:
    microwaves = _recall(store, new_doc, save_doc, "gsa.json#CPSC-10031", kind="recall",
                         company="Samsung", product="Samsung Over-the-Range Microwaves",
                         date="2009-11-05", url="http://x/10031", number="10031")
    undated = _recall(store, new_doc, save_doc, "news/note7.txt", kind="article",
                      company="Samsung", product="Samsung Galaxy Note7", date=None)
    dated = _recall(store, new_doc, save_doc, "news/note7-b.txt", kind="article",
                    company="Samsung", product="Samsung Galaxy Note7", date="2009-11-06")
    assert not same_recall(microwaves, undated)  # no date: "dates close" cannot hold
    assert not same_recall(microwaves, dated)  # only the brand is shared, not the product
    assert len(group([microwaves, undated, dated])) == 3
