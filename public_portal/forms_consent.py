"""The portal's consent withdrawal form: what to withdraw, the worker's PIN, a confirmation."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from hub.consent.links import MEANING
from hub.consent.models import Purpose
from hub.core.forms import PlainTextForm


class ConsentWithdrawForm(PlainTextForm):
    purposes = forms.MultipleChoiceField(
        label=_("What do you withdraw?"),
        choices=(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Tick at least one thing you withdraw.")},
    )
    pin = forms.CharField(
        label=_("Your PIN"),
        max_length=8,
        widget=forms.PasswordInput(
            attrs={"inputmode": "numeric", "autocomplete": "current-password", "maxlength": 8}
        ),
        error_messages={"required": _("Enter the PIN you set on the receipt page.")},
    )
    confirm = forms.BooleanField(
        label=_("I understand: what I withdraw stops at once and cannot be undone from here."),
        error_messages={"required": _("Tick the box to confirm.")},
    )

    def __init__(self, *args, allowed=(), **kwargs):
        kwargs.setdefault("auto_id", "withdraw_%s")
        super().__init__(*args, **kwargs)
        self.fields["purposes"].choices = [(p, MEANING[Purpose(p)]) for p in allowed]
