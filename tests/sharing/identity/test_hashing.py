"""Normalising identifiers: spellings of one identifier give one digest; keys keep apart."""

from __future__ import annotations

import pytest

from sharing.identity.hashing import (
    identifier_digest,
    identifier_digests,
    nik_normalise,
    passport_normalise,
    phone_normalise,
)

KEYS = {"k1": "first-secret-0123456789", "k2": "second-secret-0123456789"}


@pytest.fixture(autouse=True)
def _keys(settings):
    settings.IDENTITY_HASH_KEYS = KEYS
    settings.IDENTITY_HASH_KEY_ID = "k1"


@pytest.mark.parametrize("spelling", ["B1234567", "b 1234567", " B-123 4567 ", "b.1234567"])
def test_passport_spellings_normalise_alike(spelling):
    assert passport_normalise(spelling) == "B1234567"
    assert identifier_digest("passport", spelling) == identifier_digest("passport", "B1234567")


@pytest.mark.parametrize(
    "spelling", ["3212345678900001", "3212 3456 7890 0001", "3212.3456.7890.0001"]
)
def test_nik_spellings_normalise_alike(spelling):
    assert nik_normalise(spelling) == "3212345678900001"


@pytest.mark.parametrize("value", ["", "321234567890000", "32123456789000012"])
def test_a_nik_without_16_digits_gives_no_digest(value):
    assert identifier_digest("nik", value) == ""


@pytest.mark.parametrize(
    "spelling",
    [
        "0812-1111-2222",
        "+62 812 1111 2222",
        "0062 812 1111 2222",
        "62 812 1111 2222",
        "(0812) 11112222",
    ],
)
def test_indonesian_phone_spellings_normalise_to_international_form(spelling):
    assert phone_normalise(spelling) == "6281211112222"


def test_foreign_phone_numbers_keep_their_country_code():
    assert phone_normalise("+852 9123 4567") == "85291234567"
    assert phone_normalise("+60 12-345 6789") == "60123456789"


@pytest.mark.parametrize("value", ["", "12345", "call after 9pm", "0812 abc"])
def test_what_cannot_be_a_phone_number_gives_no_digest(value):
    assert identifier_digest("phone", value) == ""


def test_digest_is_hex_hmac_sha256_and_hides_the_value():
    digest = identifier_digest("nik", "3212345678900001")
    assert len(digest) == 64 and int(digest, 16) >= 0
    assert "3212345678900001" not in digest


def test_different_keys_give_different_digests():
    one = identifier_digest("passport", "B1234567", key_id="k1")
    two = identifier_digest("passport", "B1234567", key_id="k2")
    assert one and two and one != two


def test_the_kind_is_part_of_the_digest():
    assert identifier_digest("passport", "12345678") != identifier_digest("phone", "12345678")


def test_a_phone_field_listing_several_numbers_gives_a_digest_for_each():
    digests = identifier_digests("phone", "0812 1111 2222 / +60 12-345 6789 atau 0857-3333-4444")
    assert digests == {
        identifier_digest("phone", "+62 812 1111 2222"),
        identifier_digest("phone", "+60 12 345 6789"),
        identifier_digest("phone", "085733334444"),
    }
    assert identifier_digests("phone", "ask her sister") == set()
    assert identifier_digests("nik", "3212345678900001") == {identifier_digest("nik", NIK)}


NIK = "3212345678900001"
