"""The contribution link: a paralegal without an account, or the worker, adds a note, an event
or an activity to a case through a link the owner sends; it waits for the owner's review
before it joins the record. The person reads nothing of the case but the staff's note."""

from __future__ import annotations

from collections.abc import Mapping

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hub.core.audit import AuditActor
from hub.core.errors import DomainError
from hub.links.models import ClientLink
from hub.links.purposes import LinkPage, LinkPurpose, LinkResult
from tenants.contributions.forms import LinkContributionForm
from tenants.contributions.models import Contribution, ContributionStatus, OriginKind
from tenants.contributions.services import ContributionInput, ContributionOrigin, contribution_add

CODE = "contribution"
SUBMITTED = "submitted"
MOST_EXPLANATION_CHARS = 2000


def prepare(*, case_id: int, person_id: int | None, asked: dict) -> dict:
    explanation = asked.get("explanation") or ""
    if not isinstance(explanation, str) or len(explanation) > MOST_EXPLANATION_CHARS:
        message = _("The explanation is at most 2000 characters of text.")
        raise DomainError(message, fields={"explanation": [message]})
    return {"explanation": explanation.strip()}


def describe(link: ClientLink) -> LinkPage:
    explanation = link.request.get("explanation")
    return LinkPage(
        title=_("Add information to a case"),
        intro=_(
            "%(organisation)s asks you to add what you know: a note, an event or an activity "
            "(for example a visit to the family). Staff read it before it joins the record."
        )
        % {"organisation": link.organisation.name},
        rows=((_("Note from the organisation"), explanation),) if explanation else (),
    )


def answer_form(link: ClientLink, data: Mapping | None) -> forms.Form:
    return LinkContributionForm(data)


def apply(link: ClientLink, cleaned: dict, by: AuditActor) -> LinkResult:
    contribution = contribution_add(
        owner=link.organisation,
        case_id=link.case_id,
        data=ContributionInput(
            kind=cleaned["kind"],
            body=cleaned["body"],
            occurred_on=cleaned.get("occurred_on"),
            place=cleaned.get("place") or "",
        ),
        origin=ContributionOrigin(
            kind=OriginKind.LINK,
            author_label=cleaned["author"],
            name=cleaned.get("relation") or "",
            link_id=link.pk,
        ),
        by=by,
    )
    # The review is the contribution's own (accept or reject on the case page), not the link's.
    return LinkResult(outcome=SUBMITTED, answer={"contribution": contribution.pk})


def summarise(link: ClientLink) -> str:
    contribution = Contribution.objects.filter(pk=link.answer.get("contribution")).first()
    if contribution is None:
        return ""
    said = {
        ContributionStatus.PENDING: _("waiting for review on the case page"),
        ContributionStatus.ACCEPTED: _("accepted"),
        ContributionStatus.REJECTED: _("rejected"),
    }[ContributionStatus(contribution.status)]
    return _("Contribution from %(author)s: %(state)s") % {
        "author": contribution.author_label,
        "state": said,
    }


PURPOSE = LinkPurpose(
    code=CODE,
    label=gettext_lazy("Contribution to the case"),
    for_client=gettext_lazy("add what you know about the case (a note, an event, an activity)"),
    prepare=prepare,
    describe=describe,
    answer_form=answer_form,
    apply=apply,
    summarise=summarise,
)
