"""The complaint form's steps: one small form per step, no JavaScript, the same rules as the
API. `ComplaintForm` is every fixed step at once (Send checks them all again)."""

from __future__ import annotations

import re

from django import forms
from django.core.validators import RegexValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hub.core.forms import PlainTextForm
from hub.intake.countries import DESTINATION_COUNTRIES
from hub.intake.models import ContactChannel, ReporterType
from hub.intake.rules import EARLIEST_DATE, MAX_ISSUE_TYPES
from hub.organisations.selectors import organisation_directory
from hub.vocab.selectors import active_terms

NETWORK_CHOOSES = "network"
SUBMISSION_TOKEN = re.compile(r"[A-Za-z0-9_-]{16,64}")
PHONE = re.compile(r"^\+?[0-9 ()-]{6,30}$")
PHONE_MESSAGE = _("Enter a phone number of digits, e.g. +62 812 3456 7890.")
HONEYPOT_MESSAGE = _("The form could not be sent. Please check it and press Send again.")
NUMBER_NEEDED = _("Give the number, or choose another way to reach you.")
EMAIL_NEEDED = _("Give the e-mail address, or choose another way.")
MEMBER_ROWS_STEP = 3  # empty rows shown at first, and added by "add more rows"
MEMBER_ROWS_MAX = 30


class StepForm(PlainTextForm):
    """A step: honeypot included (bots fill every field), and `clean` kept cooperative so the
    steps combine into `ComplaintForm`."""

    # Left empty by people (hidden from sight and from screen readers); bots fill every field.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if field.help_text:  # read out with the field (the hint under it, _field.html)
                field.widget.attrs["aria-describedby"] = f"id_{name}_hint"

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("website"):
            # Nothing that tells a bot which field gave it away; a person just sends again.
            self.data = self.data.copy()
            self.data["website"] = ""
            self.add_error(None, HONEYPOT_MESSAGE)
        return cleaned


class WhoStep(StepForm):
    reporter_type = forms.ChoiceField(
        label=_("Who is reporting?"), choices=ReporterType.choices, widget=forms.RadioSelect
    )
    reporter_name = forms.CharField(label=_("Name of the worker"), max_length=200)
    filer_name = forms.CharField(
        label=_("Your name, if you are not the worker"), max_length=200, required=False
    )
    filer_relation = forms.CharField(
        label=_("Your relation to the worker, or your organisation (e.g. sister, SBMI Wonosobo)"),
        max_length=100,
        required=False,
    )

    def clean(self):
        cleaned = super().clean()
        worker = cleaned.get("reporter_type") == ReporterType.WORKER
        if cleaned.get("reporter_type") and not worker and not cleaned.get("filer_name"):
            self.add_error("filer_name", _("Give your name, as the one who reports."))
        return cleaned


class ContactStep(StepForm):
    contact_channel = forms.ChoiceField(
        label=_("How may the organisation reach you?"),
        choices=ContactChannel.choices,
        widget=forms.RadioSelect,
    )
    contact_phone = forms.CharField(
        label=_("WhatsApp or phone number"),
        max_length=40,
        required=False,
        validators=[RegexValidator(PHONE, PHONE_MESSAGE)],
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    contact_email = forms.EmailField(label=_("E-mail"), required=False, max_length=254)
    contact_safety = forms.CharField(
        label=_("When and how is it safe to contact you? (optional)"),
        help_text=_("e.g. never call; WhatsApp only after 9 pm"),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean(self):
        cleaned = super().clean()
        channel = cleaned.get("contact_channel")
        # The shared rules (hub.intake.rules) ask the same at Send; said here at the step.
        needed = {
            ContactChannel.WHATSAPP: ("contact_phone", NUMBER_NEEDED),
            ContactChannel.PHONE: ("contact_phone", NUMBER_NEEDED),
            ContactChannel.EMAIL: ("contact_email", EMAIL_NEEDED),
        }.get(channel)
        if needed and not cleaned.get(needed[0]) and needed[0] not in self.errors:
            self.add_error(*needed)
        return cleaned


class WorkStep(StepForm):
    country_of_work = forms.ChoiceField(label=_("Country of work"), choices=DESTINATION_COUNTRIES)
    work_city = forms.CharField(label=_("City of work (optional)"), max_length=100, required=False)
    home_region = forms.CharField(
        label=_("Home region in Indonesia (optional)"), max_length=100, required=False
    )
    employer_name = forms.CharField(label=_("Employer (optional)"), max_length=200, required=False)
    agency_name = forms.CharField(
        label=_("Placement agency (P3MI) (optional)"), max_length=200, required=False
    )


class DateInput(forms.DateInput):
    input_type = "date"  # a date picker on phones, plain YYYY-MM-DD text anywhere else

    def __init__(self):
        super().__init__(format="%Y-%m-%d")


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class AttachmentsField(forms.FileField):
    """The files chosen at this step; each is checked by content when it is stored
    (hub.intake.attachments), so a refused one is named in the message."""

    widget = MultipleFileInput(attrs={"accept": "application/pdf,image/jpeg,image/png,image/webp"})

    def clean(self, data, initial=None):
        return [f for f in (data or []) if f]


class WhatStep(StepForm):
    issue_types = forms.MultipleChoiceField(
        label=_("What happened?"), widget=forms.CheckboxSelectMultiple
    )
    narrative = forms.CharField(
        label=_("Tell us what happened, in your own words"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    happened_from = forms.DateField(
        label=_("When did it start? (optional)"),
        required=False,
        widget=DateInput(),
        input_formats=["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"],
    )
    happened_until = forms.DateField(
        label=_("When did it end? (optional, empty if it goes on)"),
        required=False,
        widget=DateInput(),
        input_formats=["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"],
    )
    attachments = AttachmentsField(
        label=_("Photos or PDF files (optional)"),
        help_text=_(
            "For example the contract, the passport page, payslips. "
            "At most 5 files of 10 MB each: photos (JPEG, PNG, WebP) or PDF."
        ),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issue_types"].choices = [(t.code, t.label) for t in active_terms()]

    def clean_issue_types(self):
        codes = list(dict.fromkeys(self.cleaned_data["issue_types"]))
        if len(codes) > MAX_ISSUE_TYPES:
            raise forms.ValidationError(_("Choose at most %(count)s.") % {"count": MAX_ISSUE_TYPES})
        return codes

    def clean(self):
        # The same date rules as the service (hub.intake.rules), said here at the step.
        cleaned = super().clean()
        today = timezone.localdate()
        for name in ("happened_from", "happened_until"):
            value = cleaned.get(name)
            if value is not None and value > today:
                self.add_error(name, _("This date is in the future."))
            elif value is not None and value < EARLIEST_DATE:
                self.add_error(name, _("This date is too long ago; check the year."))
        start, end = cleaned.get("happened_from"), cleaned.get("happened_until")
        if start and end and end < start and not self.has_error("happened_until"):
            self.add_error("happened_until", _("The end is before the start."))
        return cleaned


class OrganisationStep(StepForm):
    organisation = forms.ChoiceField(
        label=_("Which organisation should handle it?"), widget=forms.RadioSelect
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [(NETWORK_CHOOSES, _("Let the network choose"))] + [
            (o.slug, o.name) for o in organisation_directory()
        ]
        self.fields["organisation"].initial = NETWORK_CHOOSES

    def clean_organisation(self):
        slug = self.cleaned_data["organisation"]
        if slug == NETWORK_CHOOSES:
            return None
        return organisation_directory().get(slug=slug)


class ConsentStep(StepForm):
    consent_contact = forms.BooleanField(
        label=_("The organisation may contact me."),
        help_text=_("Only in the way and at the times you gave in step 2."),
        required=False,
        initial=True,
    )
    consent_share = forms.BooleanField(
        label=_("My case may be shared with other member organisations to help me."),
        help_text=_("For example an organisation in the country where you work."),
        required=False,
    )
    consent_refer = forms.BooleanField(
        label=_("My case may be referred to government agencies."),
        help_text=_("For example BP2MI or the embassy, when they can act on it."),
        required=False,
    )
    consent_statistics = forms.BooleanField(
        label=_("My case may be counted, without my identity, in network statistics."),
        help_text=_("Numbers only, without names, to show what workers face."),
        required=False,
    )


class ComplaintForm(WhoStep, ContactStep, WorkStep, WhatStep, OrganisationStep, ConsentStep):
    """Every fixed step at once: what Send checks before the service checks it again."""


# Row field (short: 30 rows must fit the page) → MemberInput field.
MEMBER_FIELDS = {
    "name": "name",
    "phone": "contact_phone",
    "email": "contact_email",
    "region": "home_region",
    "note": "note",
}


class MembersStep(StepForm):
    """A group complaint's other workers, as rows `m<N>_<field>`; an empty row is ignored."""

    def __init__(self, *args, rows: int = MEMBER_ROWS_STEP, **kwargs):
        self.rows = max(MEMBER_ROWS_STEP, min(rows, MEMBER_ROWS_MAX))
        super().__init__(*args, **kwargs)
        for row in range(self.rows):
            number = row + 1
            fields = {
                "name": forms.CharField(label=_("Name"), max_length=200, required=False),
                "phone": forms.CharField(
                    label=_("WhatsApp or phone number"),
                    max_length=40,
                    required=False,
                    validators=[RegexValidator(PHONE, PHONE_MESSAGE)],
                    widget=forms.TextInput(attrs={"type": "tel"}),
                ),
                "email": forms.EmailField(label=_("E-mail"), max_length=254, required=False),
                "region": forms.CharField(label=_("Home region"), max_length=100, required=False),
                "note": forms.CharField(
                    label=_("What is different for them"), max_length=500, required=False
                ),
            }
            for name, field in fields.items():
                field.row = number
                self.fields[f"m{row}_{name}"] = field

    def row_fields(self):
        """[(row number, [bound fields])] for the template."""
        return [
            (row + 1, [self[f"m{row}_{name}"] for name in MEMBER_FIELDS])
            for row in range(self.rows)
        ]

    def clean(self):
        cleaned = super().clean()
        for row in range(self.rows):
            values = [cleaned.get(f"m{row}_{name}") for name in MEMBER_FIELDS]
            if any(values) and not cleaned.get(f"m{row}_name"):
                self.add_error(f"m{row}_name", _("Give the name, or empty this row."))
        return cleaned

    def members(self) -> list[dict[str, str]]:
        """The rows filled in, in order, by MemberInput's field names (after `is_valid`)."""
        filled = []
        for row in range(self.rows):
            values = {
                member_field: self.cleaned_data.get(f"m{row}_{name}", "")
                for name, member_field in MEMBER_FIELDS.items()
            }
            if any(values.values()):
                filled.append(values)
        return filled
