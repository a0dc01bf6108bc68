"""Forms of the chronology: an event, and an act with its coded rights and people."""

from __future__ import annotations

from django import forms

from hub.core.forms import PlainTextForm
from hub.vocab.forms import TermsField, VocabularyForm
from hub.vocab.models import Vocabulary
from tenants.events.models import DatePrecision


class EventForm(PlainTextForm):
    title = forms.CharField(max_length=200, required=False)
    occurred_on = forms.DateField(required=False)
    occurred_until = forms.DateField(required=False)
    date_precision = forms.ChoiceField(choices=DatePrecision.choices, required=False)
    place = forms.CharField(max_length=200, required=False)
    country = forms.RegexField(regex=r"^[A-Z]{2}$", max_length=2, required=False)
    description = forms.CharField(max_length=20000)


class ActForm(VocabularyForm):
    description = forms.CharField(max_length=20000, required=False)
    rights_violated = TermsField(Vocabulary.RIGHT_VIOLATED)
    legal_basis = TermsField(Vocabulary.LEGAL_BASIS)
    victim_ids = forms.TypedMultipleChoiceField(
        coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )
    perpetrator_ids = forms.TypedMultipleChoiceField(
        coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        people = case.roles.select_related("person")
        for field, role in (("victim_ids", "victim"), ("perpetrator_ids", "perpetrator")):
            self.fields[field].choices = [
                (link.person_id, str(link.person)) for link in people if link.role == role
            ]
