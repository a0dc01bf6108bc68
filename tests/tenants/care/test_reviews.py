"""Monitoring reviews (which may open a plan revision) and case conferences."""

from __future__ import annotations

from datetime import date, timedelta

from hub.accounts.roles import Role
from tenants.care.models import PlanState
from tenants.care.reviews import conference_record, review_record


def test_a_review_records_progress_and_may_open_a_plan_revision(head, case):
    review = review_record(
        actor=head,
        case_id=case.pk,
        held_on=date(2026, 11, 20),
        progress="Klien sudah bekerja kembali",
        findings="Rumah aman tidak lagi perlu",
        revise_plan=True,
    )
    assert review.revised_plan.state == PlanState.DRAFT
    assert review.revised_plan.revision == 1
    assert "2026-11-20" in review.revised_plan.note


def test_a_review_without_progress_or_in_the_future_is_refused(head, case, refused):
    refused(
        lambda: review_record(actor=head, case_id=case.pk, held_on=date(2026, 11, 1), progress=""),
        field="progress",
    )
    refused(
        lambda: review_record(
            actor=head,
            case_id=case.pk,
            held_on=date.today() + timedelta(days=1),
            progress="x",
        ),
        field="held_on",
    )


def test_a_conference_records_who_met_and_what_they_decided(head, case):
    conference = conference_record(
        actor=head,
        case_id=case.pk,
        held_on=date(2026, 11, 4),
        participants="Kabid\nKonselor\nPendamping\nP2TP2A Kabupaten",
        decisions="Rujuk ke RSUD; konseling mingguan",
    )
    assert conference.participants.splitlines()[-1] == "P2TP2A Kabupaten"


def test_a_conference_needs_participants_and_decisions(head, case, refused):
    refused(
        lambda: conference_record(
            actor=head, case_id=case.pk, held_on=date(2026, 11, 4), participants="", decisions="x"
        ),
        field="participants",
    )


def test_a_companion_on_the_case_does_not_record_reviews(assigned, case, refused):
    companion = assigned(Role.COMPANION)
    refused(
        lambda: review_record(
            actor=companion, case_id=case.pk, held_on=date(2026, 11, 1), progress="x"
        ),
        status=403,
    )
