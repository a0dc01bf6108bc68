"""Portal pages: thin views over hub services and selectors; no JavaScript needed."""

from __future__ import annotations

from django.shortcuts import redirect, render

from hub.core.ids import normalise_receipt_code
from hub.intake.selectors import complaint_public_status
from hub.organisations.selectors import organisation_directory
from hub.rights.selectors import rights_topics
from hub.throttle import ratelimit


def home(request):
    return render(
        request,
        "public_portal/home.html",
        {"organisations": organisation_directory(), "topics": rights_topics()},
    )


def _lookup_throttled(request, scope: str, retry_after: int):
    context = {"throttled": ratelimit.message(scope, retry_after)}
    response = render(request, "public_portal/status.html", context, status=429)
    response["Retry-After"] = str(retry_after)
    return response


@ratelimit.rate_limited("lookup", refuse=_lookup_throttled, failures_only=True)
def status_lookup(request):
    raw = request.GET.get("code", "")
    code = normalise_receipt_code(raw)
    if code:
        return redirect("portal:status", receipt_code=code)
    return render(
        request,
        "public_portal/status.html",
        {"not_found": bool(raw), "query": raw[:20]},
        status=404 if raw else 200,
    )


@ratelimit.rate_limited("lookup", refuse=_lookup_throttled, failures_only=True)
def status(request, receipt_code: str):
    code = normalise_receipt_code(receipt_code)
    public_status = complaint_public_status(receipt_code=code) if code else None
    return render(
        request,
        "public_portal/status.html",
        {"status": public_status, "not_found": public_status is None, "query": receipt_code[:20]},
        status=200 if public_status else 404,
    )
