"""The complaint form of the portal: one page, no JavaScript, the same rules as the API."""

from __future__ import annotations

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from hub.core.forms import PlainTextForm
from hub.intake.countries import DESTINATION_COUNTRIES
from hub.intake.models import ReporterType
from hub.organisations.selectors import organisation_directory
from hub.vocab.selectors import active_terms

NETWORK_CHOOSES = "network"


class ComplaintForm(PlainTextForm):
    reporter_type = forms.ChoiceField(
        label=_("Who is reporting?"), choices=ReporterType.choices, widget=forms.RadioSelect
    )
    reporter_name = forms.CharField(label=_("Name of the worker"), max_length=200)
    contact_phone = forms.CharField(
        label=_("WhatsApp or phone number (optional)"),
        max_length=40,
        required=False,
        validators=[
            RegexValidator(
                r"^\+?[0-9 ()-]{6,30}$",
                _("Enter a phone number of digits, e.g. +62 812 3456 7890."),
            )
        ],
    )
    contact_email = forms.EmailField(label=_("Email (optional)"), required=False, max_length=254)
    country_of_work = forms.ChoiceField(label=_("Country of work"), choices=DESTINATION_COUNTRIES)
    work_city = forms.CharField(label=_("City of work (optional)"), max_length=100, required=False)
    home_region = forms.CharField(
        label=_("Home region in Indonesia (optional)"), max_length=100, required=False
    )
    agency_name = forms.CharField(
        label=_("Placement agency (P3MI) (optional)"), max_length=200, required=False
    )
    employer_name = forms.CharField(label=_("Employer (optional)"), max_length=200, required=False)
    issue_types = forms.MultipleChoiceField(
        label=_("What happened?"), widget=forms.CheckboxSelectMultiple
    )
    narrative = forms.CharField(
        label=_("Tell us what happened, in your own words"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    organisation = forms.ChoiceField(label=_("Which organisation should handle it?"))
    consent_contact = forms.BooleanField(
        label=_("The organisation may contact me."), required=False, initial=True
    )
    consent_share = forms.BooleanField(
        label=_("My case may be shared with other member organisations to help me."),
        required=False,
    )
    consent_refer = forms.BooleanField(
        label=_("My case may be referred to government agencies."), required=False
    )
    consent_statistics = forms.BooleanField(
        label=_("My case may be counted, without my identity, in network statistics."),
        required=False,
    )
    # Left empty by people; bots fill every field.
    website = forms.CharField(
        required=False, widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issue_types"].choices = [(t.code, t.label) for t in active_terms()]
        self.fields["organisation"].choices = [(NETWORK_CHOOSES, _("Let the network choose"))] + [
            (o.slug, o.name) for o in organisation_directory()
        ]

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise forms.ValidationError(_("Please leave this field empty."))
        return ""

    def clean_organisation(self):
        slug = self.cleaned_data["organisation"]
        if slug == NETWORK_CHOOSES:
            return None
        return organisation_directory().get(slug=slug)
