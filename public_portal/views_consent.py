"""Withdrawing consent on the portal with the receipt code and the worker's PIN: a thin view
over hub.intake.consent_withdrawal; no JavaScript needed. A wrong PIN counts as a failed
lookup, like the receipt page's PIN form, so guessing ends in a 429."""

from __future__ import annotations

from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from hub.core.errors import DomainError, NotFound
from hub.intake.consent_withdrawal import (
    PortalConsent,
    complaint_consent_now,
    complaint_consent_withdraw,
)
from hub.intake.pin import WrongPin
from hub.throttle import ratelimit
from public_portal.forms_consent import ConsentWithdrawForm
from public_portal.views_receipt import _not_found, _pin_throttled

DONE = "ditarik"


def _page(request, consent: PortalConsent, form: ConsentWithdrawForm | None = None, **kw):
    context = {
        "consent": consent,
        "form": form or ConsentWithdrawForm(allowed=consent.purposes),
        "done": request.GET.get(DONE) == "1",
    }
    return render(request, "public_portal/consent_withdraw.html", context, **kw)


@ratelimit.rate_limited("lookup", refuse=_pin_throttled, failures_only=True)
@require_http_methods(["GET", "POST"])
def consent_withdraw(request, receipt_code: str):
    consent = complaint_consent_now(receipt_code=receipt_code)
    if consent is None:
        return _not_found(request)
    if request.method != "POST":
        return _page(request, consent)
    form = ConsentWithdrawForm(request.POST, allowed=consent.purposes)
    if not consent.pin_set or not consent.purposes:
        return _page(request, consent, status=409)
    if not form.is_valid():
        return _page(request, consent, form, status=400)
    try:
        complaint_consent_withdraw(
            receipt_code=consent.receipt_code,
            pin=form.cleaned_data["pin"],
            purposes=form.cleaned_data["purposes"],
        )
    except NotFound:
        return _not_found(request)
    except DomainError as exc:
        form.add_error("pin" if isinstance(exc, WrongPin) else None, exc.message)
        response = _page(request, consent, form, status=exc.status)
        return ratelimit.failed(response) if isinstance(exc, WrongPin) else response
    path = reverse("portal:consent-withdraw", kwargs={"receipt_code": consent.receipt_code})
    return HttpResponseRedirect(f"{path}?{DONE}=1")
