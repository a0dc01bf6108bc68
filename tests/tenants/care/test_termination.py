"""Termination: the report with its reason, the client's feedback and satisfaction, the
signed form, and the request that asks the division head to terminate."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from hub.accounts.roles import Role
from tenants.care.termination import (
    TerminationData,
    termination_form_add,
    termination_request,
    termination_write,
)
from tenants.cases.decisions import decision_settle
from tenants.cases.services import case_transition


def _accompanied(head, org_a, case):
    """The case taken, met on and accompanied, with its case lawyer appointed."""
    from tenants.cases.assignments import assignment_appoint, case_take
    from tests.builders import actor

    lawyer = actor(
        org_a.organisation,
        Role.CONSULTATION_LAWYER,
        user=org_a.users[Role.CONSULTATION_LAWYER],
    )
    case_take(actor=lawyer, case_id=case.pk)
    case_transition(actor=head, case_id=case.pk, move="case_meeting")
    case_lawyer = org_a.users[Role.CASE_LAWYER]
    assignment_appoint(actor=head, case_id=case.pk, user_id=case_lawyer.pk, role=Role.CASE_LAWYER)
    return actor(org_a.organisation, Role.CASE_LAWYER, user=case_lawyer)


def _report(**changes) -> TerminationData:
    values = {
        "reason": "goals_met",
        "report": "Gaji dibayar lewat mediasi BP2MI; klien kembali bekerja di desa.",
        "client_feedback": "Terima kasih, saya didampingi sampai selesai.",
        "satisfaction": 5,
        **changes,
    }
    return TerminationData(**values)


def test_the_report_then_the_request_then_the_kabid_closes_the_case(head, org_a, case, png):
    lawyer = _accompanied(head, org_a, case)
    report = termination_write(actor=lawyer, case_id=case.pk, data=_report())
    form = termination_form_add(
        actor=lawyer, case_id=case.pk, file=SimpleUploadedFile("terminasi.png", png)
    )
    report.refresh_from_db()
    assert report.signed_form_id == form.pk
    request = termination_request(actor=lawyer, case_id=case.pk)
    assert (request.move, request.reason_code) == ("terminate", "goals_met")
    decision_settle(actor=head, request_id=request.pk, outcome="approved")
    case.refresh_from_db()
    assert (case.stage, case.status, case.status_reason) == ("termination", "closed", "goals_met")


def test_a_rewrite_needs_the_version_it_was_read_at(head, case, refused):
    termination_write(actor=head, case_id=case.pk, data=_report())
    refused(
        lambda: termination_write(
            actor=head, case_id=case.pk, data=_report(satisfaction=2), version=7
        ),
        status=409,
        code="stale_version",
    )
    again = termination_write(actor=head, case_id=case.pk, data=_report(satisfaction=2), version=1)
    assert (again.satisfaction, again.version) == (2, 2)


def test_a_wrong_report_is_refused_naming_the_field(head, case, refused):
    refused(
        lambda: termination_write(actor=head, case_id=case.pk, data=_report(reason="bored")),
        field="reason",
    )
    refused(
        lambda: termination_write(actor=head, case_id=case.pk, data=_report(satisfaction=9)),
        field="satisfaction",
    )
    refused(
        lambda: termination_write(actor=head, case_id=case.pk, data=_report(report=" ")),
        field="report",
    )


def test_no_request_and_no_form_without_the_report(head, case, refused, png):
    refused(lambda: termination_request(actor=head, case_id=case.pk), status=409)
    refused(
        lambda: termination_form_add(
            actor=head, case_id=case.pk, file=SimpleUploadedFile("t.png", png)
        ),
        status=409,
        code="termination_missing",
    )


def test_the_client_signs_through_a_link_in_their_own_words(head, case):
    from hub.core.audit import AuditActor
    from tenants.care.termination import termination_sign_by_link

    termination_write(
        actor=head, case_id=case.pk, data=_report(client_feedback="", satisfaction=None)
    )
    signed = termination_sign_by_link(
        case_id=case.pk,
        link_id=41,
        agreed=True,
        feedback="Saya puas, terima kasih.",
        satisfaction=4,
        by=AuditActor(label="client (link #41)"),
    )
    assert (signed.signed_link_id, signed.client_feedback, signed.satisfaction) == (
        41,
        "Saya puas, terima kasih.",
        4,
    )


def test_a_client_who_does_not_agree_leaves_no_signature(head, case):
    from hub.core.audit import AuditActor
    from tenants.care.termination import termination_sign_by_link

    termination_write(actor=head, case_id=case.pk, data=_report())
    answered = termination_sign_by_link(
        case_id=case.pk,
        link_id=42,
        agreed=False,
        feedback="Gaji saya belum dibayar penuh.",
        satisfaction=2,
        by=AuditActor(label="client (link #42)"),
    )
    assert answered.signed_link_id is None and answered.satisfaction == 2
