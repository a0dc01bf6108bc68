"""Locks on the doors where passwords and client secrets are tried: the staff login's lockout
page (django-axes counts the attempts) and the OAuth2 token endpoint's throttle."""

from __future__ import annotations

import base64
import binascii
import ipaddress
import math
from datetime import timedelta
from urllib.parse import unquote_plus

from django.conf import settings
from django.db import transaction
from django.shortcuts import render
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from oauth2_provider.views import TokenView

from hub.accounts.models import TokenEndpointFailure
from hub.core.api import error_response
from hub.throttle.ratelimit import client_address


def login_locked(request, original_response=None, credentials=None):
    """django-axes' answer once an e-mail has failed too often from one address."""
    return render(
        request,
        "accounts/locked_out.html",
        {
            "failure_limit": settings.AXES_FAILURE_LIMIT,
            "cooloff_minutes": math.ceil(settings.AXES_COOLOFF_TIME.total_seconds() / 60),
        },
        status=429,
    )


def login_client_address(request) -> str | None:
    """django-axes' address of the person logging in: the one the rate limits use (the proxy
    hops of RATELIMIT_PROXY_HOPS skipped; an IPv6 client by its /64), as a plain address.
    None when the request carries no address (a login made in code, not over HTTP): axes
    stores addresses in an IP field, which refuses anything else."""
    address = client_address(request).partition("/")[0]
    try:
        ipaddress.ip_address(address)
    except ValueError:
        return None
    return address


def _client_id(request) -> str:
    """The client id from HTTP Basic credentials or the form body, as oauthlib reads it."""
    header = request.META.get("HTTP_AUTHORIZATION", "")
    if header[:6].lower() == "basic ":
        try:
            decoded = base64.b64decode(header[6:].strip()).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            return ""
        return unquote_plus(decoded.partition(":")[0])
    return request.POST.get("client_id", "")


def _keys(request) -> list[str]:
    keys = [f"address:{client_address(request)}"]
    client_id = _client_id(request)[:200]
    if client_id:
        keys.append(f"client:{client_id}")
    return keys


def token_lock_remaining(keys: list[str]) -> timedelta | None:
    """How long the longest lock on any of these keys still runs, or None."""
    now = timezone.now()
    until = (
        TokenEndpointFailure.objects.filter(key__in=keys, locked_until__gt=now)
        .order_by("-locked_until")
        .values_list("locked_until", flat=True)
        .first()
    )
    return until - now if until else None


def token_failure_record(keys: list[str]) -> None:
    """One more failure for each key; the count starts afresh after a quiet cool-off period."""
    now = timezone.now()
    cooloff = timedelta(minutes=settings.TOKEN_COOLOFF_MINUTES)
    with transaction.atomic():
        for key in keys:
            row, _created = TokenEndpointFailure.objects.select_for_update().get_or_create(
                key=key, defaults={"first_failed_at": now}
            )
            if row.first_failed_at + cooloff < now:
                row.failures, row.first_failed_at, row.locked_until = 0, now, None
            row.failures += 1
            if row.failures >= settings.TOKEN_FAILURE_LIMIT:
                row.locked_until = now + cooloff
            row.save()


def token_failures_clear(keys: list[str]) -> None:
    TokenEndpointFailure.objects.filter(key__in=keys).delete()


@method_decorator(csrf_exempt, name="dispatch")
class ThrottledTokenView(TokenView):
    """The token endpoint, refusing (429) a client id or address after repeated failed client
    authentications, until the cool-off period has passed."""

    def post(self, request, *args, **kwargs):
        keys = _keys(request)
        remaining = token_lock_remaining(keys)
        if remaining is not None:
            response = error_response(
                "throttled",
                _("Too many failed attempts. Try again later."),
                429,
            )
            response["Retry-After"] = str(max(1, math.ceil(remaining.total_seconds())))
            return response
        response = super().post(request, *args, **kwargs)
        if response.status_code == 401:
            token_failure_record(keys)
        elif response.status_code == 200:
            token_failures_clear([key for key in keys if key.startswith("client:")])
        return response
