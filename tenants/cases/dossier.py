"""The case dossier (PDF): the projection printed with the hub's own labels.

Every label comes from where the case page takes it: the model choices (stage, status, roles,
gender, passport holder) and the shared vocabularies (case types, services, rights, legal
bases, occupations), in the active language.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import get_language

from hub.vocab.models import Vocabulary
from hub.vocab.selectors import vocabulary_labels
from interchange.package import CasePackage
from interchange.pdf import DossierLabels, dossier_pdf
from tenants.cases.lifecycle import Stage, Status
from tenants.cases.models import PersonRole
from tenants.cases.projection import Section
from tenants.people.models import Gender, PassportHolder


def _choices(choices: type[models.TextChoices]) -> dict[str, str]:
    return {code: str(label) for code, label in choices.choices if code}


def dossier_labels() -> DossierLabels:
    """The labels of every code a dossier prints, in the active language."""
    return DossierLabels(
        stages=_choices(Stage),
        statuses=_choices(Status),
        roles=_choices(PersonRole),
        genders=_choices(Gender),
        case_types=vocabulary_labels(Vocabulary.CASE_TYPE),
        sections=_choices(Section),
        services=vocabulary_labels(Vocabulary.SERVICE_TYPE),
        rights=vocabulary_labels(Vocabulary.RIGHT_VIOLATED),
        legal_bases=vocabulary_labels(Vocabulary.LEGAL_BASIS),
        passport_holders=_choices(PassportHolder),
        occupations=vocabulary_labels(Vocabulary.OCCUPATION),
        language=(get_language() or "id")[:2],
    )


def case_dossier_pdf(*, package: CasePackage) -> bytes:
    """The package as a PDF dossier, labelled in the active language."""
    return dossier_pdf(package, dossier_labels())
