"""The inbox page's decline form."""

from django import forms
from django.utils.translation import gettext_lazy

from hub.core.forms import PlainTextForm


class DeclineForm(PlainTextForm):
    reason = forms.CharField(label=gettext_lazy("Reason"), max_length=2000)
