"""A lost receipt code: the worker gives the e-mail they filed with, and the codes of the
complaints filed with it are e-mailed there, after commit, in a task. The asker is told the
same thing whether or not the address is known (nothing to learn from the answer)."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from hub.celery import app
from hub.core.audit import AuditActor
from hub.core.outbox import domain_event_record
from hub.intake.models import Complaint
from hub.intake.rules import reply_language
from hub.links.services import NETWORK_NAME
from hub.organisations.context import organisation_context

SEND_TASK = "intake.codes_send"
MOST_CODES = 20  # the newest; a paralegal who filed more can ask the organisations
PORTAL = AuditActor(label="portal")


def complaint_codes_request(*, email: str) -> None:
    """Send the receipt codes filed with `email` to it, once the request commits; the same
    work for a known and an unknown address (the lookup happens in the task)."""
    email = (email or "").strip()
    if email:
        transaction.on_commit(lambda: complaint_codes_send_task.delay(email))


@transaction.atomic
def complaint_codes_send(*, email: str) -> int:
    """E-mail the codes (with their status links) of the complaints filed with `email`;
    returns how many, 0 when none (and nothing is sent)."""
    with organisation_context(None):
        complaints = list(
            Complaint.objects.filter(contact_email__iexact=email.strip())
            .order_by("-submitted_at")
            .only("receipt_code", "submitted_at", "language")[:MOST_CODES]
        )
        if not complaints:
            return 0
        site = settings.HUB_SITE_URL.rstrip("/")
        with translation.override(reply_language(complaints[0].language)):
            lines = [
                _("%(code)s, filed on %(date)s: %(url)s")
                % {
                    "code": c.receipt_code,
                    "date": date_format(timezone.localtime(c.submitted_at), "j F Y"),
                    "url": site + reverse("portal:status", args=[c.receipt_code]),
                }
                for c in complaints
            ]
            subject = _("Your receipt codes")
            body = "\n\n".join(
                [
                    _("Hello,"),
                    _(
                        "Someone asked for the receipt codes of the complaints filed with this "
                        "e-mail address. Here they are, with the page that shows each one's "
                        "status:"
                    ),
                    "\n".join(lines),
                    _("If you did not ask for this, you can ignore this message."),
                    str(NETWORK_NAME),
                ]
            )
        for complaint in complaints:
            domain_event_record(
                actor=PORTAL,
                name="complaint.codes_sent",
                object_type="complaint",
                object_id=complaint.receipt_code,
            )
        EmailMessage(
            subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=[email]
        ).send()
    return len(complaints)


@app.task(name=SEND_TASK)
def complaint_codes_send_task(email: str) -> int:
    return complaint_codes_send(email=email)
