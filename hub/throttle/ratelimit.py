"""Rate limits per client address, counted in PostgreSQL so every gunicorn worker (and every
server behind one load balancer) shares the same counts.

A fixed window per (scope, client, window start): one atomic
`INSERT ... ON CONFLICT DO UPDATE SET count = count + 1 RETURNING count` per counted request.
Scopes and their settings:

- `submit`: every complaint submitted (portal form and API), `RATELIMIT_SUBMIT`;
- `lookup`: failed receipt-code lookups only (unknown code, or a wrong PIN with a code),
  `RATELIMIT_LOOKUP_FAILURES`: a worker who checks a real code again and again is never
  counted, and once an address has failed too often, every lookup from it waits (otherwise
  guessing would simply go on);
- `recover`: every request for lost receipt codes by e-mail, `RATELIMIT_RECOVER` (counted
  whether or not the address is known, so the answer says nothing about it).

The client is the connecting address (`REMOTE_ADDR`), or, behind `RATELIMIT_PROXY_HOPS`
trusted reverse proxies, the address the outermost trusted proxy saw: the entry that many
places from the right of `X-Forwarded-For` (entries further left are written by the client
and can be forged). IPv6 clients count per /64, the block one household or phone gets.
Only a keyed hash of the address is stored.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import ipaddress
import math
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db import connection
from django.http import Http404
from django.utils.translation import ngettext
from rest_framework import exceptions

from hub.core.errors import NotFound
from hub.throttle.models import RateCounter
from hub.throttle.rates import Rate, parse_rate

SCOPE_SETTINGS = {
    "submit": "RATELIMIT_SUBMIT",
    "lookup": "RATELIMIT_LOOKUP_FAILURES",
    "recover": "RATELIMIT_RECOVER",
}
_PRUNE_BATCH = 500


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    retry_after: int  # seconds until the window ends


def rate(scope: str) -> Rate:
    return parse_rate(getattr(settings, SCOPE_SETTINGS[scope]))


def client_address(request) -> str:
    meta = request.META
    address = meta.get("REMOTE_ADDR", "")
    hops = settings.RATELIMIT_PROXY_HOPS
    if hops > 0:
        forwarded = [h.strip() for h in meta.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [h for h in forwarded if h]
        if len(forwarded) >= hops:
            address = forwarded[-hops]
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address[:100] or "unknown"
    if ip.version == 6:
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


def _client_key(request) -> str:
    secret = settings.SECRET_KEY.encode()
    return hmac.new(secret, client_address(request).encode(), hashlib.sha256).hexdigest()[:40]


def _window(limit: Rate, now: int) -> tuple[int, int]:
    start = now - now % limit.seconds
    return start, start + limit.seconds


# Unqualified: the public schema is on every search_path and no organisation schema has it.
_UPSERT = (
    "INSERT INTO throttle_ratecounter AS c (scope, client, window_start, expires_at, count) "
    "VALUES (%s, %s, %s, %s, 1) "
    "ON CONFLICT (scope, client, window_start) DO UPDATE SET count = c.count + 1 "
    "RETURNING count"
)


def hit(scope: str, request) -> Verdict:
    """Count one request (or failure); allowed while the count is within the limit."""
    limit = rate(scope)
    now = int(time.time())
    start, end = _window(limit, now)
    with connection.cursor() as cursor:
        cursor.execute(_UPSERT, [scope, _client_key(request), start, end])
        count = cursor.fetchone()[0]
    if count == 1:  # a new window: clear some that have passed, whoever they were
        passed = RateCounter.objects.filter(expires_at__lt=now).values("pk")[:_PRUNE_BATCH]
        RateCounter.objects.filter(pk__in=passed).delete()
    return Verdict(count <= limit.count, max(1, end - now))


def peek(scope: str, request) -> Verdict:
    """Without counting: may one more be counted?"""
    limit = rate(scope)
    now = int(time.time())
    start, end = _window(limit, now)
    row = RateCounter.objects.filter(
        scope=scope, client=_client_key(request), window_start=start
    ).values_list("count", flat=True)
    return Verdict((row.first() or 0) < limit.count, max(1, end - now))


def message(scope: str, retry_after: int) -> str:
    minutes = max(1, math.ceil(retry_after / 60))
    if scope == "lookup":
        return ngettext(
            "Too many receipt codes that do not exist were tried from your network. "
            "Please wait about %(minutes)d minute and try again.",
            "Too many receipt codes that do not exist were tried from your network. "
            "Please wait about %(minutes)d minutes and try again.",
            minutes,
        ) % {"minutes": minutes}
    if scope == "recover":
        return ngettext(
            "Too many requests for lost receipt codes were sent from your network. "
            "Please wait about %(minutes)d minute and try again.",
            "Too many requests for lost receipt codes were sent from your network. "
            "Please wait about %(minutes)d minutes and try again.",
            minutes,
        ) % {"minutes": minutes}
    return ngettext(
        "Too many complaints were sent from your network in a short time. "
        "Please wait about %(minutes)d minute and send again.",
        "Too many complaints were sent from your network in a short time. "
        "Please wait about %(minutes)d minutes and send again.",
        minutes,
    ) % {"minutes": minutes}


def api_refuse(request, scope: str, retry_after: int):
    """For DRF views: the error shape with code `throttled`, 429 and Retry-After."""
    raise exceptions.Throttled(wait=retry_after, detail=message(scope, retry_after))


_NOT_FOUND = (Http404, NotFound, exceptions.NotFound)
_FAILED = "_ratelimit_failed"


def failed(response):
    """Mark a response of a `failures_only` view as a failed attempt (e.g. a wrong PIN for a
    real receipt code), counted like a 404; returns the response."""
    setattr(response, _FAILED, True)
    return response


def rate_limited(
    scope: str,
    *,
    refuse: Callable,
    failures_only: bool = False,
    methods: tuple[str, ...] = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"),
):
    """Wrap a view (function or DRF method). `refuse(request, scope, retry_after)` answers a
    request over the limit, before the view runs. With `failures_only`, a request counts only
    when the view answers 404 (or raises a not-found error) or marks its response `failed`;
    otherwise every request in `methods` counts."""

    def decorate(view):
        @functools.wraps(view)
        def wrapper(*args, **kwargs):
            request = next(a for a in args if hasattr(a, "META"))
            if not settings.RATELIMIT_ENABLE or request.method not in methods:
                return view(*args, **kwargs)
            verdict = peek(scope, request) if failures_only else hit(scope, request)
            if not verdict.allowed:
                return refuse(request, scope, verdict.retry_after)
            if not failures_only:
                return view(*args, **kwargs)
            try:
                response = view(*args, **kwargs)
            except _NOT_FOUND:
                hit(scope, request)
                raise
            if response.status_code == 404 or getattr(response, _FAILED, False):
                hit(scope, request)
            return response

        return wrapper

    return decorate
