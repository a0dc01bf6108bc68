"""The case page's form to record the client's withdrawal of consent."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy

from hub.consent.models import Purpose
from hub.consent.services import MOST_NOTE_CHARS
from hub.core.forms import PlainTextForm


class ConsentWithdrawForm(PlainTextForm):
    purposes = forms.MultipleChoiceField(
        label=gettext_lazy("What the client withdraws"),
        choices=Purpose.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": gettext_lazy("Tick what the client withdraws.")},
    )
    note = forms.CharField(
        label=gettext_lazy("How the client told you, and when (note for the case)"),
        max_length=MOST_NOTE_CHARS,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
