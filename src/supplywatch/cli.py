"""The `supplywatch` command: thin commands over importable functions.

Each command parses and validates its options, calls one library function, and
formats the result: a human view by default, JSON with `--json`.
"""

from __future__ import annotations

import json
import sys
from contextlib import contextmanager
from enum import StrEnum
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from supplywatch import __version__
from supplywatch.errors import NotFound, SupplywatchError
from supplywatch.settings import Settings

if TYPE_CHECKING:
    from supplywatch.store import Store

app = typer.Typer(
    name="supplywatch",
    help="Read news and recall notices into an evidence-backed supply-chain graph, and query it.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console()
err = Console(stderr=True, soft_wrap=True)

DbOption = Annotated[
    str | None,
    typer.Option("--db", help="Database URL or SQLite file path "
                 "[env: SUPPLYWATCH_DATABASE_URL; default: ./supplywatch.db]."),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of the human view.")]


class ExtractorKind(StrEnum):
    local = "local"
    llm = "llm"


ExtractorOption = Annotated[
    ExtractorKind,
    typer.Option("--extractor", help="local: spaCy + rules (default). llm: an OpenAI-compatible "
                 "endpoint [env: SUPPLYWATCH_LLM_URL, SUPPLYWATCH_LLM_MODEL, SUPPLYWATCH_LLM_API_KEY]."),
]
FormatOption = Annotated[
    str | None,
    typer.Option("--format", help="Read every input as this source instead of recognising it: "
                 "cpsc-api, gsa-recalls, nhtsa-flat, cpsc-rss, bom, csv, html, text."),
]
MapOption = Annotated[
    str | None,
    typer.Option("--map", help="Column mapping for CSV recall lists, field=column,...; e.g. "
                 "model=battery_model_name,company=recall_vendor,url=recall_url "
                 "(a value in single quotes is a constant: agency='upower')."),
]
LimitOption = Annotated[
    int | None,
    typer.Option("--limit", min=1, help="Read at most this many records from each input."),
]
SEED_SUPPLIER = "Apex Wuxi"


def _import_options(format_: str | None, map_: str | None, limit: int | None = None):
    """ImportOptions from the command line; a bad --map or --format ends the run."""
    from supplywatch.ingest import default_registry
    from supplywatch.ingest.sources.csvmap import parse_mapping
    from supplywatch.pipeline import ImportOptions

    mapping = parse_mapping(map_) or None
    if format_:
        default_registry().get(format_)  # UnknownFormat lists the formats
    return ImportOptions(format=format_, mapping=mapping, limit=limit)


def _settings(db: str | None) -> Settings:
    return Settings.load(database_url=db)


@contextmanager
def _failing_cleanly():
    """Expected errors print one line saying what to do, and exit non-zero; no traceback."""
    try:
        yield
    except NotFound as exc:
        err.print(f"[red]not found:[/red] {escape(str(exc))}")
        raise typer.Exit(1) from None
    except SupplywatchError as exc:
        err.print(f"[red]error:[/red] {escape(str(exc))}")
        raise typer.Exit(2) from None


def _open_store(settings: Settings):
    from supplywatch.store import Store

    return Store.open(settings.database_url)


def _print_json(data: object) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, default=str) + "\n")


@app.callback(invoke_without_command=True)
def main(version: Annotated[bool, typer.Option("--version", help="Print the version.")] = False):
    if version:
        out.print(f"supplywatch {__version__}")
        raise typer.Exit()


@app.command()
def ingest(
    inputs: Annotated[list[str], typer.Argument(help="Files, folders or http(s) URLs.")],
    db: DbOption = None,
    json_: JsonOption = False,
    reextract: Annotated[bool, typer.Option(help="Extract again even if up to date.")] = False,
    extractor_kind: ExtractorOption = ExtractorKind.local,
    format_: FormatOption = None,
    map_: MapOption = None,
    limit: LimitOption = None,
) -> None:
    """Read documents into the database: clean, extract facts, resolve names, store.

    News pages and official recall records alike: CPSC Recall API JSON, the federal
    Recalls API JSON (CPSC, NHTSA, FDA), NHTSA's FLAT_RCL file, CPSC RSS feeds, BOM/teardown
    CSVs and any recall list as CSV (--map) are recognised by their content.
    Ingesting the same input again stores nothing new; an updated record replaces its
    old version, which is kept as history. A bad input is reported on one line and
    skipped, a bad row inside one too; the exit status is 1 if anything failed.
    """
    from supplywatch.extract import load_extractor
    from supplywatch.pipeline import ingest_inputs

    settings = _settings(db)
    with _failing_cleanly():
        options = _import_options(format_, map_, limit)
        extractor = load_extractor(settings, extractor_kind.value)
        with _open_store(settings) as store, _progress(json_) as bar:
            task = bar.add_task("ingesting", total=None)

            def tick(item: str, done: int, total: int) -> None:
                bar.update(task, completed=done, total=total, description=Path(item).name[:40])

            summary = ingest_inputs(inputs, settings, store, extractor, progress=tick,
                                    reextract=reextract, options=options)
            counts = store.counts()
            alerts = _raise_alerts(store, settings)
    for failure in summary.failures:
        err.print(f"[red]failed:[/red] {escape(failure.source)}: {escape(failure.message)}")
    if json_:
        _print_json({"inputs": summary.inputs, "documents_new": summary.documents_new,
                     "documents_seen": summary.documents_seen,
                     "documents_extracted": summary.documents_extracted, "facts": summary.facts,
                     "records": {"new": summary.records_new, "changed": summary.records_changed,
                                 "unchanged": summary.records_unchanged},
                     "failures": [f.__dict__ for f in summary.failures], "database": counts,
                     "alerts_raised": alerts})
    else:
        records = (f" Official records: {summary.records_new} new, {summary.records_changed} "
                   f"updated (old versions kept), {summary.records_unchanged} unchanged."
                   if summary.records_new or summary.records_changed or summary.records_unchanged
                   else "")
        out.print(
            f"{summary.inputs} input(s): {summary.documents_new} new document(s), "
            f"{summary.documents_seen} already stored, {summary.documents_extracted} extracted "
            f"({summary.facts} facts), {len(summary.failures)} failed.{records} Database now "
            "holds " + ", ".join(f"{v} {k}" for k, v in counts.items()) + "."
        )
        if alerts:
            out.print(f"{alerts} new watchlist alert(s): see `supplywatch watch alerts NAME`.")
    if not summary.ok:
        raise typer.Exit(1)


def _raise_alerts(store: Store, settings: Settings) -> int:
    """Alerts for what was just stored, whoever watches it (see `watch`)."""
    from supplywatch.serve.alerts import raise_alerts

    return len(raise_alerts(store, settings).raised)


def _progress(quiet: bool) -> Progress:
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                    TimeElapsedColumn(), console=err, transient=True, disable=quiet)


@app.command()
def extract(
    inputs: Annotated[list[str], typer.Argument(help="Files, folders or URLs ('-' for stdin).")],
    json_: JsonOption = False,
    extractor_kind: ExtractorOption = ExtractorKind.local,
    format_: FormatOption = None,
    map_: MapOption = None,
    limit: LimitOption = None,
    workers: Annotated[int, typer.Option(
        "--workers", min=1, max=256,
        help="Processes to extract on (local extractor; Dask). With a dask.distributed "
             "client running, its cluster is used instead.")] = 1,
) -> None:
    """Print the entities and facts of each document without touching the database.

    With --json: one line per document in the facts contract (supplywatch.facts/1); a
    recall file gives one line per record. Output order is input order, also with
    --workers.
    """
    from supplywatch.extract import load_extractor
    from supplywatch.extract.parallel import ParallelExtractor
    from supplywatch.pipeline import Failure, extract_inputs

    settings = Settings.load()
    failures: list[Failure] = []
    paths, labels = _stdin_to_file(inputs)
    if workers > 1 and extractor_kind != ExtractorKind.local:
        err.print("[red]error:[/red] --workers applies to the local extractor only")
        raise typer.Exit(2)
    with _failing_cleanly():
        options = _import_options(format_, map_, limit)
        parallel = workers > 1
        extractor = (ParallelExtractor(settings, workers) if parallel
                     else load_extractor(settings, extractor_kind.value))
        try:
            for extraction in extract_inputs(paths, settings, extractor,
                                             on_failure=failures.append, labels=labels,
                                             options=options, batch=8 * workers if parallel else 0):
                if json_:
                    _print_json(extraction.contract())
                else:
                    from supplywatch.render import render_extraction

                    out.print(render_extraction(extraction))
        finally:
            if parallel:
                extractor.close()
    for failure in failures:
        err.print(f"[red]failed:[/red] {escape(failure.source)}: {escape(failure.message)}")
    if failures:
        raise typer.Exit(1)


def _stdin_to_file(inputs: list[str]) -> tuple[list[str], dict[str, str]]:
    """'-' reads standard input (through a temporary file, so it is sniffed like any
    other input); its documents are labelled '-'."""
    if "-" not in inputs:
        return inputs, {}
    import tempfile

    tmp = Path(tempfile.mkdtemp()) / "stdin"
    tmp.write_bytes(sys.stdin.buffer.read())
    return [str(tmp) if i == "-" else i for i in inputs], {str(tmp): "-"}


@app.command()
def exposure(
    name: Annotated[str, typer.Argument(help="Supplier name or any of its aliases.")],
    db: DbOption = None,
    json_: JsonOption = False,
) -> None:
    """Everything downstream of a supplier and its subsidiaries: customers, their products,
    recalls (units, hazard) and relation status, each edge with its evidence."""
    from supplywatch.query import exposure as run_exposure
    from supplywatch.render import render_exposure

    with _failing_cleanly(), _open_store(_settings(db)) as store:
        report = run_exposure(store, name)
    if json_:
        _print_json(report.to_dict())
    else:
        out.print(render_exposure(report))


@app.command()
def check(
    query: Annotated[str, typer.Argument(help="Model number, UPC, product name or vehicle.")],
    db: DbOption = None,
    json_: JsonOption = False,
) -> None:
    """Is this product recalled? --json follows the check contract (supplywatch.check/1)."""
    from supplywatch.query import check as run_check
    from supplywatch.render import render_check

    with _failing_cleanly(), _open_store(_settings(db)) as store:
        result = run_check(store, query)
    if json_:
        _print_json(result.to_dict())
    else:
        out.print(render_check(result))


@app.command()
def entity(
    name: Annotated[str, typer.Argument(help="Entity name or alias.")],
    db: DbOption = None,
    json_: JsonOption = False,
) -> None:
    """Profile: aliases, type, owners and subsidiaries, suppliers and customers, products,
    recalls and dated events, each with evidence."""
    from supplywatch.query import entity_profile
    from supplywatch.render import render_entity

    with _failing_cleanly(), _open_store(_settings(db)) as store:
        profile = entity_profile(store, name)
    if json_:
        _print_json(profile.to_dict())
    else:
        out.print(render_entity(profile))


@app.command()
def recall(
    ident: Annotated[str, typer.Argument(help="Recall number (06231, 16V937000), key "
                                         "(CPSC:06231) or notice URL.")],
    db: DbOption = None,
    json_: JsonOption = False,
) -> None:
    """One official record: its fields, the facts it states, and every earlier version
    with what changed between imports."""
    from supplywatch.query import recall_record
    from supplywatch.render_record import render_record

    with _failing_cleanly(), _open_store(_settings(db)) as store:
        report = recall_record(store, ident)
    if json_:
        _print_json(report.to_dict())
    else:
        out.print(render_record(report))


def sample_paths() -> list[str]:
    """The bundled samples: the seed story, and the official records in samples/records/."""
    from supplywatch.ingest import expand_inputs

    folder = resources.files("supplywatch").joinpath("samples")
    return expand_inputs([str(folder)])


@app.command()
def demo(
    supplier: Annotated[str, typer.Argument(help="Supplier to report on.")] = SEED_SUPPLIER,
    db: DbOption = None,
) -> None:
    """Ingest the bundled sample documents, then print the exposure report for a supplier
    (by default the seed story's defective cell supplier).

    The samples include official recall records (see samples/README.md), so afterwards
    `supplywatch exposure Sony`, `exposure Takata` and `check C5340` answer from them too."""
    ingest(sample_paths(), db=db, json_=False, reextract=False)
    exposure(supplier, db=db, json_=False)
    err.print("[dim]Also try: supplywatch exposure Sony · exposure Takata · check C5340 · "
              "check '2003 Honda Accord'[/dim]")


@app.command()
def serve(
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Port to listen on.")] = 8000,
    db: DbOption = None,
) -> None:
    """Run the REST API (/api/, OpenAPI at /openapi.json) and the web UI with uvicorn.

    Reads the same database settings as every other command; see the README for the
    server's settings (read access, rate limit, URL fetching, feeds)."""
    import uvicorn

    from supplywatch.serve import create_app

    settings = _settings(db)
    with _failing_cleanly():
        application = create_app(settings)
        if host not in ("127.0.0.1", "localhost", "::1"):
            err.print(f"[yellow]listening on {escape(host)}: anyone who reaches it can "
                      f"read{' ' if settings.read_access == 'open' else ' with a token '}"
                      "(SUPPLYWATCH_READ_ACCESS=token to require tokens)[/yellow]")
        uvicorn.run(application, host=host, port=port, log_level="info")


token_app = typer.Typer(help="API tokens: every write to the server needs one.",
                        no_args_is_help=True)
app.add_typer(token_app, name="token")


@token_app.command("create")
def token_create(
    name: Annotated[str, typer.Argument(help="Who or what the token is for (shown in lists "
                                              "and as the author of its comments).")],
    db: DbOption = None,
    json_: JsonOption = False,
) -> None:
    """Create an API token and print it. It is shown once: only its hash is stored."""
    with _failing_cleanly(), _open_store(_settings(db)) as store:
        token, secret = store.create_token(name)
    if json_:
        _print_json({"id": token.id, "name": token.name, "token": secret})
        return
    err.print(f"token {token.id} for {escape(name)} (keep it; it is not shown again):")
    sys.stdout.write(secret + "\n")


@token_app.command("list")
def token_list(db: DbOption = None, json_: JsonOption = False) -> None:
    """List API tokens (their prefix, never the secret)."""
    from dataclasses import asdict

    from supplywatch.render import titled_table

    with _failing_cleanly(), _open_store(_settings(db)) as store:
        tokens = store.list_tokens()
    if json_:
        _print_json([asdict(t) for t in tokens])
        return
    table = titled_table("API tokens", ("id", "name", "prefix", "created", "last used", "revoked"),
                         lines=False)
    for t in tokens:
        table.add_row(str(t.id), escape(t.name), t.prefix + "…", f"{t.created_at:%Y-%m-%d}",
                      f"{t.last_used_at:%Y-%m-%d %H:%M}" if t.last_used_at else "",
                      f"{t.revoked_at:%Y-%m-%d}" if t.revoked_at else "")
    out.print(table)


@token_app.command("revoke")
def token_revoke(
    token_id: Annotated[int, typer.Argument(help="The token's id, from `token list`.")],
    db: DbOption = None,
) -> None:
    """Revoke an API token: requests with it are refused from now on."""
    with _failing_cleanly(), _open_store(_settings(db)) as store:
        if not store.revoke_token(token_id):
            raise NotFound(f"no live token with id {token_id}; see `supplywatch token list`")
    err.print(f"token {token_id} revoked")


# Feeds and watchlists: their commands live in cli_alerts.py, which uses this module's helpers,
# so it is imported here, last.
from supplywatch.cli_alerts import feeds_app, watch_app  # noqa: E402

app.add_typer(feeds_app, name="feeds")
app.add_typer(watch_app, name="watch")
