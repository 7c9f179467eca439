"""The DFKI Product Corpus (training split) and the rehearsal texts, as spaCy examples."""

from __future__ import annotations

import importlib.util
import json
import random
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.training import Example
from spacy.util import filter_spans

ROOT = Path(__file__).resolve().parents[3]
SHARED = ROOT.parent / "shared"
DFKI = SHARED / "data" / "dfki-product-corpus" / "train.jsonl"
# The scorer drops these as company mentions; as names they teach the model nothing.
PRONOUNS = {"we", "our", "us", "its", "it", "they", "their", "them", "i", "my", "you", "your", "his",
            "her", "he", "she", "ours", "theirs", "itself", "ourselves", "themselves", "which",
            "that", "this", "these", "those", "who", "former", "latter"}
# What the DFKI annotators decide; every other label comes from the base model (rehearsal,
# unless `NerConfig.rehearse` is off).
DFKI_LABELS = ("ORG", "PRODUCT")
# News-style rehearsal text: the defect and remedy summaries of US vehicle recalls (NHTSA,
# public domain), whose sentences name their companies the way news does ("Subaru of
# America, Inc. is recalling ...", "Subaru will notify owners").
NHTSA = SHARED / "data" / "recalls" / "nhtsa-flat-rcl-sample" / "FLAT_RCL_sample.txt"
NHTSA_FIELDS = (1, 19, 21)  # campaign number, defect summary, corrective action (0-based)
# Names of real companies to rename DFKI's with (`renamed`): the firms, manufacturers,
# importers and retailers of US federal recall records (public domain).
GSA_RECALLS = SHARED / "data" / "recalls" / "gsa-federal-recalls-api-2013" / "data"


def load_script(path: Path, name: str):
    """A shared scorer (`shared/tools/*.py`) imported as a module, to call its matching."""
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_dfki(path: Path = DFKI) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def folds(docs: Sequence[dict], k: int, seed: int) -> list[list[int]]:
    """k disjoint folds of document indices, shuffled with a fixed seed."""
    order = list(range(len(docs)))
    random.Random(seed).shuffle(order)
    return [sorted(order[i::k]) for i in range(k)]


@dataclass
class NerGold:
    """One document's NER target: labelled spans plus spans left unknown."""

    doc: Doc
    spans: list[Span]
    missing: list[Span]


def is_name(text: str, label: str) -> bool:
    """A mention worth learning as a name: not a pronoun, and for companies not a common
    noun ("the company", "firm"); lower-case product kinds ("needle valves") are names here."""
    low = text.lower()
    if low in PRONOUNS or not any(ch.isalnum() for ch in text):
        return False
    return not (label == "ORG" and text[:1].islower())


def dfki_gold(nlp: Language, record: dict) -> NerGold:
    """Gold ORG/PRODUCT spans of a DFKI document on spaCy tokens. Nested mentions keep the
    outer span; pronouns and lower-case company mentions are left unknown."""
    doc = nlp.make_doc(record["text"])
    spans, missing = [], []
    for ent in record["entities"]:
        span = doc.char_span(ent["start"], ent["end"], label=ent["type"], alignment_mode="expand")
        if span is None:
            continue
        (spans if is_name(ent["text"], ent["type"]) else missing).append(span)
    spans = filter_spans(spans)
    taken = {i for s in spans for i in range(s.start, s.end)}
    missing = [s for s in filter_spans(missing) if not any(i in taken for i in range(s.start, s.end))]
    return NerGold(doc, spans, missing)


def with_rehearsal(gold: NerGold, base_ents: Iterable[Span]) -> Doc:
    """The reference doc: DFKI's spans, plus the base model's other labels (PERSON, GPE,
    DATE ...) where they do not touch a DFKI span, so the fine-tuned model keeps them."""
    doc = gold.doc
    taken = {i for s in [*gold.spans, *gold.missing] for i in range(s.start, s.end)}
    extra = [Span(doc, e.start, e.end, label=e.label_) for e in base_ents
             if e.label_ not in DFKI_LABELS and not any(i in taken for i in range(e.start, e.end))]
    ents = filter_spans([*gold.spans, *extra])
    doc.set_ents(ents, missing=gold.missing, default="outside")
    return doc


def paragraphs(record: dict, min_chars: int) -> list[dict]:
    """The record cut at line breaks into pieces of at least `min_chars` (short lines such
    as headings join the next paragraph), entities moved to the piece's offsets; an entity
    that would cross a cut keeps its lines together. More, shorter examples give the
    optimiser more updates per pass over the same text."""
    text = record["text"]
    spans = sorted((e["start"], e["end"]) for e in record["entities"])
    cuts, start = [], 0
    for m in re.finditer(r"\n+", text):
        cut = m.end()
        if cut - start < min_chars or any(s < cut < e for s, e in spans):
            continue
        cuts.append(cut)
        start = cut
    bounds = list(zip([0, *cuts], [*cuts, len(text)], strict=True))
    out = []
    for lo, hi in bounds:
        piece = text[lo:hi]
        if not piece.strip():
            continue
        ents = [{**e, "start": e["start"] - lo, "end": e["end"] - lo} for e in record["entities"]
                if lo <= e["start"] and e["end"] <= hi]
        out.append({"id": record.get("id"), "text": piece, "entities": ents})
    return out


def dfki_examples(nlp: Language, records: Sequence[dict], chunk_chars: int = 0,
                  case_share: float = 0.0, seed: int = 13, rehearse: bool = True,
                  rename_share: float = 0.0) -> list[Example]:
    """Training examples for the NER from DFKI records (the base pipeline labels the rest);
    with `chunk_chars`, one example per paragraph of at least that many characters; with
    `case_share`, that share of the examples also in capitals and in title case; without
    `rehearse`, the base model's other labels are not kept (only ORG and PRODUCT); with
    `rename_share`, that share of the records also with their companies renamed."""
    if rename_share:
        rng = random.Random(seed)
        names = recall_company_names()
        records = [*records, *(renamed(r, names, rng) for r in records if rng.random() < rename_share)]
    if chunk_chars:
        records = [piece for r in records for piece in paragraphs(r, chunk_chars)]
    golds = [dfki_gold(nlp, r) for r in records]
    base = nlp.pipe([r["text"] for r in records], disable=[p for p in nlp.pipe_names if p != "ner"]) \
        if rehearse else (None for _ in records)
    out = []
    for gold, predicted in zip(golds, base, strict=True):
        ref = with_rehearsal(gold, predicted.ents if predicted is not None else [])
        out.append(Example(nlp.make_doc(ref.text), ref))
    if case_share:
        rng = random.Random(seed)
        picked = [e for e in out if rng.random() < case_share]
        out += [copy for e in picked for change in (str.upper, str.title)
                if (copy := recased(nlp, e.reference, change)) is not None]
    return out


def recall_company_names(folder: Path = GSA_RECALLS) -> list[str]:
    """Distinct company names in the recall records, read by supplywatch's own reader."""
    from supplywatch.ingest.sources.gsa import gsa_notice

    names: set[str] = set()
    for path in sorted(folder.glob("*.json")):
        raw = json.loads(path.read_text("utf-8"))
        items = raw if isinstance(raw, list) else raw.get("success", {}).get("results") or []
        for item in items:
            notice = gsa_notice(item)
            names.update(n.strip() for n in [notice.company, *(p.name for p in notice.parties)]
                         if n and n.strip())
    return sorted(names)


def renamed(record: dict, names: Sequence[str], rng: random.Random) -> dict:
    """The record with each company name (an ORG name mention that no other mention
    overlaps) replaced, all its uses alike, by a name drawn from `names`; written in
    capitals where the original is. Every mention's offsets move with the text."""
    ents = record["entities"]
    alone = [e for e in ents if e["type"] == "ORG" and is_name(e["text"], "ORG") and not any(
        o is not e and o["start"] < e["end"] and e["start"] < o["end"] for o in ents)]
    chosen: dict[str, str] = {}
    swaps: list[tuple[int, int, str]] = []  # (start, end, new text), in text order
    for ent in sorted(alone, key=lambda e: e["start"]):
        name = chosen.setdefault(ent["text"], rng.choice(names))
        swaps.append((ent["start"], ent["end"], name.upper() if ent["text"].isupper() else name))
    text, pieces, last = record["text"], [], 0
    for start, end, name in swaps:
        pieces += [text[last:start], name]
        last = end
    pieces.append(text[last:])

    def moved(offset: int) -> int:
        return offset + sum(len(name) - (end - start) for start, end, name in swaps if end <= offset)

    swapped = {(start, end): name for start, end, name in swaps}
    out = []
    for ent in ents:
        new_start = moved(ent["start"])
        new_text = swapped.get((ent["start"], ent["end"]), ent["text"])
        out.append({**ent, "start": new_start, "end": new_start + len(new_text), "text": new_text})
    return {"id": record.get("id"), "text": "".join(pieces), "entities": out}


def recased(nlp: Language, ref: Doc, change) -> Example | None:
    """The example with its text in other case ("ACME VALVES", "Acme Valves Offers Gate
    Valves") and the same labels: names are not only what is capitalised. None where the
    change moves characters (e.g. "ß" -> "SS")."""
    text = change(ref.text)
    if len(text) != len(ref.text):
        return None
    doc = nlp.make_doc(text)
    ents = [doc.char_span(e.start_char, e.end_char, label=e.label_, alignment_mode="expand")
            for e in ref.ents]
    missing = [doc.char_span(t.idx, t.idx + len(t), alignment_mode="expand")
               for t in ref if t.ent_iob_ == ""]
    try:
        doc.set_ents(filter_spans([e for e in ents if e is not None]),
                     missing=[m for m in missing if m is not None], default="outside")
    except ValueError:
        return None
    return Example(nlp.make_doc(text), doc)


def rehearsal_examples(nlp: Language, texts: Sequence[str]) -> list[Example]:
    """The base model's own entities on other text (official recall records), so the
    fine-tuned model does not forget what it knew about news and notices. Its PRODUCT
    guesses are left unknown (what a product is, DFKI decides), and so are its
    "companies" with digits in them (part numbers it reads as ORG)."""
    out = []
    for doc in nlp.pipe(texts, disable=[p for p in nlp.pipe_names if p != "ner"]):
        ref = nlp.make_doc(doc.text)
        ents = [Span(ref, e.start, e.end, label=e.label_) for e in doc.ents]
        unsure = [e for e in ents if e.label_ == "PRODUCT" or (e.label_ == "ORG" and _has_digit(e.text))]
        ref.set_ents([e for e in ents if e not in unsure], missing=unsure, default="outside")
        out.append(Example(nlp.make_doc(doc.text), ref))
    return out


def news_texts(limit: int, seed: int, path: Path = NHTSA) -> list[str]:
    """Up to `limit` recall summaries, one per campaign, in a fixed random order."""
    by_campaign: dict[str, str] = {}
    for line in path.read_text("utf-8", errors="replace").splitlines():
        cols = line.split("\t")
        if len(cols) <= max(NHTSA_FIELDS):
            continue
        campaign, defect, remedy = (cols[i].strip() for i in NHTSA_FIELDS)
        if campaign and defect and campaign not in by_campaign:
            by_campaign[campaign] = re.sub(r"\s+", " ", f"{defect} {remedy}").strip()
    texts = [by_campaign[k] for k in sorted(by_campaign)]
    random.Random(seed).shuffle(texts)
    return texts[:limit]


def news_examples(nlp: Language, limit: int, seed: int) -> list[Example]:
    """Rehearsal on news-style sentences (`news_texts`): every label is the base model's
    own, companies included, so fine-tuning on company web pages does not unlearn how
    news names companies."""
    return rehearsal_examples(nlp, news_texts(limit, seed))


def _has_digit(text: str) -> bool:
    return any(ch.isdigit() for ch in text)
