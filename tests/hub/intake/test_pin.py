"""The worker's PIN: 4 to 8 digits, not a trivial one, stored hashed, set once and changed only
with the current PIN; checked with the receipt code, the same "no" for every kind of wrong."""

from __future__ import annotations

import pytest

from hub.core.errors import DomainError, NotFound
from hub.core.models import AuditEvent
from hub.intake.pin import (
    WrongPin,
    complaint_pin_check,
    complaint_pin_set,
    pin_problem,
    pin_trivial,
)
from tests.builders import complaint


@pytest.mark.parametrize(
    "pin", ["0000", "1111", "99999999", "1234", "0123", "4321", "987654", "1212", "123123"]
)
def test_trivial_pins_are_recognised(pin):
    assert pin_trivial(pin) and pin_problem(pin)


@pytest.mark.parametrize("pin", ["7391", "2580", "482913", "19700101", "5017"])
def test_ordinary_pins_will_do(pin):
    assert not pin_trivial(pin) and pin_problem(pin) is None


@pytest.mark.parametrize(
    "pin", ["", "739", "739104826", "73a1", "\uff17\uff13\uff19\uff11", " 7391x", "7391\n"]
)
def test_a_pin_is_4_to_8_ascii_digits(pin):
    assert pin_problem(pin)


def test_a_pin_is_stored_hashed_and_checked_with_the_code(world, db):
    filed = complaint(None)
    complaint_pin_set(receipt_code=filed.receipt_code, pin="7391")
    filed.refresh_from_db()
    assert filed.pin_set_at is not None and filed.pin_hash and "7391" not in filed.pin_hash
    assert complaint_pin_check(receipt_code=filed.receipt_code, pin="7391").pk == filed.pk
    # The code as people type it works too.
    assert complaint_pin_check(receipt_code=filed.receipt_code.lower(), pin="7391")
    trail = AuditEvent.objects.filter(object_id=filed.receipt_code, action="complaint.pin_set")
    assert trail.count() == 1 and "7391" not in str(list(trail.values()))


def test_every_wrong_check_is_the_same_no(world, db):
    with_pin, without_pin = complaint(None), complaint(None)
    complaint_pin_set(receipt_code=with_pin.receipt_code, pin="7391")
    assert complaint_pin_check(receipt_code=with_pin.receipt_code, pin="7392") is None
    assert complaint_pin_check(receipt_code=with_pin.receipt_code, pin="") is None
    assert complaint_pin_check(receipt_code=without_pin.receipt_code, pin="7391") is None
    assert complaint_pin_check(receipt_code="RP-2222-2222", pin="7391") is None
    assert complaint_pin_check(receipt_code="not a code", pin="7391") is None


def test_a_trivial_pin_is_refused_and_nothing_is_stored(world, db):
    filed = complaint(None)
    with pytest.raises(DomainError) as refused:
        complaint_pin_set(receipt_code=filed.receipt_code, pin="1234")
    assert "pin" in refused.value.fields
    filed.refresh_from_db()
    assert (filed.pin_hash, filed.pin_set_at) == ("", None)


def test_changing_the_pin_needs_the_current_one(world, db):
    filed = complaint(None)
    complaint_pin_set(receipt_code=filed.receipt_code, pin="7391")
    filed.refresh_from_db()
    stored = (filed.pin_hash, filed.pin_set_at)
    for current in ("", "7392"):
        with pytest.raises(WrongPin) as refused:
            complaint_pin_set(receipt_code=filed.receipt_code, pin="5017", current_pin=current)
        assert "current_pin" in refused.value.fields
        filed.refresh_from_db()
        assert (filed.pin_hash, filed.pin_set_at) == stored
    with pytest.raises(DomainError):  # the same PIN again is no change
        complaint_pin_set(receipt_code=filed.receipt_code, pin="7391", current_pin="7391")
    complaint_pin_set(receipt_code=filed.receipt_code, pin="5017", current_pin="7391")
    assert complaint_pin_check(receipt_code=filed.receipt_code, pin="7391") is None
    assert complaint_pin_check(receipt_code=filed.receipt_code, pin="5017")
    assert AuditEvent.objects.filter(
        object_id=filed.receipt_code, action="complaint.pin_changed"
    ).exists()


def test_an_unknown_code_gets_no_pin(world, db):
    with pytest.raises(NotFound):
        complaint_pin_set(receipt_code="RP-2222-2222", pin="7391")
