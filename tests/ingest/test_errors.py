"""Every unusable input is one SkipInput subclass whose message names it and says what to do."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from supplywatch.errors import (
    BinaryInput,
    EmptyInput,
    EncodingError,
    FetchError,
    MalformedInput,
    SkipInput,
    SupplywatchError,
    TooLarge,
)
from supplywatch.ingest import UnknownFormat, load
from supplywatch.settings import Settings

from .conftest import LocalServer, Route

STORY = b"Cell maker recalls packs\nThe company recalled 2,000 battery packs on Monday.\n"


def failure(item: str, settings: Settings, **kwargs: object) -> SkipInput:
    with pytest.raises(SkipInput) as info:
        load(item, settings, **kwargs)  # type: ignore[arg-type]
    error = info.value
    assert error.source == item
    assert str(error).startswith(f"{item}: ")
    return error


def put(tmp_path: Path, data: bytes, name: str = "input.txt") -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


@pytest.mark.parametrize("data", [b"", b"  \n\t\r\n  ", b"\xef\xbb\xbf\n"])
def test_empty_or_blank_file(tmp_path: Path, settings: Settings, data: bytes) -> None:
    error = failure(put(tmp_path, data), settings)
    assert type(error) is EmptyInput
    assert "nothing to read" in error.message


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "PNG image"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "pdftotext"),
        (b"Title\x00\x00\x00\x01\x02binary", "NUL bytes"),
        (bytes((i * 37 + 128) % 256 for i in range(1, 600) if (i * 37 + 128) % 256), "non-text"),
    ],
)
def test_binary_file(tmp_path: Path, settings: Settings, data: bytes, what: str) -> None:
    error = failure(put(tmp_path, data, "input.bin"), settings)
    assert type(error) is BinaryInput
    assert what in error.message and "not text" in error.message


def test_binary_file_even_when_text_format_is_forced(tmp_path: Path, settings: Settings) -> None:
    error = failure(put(tmp_path, b"abc\x00def" * 10), settings, format="text")
    assert type(error) is BinaryInput


def test_latin1_text_is_an_encoding_error(tmp_path: Path, settings: Settings) -> None:
    data = "Caf\u00e9 maker recalls kettles\nThe kettles can overheat.\n".encode("latin-1")
    error = failure(put(tmp_path, data), settings)
    assert type(error) is EncodingError
    assert "not UTF-8 text (invalid byte 0xe9 at offset 3)" in error.message
    assert "iconv -f latin1 -t utf-8" in error.message


def test_utf16_text_is_an_encoding_error(tmp_path: Path, settings: Settings) -> None:
    error = failure(put(tmp_path, "Title\nBody text.\n".encode("utf-16")), settings)
    assert type(error) is EncodingError
    assert "UTF-16" in error.message and "iconv" in error.message


def test_html_with_wrong_declared_charset(tmp_path: Path, settings: Settings) -> None:
    page = b'<html><head><meta charset="utf-8"></head><body><p>Caf\xe9</p></body></html>'
    error = failure(put(tmp_path, page, "page.html"), settings)
    assert type(error) is EncodingError
    assert "not valid utf-8 text as declared" in error.message


def test_file_over_the_default_limit_is_never_read(tmp_path: Path) -> None:
    settings = Settings()
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:  # sparse: instant, and takes no disk space
        handle.truncate(settings.max_input_bytes + 1)
    error = failure(str(path), settings)
    # All NUL bytes: had it been read, it would have been reported as binary.
    assert type(error) is TooLarge
    # The exact size: it came from stat, not from reading (a bounded read says "at least").
    assert "52,428,801 bytes (50.0 MiB) is over" in error.message
    assert "at least" not in error.message
    assert "SUPPLYWATCH_MAX_INPUT_BYTES" in error.message


def test_limit_is_inclusive(tmp_path: Path) -> None:
    settings = Settings(max_input_bytes=len(STORY))
    assert load(put(tmp_path, STORY, "fits.txt"), settings)
    assert type(failure(put(tmp_path, STORY + b"x", "over.txt"), settings)) is TooLarge


def test_missing_path(tmp_path: Path, settings: Settings) -> None:
    error = failure(str(tmp_path / "nope.txt"), settings)
    assert type(error) is SkipInput
    assert "no such file or directory" in error.message


def test_directory_is_not_an_input(tmp_path: Path, settings: Settings) -> None:
    error = failure(str(tmp_path), settings)
    assert type(error) is SkipInput and "expand_inputs" in error.message


def test_text_of_nothing_but_furniture_is_malformed(tmp_path: Path, settings: Settings) -> None:
    error = failure(put(tmp_path, b"Share\nAdvertisement\nSubscribe now\n* * *\n"), settings)
    assert type(error) is MalformedInput
    assert "furniture" in error.message


def test_unreachable_url(closed_port_url: str, settings: Settings) -> None:
    error = failure(closed_port_url, settings)
    assert type(error) is FetchError
    assert "check the address" in error.message


def test_http_error_status(http_server: LocalServer, settings: Settings) -> None:
    error = failure(http_server.url("/gone.html"), settings)
    assert type(error) is FetchError
    assert "HTTP 404" in error.message and "check the URL" in error.message


def test_http_server_error_says_try_later(http_server: LocalServer, settings: Settings) -> None:
    http_server.routes["/busy"] = Route(b"oops", status=503)
    error = failure(http_server.url("/busy"), settings)
    assert type(error) is FetchError and "HTTP 503" in error.message and "later" in error.message


def test_slow_server_times_out(http_server: LocalServer) -> None:
    http_server.routes["/slow"] = Route(STORY, delay=2.0)
    error = failure(http_server.url("/slow"), Settings(fetch_timeout=0.3))
    assert type(error) is FetchError
    assert "timed out after 0.3 s" in error.message


def test_oversized_response_by_content_length(http_server: LocalServer) -> None:
    http_server.routes["/big"] = Route(b"x" * 5000, headers={"Content-Type": "text/plain"})
    error = failure(http_server.url("/big"), Settings(max_input_bytes=1000))
    assert type(error) is TooLarge and "5,000 bytes" in error.message


def test_oversized_response_without_length_is_cut_off(http_server: LocalServer) -> None:
    http_server.routes["/stream"] = Route(b"word " * 100_000, send_length=False)
    error = failure(http_server.url("/stream"), Settings(max_input_bytes=1000))
    assert type(error) is TooLarge and "at least" in error.message


def test_empty_response(settings: Settings) -> None:
    client = httpx.Client(transport=httpx.MockTransport(lambda request: httpx.Response(200)))
    error = failure("https://news.test/empty", settings, client=client)
    assert type(error) is EmptyInput and "empty body" in error.message


def test_transport_errors_become_fetch_errors(settings: Settings) -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("name or service not known", request=request)

    client = httpx.Client(transport=httpx.MockTransport(refuse))
    error = failure("https://no-such-host.test/story", settings, client=client)
    assert type(error) is FetchError and "name or service not known" in error.message


def test_unknown_format_aborts_the_run(tmp_path: Path, settings: Settings) -> None:
    with pytest.raises(UnknownFormat, match=r"choose one of: cpsc-api, .*, html, text") as info:
        load(put(tmp_path, STORY), settings, format="pdf")
    assert isinstance(info.value, SupplywatchError) and not isinstance(info.value, SkipInput)
