"""Form fields whose choices are the active terms of a shared vocabulary, in the language."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from hub.core.forms import PlainTextForm
from hub.vocab.selectors import active_terms


def term_choices(vocabulary: str, *, blank: bool = True) -> list[tuple[str, str]]:
    choices = [(term.code, term.label) for term in active_terms(vocabulary)]
    return [("", _("(not known)")), *choices] if blank else choices


class TermField(forms.ChoiceField):
    """One code of `vocabulary`; the choices are read when the form is built."""

    def __init__(self, vocabulary: str, *, required: bool = False, **kwargs):
        super().__init__(choices=(), required=required, **kwargs)
        self.vocabulary = vocabulary

    def load(self) -> None:
        self.choices = term_choices(self.vocabulary, blank=not self.required)


class TermsField(forms.MultipleChoiceField):
    """Several codes of `vocabulary` (checkboxes: no JavaScript needed)."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, vocabulary: str, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(choices=(), **kwargs)
        self.vocabulary = vocabulary

    def load(self) -> None:
        self.choices = term_choices(self.vocabulary, blank=False)


class VocabularyForm(PlainTextForm):
    """A form whose vocabulary fields get their terms when it is built (after migrations)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for form_field in self.fields.values():
            if isinstance(form_field, TermField | TermsField):
                form_field.load()
