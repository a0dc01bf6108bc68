"""The receipt page's PIN form and the lost-code form: no JavaScript, plain labels."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from hub.core.forms import PlainTextForm
from hub.intake.pin import pin_problem


def _pin_input(autocomplete: str) -> forms.PasswordInput:
    # A PIN is typed on a phone's number pad, and never shown again.
    return forms.PasswordInput(
        attrs={"inputmode": "numeric", "autocomplete": autocomplete, "maxlength": 8}
    )


class PinForm(PlainTextForm):
    """Set a PIN (4 to 8 digits, twice); changing one asks for the current PIN first."""

    current_pin = forms.CharField(
        label=_("Your current PIN"), max_length=8, widget=_pin_input("current-password")
    )
    pin = forms.CharField(
        label=_("New PIN (4 to 8 digits)"), max_length=8, widget=_pin_input("new-password")
    )
    pin_again = forms.CharField(
        label=_("The same PIN again"), max_length=8, widget=_pin_input("new-password")
    )

    def __init__(self, *args, changing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not changing:
            del self.fields["current_pin"]

    def clean_pin(self):
        pin = self.cleaned_data["pin"].strip()
        problem = pin_problem(pin)
        if problem:
            raise forms.ValidationError(problem)
        return pin

    def clean(self):
        cleaned = super().clean()
        pin, again = cleaned.get("pin"), (cleaned.get("pin_again") or "").strip()
        if pin and again and pin != again:
            self.add_error("pin_again", _("The two PINs are not the same: type it again."))
        return cleaned


class LostCodeForm(PlainTextForm):
    email = forms.EmailField(
        label=_("The e-mail address you gave in the complaint"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
