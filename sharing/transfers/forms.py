"""Staff forms of transfers: the division head's decision, the receiver's answer, a withdrawal."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from hub.core.forms import PlainTextForm
from sharing.transfers.services import NOTE_LENGTH


class TransferDecideForm(PlainTextForm):
    receiver = forms.ChoiceField(label=_("Receiving member"))
    note = forms.CharField(
        label=_("Why the case is transferred"),
        max_length=NOTE_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The client's reason, e.g. moved home; the receiver reads it."),
    )

    def __init__(self, *args, receivers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["receiver"].choices = [("", "—")] + [(o.slug, o.name) for o in receivers]


class TransferAnswerForm(PlainTextForm):
    outcome = forms.ChoiceField(choices=[("accept", _("Accept")), ("decline", _("Decline"))])
    reason = forms.CharField(
        label=_("Reason (required to decline)"),
        required=False,
        max_length=NOTE_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class TransferWithdrawForm(PlainTextForm):
    reason = forms.CharField(
        label=_("Why the transfer is withdrawn"),
        max_length=NOTE_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class TransferAskForm(PlainTextForm):
    receiver = forms.ChoiceField(label=_("Receiving member"))
    reason = forms.CharField(
        label=_("Your reasons"),
        max_length=NOTE_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The client's reason, e.g. moved home; the receiver reads it."),
    )

    def __init__(self, *args, receivers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["receiver"].choices = [("", "—")] + [(o.slug, o.name) for o in receivers]
