"""Making, reissuing, revoking, opening and answering client links.

Staff-side services take the organisation and an audit actor; the tenant app that calls them
checks the case and the policy first. The client-side ones (`link_open`, `link_answer`) take
only the token: they find the one organisation, case and purpose it was made for and act in
that organisation's schema, through the purpose's own services. A complaint's link (made by
`link_create_for_complaint`, for a purpose registered `for_complaint`) has no organisation:
its purpose acts in the public schema, where complaints live.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from django import forms
from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hub.core.audit import AuditActor
from hub.core.errors import Conflict, DomainError
from hub.core.outbox import domain_event_record
from hub.links.models import ClientLink
from hub.links.purposes import LinkPage, LinkPurpose, purpose_for
from hub.links.tokens import nonce_hash, nonce_matches, nonce_new, token_make, token_read
from hub.organisations.context import organisation_check, organisation_context
from hub.organisations.models import Organisation

# Who sends a complaint's link, as the client reads it: the network's public door.
NETWORK_NAME = gettext_lazy("Migrant Worker Complaint House")


def link_sender_name(link: ClientLink) -> str:
    """The organisation a link comes from, or the network for a complaint's link."""
    return link.organisation.name if link.organisation_id else str(NETWORK_NAME)


def _subject(link: ClientLink) -> tuple[str, int]:
    """What the link's trail entries are about: its case, or its complaint."""
    if link.complaint_id is not None:
        return "complaint", link.complaint_id
    return "case", link.case_id


class LinkUnavailable(DomainError):
    """The token opens nothing: unknown or tampered (404), or no longer usable (410)."""

    REASONS = ("unknown", "expired", "used", "revoked", "replaced")

    def __init__(self, reason: str, *, organisation_name: str = ""):
        messages = {
            "unknown": _(
                "This link is not valid. Check that you opened all of it, or ask the "
                "organisation that sent it for a new one."
            ),
            "expired": _("This link has expired. Ask the organisation that sent it for a new one."),
            "used": _("This link has already been answered; it works only once."),
            "revoked": _("The organisation has withdrawn this link."),
            "replaced": _("A newer link was sent in place of this one: use the newest one."),
        }
        super().__init__(messages[reason], code=f"link_{reason}")
        self.reason = reason
        self.status = 404 if reason == "unknown" else 410
        self.organisation_name = organisation_name


@dataclass(frozen=True)
class IssuedLink:
    """A link and its token: the token is never stored, so it is shown or sent now or never."""

    link: ClientLink
    token: str


@dataclass(frozen=True)
class OpenedLink:
    link: ClientLink
    purpose: LinkPurpose
    organisation_name: str
    page: LinkPage

    def form(self, data: Mapping | None = None) -> forms.Form:
        return self.purpose.answer_form(self.link, data)


def client_actor(link: ClientLink) -> AuditActor:
    """Who answered, as the trail says it: the client, through this link."""
    return AuditActor(label=f"client (link #{link.pk})")


def _issue(link: ClientLink) -> str:
    nonce = nonce_new()
    link.nonce_hash = nonce_hash(nonce)
    return token_make(link_id=link.pk, nonce=nonce, purpose=link.purpose)


@transaction.atomic
def link_create(
    *,
    organisation: Organisation,
    case_id: int,
    purpose: str,
    by: AuditActor,
    person_id: int | None = None,
    asked: Mapping | None = None,
    now: datetime | None = None,
) -> IssuedLink:
    """A new link for a case of `organisation` (whose schema must be the active one); the
    purpose checks what is asked and freezes it on the link."""
    organisation_check(organisation)
    spec = purpose_for(purpose)
    if spec.for_complaint:
        message = _("Unknown purpose for a link.")
        raise DomainError(message, fields={"purpose": [message]})
    if spec.needs_person and person_id is None:
        message = _("Choose the person the link is for.")
        raise DomainError(message, fields={"person_id": [message]})
    request = spec.prepare(case_id=case_id, person_id=person_id, asked=dict(asked or {}))
    return _link_new(
        spec,
        by,
        now,
        object_type="case",
        object_id=case_id,
        detail={"person": person_id if spec.needs_person else None},
        organisation=organisation,
        case_id=case_id,
        person_id=person_id if spec.needs_person else None,
        request=request,
    )


def _link_new(
    spec: LinkPurpose,
    by: AuditActor,
    now: datetime | None,
    *,
    object_type: str,
    object_id,
    detail: dict,
    **fields,
) -> IssuedLink:
    """Store a link with its first token and record `link.created` on what it is about."""
    now = now or timezone.now()
    link = ClientLink.objects.create(
        purpose=spec.code,
        nonce_hash="",
        created_by_label=by.label,
        created_by_user_id=by.user_id,
        expires_at=now + spec.expires_after,
        **fields,
    )
    token = _issue(link)
    link.save(update_fields=["nonce_hash"])
    domain_event_record(
        actor=by,
        name="link.created",
        object_type=object_type,
        object_id=object_id,
        detail={
            "link": link.pk,
            "purpose": spec.code,
            **detail,
            "expires_at": link.expires_at.isoformat(),
        },
    )
    return IssuedLink(link=link, token=token)


@transaction.atomic
def link_create_for_complaint(
    *,
    complaint_id: int,
    purpose: str,
    by: AuditActor,
    asked: Mapping | None = None,
    now: datetime | None = None,
) -> IssuedLink:
    """A new link about a complaint filed with the network (no organisation holds it yet, or
    it does not matter which): made and answered in the public schema."""
    spec = purpose_for(purpose)
    if not spec.for_complaint:
        message = _("Unknown purpose for a link.")
        raise DomainError(message, fields={"purpose": [message]})
    with organisation_context(None):
        request = spec.prepare(complaint_id=complaint_id, asked=dict(asked or {}))
        return _link_new(
            spec,
            by,
            now,
            object_type="complaint",
            object_id=complaint_id,
            detail={},
            complaint_id=complaint_id,
            request=request,
        )


def _locked(organisation: Organisation, link: ClientLink) -> ClientLink:
    organisation_check(organisation)
    if link.organisation_id != organisation.pk:
        raise WrongLinkOrganisation(link.pk)
    return ClientLink.objects.select_for_update().get(pk=link.pk)


class WrongLinkOrganisation(RuntimeError):
    """A link of one organisation handled for another: a bug, refused before writing."""


@transaction.atomic
def link_reissue(
    *, organisation: Organisation, link: ClientLink, by: AuditActor, now: datetime | None = None
) -> IssuedLink:
    """A new token for an unanswered link, valid for the purpose's full period again; the
    previous token stops working (staff can show or send a link again without the database
    ever holding one)."""
    link = _locked(organisation, link)
    if link.used_at is not None:
        raise Conflict(_("The client has already answered this link."))
    if link.revoked_at is not None:
        raise Conflict(_("This link was revoked; make a new one."))
    now = now or timezone.now()
    token = _issue(link)
    link.expires_at = now + purpose_for(link.purpose).expires_after
    link.save(update_fields=["nonce_hash", "expires_at"])
    domain_event_record(
        actor=by,
        name="link.reissued",
        object_type="case",
        object_id=link.case_id,
        detail={
            "link": link.pk,
            "purpose": link.purpose,
            "expires_at": link.expires_at.isoformat(),
        },
    )
    return IssuedLink(link=link, token=token)


@transaction.atomic
def link_revoke(*, organisation: Organisation, link: ClientLink, by: AuditActor) -> ClientLink:
    link = _locked(organisation, link)
    if link.used_at is not None:
        raise Conflict(_("The client has already answered this link."))
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.revoked_by_label = by.label
        link.save(update_fields=["revoked_at", "revoked_by_label"])
        domain_event_record(
            actor=by,
            name="link.revoked",
            object_type="case",
            object_id=link.case_id,
            detail={"link": link.pk, "purpose": link.purpose},
        )
    return link


@transaction.atomic
def link_review(
    *, organisation: Organisation, link: ClientLink, by: AuditActor, detail: dict | None = None
) -> ClientLink:
    """Staff have looked at the client's answer (and applied what they chose to)."""
    link = _locked(organisation, link)
    if link.used_at is None:
        raise Conflict(_("The client has not answered this link yet."))
    if link.reviewed_at is not None:
        raise Conflict(_("Someone has already reviewed this answer."))
    link.reviewed_at = timezone.now()
    link.reviewed_by_label = by.label
    link.save(update_fields=["reviewed_at", "reviewed_by_label"])
    domain_event_record(
        actor=by,
        name="link.reviewed",
        object_type="case",
        object_id=link.case_id,
        detail={"link": link.pk, "purpose": link.purpose, **(detail or {})},
    )
    return link


def _usable(link: ClientLink, nonce: str, now: datetime) -> None:
    name = link_sender_name(link)
    if link.used_at is not None:
        raise LinkUnavailable("used", organisation_name=name)
    if link.revoked_at is not None:
        raise LinkUnavailable("revoked", organisation_name=name)
    if not nonce_matches(nonce, link.nonce_hash):
        raise LinkUnavailable("replaced", organisation_name=name)
    if link.expires_at <= now:
        raise LinkUnavailable("expired", organisation_name=name)


def _resolve(token: str) -> tuple[ClientLink, str]:
    """The link a token was made for, and its nonce; refused alike when the signature fails,
    the link is gone, or the token was signed for another purpose than the link's."""
    content = token_read(token)
    if content is None:
        raise LinkUnavailable("unknown")
    link = ClientLink.objects.select_related("organisation").filter(pk=content.link_id).first()
    if link is None or link.purpose != content.purpose:
        raise LinkUnavailable("unknown")
    return link, content.nonce


def link_check(
    *, organisation: Organisation, link: ClientLink, token: str, now: datetime | None = None
) -> None:
    """Refuse unless `token` is the working token of this link (staff sending it again)."""
    found, nonce = _resolve(token)
    if found.pk != link.pk or found.organisation_id != organisation.pk:
        raise LinkUnavailable("unknown")
    _usable(found, nonce, now or timezone.now())


def link_open(*, token: str, now: datetime | None = None) -> OpenedLink:
    """What the client's page shows. Reads only; opening a link changes nothing."""
    link, nonce = _resolve(token)
    _usable(link, nonce, now or timezone.now())
    spec = purpose_for(link.purpose)
    # A complaint's link has no organisation: organisation_context(None) is the public schema.
    with organisation_context(link.organisation):
        page = spec.describe(link)
    return OpenedLink(link=link, purpose=spec, organisation_name=link_sender_name(link), page=page)


def link_answer(*, token: str, data: Mapping, now: datetime | None = None) -> ClientLink:
    """The client's answer: checked, applied by the purpose in the link's organisation, and
    the link marked used, in one transaction; a second answer is refused and changes nothing.
    A complaint's link is answered in the public schema (its organisation is None)."""
    link, nonce = _resolve(token)
    spec = purpose_for(link.purpose)
    with organisation_context(link.organisation), transaction.atomic():
        link = (
            ClientLink.objects.select_for_update(of=("self",))
            .select_related("organisation")
            .get(pk=link.pk)
        )
        now = now or timezone.now()
        _usable(link, nonce, now)
        form = spec.answer_form(link, data)
        if not form.is_valid():
            raise DomainError(
                _("Please check your answer."),
                fields={name: [str(e) for e in errors] for name, errors in form.errors.items()},
            )
        by = client_actor(link)
        result = spec.apply(link, form.cleaned_data, by)
        link.used_at = now
        link.outcome = result.outcome
        link.answer = result.answer
        link.needs_review = result.needs_review
        link.save(update_fields=["used_at", "outcome", "answer", "needs_review"])
        object_type, object_id = _subject(link)
        domain_event_record(
            actor=by,
            name="link.answered",
            object_type=object_type,
            object_id=object_id,
            detail={"link": link.pk, "purpose": link.purpose, "outcome": result.outcome},
        )
    return link


def link_email(
    *,
    organisation: Organisation,
    link: ClientLink,
    token: str,
    url: str,
    to: str,
    sender_name: str,
    by: AuditActor,
) -> None:
    """Send the link to an address staff typed, in Indonesian: who sends it, what it is for,
    until when it works. Only the link's working token can be sent."""
    organisation_check(organisation)
    link_check(organisation=organisation, link=link, token=token)
    spec = purpose_for(link.purpose)
    with translation.override("id"):
        expires = date_format(timezone.localtime(link.expires_at), "j F Y H:i")
        subject = _("%(organisation)s: a link for you") % {"organisation": organisation.name}
        body = "\n\n".join(
            [
                _("Hello,"),
                _("%(sender)s of %(organisation)s sends you this link, to %(purpose)s.")
                % {
                    "sender": sender_name,
                    "organisation": organisation.name,
                    "purpose": spec.for_client,
                },
                url,
                _(
                    "The link works until %(expires)s and only once. You need no account. "
                    "If you did not expect this message, you can ignore it."
                )
                % {"expires": expires},
                organisation.name,
            ]
        )
    EmailMessage(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        reply_to=[organisation.contact_email] if organisation.contact_email else None,
    ).send()
    with transaction.atomic():
        domain_event_record(
            actor=by,
            name="link.emailed",
            object_type="case",
            object_id=link.case_id,
            detail={"link": link.pk, "purpose": link.purpose, "to": to},
        )
