"""Where a request comes from: the one rule for the comment and search rate limits, the
captcha limit, the view count and the admin login lockout.

- ``get_client_ip`` is the client's address: ``X-Forwarded-For`` is believed only when the
  connection comes from one of the ``TRUSTED_PROXIES`` networks, and then only as far back as
  the entries are themselves trusted proxies.
- ``client_key`` is what limits and lockouts count under: the address itself for IPv4, its /64
  network for IPv6 (one home or phone gets a whole /64 and can pick any address in it).
"""

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest

IPV6_PREFIX = 64

_Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def _address(value: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        address = ipaddress.ip_address(value.strip())
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


@lru_cache(maxsize=8)
def _networks(cidrs: tuple[str, ...]) -> tuple[_Network, ...]:
    return tuple(ipaddress.ip_network(cidr, strict=False) for cidr in cidrs)


def parse_networks(cidrs: list[str] | tuple[str, ...]) -> tuple[_Network, ...]:
    """``TRUSTED_PROXIES`` (and ``METRICS_ALLOWED_IPS``) as networks; ValueError if one is not
    an address or a network."""
    return _networks(tuple(cidrs))


def _trusted(address, networks: tuple[_Network, ...]) -> bool:
    return any(address.version == net.version and address in net for net in networks)


def get_client_ip(request: HttpRequest) -> str:
    """The client's IP address, or "" if the request carries none we can trust.

    Each proxy appends the address it received the request from to ``X-Forwarded-For``. The
    header is read only when the connection itself comes from a trusted proxy
    (``TRUSTED_PROXIES``); then it is read from the right, skipping the entries that are
    trusted proxies too, and the first address that is not one is the client. Anything further
    left was written by the client and may be forged; a client that reaches the server
    directly cannot choose its address at all.
    """
    remote = _address(request.META.get("REMOTE_ADDR", ""))
    if remote is None:
        return ""
    networks = parse_networks(settings.TRUSTED_PROXIES)
    client = remote
    if _trusted(remote, networks):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        for entry in reversed(forwarded):
            if not entry.strip():
                continue
            hop = _address(entry)
            if hop is None:  # a proxy wrote nothing like this: stop at the last one we know
                break
            client = hop
            if not _trusted(hop, networks):
                break
    return str(client)


def client_key(client_ip: str) -> str:
    """What a limit or a lockout counts ``client_ip`` under: an IPv4 address as it is, an IPv6
    address as the first address of its /64 (``2001:db8:1:2::``), still a valid address for
    the places that store it (django-axes' attempts)."""
    address = _address(client_ip)
    if address is None:
        return ""
    if isinstance(address, ipaddress.IPv6Address):
        network = ipaddress.IPv6Network((address, IPV6_PREFIX), strict=False)
        return str(network.network_address)
    return str(address)


def get_client_key(request: HttpRequest) -> str:
    """``client_key`` of the request's client (``AXES_CLIENT_IP_CALLABLE``)."""
    return client_key(get_client_ip(request))
