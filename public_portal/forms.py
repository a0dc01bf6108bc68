"""The complaint form of the portal: one page, no JavaScript, the same rules as the API."""

from __future__ import annotations

import re
import secrets

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from hub.core.forms import PlainTextForm
from hub.intake.countries import DESTINATION_COUNTRIES
from hub.intake.models import ReporterType
from hub.organisations.selectors import organisation_directory
from hub.vocab.selectors import active_terms

NETWORK_CHOOSES = "network"
SUBMISSION_TOKEN = re.compile(r"[A-Za-z0-9_-]{16,64}")


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
    # Left empty by people (hidden from sight and from screen readers); bots fill every field.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    # Made when the form is shown; a second POST with it (a double tap) files nothing new.
    submission_token = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["submission_token"] = secrets.token_urlsafe(24)
        self.fields["issue_types"].choices = [(t.code, t.label) for t in active_terms()]
        self.fields["organisation"].choices = [(NETWORK_CHOOSES, _("Let the network choose"))] + [
            (o.slug, o.name) for o in organisation_directory()
        ]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("website"):
            # Nothing that tells a bot which field gave it away; a person just sends again.
            self.data = self.data.copy()
            self.data["website"] = ""
            self.add_error(
                None, _("The form could not be sent. Please check it and press Send again.")
            )
        return cleaned

    def clean_submission_token(self):
        token = self.cleaned_data.get("submission_token", "")
        return token if SUBMISSION_TOKEN.fullmatch(token) else ""

    def clean_organisation(self):
        slug = self.cleaned_data["organisation"]
        if slug == NETWORK_CHOOSES:
            return None
        return organisation_directory().get(slug=slug)
