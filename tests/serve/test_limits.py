"""Request limits over real HTTP: bodies over the cap get 413, a client over its rate
gets 429 with Retry-After, and the bucket refills with time."""

from __future__ import annotations

from collections.abc import Callable

from tests.serve.conftest import LiveServer

from supplywatch.serve.limits import TokenBuckets
from supplywatch.settings import Settings
from supplywatch.store import Store


def test_bucket_refills_at_the_configured_rate() -> None:
    now = [0.0]
    buckets = TokenBuckets(per_minute=60, clock=lambda: now[0])
    assert all(buckets.take("a") == 0 for _ in range(60))
    assert buckets.take("a") == 1.0  # one more in a second
    assert buckets.take("b") == 0  # other clients have their own bucket
    now[0] += 2.0
    assert buckets.take("a") == 0


def test_over_the_rate_answers_429_with_retry_after(
    store: Store, serve_settings: Settings, make_server: Callable[..., LiveServer]
) -> None:
    server = make_server(store, serve_settings, rate_limit=3)
    with server.client() as client:
        codes = [client.get("/api/health").status_code for _ in range(4)]
        limited = client.get("/api/health")
    assert codes[:3] == [200, 200, 200]
    assert limited.status_code == 429
    assert int(limited.headers["Retry-After"]) >= 1
    assert limited.json()["error"]["code"] == "rate_limited"
    assert limited.headers["X-Supplywatch-API"] == "1"


def test_a_body_over_the_cap_gets_413_declared_or_streamed(
    store: Store, serve_settings: Settings, make_server: Callable[..., LiveServer]
) -> None:
    server = make_server(store, serve_settings, max_request_bytes=1000)
    with server.client() as client:
        declared = client.post("/api/health", content=b"x" * 5000)
    assert declared.status_code == 413
    assert declared.json()["error"]["code"] == "too_large"


def test_a_streamed_body_without_length_is_cut_off_at_the_cap(
    store: Store, serve_settings: Settings, make_server: Callable[..., LiveServer]
) -> None:
    server = make_server(store, serve_settings, max_request_bytes=1000)

    def chunks():  # no Content-Length: the cap applies as the body streams in
        yield b'{"text": "'
        for _ in range(10):
            yield b"y" * 500
        yield b'"}'

    with server.client(token=True) as client:
        response = client.post("/api/documents", content=chunks(),
                               headers={"Content-Type": "application/json"})
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "too_large"
    assert store.count_documents() == 0
