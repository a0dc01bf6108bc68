"""The rate-limit store: fixed windows in PostgreSQL, shared by every connection (every gunicorn
worker); client addresses behind trusted proxies; settings refused when unsafe."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.test import RequestFactory, override_settings

from hub.throttle import ratelimit
from hub.throttle.models import RateCounter
from hub.throttle.rates import Rate, parse_rate
from tests.builders import committed

ROOT = Path(__file__).resolve().parents[3]


def _request(address: str, forwarded: str | None = None):
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return RequestFactory().get("/status/", REMOTE_ADDR=address, **extra)


@pytest.mark.parametrize(
    ("text", "rate"),
    [("30/h", Rate(30, 3600)), ("20/15m", Rate(20, 900)), (" 5 / d ", Rate(5, 86400))],
)
def test_rates_are_read_from_short_texts(text, rate):
    assert parse_rate(text) == rate


@pytest.mark.parametrize("text", ["", "30", "30/x", "0/h", "-1/h", "30/0h", "h/30"])
def test_bad_rates_are_refused(text):
    with pytest.raises(ValueError, match="30/h"):
        parse_rate(text)


def test_the_connecting_address_counts_unless_proxies_are_trusted(settings):
    settings.RATELIMIT_PROXY_HOPS = 0
    assert ratelimit.client_address(_request("10.0.0.9", "1.2.3.4")) == "10.0.0.9"
    settings.RATELIMIT_PROXY_HOPS = 1
    # The client wrote "6.6.6.6" itself; the proxy appended what it saw.
    assert ratelimit.client_address(_request("10.0.0.9", "6.6.6.6, 1.2.3.4")) == "1.2.3.4"
    assert ratelimit.client_address(_request("10.0.0.9", "")) == "10.0.0.9"
    settings.RATELIMIT_PROXY_HOPS = 2
    assert ratelimit.client_address(_request("10.0.0.9", "6.6.6.6, 1.2.3.4, 10.0.0.8")) == (
        "1.2.3.4"
    )


def test_ipv6_clients_count_per_64_block():
    one = ratelimit.client_address(_request("2001:db8:1:2::1"))
    other = ratelimit.client_address(_request("2001:db8:1:2:ffff::9"))
    assert one == other == "2001:db8:1:2::/64"
    assert ratelimit.client_address(_request("::ffff:10.1.2.3")) == "10.1.2.3"


@override_settings(RATELIMIT_LOOKUP_FAILURES="3/h")
def test_a_window_allows_the_limit_then_refuses_with_the_time_left(db):
    request = _request("10.9.9.9")
    verdicts = [ratelimit.hit("lookup", request) for _ in range(4)]
    assert [v.allowed for v in verdicts] == [True, True, True, False]
    assert 0 < verdicts[-1].retry_after <= 3600
    assert not ratelimit.peek("lookup", request).allowed
    assert ratelimit.peek("lookup", _request("10.9.9.8")).allowed  # another address
    assert ratelimit.peek("submit", request).allowed  # another scope


def test_only_a_keyed_hash_of_the_address_is_stored(db):
    ratelimit.hit("submit", _request("10.7.7.7"))
    stored = RateCounter.objects.get()
    assert "10.7.7.7" not in stored.client and len(stored.client) == 40


@override_settings(RATELIMIT_LOOKUP_FAILURES="3/h")
def test_the_count_is_shared_between_database_connections(db):
    """Two connections stand for two gunicorn workers: what one counts, the other sees."""
    request = _request(f"10.{uuid.uuid4().int % 250}.{uuid.uuid4().int % 250}.1")
    key = ratelimit._client_key(request)
    try:
        committed(None, lambda: [ratelimit.hit("lookup", request) for _ in range(2)])
        assert ratelimit.peek("lookup", request).allowed  # 2 of 3, seen here
        other = committed(None, lambda: [ratelimit.hit("lookup", request) for _ in range(2)])
        assert [v.allowed for v in other] == [True, False]
        assert not ratelimit.peek("lookup", request).allowed
    finally:
        committed(None, lambda: RateCounter.objects.filter(client=key).delete())


def _import_settings(**env) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", "import hub.settings"],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": "postgresql://x@localhost/x", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_refuses_switching_the_limits_off():
    result = _import_settings(HUB_ENV="production", SECRET_KEY="k" * 50, RATELIMIT_ENABLE="false")
    assert result.returncode != 0 and "RATELIMIT_ENABLE" in result.stderr
    assert _import_settings(RATELIMIT_ENABLE="false").returncode == 0  # a load test


def test_a_malformed_rate_is_refused_at_start():
    result = _import_settings(RATELIMIT_SUBMIT="thirty")
    assert result.returncode != 0 and "RATELIMIT_SUBMIT" in result.stderr
