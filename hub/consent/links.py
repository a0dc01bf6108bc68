"""The consent link: the client reads what the organisation asks, purpose by purpose, and
agrees or refuses each; the answer becomes the case's consent record (source: link)."""

from __future__ import annotations

from collections.abc import Mapping

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hub.consent.models import ConsentSource, Purpose
from hub.consent.services import consent_record_for_case, share_with_clean
from hub.core.audit import AuditActor
from hub.core.errors import DomainError
from hub.core.fields import validate_plain_text
from hub.core.forms import PlainTextForm
from hub.links.purposes import LinkPage, LinkPurpose, LinkResult
from hub.organisations.models import Organisation

CODE = "consent"
MOST_EXPLANATION_CHARS = 4000
AGREE, REFUSE = "agree", "refuse"

# What each purpose means, in the words the client reads.
MEANING = {
    Purpose.CONTACT: gettext_lazy(
        "The organisation may contact you about your case (by phone, message or e-mail)."
    ),
    Purpose.SHARE: gettext_lazy(
        "Your case may be shared with other member organisations of the network, to help you."
    ),
    Purpose.REFER: gettext_lazy(
        "Your case may be referred to government agencies (e.g. BP2MI, the police, the "
        "labour office)."
    ),
    Purpose.STATISTICS: gettext_lazy(
        "Your case may be counted, without your name or anything that identifies you, in the "
        "network's statistics."
    ),
}


def _refuse(field: str, message: str):
    raise DomainError(message, fields={field: [message]})


def prepare(*, case_id: int, person_id: int | None, asked: dict) -> dict:
    purposes = asked.get("purposes") or []
    if isinstance(purposes, str) or not all(isinstance(p, str) for p in purposes):
        _refuse("purposes", _("Choose what the client is asked to agree to."))
    if not purposes or set(purposes) - set(Purpose.values):
        _refuse("purposes", _("Choose what the client is asked to agree to."))
    explanation = asked.get("explanation") or ""
    if not isinstance(explanation, str) or len(explanation) > MOST_EXPLANATION_CHARS:
        _refuse("explanation", _("The explanation is at most 4000 characters of text."))
    try:
        validate_plain_text(explanation)
    except ValidationError as exc:
        _refuse("explanation", " ".join(exc.messages))
    ordered = [p for p in Purpose.values if p in purposes]
    # Sharing only with named members (none named: any member), when sharing is asked.
    share_with = share_with_clean(asked.get("share_with") or []) if Purpose.SHARE in ordered else []
    request = {"purposes": ordered, "explanation": explanation.strip()}
    return request | ({"share_with": share_with} if share_with else {})


def describe(link) -> LinkPage:
    return LinkPage(
        title=_("Your consent"),
        intro=_(
            "%(organisation)s asks for your consent. Read what each point means and choose "
            "to agree or to refuse: each is your choice, and you can withdraw it later."
        )
        % {"organisation": link.organisation.name},
        rows=tuple(
            (label, text)
            for label, text in [
                (_("Explanation"), link.request.get("explanation")),
                (_("Sharing only with"), _member_names(link.request.get("share_with") or [])),
            ]
            if text
        ),
    )


def _member_names(slugs: list[str]) -> str:
    names = dict(Organisation.objects.filter(slug__in=slugs).values_list("slug", "name"))
    return ", ".join(names.get(slug, slug) for slug in slugs)


class ConsentAnswerForm(PlainTextForm):
    def __init__(self, *args, purposes=(), **kwargs):
        super().__init__(*args, **kwargs)
        for purpose in purposes:
            self.fields[purpose] = forms.ChoiceField(
                label=MEANING[Purpose(purpose)],
                choices=[(AGREE, _("I agree")), (REFUSE, _("I refuse"))],
                widget=forms.RadioSelect,
                error_messages={"required": _("Choose to agree or to refuse.")},
            )


def answer_form(link, data: Mapping | None) -> forms.Form:
    return ConsentAnswerForm(data, purposes=link.request.get("purposes", ()))


def apply(link, cleaned: dict, by: AuditActor) -> LinkResult:
    answers = {purpose: cleaned[purpose] == AGREE for purpose in link.request["purposes"]}
    record = consent_record_for_case(
        organisation=link.organisation,
        case_id=link.case_id,
        answers=answers,
        source=ConsentSource.LINK,
        by=by,
        share_with=link.request.get("share_with") or [] if Purpose.SHARE in answers else None,
        link_id=link.pk,
    )
    if all(answers.values()):
        outcome = "agreed"
    elif not any(answers.values()):
        outcome = "refused"
    else:
        outcome = "mixed"
    return LinkResult(outcome=outcome, answer={"answers": answers, "consent": record.pk})


def summarise(link) -> str:
    answers = link.answer.get("answers", {})
    return "; ".join(
        f"{Purpose(purpose).label}: {_('agreed') if agreed else _('refused')}"
        for purpose, agreed in answers.items()
    )


PURPOSE = LinkPurpose(
    code=CODE,
    label=gettext_lazy("Informed consent"),
    for_client=gettext_lazy("read what we ask your consent for, and agree or refuse"),
    prepare=prepare,
    describe=describe,
    answer_form=answer_form,
    apply=apply,
    summarise=summarise,
)
