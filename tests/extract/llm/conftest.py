"""A real local stand-in for an OpenAI-compatible endpoint that replays recorded answers.

Recordings live in tests/fixtures/llm/<name>.json:

    {"exchanges": [{"match": "text the request's user message contains",
                    "replies": [{"status": 429, "headers": {"Retry-After": "2"}},
                                {"content": {"entities": [...], "facts": [...]}}]}]}

The first exchange whose `match` occurs in the request's user message answers; its
replies are served in order, the last one repeatedly. Matching on the document's own
words (not a hash of the whole request) keeps recordings valid when the prompt's wording
changes. A reply gives `content` (an object, sent as the JSON text of a chat completion),
`content_raw` (the completion's text as is), `body` (a JSON body as is) or `body_raw`
(bytes as is), with optional `status`, `headers`, `finish_reason` and `delay` (seconds).
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from supplywatch.extract.llm import LlmConfig, LlmExtractor
from supplywatch.extract.llm.client import ChatClient
from supplywatch.model import Document
from supplywatch.settings import Settings

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "llm"
ARTICLES = FIXTURES / "articles"
MODEL = "replay-1"
API_KEY = "sk-test-replay"


@dataclass
class Exchange:
    match: str
    replies: list[dict[str, Any]]
    served: int = 0

    def next_reply(self) -> dict[str, Any]:
        reply = self.replies[min(self.served, len(self.replies) - 1)]
        self.served += 1
        return reply


@dataclass
class ReplayServer:
    base: str  # http://127.0.0.1:PORT
    exchanges: list[Exchange] = field(default_factory=list)
    requests: list[dict[str, Any]] = field(default_factory=list)  # {"path", "headers", "json"}

    @property
    def url(self) -> str:
        """The base URL a user would configure (SUPPLYWATCH_LLM_URL)."""
        return self.base + "/v1"

    def load(self, name: str) -> ReplayServer:
        recording = json.loads((FIXTURES / f"{name}.json").read_text("utf-8"))
        self.exchanges += [Exchange(e["match"], e["replies"]) for e in recording["exchanges"]]
        return self

    def answer(self, user_message: str) -> dict[str, Any] | None:
        for exchange in self.exchanges:
            if exchange.match in user_message:
                return exchange.next_reply()
        return None


def _encode(reply: dict[str, Any]) -> tuple[int, dict[str, str], bytes]:
    status = reply.get("status", 200)
    headers = {"Content-Type": "application/json", **reply.get("headers", {})}
    if "body_raw" in reply:
        return status, headers, reply["body_raw"].encode()
    if "body" in reply:
        return status, headers, json.dumps(reply["body"]).encode()
    if "content" in reply or "content_raw" in reply:
        content = reply.get("content_raw")
        if content is None:
            content = json.dumps(reply["content"], ensure_ascii=False)
        body = {"id": "chatcmpl-replay", "object": "chat.completion", "model": MODEL,
                "choices": [{"index": 0, "finish_reason": reply.get("finish_reason", "stop"),
                             "message": {"role": "assistant", "content": content}}]}
        return status, headers, json.dumps(body, ensure_ascii=False).encode()
    return status, headers, b""


def _handler(server: ReplayServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            raw = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            payload = json.loads(raw)
            server.requests.append({"path": self.path, "headers": dict(self.headers.items()),
                                    "json": payload})
            if self.path != "/v1/chat/completions":
                self._send(404, {}, json.dumps({"error": {"message": "no such route"}}).encode())
                return
            user = next(m["content"] for m in reversed(payload["messages"]) if m["role"] == "user")
            reply = server.answer(user)
            if reply is None:  # a test asked for something nobody recorded: say so loudly
                body = {"error": {"message": f"no recording matches: {user[-200:]!r}"}}
                self._send(400, {}, json.dumps(body).encode())
                return
            time.sleep(reply.get("delay", 0))
            self._send(*_encode(reply))

        def _send(self, status: int, headers: dict[str, str], body: bytes) -> None:
            try:
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client timed out first: what a timeout test wants

        def log_message(self, *args: object) -> None:
            pass

    return Handler


@pytest.fixture
def llm_server() -> Iterator[ReplayServer]:
    """A real HTTP server on 127.0.0.1; tests `load()` the recordings they need."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
    replay = ReplayServer(f"http://127.0.0.1:{httpd.server_port}")
    httpd.RequestHandlerClass = _handler(replay)
    httpd.daemon_threads = True
    httpd.block_on_close = False
    # a short poll keeps teardown quick (shutdown waits for one poll)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    try:
        yield replay
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture
def closed_port_url(free_port: int) -> str:
    """A base URL on a local port nothing listens on."""
    return f"http://127.0.0.1:{free_port}/v1"


@pytest.fixture
def slept() -> list[float]:
    """The waits the client asked for (recorded, not slept, so retry tests run fast)."""
    return []


@pytest.fixture
def make_extractor(slept: list[float]) -> Iterator[Callable[..., LlmExtractor]]:
    made: list[LlmExtractor] = []

    def make(url: str, *, timeout: float = 5.0, max_chars: int = 12_000,
             api_key: str = API_KEY, **retry: Any) -> LlmExtractor:
        config = LlmConfig(base_url=url, model=MODEL, api_key=api_key, timeout=timeout,
                           max_chars=max_chars)
        extractor = LlmExtractor(config, chat=ChatClient(config, sleep=slept.append, **retry))
        made.append(extractor)
        return extractor

    yield make
    for extractor in made:
        extractor.close()


@pytest.fixture
def llm_env(llm_server: ReplayServer) -> dict[str, str]:
    """The environment a user sets to point supplywatch at the stand-in."""
    return {"SUPPLYWATCH_LLM_URL": llm_server.url, "SUPPLYWATCH_LLM_MODEL": MODEL,
            "SUPPLYWATCH_LLM_API_KEY": API_KEY, "SUPPLYWATCH_LLM_TIMEOUT": "5"}


@pytest.fixture
def load_article() -> Callable[[str], Document]:
    """An article from fixtures/llm/articles as ingest holds it (normalised text)."""
    return lambda name: Document.from_text((ARTICLES / name).read_text("utf-8"), name)


@pytest.fixture
def article_path() -> Callable[[str], str]:
    return lambda name: str(ARTICLES / name)


@pytest.fixture
def llm_settings(llm_server: ReplayServer) -> Settings:
    return Settings(llm_url=llm_server.url, llm_model=MODEL, llm_api_key=API_KEY, llm_timeout=5.0)
