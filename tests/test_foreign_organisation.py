"""Every /org/<slug>/ route, as a member of another organisation (or its API client): 404.

The routes are read from the URLconf, so a new route is covered the day it is added; a new
URL parameter name must be given a sample value below or this test fails and says so.
"""

from __future__ import annotations

from datetime import date
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from hub.accounts.models import Membership
from hub.accounts.roles import ORGANISATION_ROLES, Role
from hub.links.models import ClientLink
from sharing.access.models import AccessRequest
from sharing.models import ShareGrant
from sharing.referrals.models import Authority, Referral, ServiceAgency
from sharing.transfers.models import Transfer
from tenants.care.interventions import InterventionData, intervention_log
from tenants.care.models import Goal, Intervention, ServicePlan, Termination
from tenants.care.plans import goal_add, plan_draft
from tenants.cases.assignments import case_take
from tenants.cases.decisions import decision_request_create
from tenants.cases.models import Assignment, Case, DecisionComment, DecisionRequest
from tenants.cases.registration import case_register
from tenants.clientlinks.services import case_link_create
from tenants.contributions.models import Contribution
from tenants.contributions.services import (
    ContributionInput,
    ContributionOrigin,
    contribution_add,
)
from tenants.documents.models import Document
from tenants.documents.services import document_upload
from tenants.events.models import Act, Event
from tenants.events.services import EventData, event_record
from tenants.litigation.models import Hearing, Proceeding
from tenants.litigation.services import ProceedingData, proceeding_record
from tenants.notifications.delivery import NotificationDraft, notifications_record
from tenants.notifications.models import Notification
from tenants.people.models import Person
from tenants.people.services import PersonData
from tests.builders import actor, complaint, in_schema
from tests.routes import all_routes, fill

ORG_PREFIX = "org/<slug:org_slug>/"


def _png() -> bytes:
    buffer = BytesIO()
    Image.new("RGB", (40, 30), (0, 90, 50)).save(buffer, format="PNG")
    return buffer.getvalue()


def care_rows():
    return (
        list(ServicePlan.objects.values_list("id", "state")),
        list(Goal.objects.values_list("id", "description")),
        list(Intervention.objects.values_list("id", "ended_on", "outcome")),
        Termination.objects.count(),
    )


def organisation_routes() -> list[str]:
    routes = [r for r in all_routes() if r.startswith(ORG_PREFIX)]
    assert len(routes) >= 10, routes
    return routes


@pytest.fixture
def a_objects(org_a, org_b):
    """One of each kind of object in organisation A, to aim at from B."""
    a = org_a.organisation
    filed = complaint(a, share=True)
    with in_schema(a):
        case = case_register(
            actor=actor(a, Role.DIVISION_HEAD),
            title="Kasus A",
            complainant=PersonData(display_name="Rina"),
        )
        lawyer = actor(a, Role.CONSULTATION_LAWYER, user=org_a.users[Role.CONSULTATION_LAWYER])
        case_take(actor=lawyer, case_id=case.pk)
        request = decision_request_create(
            actor=lawyer, case_id=case.pk, move="case_meeting", reason="Perlu rapat kasus"
        )
        assignment = case.assignments.get()
        person_id = case.roles.get().person_id
        head = actor(a, Role.DIVISION_HEAD)
        event = event_record(actor=head, case=case, data=EventData(description="Paspor ditahan"))
        proceeding = proceeding_record(
            actor=head, case_id=case.pk, data=ProceedingData(kind="police_report", body="Polda")
        )
        document = document_upload(
            actor=head, case_id=case.pk, file=SimpleUploadedFile("slip.png", _png())
        )
        plan = plan_draft(actor=head, case_id=case.pk)
        goal = goal_add(
            actor=head, case_id=case.pk, plan_id=plan.pk, term="short", description="Aman"
        )
        intervention = intervention_log(
            actor=head,
            case_id=case.pk,
            data=InterventionData(
                service="legal", started_on=date(2026, 11, 2), description="Somasi"
            ),
        )
        notifications_record(
            drafts=[
                NotificationDraft(
                    recipient_user_id=org_a.users[Role.CASE_LAWYER].pk,
                    kind="case.assigned",
                    dedupe_key="foreign-test",
                    subject="Anda ditugaskan",
                    body="Kasus A",
                    url=f"/org/{a.slug}/cases/{case.pk}/",
                )
            ]
        )
        notification = Notification.objects.get(dedupe_key="foreign-test")
        link = case_link_create(
            actor=head, case_id=case.pk, purpose="consent", asked={"purposes": ["share"]}
        ).link
        contribution = contribution_add(
            owner=a,
            case_id=case.pk,
            data=ContributionInput(kind="note", body="Kunjungan keluarga"),
            origin=ContributionOrigin(kind="link", author_label="Pak Darto", link_id=link.pk),
            by=head.audit,
        )
    # A grant B must not see: A's case, granted to A itself (a grant to B would be B's to read).
    grant = ShareGrant.objects.create(
        owner=a,
        case_id=case.pk,
        case_number=case.number,
        recipient=a,
        sections=["summary"],
        consent=filed.consent,
        granted_by="test",
    )
    # An access request between A and itself: B is no side of it.
    access_request = AccessRequest.objects.create(
        requester=a,
        owner=a,
        case_number=case.number,
        reason="Uji",
        sections=["summary"],
        created_by="test",
    )
    # A referral of A's case to an outside agency: B is no side of it.
    referral = Referral.objects.create(
        sender=a,
        case_id=case.pk,
        case_number=case.number,
        agency=ServiceAgency.objects.create(
            name="UPTD PPA Uji", services=["psychosocial"], authority=Authority.CENTRAL
        ),
        service="psychosocial",
        reason="Uji",
        sections=["summary"],
        consent=filed.consent,
        package=b"",
        created_by="test",
    )
    # A transfer of A's case to B, waiting for B's answer: still none of B's business under A.
    transfer = Transfer.objects.create(
        sender=a,
        case_id=case.pk,
        case_number=case.number,
        receiver=org_b.organisation,
        consent=filed.consent,
        decided_by="test",
        decided_at=timezone.now(),
        note="Klien pindah",
        status="delivered",
        package=b"<package/>",
        due_on=date(2026, 12, 9),
    )
    return {
        "org_slug": a.slug,
        "case_id": str(case.pk),
        "receipt_code": filed.receipt_code,
        "grant_id": str(grant.pk),
        "assignment_id": str(assignment.pk),
        "request_id": str(request.pk),
        "person_id": str(person_id),
        "event_id": str(event.pk),
        "proceeding_id": str(proceeding.pk),
        "user_id": str(org_a.users[Role.CASE_LAWYER].pk),
        "document_id": str(document.pk),
        "plan_id": str(plan.pk),
        "goal_id": str(goal.pk),
        "intervention_id": str(intervention.pk),
        "record": "plan",
        "notification_id": str(notification.pk),
        "link_id": str(link.pk),
        "transfer_id": str(transfer.pk),
        "access_request_id": str(access_request.pk),
        "referral_id": str(referral.pk),
        "contribution_id": str(contribution.pk),
    }


def _state(org):
    memberships = list(
        Membership.objects.filter(organisation=org.organisation).values_list("user_id", "role")
    )
    links = list(
        ClientLink.objects.filter(organisation=org.organisation).values_list(
            "id", "nonce_hash", "expires_at", "used_at", "revoked_at", "reviewed_at"
        )
    )
    with in_schema(org.organisation):
        return (
            sorted(memberships),
            Case.objects.count(),
            ShareGrant.objects.count(),
            list(AccessRequest.objects.values_list("id", "status", "share_id")),
            list(Case.objects.values_list("stage", "status", "version")),
            list(Assignment.objects.values_list("id", "ended_at")),
            list(Person.objects.values_list("id", "version")),
            list(Event.objects.values_list("id", "description")),
            Act.objects.count(),
            list(Proceeding.objects.values_list("id", "version")),
            Hearing.objects.count(),
            list(Document.objects.values_list("id", "sha256")),
            list(DecisionRequest.objects.values_list("id", "state")),
            DecisionComment.objects.count(),
            care_rows(),
            list(Notification.objects.values_list("id", "read_at")),
            list(Transfer.objects.values_list("id", "status", "answered_at")),
            links,
            list(Referral.objects.values_list("id", "status", "decided_at")),
            list(Contribution.objects.values_list("id", "status", "hidden_at")),
        )


@pytest.mark.parametrize("method", ["get", "post", "patch", "put", "delete"])
def test_member_of_another_organisation_gets_404_everywhere(
    client, org_a, org_b, a_objects, method
):
    before = _state(org_a)
    for role in sorted(ORGANISATION_ROLES):
        client.force_login(org_b.users[role])
        for route in organisation_routes():
            url = fill(route, a_objects)
            response = (
                client.get(url)
                if method == "get"
                else getattr(client, method)(url, {}, content_type="application/json")
            )
            assert response.status_code == 404, (role, method, url, response.status_code)
    assert _state(org_a) == before


def test_api_client_of_another_organisation_gets_404_everywhere(client, org_a, org_b, a_objects):
    token = client.post(
        "/o/token/",
        {
            "grant_type": "client_credentials",
            "client_id": org_b.application.client_id,
            "client_secret": org_b.client_secret,
        },
    )
    assert token.status_code == 200, token.content
    bearer = {"HTTP_AUTHORIZATION": f"Bearer {token.json()['access_token']}"}
    before = _state(org_a)
    for route in organisation_routes():
        url = fill(route, a_objects)
        if "/api/" not in url:
            continue
        assert client.get(url, **bearer).status_code == 404, url
        for method in (client.post, client.patch, client.put, client.delete):
            response = method(url, {}, content_type="application/json", **bearer)
            assert response.status_code == 404, (url, method)
    assert _state(org_a) == before


def test_unknown_organisation_slug_is_404(client, org_b):
    client.force_login(org_b.users[Role.DIVISION_HEAD])
    assert client.get("/org/no-such-org/api/v1/cases/").status_code == 404
    assert client.get("/org/no-such-org/").status_code == 404
