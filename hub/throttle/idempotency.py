"""Once only: a double tap on a slow link, or a client's retry after a lost answer, files one
complaint, not two.

The first request with a key claims it (`INSERT ... ON CONFLICT`), does its work and stores
the result in the same transaction; a request with the same key that arrives meanwhile waits
on the claim and then gets that result. If the work fails, the claim is rolled back with it and
the key stays free. Keys are kept for `KEY_TTL`, then may be used again.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from collections.abc import Callable
from datetime import timedelta

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter
from rest_framework import exceptions, status
from rest_framework.response import Response

from hub.core.errors import Conflict
from hub.throttle.models import SubmissionKey

KEY_TTL = timedelta(hours=24)
API_KEY_HEADER = "Idempotency-Key"
_KEY = re.compile(r"^[\x21-\x7e]{1,200}$")  # printable ASCII, no spaces
_PRUNE_BATCH = 500
# One claim in this many clears up to _PRUNE_BATCH expired keys: ten times as fast as they come.
_PRUNE_EVERY = 50


def fingerprint(data) -> str:
    if hasattr(data, "lists"):  # a QueryDict
        data = {key: values for key, values in data.lists()}
    canonical = json.dumps(data, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


_CLAIM = (
    "INSERT INTO throttle_submissionkey AS k (scope, key, fingerprint, result, created_at) "
    "VALUES (%s, %s, %s, '', %s) "
    "ON CONFLICT (scope, key) DO UPDATE SET fingerprint = EXCLUDED.fingerprint, "
    "result = '', created_at = EXCLUDED.created_at WHERE k.created_at < %s "
    "RETURNING id"
)


def _claim(scope: str, key: str, print_: str) -> int | None:
    """The new (or expired, now renewed) claim's id, or None when the key is taken."""
    now = timezone.now()
    with connection.cursor() as cursor:
        cursor.execute(_CLAIM, [scope, key, print_, now, now - KEY_TTL])
        row = cursor.fetchone()
    if row and row[0] % _PRUNE_EVERY == 0:  # now and then, not a query on every submission
        old = SubmissionKey.objects.filter(created_at__lt=now - KEY_TTL).values("pk")
        SubmissionKey.objects.filter(pk__in=old[:_PRUNE_BATCH]).delete()
    return row[0] if row else None


def once(*, scope: str, key: str, print_: str, produce: Callable[[], str]) -> tuple[str, bool]:
    """`(result, replayed)`: `produce()` runs only for the first use of the key; later uses
    with the same fingerprint get its result. A different fingerprint is a Conflict (409)."""
    with transaction.atomic():
        claim = _claim(scope, key, print_)
        if claim is not None:
            result = produce()
            SubmissionKey.objects.filter(pk=claim).update(result=result)
            return result, False
    first = SubmissionKey.objects.get(scope=scope, key=key)
    if first.fingerprint != print_:
        raise Conflict(
            _("This Idempotency-Key was already used for a different request."),
            code="idempotency_key_reused",
        )
    return first.result, True


def idempotent_api(scope: str):
    """For a DRF create method: with an `Idempotency-Key` header, the same key and body within
    24 hours get the first 201 answer again (nothing new is created); the same key with another
    body is a 409. Without the header the method runs as usual."""

    def decorate(method):
        @functools.wraps(method)
        def wrapper(view, request, *args, **kwargs):
            key = request.headers.get(API_KEY_HEADER)
            if key is None:
                return method(view, request, *args, **kwargs)
            if not _KEY.match(key):
                raise exceptions.ValidationError(
                    {API_KEY_HEADER: [_("Use 1 to 200 printable characters without spaces.")]}
                )

            def produce() -> str:
                response = method(view, request, *args, **kwargs)
                if response.status_code != status.HTTP_201_CREATED:
                    raise _NotCreated(response)
                return json.dumps(response.data)

            try:
                body, _replayed = once(
                    scope=scope, key=key, print_=fingerprint(request.data), produce=produce
                )
            except _NotCreated as refused:
                return refused.response
            return Response(json.loads(body), status=status.HTTP_201_CREATED)

        return wrapper

    return decorate


class _NotCreated(Exception):
    """Rolls the claim back when the method answered without creating anything."""

    def __init__(self, response):
        super().__init__("not created")
        self.response = response


IDEMPOTENCY_KEY_PARAMETER = OpenApiParameter(
    API_KEY_HEADER,
    str,
    OpenApiParameter.HEADER,
    required=False,
    description="Any unique string (e.g. a UUID) chosen by the client for this complaint. "
    "Sending the same request again with the same key within 24 hours returns the first "
    "answer (201, same receipt code) and files nothing new; the same key with a different "
    "body is refused (409).",
)
