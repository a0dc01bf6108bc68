"""The shared thesauri: every vocabulary seeded, codes stable and slug-shaped, codes checked."""

from __future__ import annotations

import importlib
import re

import pytest
from django.apps import apps

from hub.core.errors import DomainError
from hub.vocab.models import Term, Vocabulary
from hub.vocab.seed import ISSUE_TYPES, THESAURI
from hub.vocab.selectors import require_known_codes, terms_by_code

SLUG = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")

seed_migration = importlib.import_module("hub.vocab.migrations.0003_seed_thesauri")


def test_the_seed_has_one_list_for_every_vocabulary():
    assert set(THESAURI) == set(Vocabulary.values)


@pytest.mark.parametrize("vocabulary", Vocabulary.values)
def test_every_vocabulary_has_at_least_three_seeded_terms(db, vocabulary):
    assert Term.objects.filter(vocabulary=vocabulary, is_active=True).count() >= 3


@pytest.mark.parametrize("vocabulary", Vocabulary.values)
def test_seeded_terms_follow_the_seed_list_in_order(db, vocabulary):
    seeded = Term.objects.filter(vocabulary=vocabulary).order_by("position")
    assert [t.code for t in seeded] == [code for code, _, _ in THESAURI[vocabulary]]


@pytest.mark.parametrize("vocabulary", Vocabulary.values)
def test_codes_are_unique_and_slug_shaped(vocabulary):
    codes = [code for code, _, _ in THESAURI[vocabulary]]
    assert len(codes) == len(set(codes))
    for code in codes:
        assert SLUG.match(code) and len(code) <= 50, code


@pytest.mark.parametrize("vocabulary", Vocabulary.values)
def test_labels_are_filled_in_both_languages(vocabulary):
    for code, label_id, label_en in THESAURI[vocabulary]:
        assert label_id.strip() and label_en.strip(), code
        assert len(label_id) <= 200 and len(label_en) <= 200, code


def test_every_issue_type_is_also_a_case_type(db):
    case_types = terms_by_code(Vocabulary.CASE_TYPE)
    for code, _, _ in ISSUE_TYPES:
        assert code in case_types, code


def test_terms_by_code_includes_inactive_terms(db):
    Term.objects.filter(vocabulary=Vocabulary.OCCUPATION, code="fisher").update(is_active=False)
    assert "fisher" in terms_by_code(Vocabulary.OCCUPATION)


def test_unseeding_keeps_issue_types_and_seeding_again_restores_the_rest(db):
    issue_types = Term.objects.filter(vocabulary=Vocabulary.ISSUE_TYPE).count()
    seed_migration.unseed(apps, None)
    assert set(Term.objects.values_list("vocabulary", flat=True)) == {Vocabulary.ISSUE_TYPE}
    assert Term.objects.count() == issue_types
    seed_migration.seed(apps, None)
    assert Term.objects.count() == sum(len(terms) for terms in THESAURI.values())


@pytest.mark.parametrize("codes", [[], ["right_to_life"], ["right_to_life", "right_to_health"]])
def test_known_codes_pass(db, codes):
    require_known_codes(vocabulary=Vocabulary.RIGHT_VIOLATED, codes=codes, field="rights")


def test_an_unknown_code_is_refused_with_the_field_named(db):
    with pytest.raises(DomainError) as refused:
        require_known_codes(
            vocabulary=Vocabulary.RIGHT_VIOLATED,
            codes=["right_to_life", "right_to_fly"],
            field="rights_violated",
        )
    assert refused.value.code == "unknown_code"
    assert refused.value.status == 400
    assert "rights_violated" in refused.value.fields
    assert "right_to_fly" in refused.value.message
    assert "right_to_life" not in refused.value.message


def test_a_code_of_another_vocabulary_is_refused(db):
    with pytest.raises(DomainError) as refused:
        require_known_codes(vocabulary=Vocabulary.CASE_TYPE, codes=["police"], field="case_type")
    assert "case_type" in refused.value.fields


def test_an_inactive_term_is_refused(db):
    Term.objects.filter(vocabulary=Vocabulary.OCCUPATION, code="fisher").update(is_active=False)
    with pytest.raises(DomainError) as refused:
        require_known_codes(vocabulary=Vocabulary.OCCUPATION, codes=["fisher"], field="occupation")
    assert refused.value.code == "unknown_code"
    assert "occupation" in refused.value.fields
