"""Forms of contributions: what is added (staff of a member, or through a link), hiding,
reviewing, and the note staff put on a contribution link."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from hub.core.forms import PlainTextForm
from tenants.contributions.models import ContributionKind
from tenants.contributions.services import MOST_BODY_CHARS, MOST_REASON_CHARS, ContributionInput


class ContributionForm(PlainTextForm):
    kind = forms.ChoiceField(label=_("What you add"), choices=ContributionKind.choices)
    occurred_on = forms.DateField(
        label=_("When it happened (optional)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    place = forms.CharField(label=_("Where (optional)"), max_length=200, required=False)
    body = forms.CharField(
        label=_("What happened, or what you want to add"),
        max_length=MOST_BODY_CHARS,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "contribution_%s")
        super().__init__(*args, **kwargs)

    def input(self) -> ContributionInput:
        data = self.cleaned_data
        return ContributionInput(
            kind=data["kind"],
            body=data["body"],
            occurred_on=data.get("occurred_on"),
            place=data.get("place") or "",
        )


class LinkContributionForm(ContributionForm):
    """Through a link: the person also says who they are (they have no account)."""

    author = forms.CharField(label=_("Your name"), max_length=200)
    relation = forms.CharField(
        label=_("Who you are for the worker (optional), e.g. paralegal of the village, sister"),
        max_length=200,
        required=False,
    )

    field_order = ["author", "relation", "kind", "occurred_on", "place", "body"]


class HideForm(PlainTextForm):
    reason = forms.CharField(
        label=_("Why it is hidden"),
        max_length=MOST_REASON_CHARS,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ReviewForm(PlainTextForm):
    decision = forms.ChoiceField(
        choices=[("accept", _("Accept")), ("reject", _("Reject"))], widget=forms.HiddenInput
    )
    note = forms.CharField(
        label=_("Note (required to reject)"),
        max_length=MOST_REASON_CHARS,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
