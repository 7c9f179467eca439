"""The official recall formats, read from the real files in shared/data/recalls/: each is
recognised by its content, becomes one document per record with a stable path, and a
bad row costs only itself."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from supplywatch.errors import MalformedInput, SupplywatchError
from supplywatch.ingest import default_registry, expand_inputs, load
from supplywatch.ingest.loader import load_parsed
from supplywatch.ingest.sources.csvmap import MappingError, parse_mapping
from supplywatch.ingest.sources.records import parse_headline, party, retailers
from supplywatch.notice import BomProduct, Notice, render_notice
from supplywatch.settings import Settings

UPOWER_MAP = "model=battery_model_name,company=recall_vendor,url=recall_url"


def _by_number(docs) -> dict[str, Notice]:
    return {d.record.number: d.record for d in docs}


@pytest.mark.parametrize(("relative", "source"), [
    ("cpsc-api-json-sample/cpsc_sample.json", "cpsc-api"),
    ("gsa-federal-recalls-api-2013/data/Computer+Equipment.json", "gsa-recalls"),
    ("gsa-federal-recalls-api-2013/data/nhtsa_recalls.json", "gsa-recalls"),
    ("gsa-federal-recalls-api-2013/data/fda_recalls.json", "gsa-recalls"),
    ("cpsc-rss-2021/Recalls-RSS.xml", "cpsc-rss"),
    ("nhtsa-flat-rcl-sample/FLAT_RCL_sample.txt", "nhtsa-flat"),
])
def test_each_format_is_recognised_by_its_content(recalls: Path, relative: str, source: str) -> None:
    from supplywatch.ingest.raw import RawInput

    path = recalls / relative
    raw = RawInput(str(path), path.read_bytes()[:4096])  # sniffers look at the first bytes only
    assert default_registry().pick(raw).name == source


def test_cpsc_api_records(recalls: Path, settings: Settings) -> None:
    path = recalls / "cpsc-api-json-sample" / "cpsc_sample.json"
    docs = load(str(path), settings)
    assert [d.path for d in docs] == [f"{path}#CPSC-{n}" for n in ("26665", "26657", "26609", "26780")]
    assert {d.kind for d in docs} == {"recall"} and {d.parent_path for d in docs} == {str(path)}
    notices = _by_number(docs)
    walker = notices["26609"]
    assert walker.date == "2026-07-09" and walker.units == 70
    assert walker.products[0].models == ("616", "616-1")  # "Model No: 616" in the prose
    assert walker.company == "Zhangzhoushi Jingqu Trading Co., Ltd."
    assert {(p.role, p.name, p.aliases) for p in walker.parties} == {
        ("distributor", "Zhangzhoushi Jingqu Trading Co., Ltd.", ("Wonder Stone Toys",)),
        ("retailer", "Walmart", ("Walmart.com",)),
    }
    toy = notices["26780"]
    assert (toy.company, toy.units) == ("Melissa & Doug", 84000)
    assert [p.role for p in toy.parties] == ["importer", "retailer"]
    assert "Refund" in dict(toy.details)["Remedy options"]
    lounger = notices["26657"]
    assert lounger.units == 2195  # "About 2,195 (CetoPMax previously recalled 2,100 ...)"
    assert lounger.products[0].models == ("UMCDB01",)


def test_documents_are_the_rendered_records_with_field_spans(recalls: Path,
                                                            settings: Settings) -> None:
    (doc, *_) = load(str(recalls / "cpsc-api-json-sample" / "cpsc_sample.json"), settings)
    rendered = render_notice(doc.record)
    assert rendered.text == doc.text
    for field in rendered.fields:
        assert doc.text[field.start:field.end].strip() == doc.text[field.start:field.end]
    description = next(f for f in rendered.fields if f.name == "description")
    assert description.narrative
    assert doc.text[description.start:].startswith("This recall involves Wnttmt-branded")


def test_gsa_records_cpsc_nhtsa_fda(recalls: Path, settings: Settings) -> None:
    data = recalls / "gsa-federal-recalls-api-2013" / "data"
    cpsc = _by_number(load(str(data / "Computer+Equipment.json"), settings))
    dell = cpsc["06231"]
    assert (dell.company, dell.date, dell.agency) == ("Dell", "2006-08-15", "CPSC")
    assert dell.title == "Dell Announces Recall of Notebook Computer Batteries Due To Fire Hazard"
    assert not dell.title_official  # made from the recall URL
    assert [p.name for p in dell.products] == ["Dell branded lithium ion batteries manufactured by Sony"]
    assert [(p.role, p.name) for p in dell.parties] == [("manufacturer", "Dell"), ("manufacturer", "Sony")]
    assert cpsc["07011"].company == "Sony"  # the headline names the recalling firm
    nhtsa = _by_number(load(str(data / "nhtsa_recalls.json"), settings))
    bus = nhtsa["13V476000"]
    assert bus.company == "Daimler Buses North America" and bus.units == 3009
    assert {(v.make, v.model) for v in bus.vehicles} == {("ORION", "VII"), ("ORION", "V")}
    assert dict(bus.narrative)["Defect summary"].startswith("Daimler Buses North America Ltd.")
    fda = _by_number(load(str(data / "fda_recalls.json"), settings))
    cider = fda["ucm361713"]
    assert (cider.company, cider.date) == ("Square Mile Cider Company", "2013-07-19")
    assert cider.url == "http://www.fda.gov/Safety/Recalls/ucm361713.htm"


def test_whole_gsa_folder_has_3263_unique_records(recalls: Path, settings: Settings) -> None:
    folder = recalls / "gsa-federal-recalls-api-2013" / "data"
    keys = {d.record.key for p in expand_inputs([str(folder)]) for d in load(p, settings)}
    assert len(keys) == 3263
    assert sum(k.startswith("CPSC:") for k in keys) == 3153


def test_flat_rcl_campaigns_with_vehicles(recalls: Path, settings: Settings) -> None:
    parsed = load_parsed(str(recalls / "nhtsa-flat-rcl-sample" / "FLAT_RCL_sample.txt"), settings)
    assert parsed.problems == [] and parsed.total == 13975
    notices = _by_number(parsed.documents)
    assert len(notices) == 986  # one per campaign
    bmw = notices["19V852000"]
    assert bmw.company == "BMW of North America, LLC" and bmw.units == 34396
    assert bmw.date == "2019-11-26"
    assert ("BMW", "323I", 1999) in {(v.make, v.model, v.year) for v in bmw.vehicles}
    assert "manufactured by Takata" in dict(bmw.narrative)["Defect summary"]
    honda = notices["19V182000"]
    assert honda.company == "Honda"
    assert honda.parties[0].aliases == ("American Honda Motor Co.",)
    assert {v.make for v in honda.vehicles} == {"ACURA", "HONDA"}
    part = next(n for n in notices.values() if any(p.models == ("985614Z60A",) for p in n.products))
    assert part.number == "20V747000"  # a manufacturer-supplied part number is a model number


def test_flat_rcl_rows_with_extra_columns_and_bad_rows(recalls: Path, tmp_path: Path,
                                                       settings: Settings) -> None:
    """Later files add DO_NOT_DRIVE and PARK_OUTSIDE on the right; short rows are skipped."""
    lines = (recalls / "nhtsa-flat-rcl-sample" / "FLAT_RCL_sample.txt").read_bytes().split(b"\r\n")[:40]
    rows = [line + b"\tN\tN" for line in lines if line]  # 29 fields, as files since 2025
    rows.insert(3, b"\t".join(rows[0].split(b"\t")[:20]))  # cut short
    path = tmp_path / "FLAT_RCL_POST_2010.txt"
    path.write_bytes(b"\r\n".join(rows) + b"\r\n")
    parsed = load_parsed(str(path), settings)
    assert parsed.problems == ["line 4: 20 fields, FLAT_RCL rows have 27 or more"]
    assert parsed.documents and all(d.kind == "recall" for d in parsed.documents)
    assert "1 of 41 lines could not be read" in parsed.summary()


def test_cpsc_rss_items(recalls: Path, settings: Settings) -> None:
    docs = load(str(recalls / "cpsc-rss-2021" / "Recalls-RSS.xml"), settings)
    notices = {d.record.company: d.record for d in docs}
    assert len(notices) == 40
    mycharge = notices["myCharge"]
    assert mycharge.products[0].name == "Powerbanks"
    assert mycharge.date == "2021-10-27"  # "\tOctober 27, 2021"
    assert mycharge.url.startswith("https://www.cpsc.gov/Recalls/")
    assert "fire" in mycharge.hazard.lower()
    assert notices["Polaris"].products[0].name == "Phoenix 200 All-Terrain Vehicles ATVs"


def test_rss_item_without_a_title_is_reported_and_the_feed_goes_on(recalls: Path,
                                                                  settings: Settings) -> None:
    parsed = load_parsed(str(recalls / "cpsc-rss-2021" / "Recalls-Children-RSS.xml"), settings)
    assert parsed.problems == ["item 31: no title"]
    assert len(parsed.documents) == 49
    titles = [d.record.title for d in parsed.documents]
    assert any("Children’s Sleepwear" in t for t in titles)  # the feed's mojibake repaired
    assert not any("â€" in t for t in titles)


def test_generic_csv_with_a_mapping_on_the_upower_list(recalls: Path, settings: Settings) -> None:
    path = recalls / "upower-battery-recall-rules" / "battery_recall_models.csv"
    registry = default_registry(parse_mapping(UPOWER_MAP + ",recall_id=rule_file"))
    docs = load(str(path), settings, registry=registry)
    notices = {n.company: n for n in (d.record for d in docs)}
    assert len(docs) == 6  # one recall per rule file
    dell = notices["Dell"]
    assert len(dell.products) == 38 and dell.url == "https://www.dellbatteryprogram.com"
    assert "C5340" in {m for p in dell.products for m in p.models}
    # Without a recall_id column, rows of one company and URL are one recall.
    grouped = load(str(path), settings, registry=default_registry(parse_mapping(UPOWER_MAP)))
    assert len(grouped) == 5 and {d.record.agency for d in grouped} == {"CSV"}


def test_csv_mapping_errors_are_clear(recalls: Path, settings: Settings) -> None:
    with pytest.raises(MappingError, match="unknown field 'modle'"):
        parse_mapping("modle=battery_model_name")
    with pytest.raises(MappingError, match="is not field=column"):
        parse_mapping("model")
    path = recalls / "upower-battery-recall-rules" / "battery_recall_models.csv"
    registry = default_registry(parse_mapping("model=battery_model,company=recall_vendor"))
    with pytest.raises(MalformedInput, match=r"has no column 'battery_model'.*battery_model_name"):
        load(str(path), settings, registry=registry, format="csv")
    assert issubclass(MappingError, SupplywatchError)


def test_bad_csv_rows_are_counted_and_the_rest_imported(recalls: Path, tmp_path: Path,
                                                        settings: Settings) -> None:
    text = (recalls / "upower-battery-recall-rules" / "battery_recall_models.csv").read_text()
    lines = text.splitlines()
    lines[3] = "95-upower-battery-recall-dell.rules,Dell,,Dell,https://www.dellbatteryprogram.com,"
    lines[5] += ",surplus,values"
    path = tmp_path / "recalls.csv"
    path.write_text("\n".join(lines) + "\n")
    parsed = load_parsed(str(path), settings, registry=default_registry(parse_mapping(UPOWER_MAP)))
    assert parsed.problems == ["line 4: no product, model, UPC or vehicle make",
                               "line 6: 2 more values than the header has columns"]
    assert sum(len(d.record.products) for d in parsed.documents) == 72
    assert parsed.summary().startswith("2 of 74 rows could not be read and were skipped")


def test_bom_csv(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "teardowns.csv"
    path.write_text(
        "Brand,Product,Model,Component,Supplier,Source,Date,Reference\n"
        "Nimbus,Travel Speaker,NA-220,battery cells,Volta Cells,teardown: Lab X,2025-01-02,https://x.test/1\n"
        "Nimbus,Travel Speaker,NA-220,charger IC,Chipco,BOM,,\n"
        "Nimbus,Desk Lamp,,LED driver,Chipco,rumour,,\n"
        "Orbit,Hub,,,Chipco,news,,\n"
    )
    parsed = load_parsed(str(path), settings)
    assert parsed.problems == [
        "line 4: source 'rumour' is not teardown, bom, recall notice or news "
        "(optionally followed by ': who')",
        "line 5: empty component"]
    (doc,) = parsed.documents
    assert doc.kind == "bom" and doc.path == f"{path}#BOM-nimbus-travel-speaker-na-220"
    product: BomProduct = doc.record
    assert [(line.supplier, line.evidence_type) for line in product.lines] == [
        ("Volta Cells", "teardown"), ("Chipco", "bom")]
    assert "Nimbus Travel Speaker contains battery cells from Volta Cells" in doc.text


def test_malformed_record_files_get_one_clear_line(recalls: Path, tmp_path: Path,
                                                   settings: Settings) -> None:
    cut = tmp_path / "recalls.json"
    cut.write_bytes((recalls / "cpsc-api-json-sample" / "cpsc_sample.json").read_bytes()[:5000])
    with pytest.raises(MalformedInput, match=r"looks like CPSC Recall API JSON but is not valid "
                       r"JSON .* download it again"):
        load(str(cut), settings)
    feed = tmp_path / "feed.xml"
    feed.write_bytes((recalls / "cpsc-rss-2021" / "Recalls-RSS.xml").read_bytes()[:3000])
    with pytest.raises(MalformedInput, match="not well-formed RSS"):
        load(str(feed), settings)


def test_record_paths_and_ids_are_stable_across_reads(recalls: Path, tmp_path: Path,
                                                       settings: Settings) -> None:
    """A record keeps its path and id when the file's other records change or move."""
    original = recalls / "cpsc-api-json-sample" / "cpsc_sample.json"
    first = {d.path.split("#")[1]: d.id for d in load(str(original), settings)}
    items = json.loads(original.read_text())
    shuffled = tmp_path / "cpsc_sample.json"
    shuffled.write_text(json.dumps(items[::-1][:3]))
    again = {d.path.split("#")[1]: d.id for d in load(str(shuffled), settings)}
    assert again == {k: v for k, v in first.items() if k != "CPSC-26665"}


def test_folder_walks_take_record_files_but_not_label_json(recalls: Path, tmp_path: Path) -> None:
    shutil.copy(recalls / "cpsc-api-json-sample" / "cpsc_sample.json", tmp_path / "cpsc.json")
    shutil.copy(recalls / "cpsc-rss-2021" / "Recalls-RSS.xml", tmp_path / "feed.xml")
    (tmp_path / "story.txt").write_text("A story.")
    (tmp_path / "story.json").write_text('{"facts": []}')  # a label file, not a record
    (tmp_path / "notes.csv").write_text("a,b\n1,2\n")
    found = [Path(p).name for p in expand_inputs([str(tmp_path)])]
    assert found == ["cpsc.json", "feed.xml", "story.txt"]


def test_company_names_and_headlines_as_agencies_write_them() -> None:
    assert party("Melissa & Doug, of Wilton, Connecticut", "importer").name == "Melissa & Doug"
    p = party("Guangzhou Dida Electronic Commerce Co., Ltd. dba CetoPMax, of China", "distributor")
    assert (p.name, p.aliases) == ("Guangzhou Dida Electronic Commerce Co., Ltd.", ("CetoPMax",))
    assert party("Hewlett-Packard (HP)", "manufacturer").aliases == ("HP",)
    assert [(r.name, r.aliases) for r in retailers(
        "Sold At:\nTarget stores nationwide and online at Target.com from July 2025 for $30.")] == [
        ("Target", ("Target.com",))]
    assert parse_headline("myCharge Recalls Powerbanks Due to Fire and Burn Hazards") == (
        "myCharge", "Powerbanks", "Fire and Burn Hazards")
    assert parse_headline("Infant Bath Seats Recalled Due to Drowning Hazard; Imported by "
                          "Frieyss and Sold Exclusively on Amazon.com (Recall Alert)") == (
        "Frieyss", "Infant Bath Seats", "Drowning Hazard")
