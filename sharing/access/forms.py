"""Staff forms for access requests: asking (the national office) and deciding (the office)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from hub.core.forms import PlainTextForm
from hub.organisations.models import Organisation
from sharing.access.models import DEFAULT_DAYS, MAX_DAYS
from sharing.access.services import CASE_NUMBER_LENGTH, DECISIONS, NOTE_LENGTH, REASON_LENGTH
from tenants.cases.projection import Section


class AccessRequestForm(PlainTextForm):
    owner = forms.ChoiceField(label=_("Office"))
    case_number = forms.CharField(
        label=_("Case number"),
        max_length=CASE_NUMBER_LENGTH,
        help_text=_("As the office registered it, e.g. LBH-JAKARTA/2026/0012."),
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=REASON_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The office's division head reads this before deciding."),
    )
    sections = forms.MultipleChoiceField(
        label=_("Parts of the case"),
        choices=Section.choices,
        widget=forms.CheckboxSelectMultiple,
        initial=[Section.SUMMARY],
    )
    duration_days = forms.IntegerField(
        label=_("For how many days"),
        min_value=1,
        max_value=MAX_DAYS,
        initial=DEFAULT_DAYS,
    )

    def __init__(self, *args, offices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["duration_days"].help_text = gettext(
            "From the approval; at most %(max)d days."
        ) % {"max": MAX_DAYS}
        self.offices: dict[str, Organisation] = {o.slug: o for o in offices}
        self.fields["owner"].choices = [("", _("Choose an office"))] + [
            (slug, office.name) for slug, office in self.offices.items()
        ]

    def request_input(self) -> dict:
        data = dict(self.cleaned_data)
        data["owner"] = self.offices[data["owner"]]
        return data


class AccessDecisionForm(PlainTextForm):
    decision = forms.ChoiceField(choices=[(d, d) for d in DECISIONS])
    note = forms.CharField(max_length=NOTE_LENGTH, required=False)


class AccessWithdrawForm(PlainTextForm):
    note = forms.CharField(max_length=NOTE_LENGTH, required=False)
