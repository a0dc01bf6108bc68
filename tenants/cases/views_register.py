"""Staff pages to register a walk-in client and to edit a case's general data."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hub.accounts import policy
from hub.accounts.access import organisation_member_required
from hub.accounts.policy import Action
from hub.consent.services import ConsentChoices
from hub.core.errors import DomainError
from hub.core.forms import form_refused
from hub.vocab.forms import TermField, TermsField, VocabularyForm
from hub.vocab.models import Vocabulary
from tenants.cases.models import PersonRole
from tenants.cases.registration import CLIENT_ROLES, Intake, case_register
from tenants.cases.selectors import case_for_actor, case_subject
from tenants.cases.services import CASE_EDITABLE, case_update
from tenants.people.models import Gender
from tenants.people.services import PersonData

ELIGIBILITY = [
    ("", gettext_lazy("Not assessed yet")),
    ("yes", gettext_lazy("Yes: cannot afford a lawyer (UU 16/2011)")),
    ("no", gettext_lazy("No")),
]
_ELIGIBLE = {"": None, "yes": True, "no": False}
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class GeneralForm(VocabularyForm):
    title = forms.CharField(label=gettext_lazy("Short title"), max_length=200)
    summary = forms.CharField(
        label=gettext_lazy("The problem, in the client's words"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=20000,
        required=False,
    )
    case_types = TermsField(Vocabulary.CASE_TYPE, label=gettext_lazy("Case types"))
    arrival_channel = TermField(Vocabulary.ARRIVAL_CHANNEL, label=gettext_lazy("How they came"))
    arrived_at = forms.DateTimeField(
        label=gettext_lazy("Arrival time"), required=False, widget=DATETIME
    )
    legal_aid_eligible = forms.ChoiceField(
        label=gettext_lazy("Eligible for free legal aid"), choices=ELIGIBILITY, required=False
    )
    eligibility_document = forms.CharField(
        label=gettext_lazy("Proof noted (e.g. SKTM from the village office)"),
        max_length=300,
        required=False,
    )

    def general(self) -> dict:
        data = {name: self.cleaned_data[name] for name in CASE_EDITABLE}
        data["legal_aid_eligible"] = _ELIGIBLE[data["legal_aid_eligible"]]
        return data


class RegistrationForm(GeneralForm):
    client_name = forms.CharField(label=gettext_lazy("Client's name"), max_length=200)
    client_role = forms.ChoiceField(
        label=gettext_lazy("The client is the"),
        choices=[(r.value, PersonRole(r).label) for r in CLIENT_ROLES],
    )
    gender = forms.ChoiceField(label=gettext_lazy("Gender"), choices=Gender.choices, required=False)
    birth_date = forms.DateField(
        label=gettext_lazy("Birth date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    phone = forms.CharField(label=gettext_lazy("Phone"), max_length=40, required=False)
    safe_contact = forms.CharField(
        label=gettext_lazy("How to contact safely"),
        max_length=500,
        required=False,
        help_text=gettext_lazy("E.g. only by WhatsApp after 21:00; never call the employer."),
    )
    domicile = forms.CharField(label=gettext_lazy("Domicile"), max_length=200, required=False)
    occupation = TermField(Vocabulary.OCCUPATION, label=gettext_lazy("Occupation"))
    nik = forms.RegexField(
        label=gettext_lazy("NIK"), regex=r"^[0-9]{16}$", required=False, max_length=16
    )
    opposing_parties = forms.CharField(
        label=gettext_lazy("Opposing parties (one per line)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=4000,
        required=False,
    )
    restricted = forms.BooleanField(
        label=gettext_lazy("Restricted: sexual violence or a child (only assigned staff read it)"),
        required=False,
    )
    consent_contact = forms.BooleanField(label=gettext_lazy("Contact me"), required=False)
    consent_share = forms.BooleanField(
        label=gettext_lazy("Share with other members"), required=False
    )
    consent_refer = forms.BooleanField(
        label=gettext_lazy("Refer to government agencies"), required=False
    )
    consent_statistics = forms.BooleanField(
        label=gettext_lazy("Anonymised network statistics"), required=False
    )
    acknowledge_conflicts = forms.BooleanField(
        label=gettext_lazy("I checked the possible conflict of interest; register anyway"),
        required=False,
    )


class EditForm(GeneralForm):
    version = forms.IntegerField(widget=forms.HiddenInput)


@organisation_member_required
def case_register_page(request):
    actor = request.actor
    policy.require(actor, Action.CASE_REGISTER)
    initial = {"arrival_channel": "walk_in", "arrived_at": timezone.localtime()}
    form = RegistrationForm(request.POST or None, initial=initial)
    conflict = False
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            case = case_register(
                actor=actor,
                title=data["title"],
                summary=data["summary"],
                case_types=data["case_types"],
                complainant=PersonData(
                    display_name=data["client_name"],
                    gender=data["gender"],
                    birth_date=data["birth_date"],
                    phone=data["phone"],
                    safe_contact=data["safe_contact"],
                    domicile=data["domicile"],
                    occupation=data["occupation"],
                    nik=data["nik"],
                ),
                consent=ConsentChoices(
                    contact=data["consent_contact"],
                    share=data["consent_share"],
                    refer=data["consent_refer"],
                    statistics=data["consent_statistics"],
                ),
                intake=Intake(
                    arrival_channel=data["arrival_channel"],
                    arrived_at=data["arrived_at"],
                    legal_aid_eligible=_ELIGIBLE[data["legal_aid_eligible"]],
                    eligibility_document=data["eligibility_document"],
                    client_role=data["client_role"],
                    opposing_parties=tuple(
                        line.strip() for line in data["opposing_parties"].splitlines()
                    ),
                    restricted=data["restricted"],
                    acknowledge_conflicts=data["acknowledge_conflicts"],
                ),
            )
        except DomainError as exc:
            conflict = exc.code == "conflict_of_interest"
            form_refused(form, exc)
            if conflict:
                for message in exc.fields.get("opposing_parties", []):
                    messages.warning(request, message)
        else:
            messages.success(
                request,
                _("Registered as case %(number)s; it waits in the consultation queue.")
                % {"number": case.number},
            )
            return redirect("org:case", org_slug=request.organisation.slug, case_id=case.pk)
    return render(
        request,
        "cases/register.html",
        {"organisation": request.organisation, "form": form, "conflict": conflict},
        status=400 if request.method == "POST" else 200,
    )


@organisation_member_required
def case_edit_page(request, case_id: int):
    actor = request.actor
    case = case_for_actor(actor=actor, case_id=case_id)
    policy.require(actor, Action.CASE_EDIT, case_subject(case))
    initial = {name: getattr(case, name) for name in CASE_EDITABLE}
    initial["legal_aid_eligible"] = {None: "", True: "yes", False: "no"}[case.legal_aid_eligible]
    initial["version"] = case.version
    form = EditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        changes = {
            name: value
            for name, value in form.general().items()
            if name in form.changed_data or name == "legal_aid_eligible"
        }
        try:
            case_update(
                actor=actor, case_id=case.pk, version=form.cleaned_data["version"], changes=changes
            )
        except DomainError as exc:
            form_refused(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("org:case", org_slug=request.organisation.slug, case_id=case.pk)
    return render(
        request,
        "cases/edit.html",
        {"organisation": request.organisation, "case": case, "form": form},
        status=400 if request.method == "POST" else 200,
    )
