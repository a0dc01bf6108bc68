"""The verification link (seed 002): the client sees what the organisation recorded about them
and confirms it or corrects it field by field. Corrections are never applied silently: they
wait on the link for staff, who apply the ones they accept through `person_update`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from django import forms
from django.core.validators import RegexValidator
from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hub.accounts import policy
from hub.accounts.access import Actor
from hub.accounts.policy import Action
from hub.core.audit import AuditActor
from hub.core.errors import Conflict, DomainError
from hub.core.fields import validate_plain_text
from hub.core.forms import PlainTextForm
from hub.links.models import ClientLink
from hub.links.purposes import LinkPage, LinkPurpose, LinkResult
from hub.links.selectors import link_of_case
from hub.links.services import LinkUnavailable, link_review
from tenants.cases.models import CasePerson, PersonRole
from tenants.cases.selectors import case_for_actor, case_subject
from tenants.people.models import Gender, Person
from tenants.people.services import person_update

CODE = "verification"
MOST_EXPLANATION_CHARS = 2000
PHONE = RegexValidator(
    r"^\+?[0-9 ()-]{6,30}$", gettext_lazy("Enter a phone number of digits, e.g. +62 812 3456 7890.")
)

# What the client may see and correct about themself, in this order: their own identity and
# how to reach them; never the case narrative, other people, or staff's assessments.
FIELDS = {
    "display_name": gettext_lazy("Name"),
    "birth_date": gettext_lazy("Birth date"),
    "gender": gettext_lazy("Gender"),
    "phone": gettext_lazy("Phone or WhatsApp"),
    "email": gettext_lazy("E-mail"),
    "domicile": gettext_lazy("Address or domicile"),
    "nik": gettext_lazy("NIK (national identity number)"),
}
CORRECT, WRONG = "correct", "wrong"


def _refuse(field: str, message: str):
    raise DomainError(message, fields={field: [message]})


def _shown(person: Person, field: str) -> str:
    """A recorded value as the client reads it; the NIK only by its last four digits."""
    value = getattr(person, field)
    if not value:
        return ""
    if field == "birth_date":
        return date_format(value, "j F Y")
    if field == "gender":
        return str(Gender(value).label)
    if field == "nik":
        return "•" * (len(value) - 4) + value[-4:]
    return str(value)


def _serialised(value) -> str:
    return value.isoformat() if isinstance(value, date) else str(value or "")


def _person(link: ClientLink) -> Person:
    """The person the link is for, while they are still in the case."""
    person = Person.objects.filter(pk=link.person_id, case_roles__case_id=link.case_id).first()
    if person is None:
        raise LinkUnavailable("unknown")
    return person


def prepare(*, case_id: int, person_id: int | None, asked: dict) -> dict:
    roles = CasePerson.objects.filter(case_id=case_id, person_id=person_id)
    if not roles.exclude(role=PersonRole.PERPETRATOR).exists():
        _refuse("person_id", _("Choose a person of this case (not a perpetrator)."))
    fields = asked.get("fields") or list(FIELDS)
    if isinstance(fields, str) or not set(fields) <= set(FIELDS):
        _refuse("fields", _("Choose which data the client checks."))
    explanation = asked.get("explanation") or ""
    if not isinstance(explanation, str) or len(explanation) > MOST_EXPLANATION_CHARS:
        _refuse("explanation", _("The explanation is at most 2000 characters of text."))
    return {"fields": [f for f in FIELDS if f in fields], "explanation": explanation.strip()}


def describe(link: ClientLink) -> LinkPage:
    person = _person(link)
    explanation = link.request.get("explanation")
    rows = [(_("Note from the organisation"), explanation)] if explanation else []
    rows += [
        (str(FIELDS[f]), _shown(person, f) or _("(not recorded)")) for f in link.request["fields"]
    ]
    return LinkPage(
        title=_("Check the data we recorded about you"),
        intro=_(
            "%(organisation)s recorded these details about you. Are they correct? If something "
            "is wrong, write the right value below: staff will check it before changing "
            "anything."
        )
        % {"organisation": link.organisation.name},
        rows=tuple(rows),
    )


class VerificationForm(PlainTextForm):
    verdict = forms.ChoiceField(
        label=gettext_lazy("Is everything above correct?"),
        choices=[
            (CORRECT, gettext_lazy("Yes, everything is correct")),
            (WRONG, gettext_lazy("No, I write the right values below")),
        ],
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, fields=(), **kwargs):
        super().__init__(*args, **kwargs)
        makers = {
            "display_name": lambda: forms.CharField(max_length=200),
            "birth_date": lambda: forms.DateField(
                input_formats=["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"],
                widget=forms.DateInput(attrs={"type": "date"}),
            ),
            "gender": lambda: forms.ChoiceField(
                choices=[("", "-")] + [(v, label) for v, label in Gender.choices if v]
            ),
            "phone": lambda: forms.CharField(max_length=40, validators=[PHONE]),
            "email": lambda: forms.EmailField(max_length=254),
            "domicile": lambda: forms.CharField(max_length=200),
            "nik": lambda: forms.RegexField(
                r"^[0-9]{16}$", error_messages={"invalid": _("A NIK has 16 digits.")}
            ),
        }
        for name in fields:
            field = makers[name]()
            field.required = False
            field.label = _("%(field)s: the right value (leave empty if it is correct)") % {
                "field": FIELDS[name]
            }
            self.fields[name] = field
        self.fields["note"] = forms.CharField(
            label=_("Anything else staff should know (optional)"),
            max_length=2000,
            required=False,
            widget=forms.Textarea(attrs={"rows": 3}),
        )
        self.correctable = tuple(fields)
        for field in self.fields.values():
            if isinstance(field, forms.CharField) and validate_plain_text not in field.validators:
                field.validators.append(validate_plain_text)

    def clean(self):
        cleaned = super().clean()
        written = [f for f in self.correctable if cleaned.get(f) not in (None, "")]
        if cleaned.get("verdict") == CORRECT and written:
            raise forms.ValidationError(
                _("You said everything is correct but wrote a correction: choose “No”.")
            )
        if cleaned.get("verdict") == WRONG and not written and not cleaned.get("note"):
            raise forms.ValidationError(_("Write the right value of what is wrong, or a note."))
        return cleaned


def answer_form(link: ClientLink, data: Mapping | None) -> forms.Form:
    return VerificationForm(data, fields=link.request.get("fields", ()))


def apply(link: ClientLink, cleaned: dict, by: AuditActor) -> LinkResult:
    """Keep what the client says differs from the record, for staff; change nothing."""
    person = _person(link)
    corrections = {}
    for field in link.request["fields"]:
        value = cleaned.get(field)
        if value in (None, ""):
            continue
        if isinstance(value, str):
            value = value.strip()
        if _serialised(value) != _serialised(getattr(person, field)):
            corrections[field] = {"shown": _shown(person, field), "value": _serialised(value)}
    note = (cleaned.get("note") or "").strip()
    return LinkResult(
        outcome="corrected" if corrections else "confirmed",
        answer={"corrections": corrections, "note": note},
        needs_review=bool(corrections or note),
    )


def summarise(link: ClientLink) -> str:
    corrections = link.answer.get("corrections", {})
    said = (
        _("Corrections: %(fields)s") % {"fields": ", ".join(str(FIELDS[f]) for f in corrections)}
        if corrections
        else _("Confirmed: the data are correct")
    )
    if link.answer.get("note"):
        said += " · " + _("with a note")
    return said


PURPOSE = LinkPurpose(
    code=CODE,
    label=gettext_lazy("Data verification"),
    for_client=gettext_lazy("check the data we recorded about you, and correct it if needed"),
    prepare=prepare,
    describe=describe,
    answer_form=answer_form,
    apply=apply,
    summarise=summarise,
    needs_person=True,
)


@dataclass(frozen=True)
class Correction:
    field: str
    label: str
    shown: str  # what the client saw
    value: str  # what the client wrote
    current: str  # what the record says now (staff may have changed it since)


def verification_corrections(*, link: ClientLink) -> list[Correction]:
    """The client's corrections beside the record as it is now, for staff to review."""
    corrections = link.answer.get("corrections", {})
    person = Person.objects.filter(pk=link.person_id).first()
    return [
        Correction(
            field=field,
            label=str(FIELDS.get(field, field)),
            shown=said.get("shown", ""),
            value=said.get("value", ""),
            current=_serialised(getattr(person, field, "")) if person else "",
        )
        for field, said in corrections.items()
        if field in FIELDS
    ]


@transaction.atomic
def verification_review(
    *, actor: Actor, case_id: object, link_id: object, accept: list[str], version: int | None
) -> ClientLink:
    """Staff apply the corrections they accept (through `person_update`, with its version
    check and audit) and mark the answer reviewed; none accepted: reviewed, nothing changed."""
    case = case_for_actor(actor=actor, case_id=case_id)
    policy.require(actor, Action.LINK_MANAGE, case_subject(case))
    link = link_of_case(organisation=actor.organisation, case_id=case.pk, link_id=link_id)
    if link.purpose != CODE or not link.waits_for_review:
        raise Conflict(_("This answer does not wait for review."))
    corrections = link.answer.get("corrections", {})
    if set(accept) - set(corrections):
        _refuse("accept", _("Choose among the client's corrections."))
    changes = {}
    for field in accept:
        value = corrections[field]["value"]
        changes[field] = date.fromisoformat(value) if field == "birth_date" else value
    if changes:
        if version is None:
            _refuse("version", _("Reload the page and try again."))
        person_update(actor=actor, person_id=link.person_id, version=version, changes=changes)
    return link_review(
        organisation=actor.organisation,
        link=link,
        by=actor.audit,
        detail={"applied": sorted(accept)},
    )
