"""Staff forms of the links page: ask the client, send the link, review, signed consent."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from hub.consent.models import GivenBy, Purpose
from hub.core.forms import PlainTextForm
from hub.links.tokens import MOST_TOKEN_CHARS
from tenants.people.link_verification import FIELDS


class VerificationLinkForm(PlainTextForm):
    person_id = forms.TypedChoiceField(label=_("For whom"), coerce=int, choices=())
    fields = forms.MultipleChoiceField(
        label=_("What the client checks (none ticked: all)"),
        choices=list(FIELDS.items()),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    explanation = forms.CharField(
        label=_("A note the client reads first (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, clients=(), **kwargs):
        kwargs.setdefault("auto_id", "verify_%s")
        super().__init__(*args, **kwargs)
        self.fields["person_id"].choices = [(person.pk, str(person)) for person in clients]


class ConsentLinkForm(PlainTextForm):
    purposes = forms.MultipleChoiceField(
        label=_("What the client is asked to agree to"),
        choices=Purpose.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    share_with = forms.MultipleChoiceField(
        label=_("Sharing only with these members (none ticked: any member)"),
        choices=(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    explanation = forms.CharField(
        label=_("Explanation the client reads first: why you ask (optional)"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, members=(), **kwargs):
        kwargs.setdefault("auto_id", "consent_%s")
        super().__init__(*args, **kwargs)
        self.fields["share_with"].choices = [(o.slug, o.name) for o in members]


class NoteLinkForm(PlainTextForm):
    """A link whose content is already on the case (the drafted plan, the termination report):
    staff only add a note the client reads first."""

    explanation = forms.CharField(
        label=_("A note the client reads first (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "note_%s")
        super().__init__(*args, **kwargs)


class LinkEmailForm(PlainTextForm):
    token = forms.CharField(max_length=MOST_TOKEN_CHARS, widget=forms.HiddenInput)
    to = forms.EmailField(label=_("E-mail address"), max_length=254)


class LinkTokenForm(PlainTextForm):
    token = forms.CharField(max_length=MOST_TOKEN_CHARS, widget=forms.HiddenInput)


class ReviewForm(PlainTextForm):
    accept = forms.MultipleChoiceField(
        choices=[(name, label) for name, label in FIELDS.items()], required=False
    )
    version = forms.IntegerField(min_value=1, required=False)


class SignedConsentForm(PlainTextForm):
    def __init__(self, *args, members=(), **kwargs):
        kwargs.setdefault("auto_id", "signed_%s")
        super().__init__(*args, **kwargs)
        self.fields["share_with"].choices = [(o.slug, o.name) for o in members]

    file = forms.FileField(label=_("The signed form (PDF or photo)"))
    title = forms.CharField(label=_("Title (optional)"), max_length=200, required=False)
    given_by_kind = forms.ChoiceField(
        label=_("Who signed"), choices=GivenBy.choices, initial=GivenBy.CLIENT, required=False
    )
    given_by_name = forms.CharField(
        label=_("Name of the guardian or representative (when not the client)"),
        max_length=200,
        required=False,
    )
    contact = forms.BooleanField(label=Purpose.CONTACT.label, required=False)
    share = forms.BooleanField(label=Purpose.SHARE.label, required=False)
    share_with = forms.MultipleChoiceField(
        label=_("Sharing only with these members (none ticked: any member)"),
        choices=(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    refer = forms.BooleanField(label=Purpose.REFER.label, required=False)
    statistics = forms.BooleanField(label=Purpose.STATISTICS.label, required=False)
