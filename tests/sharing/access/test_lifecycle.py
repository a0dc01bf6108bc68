"""The lifecycle table is the whole truth: every (status, target, side) is allowed exactly when
the table has the row and the side matches, through the one door."""

from __future__ import annotations

import itertools

import pytest
from django.db import transaction

from hub.core.errors import DomainError
from sharing.access.lifecycle import TRANSITIONS, Side, moves_for, rule_for
from sharing.access.models import AccessRequest, AccessStatus
from sharing.access.services import access_request_transition
from tests.builders import in_schema
from tests.sharing.access.conftest import consented_case


class _Undo(Exception):
    pass


def _attempt(national, case_number: str, start: str, to: str, side: Side) -> bool:
    """Create a request in `start`, try `to` as `side`; undo everything; say if it went."""
    went = False
    try:
        with transaction.atomic():
            request = AccessRequest.objects.create(
                requester=national.national,
                owner=national.office,
                case_number=case_number,
                reason="Uji",
                sections=["summary"],
                status=start,
                created_by="test",
            )
            organisation = national.office if side == Side.OWNER else national.national
            actor = national.office_actor() if side == Side.OWNER else national.national_actor()
            with in_schema(organisation):
                try:
                    done = access_request_transition(
                        actor=actor, request_id=request.pk, to=to, note="Catatan"
                    )
                    went = done.status == to
                except DomainError:
                    went = False
            raise _Undo
    except _Undo:
        pass
    return went


def test_every_move_is_allowed_exactly_as_the_table_says(national):
    case = consented_case(national.office)
    for start, to, side in itertools.product(AccessStatus.values, AccessStatus.values, Side):
        rule = rule_for(start, to)
        expected = rule is not None and rule.side == side
        assert _attempt(national, case.number, start, to, side) == expected, (start, to, side)
    assert not AccessRequest.objects.exists()


@pytest.mark.parametrize("status", [s for s in AccessStatus.values if s != "pending"])
def test_a_settled_request_has_no_move_left(status):
    assert moves_for(status=status, side=Side.OWNER) == []
    assert moves_for(status=status, side=Side.REQUESTER) == []
    assert all(start == AccessStatus.PENDING for start, _to in TRANSITIONS)
