"""Client links of the services: the client reads the drafted service plan and agrees or
refuses it; the client reads the termination report, agrees (their signature) and says, in
their own words, what they thought of the services. The link is the authority: the answer is
recorded through this app's services, in the organisation's schema, once."""

from __future__ import annotations

from collections.abc import Mapping

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hub.core.audit import AuditActor
from hub.core.errors import DomainError
from hub.core.forms import PlainTextForm
from hub.links.models import ClientLink
from hub.links.purposes import LinkPage, LinkPurpose, LinkResult
from hub.links.services import LinkUnavailable
from hub.vocab.selectors import vocabulary_labels
from tenants.care.models import PlanState, ServicePlan, Termination
from tenants.care.plans import plan_agreement_by_link
from tenants.care.termination import termination_sign_by_link

PLAN = "plan_agreement"
TERMINATION = "termination"
MOST_EXPLANATION_CHARS = 2000
AGREE, REFUSE = "agree", "refuse"


def _explanation(asked: dict) -> str:
    explanation = asked.get("explanation") or ""
    if not isinstance(explanation, str) or len(explanation) > MOST_EXPLANATION_CHARS:
        message = _("The explanation is at most 2000 characters of text.")
        raise DomainError(message, fields={"explanation": [message]})
    return explanation.strip()


def _rows(link: ClientLink, rows: list[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    explanation = link.request.get("explanation")
    note = [(_("Note from the organisation"), explanation)] if explanation else []
    return tuple(note + rows)


class AnswerForm(PlainTextForm):
    answer = forms.ChoiceField(
        label=gettext_lazy("Your answer"),
        choices=[(AGREE, gettext_lazy("I agree")), (REFUSE, gettext_lazy("I do not agree"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=gettext_lazy("Anything you want to say (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


# The service plan


def _draft(case_id: int) -> ServicePlan:
    plan = (
        ServicePlan.objects.filter(case_id=case_id, state=PlanState.DRAFT)
        .prefetch_related("goals__steps")
        .first()
    )
    if plan is None or not plan.goals.exists():
        message = _("Draw up the plan with at least one goal before sending it to the client.")
        raise DomainError(message, code="plan_empty")
    return plan


def plan_prepare(*, case_id: int, person_id: int | None, asked: dict) -> dict:
    plan = _draft(case_id)
    return {"plan_id": plan.pk, "revision": plan.revision, "explanation": _explanation(asked)}


def _plan_of(link: ClientLink) -> ServicePlan:
    plan = (
        ServicePlan.objects.filter(pk=link.request["plan_id"], case_id=link.case_id)
        .prefetch_related("goals__steps")
        .first()
    )
    if plan is None or plan.state != PlanState.DRAFT:
        raise LinkUnavailable("replaced")  # the plan was answered or changed meanwhile
    return plan


def plan_describe(link: ClientLink) -> LinkPage:
    plan = _plan_of(link)
    rows = []
    for goal in plan.goals.all():
        steps = "; ".join(
            f"{s.who}: {s.what}" + (f" ({date_format(s.due_on, 'j F Y')})" if s.due_on else "")
            for s in goal.steps.all()
        )
        said = goal.description + (f". {steps}" if steps else "")
        if goal.barriers:
            said += " " + _("(barriers: %(barriers)s)") % {"barriers": goal.barriers}
        rows.append((str(goal.get_term_display()), said))
    return LinkPage(
        title=_("Your service plan"),
        intro=_(
            "This is the plan %(organisation)s drew up with you: what we aim for together and "
            "who does what. Do you agree to it? If you do not, say why: staff will talk with "
            "you and change it."
        )
        % {"organisation": link.organisation.name},
        rows=_rows(link, rows),
    )


def answer_form(link: ClientLink, data: Mapping | None) -> forms.Form:
    return AnswerForm(data)


def plan_apply(link: ClientLink, cleaned: dict, by: AuditActor) -> LinkResult:
    agreed = cleaned["answer"] == AGREE
    note = (cleaned.get("note") or "").strip()
    plan_agreement_by_link(
        case_id=link.case_id,
        plan_id=link.request["plan_id"],
        link_id=link.pk,
        agreed=agreed,
        note=note,
        by=by,
    )
    return LinkResult(
        outcome="agreed" if agreed else "refused",
        answer={"note": note},
        needs_review=not agreed or bool(note),
    )


def _summarise(link: ClientLink) -> str:
    said = _("Agreed") if link.outcome == "agreed" else _("Did not agree")
    if link.answer.get("note"):
        said += " · " + link.answer["note"][:200]
    if link.answer.get("satisfaction"):
        said += " · " + _("satisfaction %(n)s/5") % {"n": link.answer["satisfaction"]}
    return said


PLAN_PURPOSE = LinkPurpose(
    code=PLAN,
    label=gettext_lazy("Agreement to the service plan"),
    for_client=gettext_lazy("read your service plan and say whether you agree"),
    prepare=plan_prepare,
    describe=plan_describe,
    answer_form=answer_form,
    apply=plan_apply,
    summarise=_summarise,
)


# Termination


def _termination(case_id: int) -> Termination:
    termination = Termination.objects.filter(case_id=case_id).first()
    if termination is None:
        message = _("Write the termination report before sending it to the client.")
        raise DomainError(message, code="termination_missing")
    return termination


def termination_prepare(*, case_id: int, person_id: int | None, asked: dict) -> dict:
    termination = _termination(case_id)
    return {"version": termination.version, "explanation": _explanation(asked)}


def termination_describe(link: ClientLink) -> LinkPage:
    termination = Termination.objects.filter(case_id=link.case_id).first()
    if termination is None:
        raise LinkUnavailable("unknown")
    reasons = vocabulary_labels("termination_reason")
    return LinkPage(
        title=_("The end of our services"),
        intro=_(
            "%(organisation)s proposes to end its services to you, for the reason below. "
            "Do you agree? Tell us too what you thought of the help you received."
        )
        % {"organisation": link.organisation.name},
        rows=_rows(
            link,
            [
                (_("Reason"), reasons.get(termination.reason, termination.reason)),
                (_("What the services achieved"), termination.report),
            ],
        ),
    )


class TerminationAnswerForm(AnswerForm):
    satisfaction = forms.TypedChoiceField(
        label=gettext_lazy("How satisfied are you with the help? (1: not at all, 5: very)"),
        choices=[("", gettext_lazy("(I prefer not to say)"))]
        + [(str(n), str(n)) for n in range(1, 6)],
        coerce=int,
        empty_value=None,
        required=False,
    )


def termination_form(link: ClientLink, data: Mapping | None) -> forms.Form:
    return TerminationAnswerForm(data)


def termination_apply(link: ClientLink, cleaned: dict, by: AuditActor) -> LinkResult:
    agreed = cleaned["answer"] == AGREE
    note = (cleaned.get("note") or "").strip()
    satisfaction = cleaned.get("satisfaction")
    termination_sign_by_link(
        case_id=link.case_id,
        link_id=link.pk,
        agreed=agreed,
        feedback=note,
        satisfaction=satisfaction,
        by=by,
    )
    return LinkResult(
        outcome="agreed" if agreed else "refused",
        answer={"note": note, "satisfaction": satisfaction},
        needs_review=not agreed,
    )


TERMINATION_PURPOSE = LinkPurpose(
    code=TERMINATION,
    label=gettext_lazy("Termination: the client's signature and feedback"),
    for_client=gettext_lazy("read why our services end, agree, and tell us what you thought"),
    prepare=termination_prepare,
    describe=termination_describe,
    answer_form=termination_form,
    apply=termination_apply,
    summarise=_summarise,
)
