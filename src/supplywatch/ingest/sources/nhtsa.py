"""The `nhtsa-flat` source: NHTSA's tab-separated recalls flat file (FLAT_RCL).

No header; 27 fields in the March 2020 layout (RCL.txt), later files add more on the
right (DO_NOT_DRIVE, PARK_OUTSIDE), so any row with 27 or more fields is read and the
extra ones are ignored. One row is one campaign x make x model x year x component:
rows are grouped by campaign (CAMPNO) into one notice with all its vehicles.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from supplywatch.codes.units import parse_units
from supplywatch.codes.vehicles import parse_year
from supplywatch.errors import MalformedInput
from supplywatch.ingest.decode import decode_text
from supplywatch.ingest.raw import RawInput
from supplywatch.ingest.registry import Parsed
from supplywatch.ingest.sources.records import iso_date, notice_document, party
from supplywatch.notice import Notice, NoticeProduct, Vehicle, clean

FIELDS = ("RECORD_ID", "CAMPNO", "MAKETXT", "MODELTXT", "YEARTXT", "MFGCAMPNO", "COMPNAME",
          "MFGNAME", "BGMAN", "ENDMAN", "RCLTYPECD", "POTAFF", "ODATE", "INFLUENCED_BY",
          "MFGTXT", "RCDATE", "DATEA", "RPNO", "FMVSS", "DESC_DEFECT", "CONEQUENCE_DEFECT",
          "CORRECTIVE_ACTION", "NOTES", "RCL_CMPT_ID", "MFR_COMP_NAME", "MFR_COMP_DESC",
          "MFR_COMP_PTNO")
MIN_FIELDS = len(FIELDS)
_CAMPAIGN = re.compile(r"^\d{2}[A-Z][0-9A-Z]{6}$")  # 16V937000, 21V00K000
_TYPES = {"V": "vehicle", "E": "equipment", "T": "tire", "C": "child seat"}
_NARRATIVE = (("Defect summary", "DESC_DEFECT"), ("Consequence", "CONEQUENCE_DEFECT"),
              ("Corrective action", "CORRECTIVE_ACTION"), ("Notes", "NOTES"))


@dataclass
class _Campaign:
    rows: list[dict[str, str]] = field(default_factory=list)

    def values(self, name: str) -> list[str]:
        return list(dict.fromkeys(v for r in self.rows if (v := r[name])))


class NhtsaFlatSource:
    name = "nhtsa-flat"
    suffixes = (".txt",)  # text files are walked anyway; the content decides

    def sniff(self, raw: RawInput) -> bool:
        head = raw.head.removeprefix(b"\xef\xbb\xbf").decode("utf-8", "replace")
        first = head.split("\n", 1)[0].rstrip("\r").split("\t")
        whole_line = "\n" in head
        return (len(first) >= (MIN_FIELDS if whole_line else 8)
                and bool(_CAMPAIGN.match(first[1].strip()))
                and (first[4].strip().isdigit() or not first[4].strip()))

    def parse(self, raw: RawInput) -> list:
        return self.parse_input(raw).documents

    def parse_input(self, raw: RawInput) -> Parsed:
        campaigns: dict[str, _Campaign] = {}
        problems: list[str] = []
        lines = decode_text(raw).splitlines()
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            values = line.split("\t")
            if len(values) < MIN_FIELDS:
                problems.append(f"line {number}: {len(values)} fields, FLAT_RCL rows have "
                                f"{MIN_FIELDS} or more")
                continue
            row = {name: clean(v) for name, v in zip(FIELDS, values, strict=False)}
            if not _CAMPAIGN.match(row["CAMPNO"]):
                problems.append(f"line {number}: {row['CAMPNO'] or 'empty'!r} is not an NHTSA "
                                "campaign number")
                continue
            campaigns.setdefault(row["CAMPNO"], _Campaign()).rows.append(row)
        if not campaigns:
            raise MalformedInput(raw.path, "no FLAT_RCL row in it could be read "
                                 f"({problems[0] if problems else 'empty'}); check the file")
        docs = [notice_document(raw, campaign_notice(c, camp)) for c, camp in campaigns.items()]
        return Parsed(docs, problems, total=len(lines), unit="lines")


def campaign_notice(number: str, camp: _Campaign) -> Notice:
    first = camp.rows[0]
    filer = party(first["MFGNAME"] or first["MFGTXT"], "manufacturer")
    company = filer.name if filer else ""
    # MFGTXT names the makers of the recalled vehicles; the filer keeps its other name
    # ("Honda (American Honda Motor Co.)") as an alias.
    found = [filer] if filer and filer.aliases else []
    found += [p for m in camp.values("MFGTXT") if (p := party(m, "manufacturer"))]
    parties = list({p.name: p for p in reversed(found)}.values())[::-1]
    vehicles = tuple(dict.fromkeys(
        Vehicle(r["MAKETXT"], r["MODELTXT"], parse_year(r["YEARTXT"]))
        for r in camp.rows if r["MAKETXT"] and r["RCLTYPECD"] != "E"
    ))
    products = [NoticeProduct(name) for name in dict.fromkeys(
        f"{r['MAKETXT']} {r['MODELTXT']}".strip() for r in camp.rows if r["MAKETXT"])]
    products += _parts(camp)
    components = tuple(camp.values("COMPNAME"))
    units = max((u for r in camp.rows if (u := parse_units(r["POTAFF"])) is not None), default=None)
    kinds = ", ".join(_TYPES.get(t, t) for t in camp.values("RCLTYPECD"))
    title = f"{company}: {components[0].title() if components else 'recall'} ({kinds} recall)"
    # Rows repeat the campaign's texts, some cut shorter: the longest is the whole one.
    narrative = tuple((label, max(camp.values(key), key=len)) for label, key in _NARRATIVE
                      if camp.values(key))
    details = [(label, value) for label, value in (
        ("Manufacturer campaign", ", ".join(camp.values("MFGCAMPNO"))),
        ("Owner notification", iso_date(first["ODATE"]) or ""),
        ("Initiator", first["INFLUENCED_BY"]),
        ("FMVSS", ", ".join(camp.values("FMVSS"))),
    ) if value]
    return Notice(
        agency="NHTSA", number=number, title=title, title_official=False,
        date=iso_date(first["RCDATE"]), company=company or None, parties=tuple(parties),
        products=tuple(products), vehicles=vehicles, components=components, units=units,
        units_text=f"{units:,} potentially affected" if units is not None else None,
        caveat=_built(camp),
        url=f"https://www.nhtsa.gov/recalls?nhtsaId={number}",
        narrative=narrative, details=tuple(details),
    )


def _parts(camp: _Campaign) -> list[NoticeProduct]:
    """Manufacturer-supplied component names with part numbers: recalled parts too."""
    out: dict[str, list[str]] = {}
    for r in camp.rows:
        name = r["MFR_COMP_DESC"] or r["MFR_COMP_NAME"]
        if name:
            out.setdefault(name, [])
            if r["MFR_COMP_PTNO"]:
                out[name].append(r["MFR_COMP_PTNO"])
    return [NoticeProduct(name, tuple(dict.fromkeys(parts))) for name, parts in out.items()]


def _built(camp: _Campaign) -> str | None:
    """"built 2016-11-01 to 2016-11-16" where the rows state manufacturing dates."""
    begins = sorted(d for r in camp.rows if (d := iso_date(r["BGMAN"])))
    ends = sorted(d for r in camp.rows if (d := iso_date(r["ENDMAN"])))
    if not begins or not ends:
        return None
    return f"vehicles or parts built {begins[0]} to {ends[-1]}"
