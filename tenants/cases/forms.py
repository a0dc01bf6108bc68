"""Forms of the case pages: registration, general data, moves, decisions, appointments."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy

from hub.core.forms import PlainTextForm
from hub.vocab.forms import TermField, TermsField, VocabularyForm
from hub.vocab.models import Vocabulary
from tenants.cases.decisions import SETTLEMENTS
from tenants.cases.lifecycle import Move
from tenants.cases.models import ASSIGNABLE_ROLES, PersonRole
from tenants.cases.registration import CLIENT_ROLES
from tenants.cases.services import CASE_EDITABLE
from tenants.people.models import Gender

ELIGIBILITY = [
    ("", gettext_lazy("Not assessed yet")),
    ("yes", gettext_lazy("Yes: cannot afford a lawyer (UU 16/2011)")),
    ("no", gettext_lazy("No")),
]
ELIGIBLE = {"": None, "yes": True, "no": False}
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
        data["legal_aid_eligible"] = ELIGIBLE[data["legal_aid_eligible"]]
        return data


class RegistrationForm(GeneralForm):
    # The client first, as reception asks: who are you, how do we reach you safely, then
    # what happened.
    field_order = [
        "client_name",
        "client_role",
        "gender",
        "birth_date",
        "phone",
        "safe_contact",
        "domicile",
        "occupation",
        "nik",
        "title",
        "summary",
        "case_types",
        "opposing_parties",
        "arrival_channel",
        "arrived_at",
        "legal_aid_eligible",
        "eligibility_document",
        "restricted",
    ]
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


class MoveForm(PlainTextForm):
    move = forms.ChoiceField(choices=Move.choices)
    reason_code = forms.SlugField(max_length=50, required=False)
    note = forms.CharField(max_length=2000, required=False)


class AppointForm(PlainTextForm):
    """One select of "role:person" pairs (a phone without JavaScript picks both at once)."""

    pick = forms.RegexField(regex=r"^[a-z_]{1,32}:[0-9]{1,18}$")
    instruction = forms.CharField(max_length=2000, required=False)

    def clean(self):
        data = super().clean()
        if "pick" in data:
            role, user_id = data.pop("pick").split(":")
            if role not in ASSIGNABLE_ROLES:
                raise forms.ValidationError("role")
            data.update(role=role, user_id=int(user_id))
        return data


class RequestForm(PlainTextForm):
    move = forms.ChoiceField(choices=Move.choices)
    reason = forms.CharField(max_length=4000)
    reason_code = forms.SlugField(max_length=50, required=False)


class CommentForm(PlainTextForm):
    body = forms.CharField(max_length=4000)


class SettleForm(PlainTextForm):
    outcome = forms.ChoiceField(choices=[(o, o) for o in sorted(SETTLEMENTS)])
    comment = forms.CharField(max_length=4000, required=False)
