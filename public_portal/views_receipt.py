"""The receipt page with the worker's PIN, and the page for a lost receipt code: thin views
over hub.intake's pin and recovery services; no JavaScript needed."""

from __future__ import annotations

from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from hub.core.errors import DomainError
from hub.core.ids import normalise_receipt_code
from hub.intake.pin import WrongPin, complaint_pin_set, pin_throttled_message
from hub.intake.recovery import complaint_codes_request
from hub.intake.selectors import PublicStatus, complaint_public_status
from hub.throttle import ratelimit
from public_portal.forms_receipt import LostCodeForm, PinForm


def _waits(response, retry_after: int):
    response["Retry-After"] = str(retry_after)
    return response


def _lookup_throttled(request, scope: str, retry_after: int):
    context = {"throttled": ratelimit.message(scope, retry_after)}
    return _waits(render(request, "public_portal/status.html", context, status=429), retry_after)


def _pin_throttled(request, scope: str, retry_after: int):
    context = {"throttled": pin_throttled_message(retry_after)}
    return _waits(render(request, "public_portal/status.html", context, status=429), retry_after)


def _not_found(request):
    return render(request, "public_portal/status.html", {"not_found": True}, status=404)


def _receipt_page(request, public_status: PublicStatus, form: PinForm | None = None, **kw):
    context = {
        "status": public_status,
        "pin_form": form or PinForm(changing=bool(public_status.pin_set_on)),
        "pin_saved": request.GET.get("pin") == "saved",
    }
    return render(request, "public_portal/receipt.html", context, **kw)


def _public_status(receipt_code: str) -> PublicStatus | None:
    code = normalise_receipt_code(receipt_code)
    return complaint_public_status(receipt_code=code) if code else None


@ratelimit.rate_limited("lookup", refuse=_lookup_throttled, failures_only=True)
def receipt(request, receipt_code: str):
    public_status = _public_status(receipt_code)
    if public_status is None:
        return _not_found(request)
    return _receipt_page(request, public_status)


@ratelimit.rate_limited("lookup", refuse=_pin_throttled, failures_only=True, methods=("POST",))
@require_POST
def receipt_pin(request, receipt_code: str):
    """Set the PIN, or change it with the current one; a wrong current PIN counts as a failed
    guess (like an unknown code), so guessing ends in a 429."""
    public_status = _public_status(receipt_code)
    if public_status is None:
        return _not_found(request)
    form = PinForm(request.POST, changing=bool(public_status.pin_set_on))
    if form.is_valid():
        try:
            complaint_pin_set(
                receipt_code=public_status.receipt_code,
                pin=form.cleaned_data["pin"],
                current_pin=form.cleaned_data.get("current_pin", ""),
            )
        except DomainError as exc:
            for name, said in exc.fields.items():
                for message in said:
                    form.add_error(name if name in form.fields else None, message)
            response = _receipt_page(request, public_status, form, status=400)
            return ratelimit.failed(response) if isinstance(exc, WrongPin) else response
        path = reverse("portal:receipt", kwargs={"receipt_code": public_status.receipt_code})
        return HttpResponseRedirect(f"{path}?pin=saved#pin")
    return _receipt_page(request, public_status, form, status=400)


def _recover_throttled(request, scope: str, retry_after: int):
    context = {
        "form": LostCodeForm(request.POST),
        "throttled": ratelimit.message(scope, retry_after),
    }
    return _waits(render(request, "public_portal/lost_code.html", context, status=429), retry_after)


@ratelimit.rate_limited("recover", refuse=_recover_throttled, methods=("POST",))
@require_http_methods(["GET", "POST"])
def lost_code(request):
    """Always the same answer once the e-mail is well formed: known or not, nothing shows."""
    form = LostCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        complaint_codes_request(email=form.cleaned_data["email"])
        return render(
            request, "public_portal/lost_code.html", {"form": LostCodeForm(), "sent": True}
        )
    status = 400 if request.method == "POST" else 200
    return render(request, "public_portal/lost_code.html", {"form": form}, status=status)
