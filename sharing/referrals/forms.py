"""Forms of the referral pages and the service directory; they work with JavaScript off."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hub.core.forms import PlainTextForm
from hub.intake.countries import DESTINATION_COUNTRIES
from hub.vocab.forms import TermField, TermsField, VocabularyForm
from hub.vocab.models import Vocabulary
from sharing.referrals.directory import MAX_REGIONS, REGION_LENGTH, AgencyInput
from sharing.referrals.models import Authority, ServiceAgency
from sharing.referrals.services import OUTCOME_LENGTH, REASON_LENGTH
from tenants.cases.projection import Section


class ReferralForm(VocabularyForm):
    """Refer a case: to a member or to an agency (one of them), for a service, with a reason
    and the parts of the case that go with it."""

    service = TermField(Vocabulary.SERVICE_TYPE, required=True, label=gettext_lazy("Service"))
    receiver = forms.ChoiceField(label=gettext_lazy("To a member organisation"), required=False)
    agency = forms.ChoiceField(label=gettext_lazy("Or to an agency"), required=False)
    reason = forms.CharField(
        label=gettext_lazy("Why, and what you ask for"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=REASON_LENGTH,
    )
    sections = forms.MultipleChoiceField(
        label=gettext_lazy("Parts of the case sent with the referral"),
        choices=Section.choices,
        widget=forms.CheckboxSelectMultiple,
        initial=[Section.SUMMARY],
        help_text=gettext_lazy(
            "Send only what the receiver needs. Contact details go only with the client's "
            "consent to sharing."
        ),
    )

    def __init__(self, *args, members, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.members = {o.slug: o for o in members}
        self.agencies = {str(a.pk): a for a in agencies}
        self.fields["receiver"].choices = [("", _("(none)"))] + [
            (slug, o.name) for slug, o in self.members.items()
        ]
        self.fields["agency"].choices = [("", _("(none)"))] + [
            (pk, a.name) for pk, a in self.agencies.items()
        ]

    def clean(self):
        data = super().clean()
        if bool(data.get("receiver")) == bool(data.get("agency")):
            raise forms.ValidationError(_("Choose a member organisation or an agency, not both."))
        return data

    def referral_input(self) -> dict:
        data = self.cleaned_data
        return {
            "service": data["service"],
            "reason": data["reason"],
            "sections": list(data["sections"]),
            "receiver": self.members.get(data["receiver"]),
            "agency": self.agencies.get(data["agency"]),
        }


class AnswerForm(PlainTextForm):
    reason = forms.CharField(
        label=gettext_lazy("Reason (required to decline)"),
        required=False,
        max_length=REASON_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class OutcomeForm(PlainTextForm):
    outcome = forms.CharField(
        label=gettext_lazy("Outcome"),
        max_length=OUTCOME_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class DirectoryFilterForm(VocabularyForm):
    service = TermField(Vocabulary.SERVICE_TYPE, label=gettext_lazy("Service"))
    region = forms.CharField(
        label=gettext_lazy("Region or country code"),
        required=False,
        max_length=REGION_LENGTH,
        help_text=gettext_lazy("E.g. Jawa Barat, Indramayu, or MY for posts in Malaysia."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        service = self.fields["service"]
        service.choices = [("", _("any service")), *service.choices[1:]]


class AgencyForm(VocabularyForm):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=200)
    services = TermsField(Vocabulary.SERVICE_TYPE, label=gettext_lazy("Services"))
    authority = forms.ChoiceField(
        label=gettext_lazy("Authority"),
        choices=Authority.choices,
        widget=forms.RadioSelect,
        help_text=gettext_lazy("Central: competent everywhere (a ministry, a national body)."),
    )
    regions = forms.CharField(
        label=gettext_lazy("Regions (provinces, regencies)"),
        required=False,
        max_length=MAX_REGIONS * (REGION_LENGTH + 2),
        help_text=gettext_lazy("Separate with commas, e.g. Jawa Barat, Indramayu."),
    )
    countries = forms.MultipleChoiceField(
        label=gettext_lazy("Countries (for a post abroad)"),
        choices=DESTINATION_COUNTRIES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    phone = forms.CharField(label=gettext_lazy("Phone"), required=False, max_length=40)
    email = forms.CharField(label=gettext_lazy("E-mail"), required=False, max_length=254)
    address = forms.CharField(label=gettext_lazy("Address"), required=False, max_length=300)
    hours = forms.CharField(label=gettext_lazy("Opening hours"), required=False, max_length=200)
    note = forms.CharField(label=gettext_lazy("Note"), required=False, max_length=300)
    active = forms.BooleanField(label=gettext_lazy("Active"), required=False, initial=True)

    def __init__(self, *args, agency: ServiceAgency | None = None, **kwargs):
        if agency is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "name": agency.name,
                "services": agency.services,
                "authority": agency.authority,
                "regions": ", ".join(agency.regions),
                "countries": agency.countries,
                "phone": agency.phone,
                "email": agency.email,
                "address": agency.address,
                "hours": agency.hours,
                "note": agency.note,
                "active": agency.active,
            }
        super().__init__(*args, **kwargs)

    def clean_regions(self) -> tuple[str, ...]:
        text = self.cleaned_data["regions"].replace("\n", ",")
        return tuple(part.strip() for part in text.split(",") if part.strip())

    def agency_input(self) -> AgencyInput:
        data = self.cleaned_data
        return AgencyInput(
            name=data["name"],
            services=tuple(data["services"]),
            authority=data["authority"],
            regions=data["regions"],
            countries=tuple(data["countries"]),
            phone=data["phone"],
            email=data["email"],
            address=data["address"],
            hours=data["hours"],
            note=data["note"],
            active=data["active"],
        )
