"""Shared for the care tests: a case of organisation A, its division head, and staff assigned
to it in the roles that work on a case."""

from __future__ import annotations

from io import BytesIO

import pytest
from PIL import Image

from hub.accounts.roles import Role
from hub.core.errors import DomainError
from hub.core.models import AuditEvent
from tenants.care.models import (
    Assessment,
    Conference,
    Contact,
    Goal,
    GoalStep,
    Intervention,
    Review,
    ServicePlan,
    Termination,
)
from tenants.cases.registration import case_register
from tenants.cases.services import assignment_add, case_transition
from tests.builders import actor


@pytest.fixture
def head(in_a):
    return actor(in_a, Role.DIVISION_HEAD)


@pytest.fixture
def case(in_a):
    return case_register(actor=actor(in_a, Role.RECEPTIONIST), title="Kekerasan oleh majikan")


@pytest.fixture
def assigned(org_a, head, case):
    """A member of staff in `role`, assigned to the case."""

    def make(role: str):
        user = org_a.users[role]
        assignment_add(case=case, user_id=user.pk, user_label=user.email, role=role, by=head)
        return actor(org_a.organisation, role, user=user)

    return make


@pytest.fixture
def closed(head, case):
    """The case, rejected: it has ended."""
    case_transition(actor=head, case_id=case.pk, move="reject", reason_code="outside_mandate")
    return case


def care_rows():
    """Everything the care services write, to show that a refusal wrote nothing."""
    return (
        list(Assessment.objects.values_list("id", "number")),
        list(ServicePlan.objects.values_list("id", "state", "revision")),
        Goal.objects.count(),
        GoalStep.objects.count(),
        list(Intervention.objects.values_list("id", "ended_on", "outcome")),
        Contact.objects.count(),
        Review.objects.count(),
        Conference.objects.count(),
        list(Termination.objects.values_list("id", "version", "report")),
        AuditEvent.objects.count(),
    )


@pytest.fixture
def refused():
    """Assert that a call is refused with a message, and that it wrote nothing."""
    return _refused


def _refused(call, *, field=None, status=400, code=None) -> DomainError:
    before = care_rows()
    with pytest.raises(DomainError) as refusal:
        call()
    assert refusal.value.status == status, refusal.value.message
    assert refusal.value.message
    if field is not None:
        assert field in refusal.value.fields, refusal.value.fields
    if code is not None:
        assert refusal.value.code == code
    assert care_rows() == before
    return refusal.value


@pytest.fixture
def png() -> bytes:
    buffer = BytesIO()
    Image.new("RGB", (200, 120), (20, 90, 160)).save(buffer, format="PNG")
    return buffer.getvalue()
