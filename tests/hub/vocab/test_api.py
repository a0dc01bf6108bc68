"""The vocabularies a partner's system needs to fill coded fields, public and read-only."""

from __future__ import annotations

from hub.vocab.models import Vocabulary


def test_every_vocabulary_lists_its_active_codes_and_labels(client, db):
    for vocabulary in Vocabulary.values:
        response = client.get(f"/api/v1/public/vocabularies/{vocabulary}/")
        assert response.status_code == 200, vocabulary
        terms = response.json()
        assert terms and {"code", "label_id", "label_en"} <= set(terms[0])


def test_an_unknown_vocabulary_is_a_404_in_the_error_shape(client, db):
    response = client.get("/api/v1/public/vocabularies/no_such_thing/")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
