"""The owner's form to share a case: recipient member, sections, permission, until (a date)."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hub.core.errors import DomainError
from hub.core.forms import PlainTextForm, form_refused
from hub.organisations.models import Organisation
from hub.organisations.selectors import organisations_members
from sharing.models import SharePermission
from tenants.cases.projection import Section


class ShareGrantForm(PlainTextForm):
    recipient = forms.ChoiceField(label=_("Share with (member organisation)"))
    sections = forms.MultipleChoiceField(
        label=_("What they may see"),
        choices=Section.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Parts of the case restricted to its assigned staff are never shared."),
    )
    permission = forms.ChoiceField(
        label=_("Permission"),
        choices=SharePermission.choices,
        initial=SharePermission.READ,
        widget=forms.RadioSelect,
    )
    until = forms.DateField(
        label=_("Until (optional)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("The share ends at the end of this day. Empty: until you revoke it."),
    )

    def __init__(self, *args, owner: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.members = {
            o.slug: o for o in organisations_members().exclude(pk=owner.pk).order_by("name")
        }
        self.fields["recipient"].choices = [("", "—")] + [
            (slug, o.name) for slug, o in self.members.items()
        ]

    def refused(self, exc: DomainError) -> None:
        """The service's refusal on the form: its end-of-share messages go to "until"."""
        form_refused(self, exc)
        for message in exc.fields.get("expires_at", ()):
            self.add_error("until", message)

    def service_input(self) -> dict:
        """The cleaned data as share_grant's keywords (until → the end of that local day)."""
        data = self.cleaned_data
        until = data.get("until")
        expires_at = None
        if until is not None:
            next_day = dt.datetime.combine(until + dt.timedelta(days=1), dt.time())
            expires_at = timezone.make_aware(next_day)
        return {
            "recipient": self.members[data["recipient"]],
            "sections": data["sections"],
            "permission": data["permission"],
            "expires_at": expires_at,
        }
