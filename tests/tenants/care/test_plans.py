"""The service plan: a drafted revision with goals and steps, the client's agreement (in
person with the signed form, or through a client link), and a change only as a new revision
the client agrees to again."""

from __future__ import annotations

from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile

from hub.accounts.roles import Role
from hub.core.audit import AuditActor
from hub.core.models import AuditEvent
from tenants.care.models import PlanState
from tenants.care.plans import (
    goal_add,
    goal_remove,
    goal_step_add,
    plan_agreement_by_link,
    plan_agreement_record,
    plan_draft,
)
from tenants.documents.services import document_upload
from tests.builders import actor


def _drafted(who, case):
    plan = plan_draft(actor=who, case_id=case.pk, note="Rencana awal")
    goal = goal_add(
        actor=who,
        case_id=case.pk,
        plan_id=plan.pk,
        term="short",
        description="Klien aman di rumah aman",
        barriers="Majikan mencari klien",
    )
    goal_step_add(
        actor=who,
        case_id=case.pk,
        goal_id=goal.pk,
        who="Konselor",
        what="Antar ke rumah aman",
        due_on=date(2026, 12, 1),
    )
    return plan


def _by_link(case, plan, *, agreed, link_id, note=""):
    return plan_agreement_by_link(
        case_id=case.pk,
        plan_id=plan.pk,
        link_id=link_id,
        agreed=agreed,
        note=note,
        by=AuditActor(label=f"client (link #{link_id})"),
    )


def _signed_form(who, case, png):
    return document_upload(
        actor=who, case_id=case.pk, file=SimpleUploadedFile("setuju.png", png), title="Form"
    )


def test_a_plan_is_agreed_in_person_with_its_signed_form(head, case, png):
    plan = _drafted(head, case)
    form = _signed_form(head, case, png)
    agreed = plan_agreement_record(
        actor=head,
        case_id=case.pk,
        plan_id=plan.pk,
        agreed=True,
        document_id=form.pk,
    )
    assert (agreed.state, agreed.agreement_document_id, agreed.revision) == ("agreed", form.pk, 1)
    assert AuditEvent.objects.filter(action="care.plan_agreed").exists()


def test_an_in_person_agreement_needs_the_signed_form(head, case, refused):
    plan = _drafted(head, case)
    refused(
        lambda: plan_agreement_record(actor=head, case_id=case.pk, plan_id=plan.pk, agreed=True),
        field="document_id",
    )


def test_an_empty_plan_cannot_be_agreed(head, case, refused):
    plan = plan_draft(actor=head, case_id=case.pk)
    refused(
        lambda: _by_link(case, plan, agreed=True, link_id=7),
        code="plan_empty",
    )


def test_an_agreed_plan_is_never_edited_a_change_is_the_next_revision(head, case, refused):
    plan = _drafted(head, case)
    _by_link(case, plan, agreed=True, link_id=7)
    refused(
        lambda: goal_add(
            actor=head, case_id=case.pk, plan_id=plan.pk, term="long", description="Kerja lagi"
        ),
        status=409,
        code="plan_settled",
    )
    revision = plan_draft(actor=head, case_id=case.pk, note="Setelah review")
    assert revision.revision == 2
    assert [g.description for g in revision.goals.all()] == ["Klien aman di rumah aman"]
    assert revision.goals.get().steps.get().who == "Konselor"  # carried over for editing
    goal_remove(actor=head, case_id=case.pk, goal_id=revision.goals.get().pk)
    goal_add(
        actor=head, case_id=case.pk, plan_id=revision.pk, term="long", description="Reintegrasi"
    )
    _by_link(case, revision, agreed=True, link_id=8)
    plan.refresh_from_db()
    assert plan.state == PlanState.SUPERSEDED
    assert [g.description for g in plan.goals.all()] == ["Klien aman di rumah aman"]


def test_one_draft_at_a_time(head, case, refused):
    plan_draft(actor=head, case_id=case.pk)
    refused(lambda: plan_draft(actor=head, case_id=case.pk), status=409, code="plan_draft_exists")


def test_a_refused_plan_stays_refused_and_the_next_revision_can_be_drafted(head, case):
    plan = _drafted(head, case)
    _by_link(case, plan, agreed=False, link_id=3, note="Klien tidak mau ke rumah aman")
    plan.refresh_from_db()
    assert plan.state == PlanState.REFUSED
    assert plan_draft(actor=head, case_id=case.pk).revision == 2


def test_a_goal_and_a_step_need_their_words(head, case, refused):
    plan = plan_draft(actor=head, case_id=case.pk)
    refused(
        lambda: goal_add(actor=head, case_id=case.pk, plan_id=plan.pk, term="mid", description="x"),
        field="term",
    )
    refused(
        lambda: goal_add(
            actor=head, case_id=case.pk, plan_id=plan.pk, term="short", description=""
        ),
        field="description",
    )
    goal = goal_add(actor=head, case_id=case.pk, plan_id=plan.pk, term="short", description="x")
    refused(
        lambda: goal_step_add(actor=head, case_id=case.pk, goal_id=goal.pk, who="", what="y"),
        field="who",
    )


def test_a_service_provider_on_the_case_does_not_write_the_plan(assigned, case, refused):
    mediator = assigned(Role.MEDIATOR)
    refused(lambda: plan_draft(actor=mediator, case_id=case.pk), status=403)


def test_the_plan_of_a_closed_case_is_not_changed(head, org_a, case, refused):
    plan = _drafted(head, case)
    from tenants.cases.services import case_transition

    case_transition(actor=head, case_id=case.pk, move="reject", reason_code="outside_mandate")
    refused(
        lambda: goal_add(
            actor=head, case_id=case.pk, plan_id=plan.pk, term="short", description="x"
        ),
        status=409,
        code="case_closed",
    )


def test_a_goal_of_another_case_is_not_found(head, in_a, case, refused):
    from tenants.cases.registration import case_register

    other = case_register(actor=actor(in_a, Role.RECEPTIONIST), title="Lain")
    plan = plan_draft(actor=head, case_id=other.pk)
    goal = goal_add(actor=head, case_id=other.pk, plan_id=plan.pk, term="short", description="x")
    refused(
        lambda: goal_step_add(actor=head, case_id=case.pk, goal_id=goal.pk, who="a", what="b"),
        status=404,
    )
