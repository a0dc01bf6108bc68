"""The code lists a partner's system needs to file a complaint, with labels in Indonesian and
English: the closed lists of the complaint (countries, languages, who reports) and the shared
vocabularies (issue types first)."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from hub.intake.countries import DESTINATION_COUNTRIES
from hub.intake.models import ContactChannel, ReporterType
from hub.vocab.models import Term, Vocabulary


@dataclass(frozen=True)
class Code:
    code: str
    label_id: str
    label_en: str


@dataclass(frozen=True)
class CodeList:
    name: str
    label_id: str
    label_en: str
    fields: tuple[str, ...]  # the complaint fields that take these codes
    shared: bool  # a shared vocabulary: also served at vocabularies/<name>/
    terms: tuple[Code, ...]


def _both(label) -> tuple[str, str]:
    with override("id"):
        label_id = str(label)
    with override("en"):
        label_en = str(label)
    return label_id, label_en


def _fixed(name: str, label, fields: tuple[str, ...], choices) -> CodeList:
    terms = tuple(Code(code, *_both(text)) for code, text in choices)
    return CodeList(name, *_both(label), fields, False, terms)


def public_vocabularies() -> list[CodeList]:
    """Every list, in the order a form asks: issue types, country, language, reporter, contact
    channel."""
    by_vocabulary: dict[str, list[Code]] = {}
    for term in Term.objects.filter(is_active=True):
        by_vocabulary.setdefault(term.vocabulary, []).append(
            Code(term.code, term.label_id, term.label_en)
        )
    complaint_fields = {Vocabulary.ISSUE_TYPE: ("issue_types",)}
    shared = [
        CodeList(
            vocabulary.value,
            *_both(vocabulary.label),
            complaint_fields.get(vocabulary, ()),
            True,
            tuple(by_vocabulary.get(vocabulary.value, ())),
        )
        for vocabulary in Vocabulary
    ]
    fixed = [
        _fixed("country", _("Country of work"), ("country_of_work",), DESTINATION_COUNTRIES),
        _fixed("language", _("Language"), ("language",), settings.LANGUAGES),
        _fixed("reporter_type", _("Who is reporting?"), ("reporter_type",), ReporterType.choices),
        _fixed(
            "contact_channel",
            _("How may the organisation reach you?"),
            ("contact_channel",),
            ContactChannel.choices,
        ),
    ]
    return shared[:1] + fixed + shared[1:]
