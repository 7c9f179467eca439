"""Build supplywatch's learned extraction components, and measure them honestly.

    .venv/bin/python bench/extraction/train.py            # cross-validate, then build and ship
    .venv/bin/python bench/extraction/train.py cv         # cross-validation only
    .venv/bin/python bench/extraction/train.py ship       # build the shipped models only
    .venv/bin/python bench/extraction/train.py news       # the two models learned from news

Data: the DFKI Product Corpus training split (`shared/data/dfki-product-corpus`,
CC BY 4.0) and the public recall records (`shared/data/recalls`). What it builds:
- `src/supplywatch/extract/models/ner/`: en_core_web_sm's NER fine-tuned for ORG and
  PRODUCT (see `supplywatch.extract.learned`);
- `src/supplywatch/extract/models/relations.json`: the company -> product classifier.

`news` builds the two models learned from the labelled invented news sets instead
(`bench/extraction/invented-news`: the sets in `NEWS_SETS`, never a blind one; five to
ten minutes on two cores):
- `models/supply_pairs.json`: the supplier -> customer pair classifier;
- `models/makes_check.json`: the check of products' makers in supply stories.
Each prints its leave-one-set-out figure: every set scored by a model trained on the
others, next to the rules alone.

Cross-validation: the corpus is cut into k folds (fixed seed); for each fold the
components are trained on the other k-1 folds and the held-out fold is extracted and
scored by the unchanged `shared/tools/score_dfki.py`. The figures printed are those
held-out figures, summed over folds, next to the rules-only pipeline on the same folds.
Seeds are fixed; a run takes about half an hour on two cores.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import run  # the benchmark's own list of the invented sets
from learn import corpus, crossval, kinds, makes, ner, relations, supply

ROOT = Path(__file__).resolve().parents[2]
PACKAGE_MODELS = ROOT / "src" / "supplywatch" / "extract" / "models"
DEFAULT_WORK = Path(tempfile.gettempdir()) / "supplywatch-train"


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def train_ner(records: list[dict], out: Path, config: ner.NerConfig) -> Path:
    nlp = ner.base_pipeline(config.base)
    examples = corpus.dfki_examples(nlp, records, config.chunk_chars, config.case_share, config.seed,
                                    config.rehearse, config.rename_share)
    if config.rehearse and config.news_rehearsal:
        examples += corpus.news_examples(nlp, config.news_rehearsal, config.seed)
    log(f"NER: fine-tuning on {len(records)} documents -> {out}")
    optimizer = ner.fine_tune(nlp, examples, config, log=log)
    ner.save_ner(nlp, optimizer, out)
    return out


RELATIONS_ABOUT = ("Company -> product pair classifier for supplywatch.extract.pairs: logistic "
                   "regression weights over sparse features, trained by bench/extraction/train.py "
                   "on the DFKI Product Corpus training split (CC BY 4.0, Schön et al., LREC 2018).")


# The invented sets the shipped news models learned from (a later set is added here once it
# has been measured before use; never a blind one)
NEWS_SETS = ("dev", "dev2", "dev3", "dev4", "dev5", "dev6", "dev7", "dev8", "heldout", "heldout2",
             "heldout3", "heldout4", "train1", "train2", "train3", "train4", "train5", "train6",
             "train7", "train8", "train9", "train10", "train11", "train12", "train13",
             "heldout5", "train14", "train15", "train16", "train17", "train18", "heldout6",
             "train19", "heldout7", "heldout8", "train20", "heldout9", "train21", "heldout10",
             "train22", "heldout11", "train23", "heldout12", "train24", "heldout13",
             "train25", "heldout14", "train26", "heldout15", "train27")

SUPPLY_ABOUT = ("Supplier -> customer pair classifier for supplywatch.extract.supply_pairs: "
                "logistic regression weights over sparse features, trained by "
                "bench/extraction/train.py news on the invented news sets {sets} "
                "(bench/extraction/invented-news; never the blind sets or the real-article dev set).")


MAKES_ABOUT = ("Check of the makes drafts in supply stories (named products, and kinds of "
               "product at a threshold of their own) for "
               "supplywatch.extract.makes_check: logistic regression weights over sparse features, "
               "trained by bench/extraction/train.py news on the invented news sets {sets} "
               "(bench/extraction/invented-news; never the blind sets or the real-article dev set).")


KINDS_ABOUT = ("Kinds of product for supplywatch.extract (sw_entities), learned by "
               "bench/extraction/train.py from the DFKI Product Corpus training split (CC BY 4.0, "
               "Schön et al., LREC 2018): lower-case phrases tagged as products in at least two "
               "documents and in at least half of the documents that use them.")


def train_kinds(records: list[dict], out: Path) -> Path:
    found = kinds.learn_kinds(records)
    kinds.save(found, out, KINDS_ABOUT)
    log(f"kinds: {len(found)} kinds of product -> {out}")
    return out


def train_relations(records: list[dict], folder: Path, out: Path, seed: int) -> Path:
    from supplywatch.extract import Extractor, LearnedModels

    nlp = Extractor.load(models=LearnedModels(ner=folder / "ner",
                                              product_kinds=folder / "product_kinds.json")).nlp
    rows = relations.candidate_rows(nlp, records)
    model = relations.train(rows, dict(enumerate(records)), seed, log=log)
    relations.save(model, out, RELATIONS_ABOUT)
    return out


def train_news(sets: list[str], folder: Path) -> None:
    """The supplier -> customer classifier and the check of products' makers, from
    the invented sets the rules were tuned on, each read by the shipped pipeline without
    either (the rules alone are what both learn to follow)."""
    from supplywatch.extract import Extractor, LearnedModels

    unknown = [s for s in sets if s not in run.INVENTED_SETS]
    if unknown:  # never a blind set: those measure what these models do on unseen text
        raise SystemExit(f"not a tuned invented set: {', '.join(unknown)} "
                         f"(choose from {', '.join(run.INVENTED_SETS)})")
    extractor = Extractor.load(models=LearnedModels.packaged().without_news_models())
    folders = [run.INVENTED / name for name in sets]
    about = {"sets": ", ".join(sets)}
    out = folder / "supply_pairs.json"
    relations.save(supply.train(supply.gather(extractor, folders, log=log), log=log), out,
                   SUPPLY_ABOUT.format(**about))
    log(f"supply pairs -> {out}")
    out = folder / "makes_check.json"
    relations.save(makes.train(makes.gather(extractor, folders, log=log), log=log), out,
                   MAKES_ABOUT.format(**about))
    log(f"makes check -> {out}")


def fold_dirs(work: Path, k: int) -> list[Path]:
    return [work / f"fold{i + 1}of{k}" for i in range(k)]


def train_folds(docs: list[dict], work: Path, k: int, config: ner.NerConfig, reuse: bool,
                start_bias: dict[str, float]) -> None:
    for i, (fold, folder) in enumerate(zip(corpus.folds(docs, k, config.seed), fold_dirs(work, k),
                                           strict=True)):
        held_out = set(fold)
        train = [d for j, d in enumerate(docs) if j not in held_out]
        if reuse and (folder / "ner" / "component.json").is_file():
            log(f"fold {i + 1}/{k}: reusing {folder / 'ner'}")
        else:
            log(f"fold {i + 1}/{k}: training on {len(train)} documents, {len(held_out)} held out")
            train_ner(train, folder / "ner", config)
        write_start_bias(folder / "ner", start_bias)
        train_kinds(train, folder / "product_kinds.json")
        train_relations(train, folder, folder / "relations.json", config.seed)


def cross_validate(docs: list[dict], work: Path, k: int, seed: int,
                   quick: bool = False) -> dict[str, dict]:
    runs: dict[str, list[dict]] = {"rules only": [], "+ NER": [], "+ NER + kinds": [], "all learned": []}
    if quick:
        runs = {"all learned": []}
    for i, (fold, folder) in enumerate(zip(corpus.folds(docs, k, seed), fold_dirs(work, k), strict=True)):
        records = [docs[j] for j in fold]
        ner_dir, rel, kind_list = folder / "ner", folder / "relations.json", folder / "product_kinds.json"
        for label, models in (
            ("rules only", {"ner": None, "relations": None, "product_kinds": None}),
            ("+ NER", {"ner": ner_dir, "relations": None, "product_kinds": None}),
            ("+ NER + kinds", {"ner": ner_dir, "relations": None, "product_kinds": kind_list}),
            ("all learned", {"ner": ner_dir, "relations": rel, "product_kinds": kind_list}),
        ):
            if label not in runs:
                continue
            runs[label].append(crossval.score_fold(records, models))
        log(f"fold {i + 1}/{k}: " + "; ".join(
            f"{label}: " + " ".join(f"{r[-1][m]['f1']:.3f}" for m in crossval.MEASURES)
            for label, r in runs.items()))
    return {label: crossval.total(r) for label, r in runs.items()}


def sweep_kind_threshold(docs: list[dict], work: Path, k: int, seed: int,
                         values: list[float]) -> dict[str, dict]:
    """Cross-validated scores of the whole pipeline with other thresholds for generic
    (kind of product) pairs than the shipped one: the precision/recall trade-off."""
    runs: dict[str, list[dict]] = {f"kinds >= {v:.2f}": [] for v in values}
    for fold, folder in zip(corpus.folds(docs, k, seed), fold_dirs(work, k), strict=True):
        records = [docs[j] for j in fold]
        raw = json.loads((folder / "relations.json").read_text("utf-8"))
        for v in values:
            variant = folder / f"relations-kinds-{v:.2f}.json"
            raw["model"]["kind_threshold"] = v
            variant.write_text(json.dumps(raw), "utf-8")
            runs[f"kinds >= {v:.2f}"].append(crossval.score_fold(records, {
                "ner": folder / "ner", "relations": variant,
                "product_kinds": folder / "product_kinds.json"}))
    return {label: crossval.total(r) for label, r in runs.items()}


def parse_start_bias(text: str) -> dict[str, float]:
    """"PRODUCT=1.5,ORG=-0.5" -> {"PRODUCT": 1.5, "ORG": -0.5}."""
    bias = {}
    for part in filter(None, text.split(",")):
        label, _, value = part.partition("=")
        bias[label.strip().upper()] = float(value)
    return bias


def with_start_bias(ner_dir: Path, bias: dict[str, float], out: Path) -> Path:
    """A copy of the recogniser in `ner_dir` (its files linked, not copied) that reads
    `bias` (`learned.START_BIAS_FILE`)."""
    from supplywatch.extract.learned import START_BIAS_FILE

    out.mkdir(parents=True, exist_ok=True)
    for item in ner_dir.iterdir():
        if item.name != START_BIAS_FILE and not (out / item.name).exists():
            (out / item.name).symlink_to(item.resolve())
    write_start_bias(out, bias)
    return out


def write_start_bias(ner_dir: Path, bias: dict[str, float]) -> None:
    from supplywatch.extract.learned import START_BIAS_FILE

    target = ner_dir / START_BIAS_FILE
    if not bias:
        target.unlink(missing_ok=True)
        return
    target.write_text(json.dumps({"about": START_BIAS_ABOUT, "bias": bias}, indent=1) + "\n", "utf-8")


START_BIAS_ABOUT = ("Added to the learned recogniser's scores for starting an entity of each label "
                    "(B- and U- moves); chosen by 5-fold cross-validation on the DFKI training split "
                    "(bench/extraction/train.py --start-bias).")


def sweep_start_bias(docs: list[dict], work: Path, k: int, seed: int,
                     variants: list[dict[str, float]]) -> dict[str, dict]:
    """Cross-validated scores of the whole pipeline with the recogniser's start bias
    shifted (the fold models otherwise unchanged: the pair classifier is not retrained)."""
    runs: dict[str, list[dict]] = {}
    for fold, folder in zip(corpus.folds(docs, k, seed), fold_dirs(work, k), strict=True):
        records = [docs[j] for j in fold]
        for bias in variants:
            tag = ",".join(f"{label}={value:g}" for label, value in sorted(bias.items())) or "none"
            ner_dir = with_start_bias(folder / "ner", bias, folder / f"ner-bias-{tag}")
            runs.setdefault(f"bias {tag}", []).append(crossval.score_fold(records, {
                "ner": ner_dir, "relations": folder / "relations.json",
                "product_kinds": folder / "product_kinds.json"}))
            log(f"{folder.name} bias {tag}: " + " ".join(
                f"{runs[f'bias {tag}'][-1][m]['f1']:.3f}" for m in crossval.MEASURES))
    return {label: crossval.total(r) for label, r in runs.items()}


def print_cv(result: dict[str, dict], k: int) -> None:
    print(f"DFKI train split, {k}-fold cross-validation (held-out folds, official scorer):")
    for label, scores in result.items():
        for m in crossval.MEASURES:
            s = scores[m]
            print(f"  {label:13s} {m:9s} P={s['p']:.3f} R={s['r']:.3f} F1={s['f1']:.3f} "
                  f"(tp={s['tp']} fp={s['fp']} fn={s['fn']})")


def extract_main(argv: list[str]) -> int:
    """`supplywatch extract PATH... --json` with the learned components from given folders."""
    parser = argparse.ArgumentParser(prog="train.py extract")
    for option in ("--ner", "--relations", "--product-kinds"):
        parser.add_argument(option, default="none")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("paths", nargs="+")
    args = parser.parse_args(argv)
    from supplywatch.extract import Extractor, LearnedModels
    from supplywatch.pipeline import extract_inputs
    from supplywatch.settings import Settings

    def opt(value: str) -> Path | None:
        return None if value == "none" else Path(value)

    settings = Settings.load()
    extractor = Extractor.load(settings, LearnedModels(ner=opt(args.ner), relations=opt(args.relations),
                                                       product_kinds=opt(args.product_kinds)))
    for extraction in extract_inputs(args.paths, settings, extractor):
        sys.stdout.write(json.dumps(extraction.contract(), ensure_ascii=False, default=str) + "\n")
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["extract"]:
        return extract_main(argv[1:])
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", nargs="?", default="all", choices=("all", "cv", "ship", "news"))
    parser.add_argument("--news-sets", default=",".join(NEWS_SETS),
                        help="invented sets the news models learn from (command news)")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--epochs", type=int, default=ner.NerConfig.epochs)
    parser.add_argument("--dropout", type=float, default=ner.NerConfig.dropout)
    parser.add_argument("--chunk-chars", type=int, default=ner.NerConfig.chunk_chars,
                        help="train the NER on paragraphs of at least this many characters "
                             "(0: whole documents)")
    parser.add_argument("--case-share", type=float, default=ner.NerConfig.case_share,
                        help="also train on this share of the examples in capitals and in title case")
    parser.add_argument("--no-rehearsal", action="store_true",
                        help="train the recogniser on ORG and PRODUCT only, without the base "
                             "model's other labels")
    parser.add_argument("--learn-rate", type=float, default=ner.NerConfig.learn_rate)
    parser.add_argument("--news-rehearsal", type=int, default=ner.NerConfig.news_rehearsal,
                        help="recall summaries rehearsed with the base model's labels (0: none)")
    parser.add_argument("--ner-base", choices=sorted(ner.BASES), default=ner.NerConfig.base,
                        help="the pipeline whose NER is fine-tuned (md: with static word vectors)")
    parser.add_argument("--quick", action="store_true",
                        help="cross-validate the whole pipeline only (not each component's share)")
    parser.add_argument("--work", type=Path, default=DEFAULT_WORK,
                        help="where fold models are kept between runs")
    parser.add_argument("--reuse", action="store_true",
                        help="reuse NER models already trained (in --work, and the shipped one)")
    parser.add_argument("--kind-thresholds", default="",
                        help="also cross-validate these thresholds for generic pairs (e.g. 0.5,0.7)")
    parser.add_argument("--rename-share", type=float, default=ner.NerConfig.rename_share,
                        help="also train on this share of the documents with their companies "
                             "renamed after recall-record companies")
    parser.add_argument("--start-bias", default="",
                        help="shift the recogniser's scores for starting names of these labels, "
                             "e.g. PRODUCT=1.5,ORG=-0.5 (written beside the models it trains)")
    parser.add_argument("--start-bias-sweep", default="",
                        help="also cross-validate these start biases, separated by ';' "
                             "(e.g. 'PRODUCT=1;PRODUCT=2,ORG=-1'), without retraining")
    args = parser.parse_args(argv)
    config = ner.NerConfig(epochs=args.epochs, seed=args.seed, dropout=args.dropout,
                           chunk_chars=args.chunk_chars, case_share=args.case_share,
                           rehearse=not args.no_rehearsal, learn_rate=args.learn_rate,
                           base=args.ner_base, news_rehearsal=args.news_rehearsal,
                           rename_share=args.rename_share)
    start_bias = parse_start_bias(args.start_bias)
    if args.command == "news":
        train_news([s for s in args.news_sets.split(",") if s], PACKAGE_MODELS)
        return 0
    docs = corpus.load_dfki()
    if args.command in ("all", "cv"):
        train_folds(docs, args.work, args.folds, config, args.reuse, start_bias)
        result = cross_validate(docs, args.work, args.folds, args.seed, args.quick)
        if args.kind_thresholds:
            values = [float(v) for v in args.kind_thresholds.split(",")]
            result.update(sweep_kind_threshold(docs, args.work, args.folds, args.seed, values))
        if args.start_bias_sweep:
            variants = [parse_start_bias(v) for v in args.start_bias_sweep.split(";")]
            result.update(sweep_start_bias(docs, args.work, args.folds, args.seed, variants))
        print_cv(result, args.folds)
        (args.work / "cv.json").write_text(json.dumps(result, indent=1) + "\n")
    if args.command in ("all", "ship"):
        if not (args.reuse and (PACKAGE_MODELS / "ner" / "component.json").is_file()):
            train_ner(docs, PACKAGE_MODELS / "ner", config)
        write_start_bias(PACKAGE_MODELS / "ner", start_bias)
        train_kinds(docs, PACKAGE_MODELS / "product_kinds.json")
        train_relations(docs, PACKAGE_MODELS, PACKAGE_MODELS / "relations.json", config.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
