"""Forms of the proceedings section: a proceeding and a hearing."""

from __future__ import annotations

from django import forms

from hub.core.forms import PlainTextForm
from hub.vocab.forms import TermField, VocabularyForm
from hub.vocab.models import Vocabulary


class ProceedingForm(VocabularyForm):
    kind = TermField(Vocabulary.PROCEEDING_TYPE, required=True)
    body = forms.CharField(max_length=200)
    register_number = forms.CharField(max_length=100, required=False)
    stage = TermField(Vocabulary.PROCEEDING_STAGE)
    started_on = forms.DateField(required=False)
    outcome = forms.CharField(max_length=20000, required=False)


class HearingForm(PlainTextForm):
    held_on = forms.DateField()
    agenda = forms.CharField(max_length=300, required=False)
    note = forms.CharField(max_length=20000, required=False)
