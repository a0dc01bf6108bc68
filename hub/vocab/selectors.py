"""Reads of vocabulary terms."""

from __future__ import annotations

from hub.vocab.models import Term, Vocabulary


def active_terms(vocabulary: str = Vocabulary.ISSUE_TYPE):
    return Term.objects.filter(vocabulary=vocabulary, is_active=True)


def term_labels(codes: list[str], vocabulary: str = Vocabulary.ISSUE_TYPE) -> list[str]:
    """Labels in the active language, in the order given; unknown codes stay as they are."""
    terms = {t.code: t.label for t in Term.objects.filter(vocabulary=vocabulary, code__in=codes)}
    return [terms.get(code, code) for code in codes]


def unknown_codes(codes: list[str], vocabulary: str = Vocabulary.ISSUE_TYPE) -> list[str]:
    known = set(active_terms(vocabulary).filter(code__in=codes).values_list("code", flat=True))
    return [code for code in codes if code not in known]
