"""The `feeds` and `watch` commands (registered on the main app at the end of cli.py).

Thin, like every command: parse, call the feeds or alerts stage, print a human view or
JSON with `--json`.
"""

from __future__ import annotations

from contextlib import nullcontext
from dataclasses import asdict
from datetime import datetime
from typing import Annotated, Any

import typer
from rich.markup import escape

from supplywatch.cli import (
    DbOption,
    JsonOption,
    _failing_cleanly,
    _open_store,
    _print_json,
    _progress,
    _settings,
    err,
    out,
)
from supplywatch.errors import NotFound
from supplywatch.settings import Settings

feeds_app = typer.Typer(help="RSS/Atom feeds the server polls (conditional GET, robots.txt, "
                        "a per-host rate limit); new items are ingested.", no_args_is_help=True)
watch_app = typer.Typer(help="Watchlists: alerts when a new fact touches a watched company, "
                        "supplier, product or model number.", no_args_is_help=True)


def _when(value: datetime | None) -> str:
    return f"{value:%Y-%m-%d %H:%M}" if value else ""


# --- feeds ----------------------------------------------------------------------------


@feeds_app.command("add")
def feeds_add(
    url: Annotated[str, typer.Argument(help="The feed's http(s) address.")],
    interval: Annotated[int | None, typer.Option(
        "--interval", help="Seconds between polls [default: SUPPLYWATCH_FEED_INTERVAL, 900].")] = None,
    db: DbOption = None,
    json_: JsonOption = False,
) -> None:
    """Add a feed; it is due for polling at once (`feeds poll`, or the server in the background)."""
    from supplywatch.serve.feeds import add_feed

    settings = _settings(db)
    with _failing_cleanly(), _open_store(settings) as store:
        feed, new = add_feed(store, settings, url, interval)
    if json_:
        _print_json({**asdict(feed), "new": new})
        return
    what = "added" if new else "was there already"
    err.print(f"feed {feed.id} {what}: {escape(feed.url)} (polled every "
              f"{feed.interval_seconds} s; `supplywatch feeds poll` polls it now)")


@feeds_app.command("list")
def feeds_list(db: DbOption = None, json_: JsonOption = False) -> None:
    """Every feed with its status (new, ok, failing), last error, next poll and items."""
    from supplywatch.render import titled_table

    with _failing_cleanly(), _open_store(_settings(db)) as store:
        feeds, _ = store.list_feeds(limit=10_000)
    if json_:
        _print_json([asdict(f) for f in feeds])
        return
    table = titled_table("Feeds", ("id", "feed", "status", "last error", "last polled",
                                   "next poll", "items"), lines=False)
    for f in feeds:
        colour = {"ok": "green", "failing": "red"}.get(f.status, "yellow")
        shown = f"{escape(f.title)}\n{escape(f.url)}" if f.title else escape(f.url)
        table.add_row(str(f.id), shown, f"[{colour}]{f.status}[/{colour}]"
                      + (f" ×{f.failures}" if f.failures else ""), escape(f.last_error or ""),
                      _when(f.last_polled_at), _when(f.next_poll_at), str(f.items_ingested))
    out.print(table if feeds else "No feeds yet: add one with `supplywatch feeds add URL`.")


def _extractor_slot(settings: Settings) -> Any:
    """Load the extractor on first need (a poll that finds nothing new loads nothing)."""
    loaded: dict[str, Any] = {}

    def slot() -> tuple[Any, Any]:
        if "extractor" not in loaded:
            from supplywatch.extract import load_extractor

            loaded["extractor"] = load_extractor(settings)
        return loaded["extractor"], nullcontext()

    return slot


@feeds_app.command("poll")
def feeds_poll(
    all_: Annotated[bool, typer.Option("--all", help="Poll every feed, due or not.")] = False,
    db: DbOption = None,
    json_: JsonOption = False,
) -> None:
    """Poll every due feed once now, ingest its new items, then raise alerts. The exit
    status is 1 when a feed failed (it stays listed as failing and is retried with backoff)."""
    from supplywatch.serve.alerts import raise_alerts
    from supplywatch.serve.feeds import Poller

    settings = _settings(db)
    with _failing_cleanly(), _open_store(settings) as store, _progress(json_) as bar:
        task = bar.add_task("polling", total=None)

        def tick(feed_url: str, done: int, total: int) -> None:
            bar.update(task, completed=done, total=total, description=feed_url[-40:])

        poller = Poller(store, settings, _extractor_slot(settings), progress=tick)
        try:
            results = poller.poll_due(everything=all_)
        finally:
            poller.close()
        alerts = raise_alerts(store, settings)
    if json_:
        _print_json({"feeds": [asdict(r) for r in results], "alerts_raised": len(alerts.raised)})
    else:
        for r in results:
            colour = "red" if r.outcome == "failing" else "green"
            detail = escape(r.error) if r.error else f"{r.new_items} new item(s)"
            out.print(f"[{colour}]{r.outcome}[/{colour}] {escape(r.url)}: {detail}")
            for problem in r.item_errors:
                err.print(f"  [yellow]item:[/yellow] {escape(problem)}")
        out.print(f"{len(results)} feed(s) polled; {len(alerts.raised)} alert(s) raised."
                  if results else "No feed is due (`--all` polls every feed).")
    if any(r.outcome == "failing" for r in results):
        raise typer.Exit(1)


@feeds_app.command("remove")
def feeds_remove(
    feed_id: Annotated[int, typer.Argument(help="The feed's id, from `feeds list`.")],
    db: DbOption = None,
) -> None:
    """Stop polling a feed; documents already ingested from it stay."""
    with _failing_cleanly(), _open_store(_settings(db)) as store:
        if not store.remove_feed(feed_id):
            raise NotFound(f"no feed with id {feed_id}; see `supplywatch feeds list`")
    err.print(f"feed {feed_id} removed")


# --- watchlists -----------------------------------------------------------------------


def _watchlist(store: Any, name: str) -> Any:
    found = store.get_watchlist(name=name)
    if found is None:
        raise NotFound(f"no watchlist named {name!r}; see `supplywatch watch list`")
    return found


@watch_app.command("create")
def watch_create(
    name: Annotated[str, typer.Argument(help="The watchlist's name.")],
    webhook: Annotated[str | None, typer.Option(
        "--webhook", help="POST each alert here as JSON, signed (X-Supplywatch-Signature).")] = None,
    db: DbOption = None,
    json_: JsonOption = False,
) -> None:
    """Create a watchlist. With --webhook, the signing secret is printed once: keep it."""
    from supplywatch.serve.alerts import create_watchlist

    settings = _settings(db)
    with _failing_cleanly(), _open_store(settings) as store:
        created, secret = create_watchlist(store, settings, name, webhook)
    if json_:
        _print_json({**asdict(created), "webhook_secret": secret})
        return
    err.print(f"watchlist {created.id} ({escape(created.name)}) created; add items with "
              "`supplywatch watch add NAME KIND VALUE`")
    if secret:
        err.print("webhook signing secret (HMAC-SHA256 key; it is not shown again):")
        out.print(secret, markup=False, highlight=False)


@watch_app.command("add")
def watch_add(
    name: Annotated[str, typer.Argument(help="The watchlist's name.")],
    kind: Annotated[str, typer.Argument(help="company, supplier, product or model.")],
    value: Annotated[str, typer.Argument(help="A name (any alias works) or a model number.")],
    db: DbOption = None,
) -> None:
    """Watch something: alerts come for facts first seen from now on."""
    from supplywatch.serve.alerts import add_watch_item

    with _failing_cleanly(), _open_store(_settings(db)) as store:
        item, new = add_watch_item(store, _watchlist(store, name), kind, value)
    err.print(f"{'watching' if new else 'already watching'} {item.kind} {escape(item.value)} "
              f"in {escape(name)} (item {item.id})")


@watch_app.command("list")
def watch_list(db: DbOption = None, json_: JsonOption = False) -> None:
    """Every watchlist with what it watches and how many alerts it has."""
    from supplywatch.render import titled_table

    with _failing_cleanly(), _open_store(_settings(db)) as store:
        found, _ = store.list_watchlists(limit=10_000)
        items = {w.id: store.watch_items(w.id) for w in found}
    if json_:
        _print_json([{**asdict(w), "watch_items": [asdict(i) for i in items[w.id]]} for w in found])
        return
    table = titled_table("Watchlists", ("id", "name", "watches", "alerts", "webhook"))
    for w in found:
        watched = "\n".join(f"{i.kind}: {escape(i.value)}" for i in items[w.id]) or "(nothing yet)"
        table.add_row(str(w.id), escape(w.name), watched, str(w.alerts), escape(w.webhook_url or ""))
    out.print(table if found else "No watchlists yet: `supplywatch watch create NAME`.")


@watch_app.command("alerts")
def watch_alerts(
    name: Annotated[str, typer.Argument(help="The watchlist's name.")],
    limit: Annotated[int, typer.Option("--limit", min=1, help="Newest alerts to show.")] = 50,
    db: DbOption = None,
    json_: JsonOption = False,
) -> None:
    """A watchlist's alerts, newest first, each with its evidence and linking path."""
    from supplywatch.serve.alerts import alert_json

    with _failing_cleanly(), _open_store(_settings(db)) as store:
        found, total = store.list_alerts(watchlist_id=_watchlist(store, name).id, limit=limit)
    if json_:
        _print_json({"total": total, "alerts": [alert_json(a) for a in found]})
        return
    if not found:
        out.print(f"No alerts in {escape(name)} yet (`supplywatch watch check` looks now).")
    for a in found:
        doc = a.fact.document
        cited = ", ".join(escape(p) for p in (doc.source, doc.published, doc.title) if p)
        out.print(f"[bold]{_when(a.created_at)}[/bold] {a.watch_item.kind} "
                  f"[bold]{escape(a.watch_item.value)}[/bold]: {escape(a.reason)}")
        out.print(f"  “{escape(a.fact.evidence)}” — {cited} [dim](document {doc.id[:12]}; "
                  f"path: {escape(' → '.join(a.path))})[/dim]")
    if total > len(found):
        out.print(f"[dim]{total - len(found)} older alert(s) not shown (--limit)[/dim]")


@watch_app.command("check")
def watch_check(db: DbOption = None, json_: JsonOption = False) -> None:
    """Raise alerts for facts stored since the last look, and deliver due webhooks."""
    from supplywatch.serve.alerts import deliver_due, raise_alerts

    settings = _settings(db)
    with _failing_cleanly(), _open_store(settings) as store:
        run = raise_alerts(store, settings)
        sent = deliver_due(store, settings)
    if json_:
        _print_json({"alerts_raised": run.raised, "webhooks": asdict(sent)})
        return
    out.print(f"{len(run.raised)} alert(s) raised over {run.items} watched item(s); webhooks: "
              f"{len(sent.delivered)} delivered, {len(sent.retrying)} to retry, "
              f"{len(sent.failed)} given up.")


@watch_app.command("delete")
def watch_delete(
    name: Annotated[str, typer.Argument(help="The watchlist's name.")],
    db: DbOption = None,
) -> None:
    """Delete a watchlist with its items and alerts (the facts stay)."""
    with _failing_cleanly(), _open_store(_settings(db)) as store:
        store.delete_watchlist(_watchlist(store, name).id)
    err.print(f"watchlist {escape(name)} deleted")
