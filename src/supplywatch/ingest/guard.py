"""Which URLs a server may fetch for someone else: public http(s) addresses only.

A server that fetches any URL it is given can be turned on its own network (the
database port, a cloud metadata address). Unless `allow_private_urls` is set, a URL
whose host is, or resolves to, a loopback, private, link-local, multicast, reserved
or unspecified address is refused, and so is every redirect that leads to one.

`check_url` gives the clear refusal before anything is sent. The clients the server
fetches with (`public_only_client`) also check at connect time: they resolve the name
themselves and connect to the very address they checked, so a host that answers with a
public address first and a private one when the client connects (DNS rebinding) is
refused too. Behind a proxy (HTTP_PROXY and the like) the proxy connects, and only
`check_url` applies.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterable
from urllib.parse import urlsplit
from urllib.request import getproxies

import httpcore
import httpx

from supplywatch.errors import FetchError
from supplywatch.settings import Settings

Address = ipaddress.IPv4Address | ipaddress.IPv6Address


def is_public(address: Address) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return not (
        address.is_private or address.is_loopback or address.is_link_local
        or address.is_multicast or address.is_reserved or address.is_unspecified
    )


def resolve(host: str, port: int) -> list[Address]:
    """Every address `host` resolves to (an IP literal is itself)."""
    try:
        return [ipaddress.ip_address(host)]
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(host, f"the host name does not resolve ({exc}); check the URL") from None
    return [ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos]


def check_url(url: str, allow_private: bool = False) -> None:
    """Raise FetchError unless `url` is http(s) and (unless allowed) reaches only public addresses."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError(url, "only http:// and https:// URLs with a host can be fetched")
    if allow_private:
        return
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise FetchError(url, "the port is not a number; check the URL") from None
    blocked = [a for a in resolve(parts.hostname, port) if not is_public(a)]
    if blocked:
        raise _refusal(url, f"refused: {parts.hostname} is", blocked[0])


def _refusal(where: str, what: str, address: Address) -> FetchError:
    return FetchError(where, f"{what} a loopback, private or link-local address ({address}); "
                      "the server only fetches public addresses unless "
                      "SUPPLYWATCH_ALLOW_PRIVATE_URLS=true")


class PublicOnlyBackend(httpcore.SyncBackend):
    """Opens connections only to public addresses, and only to the address it checked:
    the name is resolved once, here, and the socket connects to that address."""

    def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                    local_address: str | None = None,
                    socket_options: Iterable[tuple] | None = None) -> httpcore.NetworkStream:
        addresses = resolve(host, port)  # never empty: a name that resolves to nothing raises
        blocked = [a for a in addresses if not is_public(a)]
        if blocked:
            raise _refusal(f"{host}:{port}", f"refused at connect time: {host} resolves to",
                           blocked[0])
        failure: httpcore.ConnectError | httpcore.ConnectTimeout | None = None
        for address in addresses:
            try:
                return super().connect_tcp(str(address), port, timeout, local_address,
                                           socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                failure = exc  # the next address of the name may answer
        assert failure is not None
        raise failure


class PublicOnlyTransport(httpx.HTTPTransport):
    """httpx's transport over a connection pool that connects through PublicOnlyBackend
    (httpx has no public setting for the pool's network backend)."""

    def __init__(self) -> None:
        super().__init__()
        self._pool = httpcore.ConnectionPool(ssl_context=httpx.create_ssl_context(),
                                             network_backend=PublicOnlyBackend())


def public_only_client(settings: Settings) -> httpx.Client:
    """The client the server fetches with for its users: public addresses only, checked
    when connecting. A plain client when settings.allow_private_urls, and when the
    environment names a proxy (HTTP_PROXY ...): the proxy then resolves the names and
    connects, so only `check_url` guards the fetch, as before."""
    if settings.allow_private_urls or any(
            scheme in getproxies() for scheme in ("http", "https", "all")):
        return httpx.Client()
    return httpx.Client(transport=PublicOnlyTransport())
