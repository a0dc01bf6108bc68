"""The complaint's verification link: sent after filing to the e-mail given (the worker's or
a paralegal's), it shows what the network received and the worker confirms it or says what is
wrong. Unconfirmed complaints are handled all the same, just marked; a correction waits on the
link (needs review) and the organisation's inbox shows it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import timedelta

from django import forms
from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hub.celery import app
from hub.core.audit import AuditActor
from hub.core.errors import DomainError
from hub.core.forms import PlainTextForm
from hub.core.models import OutboxEvent
from hub.core.outbox import domain_event_record
from hub.intake.countries import DESTINATION_COUNTRIES
from hub.intake.models import Complaint, ContactChannel
from hub.intake.rules import reply_language
from hub.links.models import ClientLink
from hub.links.purposes import LinkPage, LinkPurpose, LinkResult
from hub.links.services import NETWORK_NAME, LinkUnavailable, link_create_for_complaint
from hub.organisations.context import organisation_context
from hub.vocab.selectors import term_labels

CODE = "complaint_verification"
SEND_TASK = "intake.verification_send"
NARRATIVE_SHOWN = 200  # the story's beginning only: enough to recognise it
MOST_CORRECTION_CHARS = 2000
CORRECT, WRONG = "correct", "wrong"
PORTAL = AuditActor(label="portal")


def _complaint(link: ClientLink) -> Complaint:
    complaint = Complaint.objects.filter(pk=link.complaint_id).first()
    if complaint is None:
        raise LinkUnavailable("unknown")
    return complaint


def _event(complaint: Complaint, name: str, actor: AuditActor, **detail) -> None:
    with organisation_context(None):
        domain_event_record(
            actor=actor,
            name=name,
            object_type="complaint",
            object_id=complaint.receipt_code,
            detail=detail,
        )


def prepare(*, complaint_id: int, asked: dict) -> dict:
    """Nothing to ask but the complaint itself, which must have an e-mail to send it to."""
    complaint = Complaint.objects.filter(pk=complaint_id).first()
    if complaint is None or not complaint.contact_email:
        message = _("The complaint has no e-mail address to send the link to.")
        raise DomainError(message, fields={"complaint": [message]})
    return {}


def _day(value) -> str:
    return date_format(value, "j F Y") if value else ""


def _rows(complaint: Complaint) -> list[tuple[str, str]]:
    """What the worker gave, as they read it back: no narrative beyond its beginning."""
    countries = dict(DESTINATION_COUNTRIES)
    channel = str(ContactChannel(complaint.contact_channel).label)
    filer = ", ".join(p for p in (complaint.filer_name, complaint.filer_relation) if p)
    when = _day(complaint.happened_from)
    if complaint.happened_until:
        when = _("%(start)s to %(end)s") % {
            "start": when or "?",
            "end": _day(complaint.happened_until),
        }
    story = complaint.narrative.strip()
    if len(story) > NARRATIVE_SHOWN:
        story = story[:NARRATIVE_SHOWN].rstrip() + " …"
    rows = [
        (_("Name"), complaint.reporter_name),
        (_("Filed by"), filer),
        (_("How to reach you"), channel),
        (_("Phone or WhatsApp"), complaint.contact_phone),
        (_("E-mail"), complaint.contact_email),
        (
            _("Country of work"),
            str(countries.get(complaint.country_of_work, complaint.country_of_work)),
        ),
        (_("City"), complaint.work_city),
        (_("Employer"), complaint.employer_name),
        (_("Placement agency"), complaint.agency_name),
        (_("What happened"), ", ".join(term_labels(list(complaint.issue_types)))),
        (_("When it happened"), when),
        (_("Your story (its beginning)"), story),
        (_("Filed on"), _day(timezone.localtime(complaint.submitted_at))),
    ]
    return [(label, value) for label, value in rows if value]


def describe(link: ClientLink) -> LinkPage:
    complaint = _complaint(link)
    return LinkPage(
        title=_("Check the complaint you sent"),
        intro=_(
            "This is what the network received with complaint %(code)s. Is it correct? If "
            "something is wrong, say what below. Your complaint is handled either way."
        )
        % {"code": complaint.receipt_code},
        rows=tuple(_rows(complaint)),
    )


class VerificationAnswerForm(PlainTextForm):
    verdict = forms.ChoiceField(
        label=gettext_lazy("Is this data correct?"),
        choices=[
            (CORRECT, gettext_lazy("Yes, this data is correct")),
            (WRONG, gettext_lazy("Something is wrong")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Choose one answer.")},
    )
    correction = forms.CharField(
        label=gettext_lazy("What is wrong, and what is right? (only if something is wrong)"),
        max_length=MOST_CORRECTION_CHARS,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def clean(self):
        cleaned = super().clean()
        correction = (cleaned.get("correction") or "").strip()
        if cleaned.get("verdict") == WRONG and not correction:
            self.add_error("correction", _("Write what is wrong and what is right."))
        if cleaned.get("verdict") == CORRECT and correction:
            self.add_error(
                "correction",
                _(
                    "You said the data is correct but wrote a correction: "
                    "choose “Something is wrong”."
                ),
            )
        return cleaned


def answer_form(link: ClientLink, data: Mapping | None) -> forms.Form:
    return VerificationAnswerForm(data)


def apply(link: ClientLink, cleaned: dict, by: AuditActor) -> LinkResult:
    """Confirmed: the complaint is marked verified. Wrong: nothing changes; the correction
    waits on the link for the organisation that handles the complaint."""
    complaint = Complaint.objects.select_for_update().filter(pk=link.complaint_id).first()
    if complaint is None:
        raise LinkUnavailable("unknown")
    if cleaned["verdict"] == CORRECT:
        if complaint.verified_at is None:
            complaint.verified_at = timezone.now()
            complaint.save(update_fields=["verified_at", "updated_at"])
        _event(complaint, "complaint.verified", by, link=link.pk)
        return LinkResult(outcome="confirmed")
    correction = cleaned["correction"].strip()
    _event(complaint, "complaint.correction_received", by, link=link.pk)
    return LinkResult(outcome="corrected", answer={"correction": correction}, needs_review=True)


def summarise(link: ClientLink) -> str:
    if link.outcome == "corrected":
        return _("Correction: %(text)s") % {"text": link.answer.get("correction", "")}
    return _("Confirmed: the data are correct")


PURPOSE = LinkPurpose(
    code=CODE,
    label=gettext_lazy("Complaint data verification"),
    for_client=gettext_lazy("check the data of the complaint you sent, and say if it is right"),
    prepare=prepare,
    describe=describe,
    answer_form=answer_form,
    apply=apply,
    summarise=summarise,
    expires_after=timedelta(days=30),  # workers abroad may read their e-mail seldom
    for_complaint=True,
)


@transaction.atomic
def complaint_verification_send(*, receipt_code: str) -> bool:
    """Make the complaint's verification link and e-mail it to the address given; False when
    there is nothing to send (no e-mail, "do not contact me", already sent or confirmed).
    Idempotent: a complaint gets one verification link."""
    with organisation_context(None):
        complaint = Complaint.objects.select_for_update().filter(receipt_code=receipt_code).first()
        if (
            complaint is None
            or not complaint.contact_email
            or complaint.contact_channel == ContactChannel.NONE
            or complaint.verified_at is not None
            or ClientLink.objects.filter(complaint_id=complaint.pk, purpose=CODE).exists()
        ):
            return False
        issued = link_create_for_complaint(complaint_id=complaint.pk, purpose=CODE, by=PORTAL)
        url = settings.HUB_SITE_URL.rstrip("/") + reverse(
            "portal:link", kwargs={"token": issued.token}
        )
        with translation.override(reply_language(complaint.language)):
            expires = date_format(timezone.localtime(issued.link.expires_at), "j F Y")
            subject = _("Your complaint %(code)s: please check your data") % {
                "code": complaint.receipt_code
            }
            body = "\n\n".join(
                [
                    _("Hello,"),
                    _(
                        "The network received complaint %(code)s with this e-mail address. "
                        "Please open this link to check that the data we received is correct:"
                    )
                    % {"code": complaint.receipt_code},
                    url,
                    _(
                        "The link works until %(expires)s and only once. You need no account. "
                        "Your complaint is handled even if you do not answer."
                    )
                    % {"expires": expires},
                    _("If you did not send this complaint, you can ignore this message."),
                    str(NETWORK_NAME),
                ]
            )
        _event(complaint, "complaint.verification_sent", PORTAL, link=issued.link.pk)
        EmailMessage(
            subject=subject,
            body=body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[complaint.contact_email],
        ).send()
    return True


@app.task(name=SEND_TASK)
def complaint_verification_send_task(receipt_code: str) -> bool:
    return complaint_verification_send(receipt_code=receipt_code)


def complaints_submitted_verify(events: Sequence[OutboxEvent]) -> None:
    """Outbox handler for "complaint.submitted": each new complaint's verification mail goes
    out in a task of its own after the dispatch commits (a failing mail delays nothing else)."""
    for event in events:
        if event.name == "complaint.submitted":
            code = event.object_id
            transaction.on_commit(lambda code=code: complaint_verification_send_task.delay(code))


def complaint_corrections(*, complaint_ids: Iterable[int]) -> dict[int, str]:
    """The corrections workers sent through their verification links, by complaint (one query;
    for the inbox)."""
    answered = ClientLink.objects.filter(
        complaint_id__in=list(complaint_ids),
        purpose=CODE,
        used_at__isnull=False,
        needs_review=True,
    ).values_list("complaint_id", "answer")
    return {complaint_id: answer.get("correction", "") for complaint_id, answer in answered}
