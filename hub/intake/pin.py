"""The worker's PIN: set once on the receipt page, changed only with the current one, and
checked with the receipt code before the worker may act on their complaint from the portal
(withdrawing consent). Kept hashed like a password; never shown, never sent."""

from __future__ import annotations

import itertools
import math
import re

from django.contrib.auth import hashers
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from hub.core.audit import AuditActor
from hub.core.errors import DomainError, NotFound
from hub.core.ids import normalise_receipt_code
from hub.core.outbox import domain_event_record
from hub.intake.models import Complaint
from hub.organisations.context import organisation_context

PIN_PATTERN = re.compile(r"[0-9]{4,8}")  # ASCII digits only; used with fullmatch
PORTAL = AuditActor(label="portal")


class WrongPin(DomainError):
    """The current PIN given does not match: counted by callers as a failed guess."""

    status = 400
    code = "pin_wrong"


def pin_trivial(pin: str) -> bool:
    """Easy to guess: one digit repeated (0000), a run up or down (1234, 9876), or a shorter
    block repeated (1212, 123123)."""
    digits = [int(c) for c in pin]
    steps = {b - a for a, b in itertools.pairwise(digits)}
    if steps <= {0} or steps == {1} or steps == {-1}:
        return True
    return any(
        len(pin) % size == 0 and pin == pin[:size] * (len(pin) // size)
        for size in range(1, len(pin) // 2 + 1)
    )


def pin_problem(pin: str) -> str | None:
    """What is wrong with a new PIN, in words for the worker; None when it will do."""
    if not isinstance(pin, str) or not PIN_PATTERN.fullmatch(pin):
        return _("A PIN is 4 to 8 digits (numbers only).")
    if pin_trivial(pin):
        return _(
            "This PIN is too easy to guess (like 0000, 1234 or 1212). Choose digits that do "
            "not repeat or run in order."
        )
    return None


def pin_throttled_message(retry_after: int) -> str:
    minutes = max(1, math.ceil(retry_after / 60))
    return ngettext(
        "Too many wrong receipt codes or PINs were tried from your network. "
        "Please wait about %(minutes)d minute and try again.",
        "Too many wrong receipt codes or PINs were tried from your network. "
        "Please wait about %(minutes)d minutes and try again.",
        minutes,
    ) % {"minutes": minutes}


def _found(receipt_code: str, *, lock: bool = False) -> Complaint | None:
    code = normalise_receipt_code(receipt_code or "")
    if not code:
        return None
    complaints = Complaint.objects.select_for_update() if lock else Complaint.objects
    return complaints.filter(receipt_code=code).first()


def _matches(complaint: Complaint | None, pin: str) -> bool:
    if complaint is None or not complaint.pin_hash or not isinstance(pin, str) or not pin:
        hashers.make_password(pin or "")  # the same work whether or not there is a PIN
        return False
    return hashers.check_password(pin, complaint.pin_hash)


@transaction.atomic
def complaint_pin_set(*, receipt_code: str, pin: str, current_pin: str = "") -> Complaint:
    """Set the complaint's PIN; once one is set, only with the current PIN (WrongPin
    otherwise). An unknown code is NotFound; a PIN that will not do, a DomainError on `pin`."""
    complaint = _found(receipt_code, lock=True)
    if complaint is None:
        raise NotFound(_("We found no complaint with this receipt code."))
    changing = bool(complaint.pin_hash)
    if changing and not _matches(complaint, current_pin):
        message = _("This is not the current PIN.")
        raise WrongPin(message, fields={"current_pin": [message]})
    problem = pin_problem(pin)
    if problem:
        raise DomainError(problem, fields={"pin": [problem]})
    if changing and _matches(complaint, pin):
        message = _("The new PIN is the same as the current one.")
        raise DomainError(message, fields={"pin": [message]})
    complaint.pin_hash = hashers.make_password(pin)
    complaint.pin_set_at = timezone.now()
    complaint.save(update_fields=["pin_hash", "pin_set_at", "updated_at"])
    with organisation_context(None):
        domain_event_record(
            actor=PORTAL,
            name="complaint.pin_changed" if changing else "complaint.pin_set",
            object_type="complaint",
            object_id=complaint.receipt_code,
        )
    return complaint


def complaint_pin_check(*, receipt_code: str, pin: str) -> Complaint | None:
    """The complaint, when `pin` is its PIN; None for an unknown code, a complaint without a
    PIN, or a wrong PIN alike (a guesser learns nothing from which). Callers count a None as
    a failed guess against the "lookup" rate limit (hub.throttle.ratelimit.failed), so that
    guessing gets a 429."""
    complaint = _found(receipt_code)
    return complaint if _matches(complaint, pin) else None
