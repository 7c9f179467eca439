"""Which URLs a server may fetch for someone else: public http(s) addresses only.

A server that fetches any URL it is given can be turned on its own network (the
database port, a cloud metadata address). Unless `allow_private_urls` is set, a URL
whose host is, or resolves to, a loopback, private, link-local, multicast, reserved
or unspecified address is refused, and so is every redirect that leads to one.

The name is resolved here and again by the HTTP client when it connects; a host that
answers differently the second time (DNS rebinding) is not caught by this check.
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

from supplywatch.errors import FetchError

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
        raise FetchError(
            url,
            f"refused: {parts.hostname} is a loopback, private or link-local address "
            f"({blocked[0]}); the server only fetches public addresses unless "
            "SUPPLYWATCH_ALLOW_PRIVATE_URLS=true",
        )
