"""Assessment: needs from the service vocabulary, risk, the problem and its urgency, strengths
and resources; each reassessment numbered, dated and signed; earlier ones kept."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from hub.accounts.roles import CASE_WORKER_ROLES, ORGANISATION_ROLES, Role
from hub.core.models import AuditEvent
from tenants.care.assessments import AssessmentData, assessment_record
from tests.builders import actor

CARE_MANAGERS = {
    Role.CONSULTATION_LAWYER,
    Role.CASE_LAWYER,
    Role.CASE_ASSISTANT,
    Role.PARALEGAL,
    Role.COUNSELLOR,
}


def _data(**changes) -> AssessmentData:
    values = {
        "assessed_on": date(2026, 11, 2),
        "risk_level": "high",
        "problem": "Dipukul majikan, paspor ditahan, gaji 4 bulan belum dibayar.",
        "urgency": "urgent",
        "needs": ("shelter", "legal", "health"),
        "strengths": "Berani bersaksi; bisa membaca kontrak.",
        "resources": "Ibu di Indramayu; serikat cabang.",
        **changes,
    }
    return AssessmentData(**values)


def test_an_assessment_is_numbered_signed_and_audited(head, case):
    first = assessment_record(actor=head, case_id=case.pk, data=_data())
    second = assessment_record(actor=head, case_id=case.pk, data=_data(risk_level="medium"))
    assert (first.number, second.number) == (1, 2)
    assert first.needs == ["shelter", "legal", "health"]
    assert first.assessed_by == head.name
    first.refresh_from_db()
    assert first.risk_level == "high"  # a reassessment never rewrites the one before
    audit = AuditEvent.objects.filter(action="care.assessed").first()
    assert audit.detail["number"] == 2


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"needs": ("telepathy",)}, "needs"),
        ({"risk_level": "extreme"}, "risk_level"),
        ({"urgency": "whenever"}, "urgency"),
        ({"problem": "   "}, "problem"),
        ({"assessed_on": date.today() + timedelta(days=2)}, "assessed_on"),
    ],
    ids=["unknown-need", "unknown-risk", "unknown-urgency", "no-problem", "future"],
)
def test_a_wrong_assessment_is_refused_naming_the_field(head, case, refused, changes, field):
    refused(
        lambda: assessment_record(actor=head, case_id=case.pk, data=_data(**changes)), field=field
    )


@pytest.mark.parametrize(
    ("role", "on_case"),
    [(role, False) for role in sorted(ORGANISATION_ROLES)]
    + [(role, True) for role in sorted(CASE_WORKER_ROLES)],
)
def test_only_the_case_manager_or_the_kabid_assesses(org_a, case, assigned, refused, role, on_case):
    who = assigned(role) if on_case else actor(org_a.organisation, role, user=org_a.users[role])
    if role == Role.DIVISION_HEAD or (on_case and role in CARE_MANAGERS):
        assert assessment_record(actor=who, case_id=case.pk, data=_data()).pk
    else:
        refused(
            lambda: assessment_record(actor=who, case_id=case.pk, data=_data()),
            status=403,
            code="role_not_allowed",
        )


def test_a_closed_case_is_not_assessed(head, closed, refused):
    refused(
        lambda: assessment_record(actor=head, case_id=closed.pk, data=_data()),
        status=409,
        code="case_closed",
    )


def test_another_organisations_case_is_not_found(org_b, case, refused):
    from tests.builders import in_schema

    foreign_head = actor(org_b.organisation, Role.DIVISION_HEAD)
    with in_schema(org_b.organisation):
        before_b = AuditEvent.objects.count()
    with pytest.raises(Exception) as refusal:
        assessment_record(actor=foreign_head, case_id=case.pk, data=_data())
    assert type(refusal.value).__name__ == "WrongOrganisation"
    with in_schema(org_b.organisation):
        assert AuditEvent.objects.count() == before_b


def test_a_restricted_care_section_is_closed_to_staff_not_on_the_case(org_a, head, case, refused):
    from tenants.cases.services import case_restrict

    case_restrict(actor=head, case_id=case.pk, restricted=False, sections=["care"])
    lawyer = actor(org_a.organisation, Role.CASE_LAWYER, user=org_a.users[Role.CASE_LAWYER])
    refused(
        lambda: assessment_record(actor=lawyer, case_id=case.pk, data=_data()),
        status=403,
        code="section_restricted",
    )
