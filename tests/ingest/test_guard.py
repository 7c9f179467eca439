"""The server fetches only public addresses: loopback, private, link-local and the like
are refused, also when a redirect leads there."""

from __future__ import annotations

import httpx
import pytest

from supplywatch.errors import FetchError
from supplywatch.ingest.fetch import fetch_url
from supplywatch.ingest.guard import check_url, public_only_client
from supplywatch.settings import Settings

from .conftest import LocalServer, Route


@pytest.mark.parametrize("url", [
    "http://127.0.0.1:5432/", "http://localhost/admin", "http://10.1.2.3/",
    "http://192.168.0.1/", "http://172.16.5.4/", "http://169.254.169.254/latest/meta-data/",
    "http://[::1]/", "http://[::ffff:127.0.0.1]/", "http://0.0.0.0/", "http://[fe80::1]/",
    "http://224.0.0.1/",
])
def test_private_and_local_addresses_are_refused(url: str) -> None:
    with pytest.raises(FetchError, match=r"refused: .*SUPPLYWATCH_ALLOW_PRIVATE_URLS"):
        check_url(url)


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.com/x", "http:///nohost"])
def test_only_http_urls_with_a_host(url: str) -> None:
    with pytest.raises(FetchError, match="only http"):
        check_url(url, allow_private=True)


def test_public_addresses_pass_and_the_setting_lets_private_ones_through() -> None:
    check_url("https://93.184.216.34/page")
    check_url("http://[2606:4700::6810:85e5]/")
    check_url("http://127.0.0.1:8000/", allow_private=True)


def _redirecting_to(location: str) -> httpx.Client:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.host == "93.184.216.34":
            return httpx.Response(302, headers={"location": location})
        return httpx.Response(200, text="inside the network")
    return httpx.Client(transport=httpx.MockTransport(handler))


def test_a_redirect_to_a_private_address_is_refused() -> None:
    with _redirecting_to("http://169.254.169.254/latest/meta-data/") as client, \
            pytest.raises(FetchError, match=r"169\.254\.169\.254"):
        fetch_url("http://93.184.216.34/story", Settings(), client, guarded=True)


def test_unguarded_fetches_follow_redirects_as_before() -> None:
    # The CLI fetches for its own user, on their machine: no address rule applies.
    with _redirecting_to("http://10.0.0.5/story") as client:
        raw = fetch_url("http://93.184.216.34/story", Settings(), client)
    assert raw.data == b"inside the network"
    assert raw.url == "http://10.0.0.5/story"


# --- the check at connect time (DNS rebinding) -------------------------------------------
# The server's clients resolve the name themselves and connect to the address they
# checked, so a name that passes `check_url` and then resolves to a private address when
# the client connects is refused before a byte is sent. These tests skip `check_url` and
# talk to a real local server, to show that the client alone refuses.

PROXY_VARIABLES = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy",
                   "all_proxy")


def test_the_servers_client_refuses_a_private_address_when_it_connects(
        http_server: LocalServer, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in PROXY_VARIABLES:  # behind a proxy, the proxy connects (and check_url guards)
        monkeypatch.delenv(name, raising=False)
    http_server.routes["/admin"] = Route(b"secret")
    by_name = http_server.url("/admin").replace("127.0.0.1", "localhost")
    for url in (http_server.url("/admin"), by_name):
        with public_only_client(Settings()) as client, \
                pytest.raises(FetchError, match="refused at connect time"):
            client.get(url)
    assert http_server.seen_headers == [], "no request may reach the private address"


def test_the_setting_lets_the_servers_client_reach_private_addresses(
        http_server: LocalServer) -> None:
    http_server.routes["/story"] = Route(b"local story")
    with public_only_client(Settings(allow_private_urls=True)) as client:
        assert client.get(http_server.url("/story")).content == b"local story"
