"""Reads of vocabulary terms, and the check that codes belong to a vocabulary."""

from __future__ import annotations

from time import monotonic

from django.db.models import QuerySet
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from hub.core.errors import DomainError
from hub.vocab.models import Term, Vocabulary


def active_terms(vocabulary: str = Vocabulary.ISSUE_TYPE) -> QuerySet[Term]:
    return Term.objects.filter(vocabulary=vocabulary, is_active=True)


def terms_by_code(vocabulary: str) -> dict[str, Term]:
    """Every term of the vocabulary, inactive ones included, so old records keep their label."""
    return {term.code: term for term in Term.objects.filter(vocabulary=vocabulary)}


# Labels change rarely (network admins, 7/10); pages show many codes. Each process keeps the
# labels of a vocabulary for a minute, so a list of 50 rows costs no query per row.
LABELS_SECONDS = 60
_labels: dict[tuple[str, str], tuple[float, dict[str, str]]] = {}


def vocabulary_labels(vocabulary: str) -> dict[str, str]:
    """code → label in the active language, every term (inactive ones keep their label)."""
    key = (vocabulary, get_language() or "id")
    cached = _labels.get(key)
    if cached is None or monotonic() - cached[0] > LABELS_SECONDS:
        labels = {term.code: term.label for term in Term.objects.filter(vocabulary=vocabulary)}
        cached = _labels[key] = (monotonic(), labels)
    return cached[1]


def vocabulary_labels_clear() -> None:
    _labels.clear()
    _active_codes.clear()


# The codes input may use, kept the same minute: every complaint checks its issue types, and a
# term retired by an admin is refused by every process within a minute.
_active_codes: dict[str, tuple[float, frozenset[str]]] = {}


def active_codes(vocabulary: str) -> frozenset[str]:
    cached = _active_codes.get(vocabulary)
    if cached is None or monotonic() - cached[0] > LABELS_SECONDS:
        codes = frozenset(active_terms(vocabulary).values_list("code", flat=True))
        cached = _active_codes[vocabulary] = (monotonic(), codes)
    return cached[1]


def term_labels(codes: list[str], vocabulary: str = Vocabulary.ISSUE_TYPE) -> list[str]:
    """Labels in the active language, in the order given; unknown codes stay as they are."""
    labels = vocabulary_labels(vocabulary)
    return [labels.get(code, code) for code in codes]


def unknown_codes(codes: list[str], vocabulary: str = Vocabulary.ISSUE_TYPE) -> list[str]:
    if not codes:
        return []
    known = active_codes(vocabulary)
    return [code for code in codes if code not in known]


def require_known_codes(*, vocabulary: str, codes: list[str], field: str) -> None:
    """Refuse codes that are not active terms of the vocabulary, naming the field."""
    unknown = list(dict.fromkeys(unknown_codes(codes, vocabulary)))
    if not unknown:
        return
    listed = ", ".join(unknown)
    raise DomainError(
        _("Unknown code in %(field)s: %(codes)s.") % {"field": field, "codes": listed},
        code="unknown_code",
        fields={field: [_("Unknown code: %(codes)s.") % {"codes": listed}]},
    )


REASON_VOCABULARIES = (
    Vocabulary.REJECTION_REASON,
    Vocabulary.NOT_ACCOMPANIED_REASON,
    Vocabulary.TERMINATION_REASON,
)


def reason_label(code: str) -> str:
    """The label of a reason code, from whichever reason vocabulary holds it."""
    for vocabulary in REASON_VOCABULARIES:
        labels = vocabulary_labels(vocabulary)
        if code in labels:
            return labels[code]
    return code
