"""What accepting a complaint brings into the organisation besides the cases: the worker's
attachments as documents of the filer's case, and a consent link for each listed worker of a
group complaint who gave an e-mail (sent only once the acceptance is committed).

Both run inside the acceptance's transaction (tenants.cases.registration): if either fails,
nothing of the acceptance is written and the complaint stays in the inbox."""

from __future__ import annotations

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from hub.accounts.access import Actor
from hub.consent.links import CODE as CONSENT
from hub.consent.models import Purpose
from hub.core.errors import DomainError
from hub.intake.models import Complaint, ComplaintAttachment, ComplaintMember
from hub.intake.rules import reply_language
from hub.organisations.context import organisation_context
from tenants.cases.models import Case
from tenants.clientlinks.services import case_link_create, case_link_email
from tenants.documents.models import Document
from tenants.documents.services import document_upload


def complaint_attachments_to_case(
    *, actor: Actor, complaint: Complaint, case: Case
) -> list[Document]:
    """Each photo or PDF the worker attached becomes a document of the case, through the
    documents' own upload (checked by content again, stored in the organisation's folder),
    titled so staff see where it came from."""
    documents = []
    for attachment in ComplaintAttachment.objects.filter(complaint=complaint).order_by("id"):
        name = attachment.original_name or _("attachment %(number)s") % {"number": attachment.pk}
        try:
            stored = attachment.file.open("rb")
        except (FileNotFoundError, ValueError):
            raise DomainError(
                _(
                    "The complaint's attachment %(name)s cannot be found in storage; nothing "
                    "was accepted. Ask the administrator to check the stored files."
                )
                % {"name": name}
            ) from None
        try:
            documents.append(
                document_upload(
                    actor=actor,
                    case_id=case.pk,
                    file=File(stored, name=name),
                    title=_("Complaint attachment: %(name)s") % {"name": name},
                )
            )
        finally:
            stored.close()
    return documents


def _explanation(complaint: Complaint, organisation_name: str) -> str:
    """Why a worker who filed nothing gets this link: another worker (or a paralegal) listed
    them. The filer's name and the receipt code are not said: they are the filer's."""
    where = complaint.employer_name or complaint.agency_name
    parts = [
        _(
            "You were listed as one of the workers in a group complaint about %(where)s, "
            "filed with the migrant workers' network."
        )
        % {"where": where}
        if where
        else _(
            "You were listed as one of the workers in a group complaint filed with the "
            "migrant workers' network."
        ),
        _(
            "%(organisation)s accepted the complaint and opened a case for you. Nothing about "
            "you is shared with other organisations, referred to government agencies or "
            "counted in statistics until you answer here, and the organisation contacts you "
            "only if you agree."
        )
        % {"organisation": organisation_name},
    ]
    return " ".join(parts)


def member_consent_link_send(
    *, actor: Actor, complaint: Complaint, member: ComplaintMember, case: Case
) -> None:
    """A consent link (all four purposes) for the member's case, e-mailed to the member after
    the acceptance commits; a failed e-mail is logged, and staff send the link again from the
    case's client links page (the case page shows that consent is not given yet)."""
    organisation = actor.organisation
    with translation.override(reply_language(complaint.language)):
        explanation = _explanation(complaint, organisation.name)
    issued = case_link_create(
        actor=actor,
        case_id=case.pk,
        purpose=CONSENT,
        asked={"purposes": list(Purpose.values), "explanation": explanation},
    )
    url = settings.HUB_SITE_URL.rstrip("/") + reverse("portal:link", kwargs={"token": issued.token})
    address = member.contact_email

    def send() -> None:
        with organisation_context(organisation):
            case_link_email(
                actor=actor,
                case_id=case.pk,
                link_id=issued.link.pk,
                token=issued.token,
                url=url,
                to=address,
            )

    transaction.on_commit(send, robust=True)
