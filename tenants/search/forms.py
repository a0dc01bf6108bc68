"""The staff search form: words, what to look for, and the case filters (a GET form)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from hub.core.forms import PlainTextForm
from hub.vocab.models import Vocabulary
from hub.vocab.selectors import active_terms
from tenants.cases.lifecycle import Stage, Status
from tenants.search.selectors import SearchKind


class SearchForm(PlainTextForm):
    q = forms.CharField(
        label=_("Words, a case number or a name"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search", "autofocus": True}),
    )
    kind = forms.ChoiceField(
        label=_("Look for"),
        choices=SearchKind.choices,
        required=False,
        initial=SearchKind.CASES,
    )
    stage = forms.ChoiceField(
        label=_("Stage"), choices=[("", _("Any stage")), *Stage.choices], required=False
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("Any status")), *Status.choices], required=False
    )
    case_type = forms.ChoiceField(label=_("Case type"), required=False)
    assignee = forms.TypedChoiceField(
        label=_("Worked on by"), coerce=int, empty_value=None, required=False
    )
    opened_from = forms.DateField(
        label=_("Opened from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    opened_to = forms.DateField(
        label=_("Opened until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, assignees: list[tuple[int, str]], **kwargs):
        super().__init__(*args, **kwargs)
        terms = active_terms(Vocabulary.CASE_TYPE)
        self.fields["case_type"].choices = [
            ("", _("Any case type")),
            *((term.code, term.label) for term in terms),
        ]
        self.fields["assignee"].choices = [("", _("Anyone")), *assignees]

    def clean(self):
        data = super().clean()
        start, end = data.get("opened_from"), data.get("opened_to")
        if start and end and start > end:
            self.add_error("opened_to", _("The end date is before the start date."))
        data["kind"] = data.get("kind") or SearchKind.CASES
        return data
