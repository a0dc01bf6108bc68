"""Adversarial review of the case work: organisations, restricted cases, the policy table,
bad input, and refusals that must write nothing. Findings are strict xfails."""

from __future__ import annotations

import base64
import re
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from hub.accounts.roles import Role
from hub.consent.services import ConsentChoices
from hub.core.models import AuditEvent
from sharing.models import ShareGrant
from sharing.services import share_grant
from tenants.cases.assignments import assignment_appoint
from tenants.cases.models import Case
from tenants.cases.registration import Intake, case_register
from tenants.documents.services import document_upload
from tenants.events.services import EventData, event_record
from tenants.litigation.services import ProceedingData, proceeding_record
from tenants.people.models import Person
from tenants.people.services import PersonData
from tests.builders import in_schema, member, org_api
from tests.conftest import PASSWORD
from tests.routes import all_routes, fill

HUGE = "99999999999999999999"


def _page(org, path: str) -> str:
    return f"/org/{org.organisation.slug}/{path}"


def _counts(org) -> tuple:
    with in_schema(org.organisation):
        return (
            Case.objects.count(),
            Person.objects.count(),
            AuditEvent.objects.count(),
            ShareGrant.objects.count(),
        )


@pytest.fixture
def secret(org_a, org_b):
    """A restricted case in A (a child victim) with the whole record, worked on by the
    consultation lawyer; and an ordinary case beside it."""
    a = org_a.organisation
    head = member(org_a, Role.DIVISION_HEAD)
    with in_schema(a):
        restricted = case_register(
            actor=member(org_a, Role.RECEPTIONIST),
            title="Rahasia anak",
            complainant=PersonData(display_name="Melati Kusumawardani", nik="3171234567890123"),
            consent=ConsentChoices(contact=True, share=True, refer=False, statistics=True),
            intake=Intake(restricted=True, opposing_parties=("Bapak Pelaku Rahasia",)),
        )
        assignment_appoint(
            actor=head,
            case_id=restricted.pk,
            user_id=org_a.users[Role.CONSULTATION_LAWYER].pk,
            role=Role.CONSULTATION_LAWYER,
        )
        event_record(actor=head, case=restricted, data=EventData(description="Kejadian rahasia"))
        proceeding_record(
            actor=head,
            case_id=restricted.pk,
            data=ProceedingData(kind="police_report", body="Polda"),
        )
        ordinary = case_register(
            actor=member(org_a, Role.RECEPTIONIST),
            title="Gaji tidak dibayar",
            complainant=PersonData(display_name="Rina Biasa"),
        )
        victim = restricted.roles.get(role="complainant").person_id
    return {
        "case": restricted.pk,
        "number": restricted.number,
        "person": victim,
        "ordinary": ordinary.pk,
    }


def _grant(org_a, org_b, case_id: int, sections=("summary", "people")):
    """A share granted before the case was restricted (a restricted case is not shared)."""
    with in_schema(org_a.organisation):
        Case.objects.filter(pk=case_id).update(restricted=False)
        grant = share_grant(
            actor=member(org_a, Role.DIVISION_HEAD),
            case_id=case_id,
            recipient=org_b.organisation,
            sections=list(sections),
        )
        Case.objects.filter(pk=case_id).update(restricted=True)
        return grant


def _png() -> bytes:
    buffer = BytesIO()
    Image.new("RGB", (40, 30), (90, 0, 0)).save(buffer, format="PNG")
    return buffer.getvalue()


def _samples(org, secret) -> dict[str, str]:
    """Every URL parameter aimed at the restricted case and what is in it."""
    from tenants.cases.models import Assignment, DecisionRequest
    from tenants.events.models import Event
    from tenants.litigation.models import Proceeding

    with in_schema(org.organisation):
        request = DecisionRequest.objects.filter(case_id=secret["case"]).first()
        document = document_upload(
            actor=member(org, Role.DIVISION_HEAD),
            case_id=secret["case"],
            file=SimpleUploadedFile("visum.png", _png()),
        )
        return {
            "document_id": str(document.pk),
            "org_slug": org.organisation.slug,
            "case_id": str(secret["case"]),
            "person_id": str(secret["person"]),
            "event_id": str(Event.objects.filter(case_id=secret["case"]).first().pk),
            "proceeding_id": str(Proceeding.objects.filter(case_id=secret["case"]).first().pk),
            "assignment_id": str(Assignment.objects.filter(case_id=secret["case"]).first().pk),
            "request_id": str(request.pk if request else 999999),
            "grant_id": "999999",
            "user_id": str(org.users[Role.PARALEGAL].pk),
            "receipt_code": "RP-2222-2222",
            "vocabulary": "occupation",
            "link_id": "999999",
            "plan_id": "999999",
            "goal_id": "999999",
            "intervention_id": "999999",
            "record": "plan",
            "notification_id": "999999",
            "transfer_id": str(_transfer_of(org, secret)),
            # A restricted case is never shared, referred or contributed to: none exists.
            "access_request_id": "999999",
            "referral_id": "999999",
            "agency_id": "999999",
            "contribution_id": "999999",
        }


def _transfer_of(org, secret) -> int:
    """A transfer of the restricted case to another member, waiting for its answer."""
    from datetime import date

    from django.utils import timezone

    from hub.consent.models import ConsentRecord
    from hub.organisations.models import Organisation
    from sharing.transfers.models import Transfer

    consent = ConsentRecord.objects.create(
        given_by="worker",
        source="portal",
        share=True,
        organisation=org.organisation,
        case_id=secret["case"],
    )
    return Transfer.objects.create(
        sender=org.organisation,
        case_id=secret["case"],
        case_number=secret["number"],
        receiver=Organisation.objects.members().exclude(pk=org.organisation.pk).first(),
        consent=consent,
        decided_by="test",
        decided_at=timezone.now(),
        note="Rahasia: dialihkan",
        status="delivered",
        package=b"<package/>",
        due_on=date(2026, 12, 9),
    ).pk


# (a) One organisation's data reachable by another


def test_inviting_another_organisations_user_gives_no_way_to_set_their_password(
    client, org_a, org_b
):
    victim = org_b.users[Role.DIVISION_HEAD]
    client.force_login(org_a.users[Role.OFFICE_ADMIN])
    response = client.post(
        _page(org_a, "staff/"),
        {"full_name": "Siapa saja", "email": victim.email, "roles": [Role.PARALEGAL]},
        follow=True,
    )
    said = " ".join(str(m) for m in response.context["messages"])
    link = re.search(r"/accounts/password/[^/\s]+/[^/\s]+/", said)
    if link:
        client.logout()
        form = client.get(link.group(0), follow=True)
        new = "Ambil-alih-2026-xyz"
        client.post(form.request["PATH_INFO"], {"new_password1": new, "new_password2": new})
    victim.refresh_from_db()
    assert victim.check_password(PASSWORD), "A's admin set the password of B's division head"


def test_a_shared_restricted_case_is_not_read_by_the_recipients_unassigned_staff(
    client, org_a, org_b, secret
):
    from hub.core.errors import DomainError

    try:
        grant = _grant(org_a, org_b, secret["case"])
    except DomainError:
        return  # refusing to share a restricted case is a correct fix too
    client.force_login(org_b.users[Role.RECEPTIONIST])
    response = client.get(org_api(org_b, f"shared-with-us/{grant.pk}/"))
    assert "Melati" not in response.content.decode()


# (b) Restricted cases leaking to the organisation's other staff


def test_no_page_or_api_shows_a_restricted_case_to_unassigned_staff(client, org_a, secret):
    """Every GET route under /org/<slug>/, aimed at the restricted case, its person, event,
    proceeding and assignment, and with searches for the child's name and NIK."""
    samples = _samples(org_a, secret)
    needles = ("Melati", secret["number"], "Rahasia", "rahasia", "Pelaku", "3171234567890123")
    leaks = []
    for role in (Role.PARALEGAL, Role.RECEPTIONIST, Role.CASE_LAWYER, Role.OFFICE_ADMIN):
        client.force_login(org_a.users[role])
        for route in all_routes():
            if not route.startswith("org/"):
                continue
            url = fill(route, samples)
            for query in ("", "?q=Melati", "?name=Melati+Kusumawardani&nik=3171234567890123"):
                response = client.get(url + query)
                body = response.content.decode("utf-8", "replace")
                # The search page shows the words searched for in its box: not a leak.
                body = re.sub(r'<input type="search" name="q" value="[^"]*"', "", body)
                leaks += [(role, url + query, n) for n in needles if n in body]
                assert response.status_code < 500, (role, url + query)
    assert not leaks


def test_the_restricted_case_stays_open_to_its_assigned_lawyer_and_the_head(client, org_a, secret):
    for role in (Role.CONSULTATION_LAWYER, Role.DIVISION_HEAD):
        client.force_login(org_a.users[role])
        response = client.get(org_api(org_a, f"people/{secret['person']}/"))
        assert response.status_code == 200, role
        assert "Melati" in response.json()["display_name"]


def test_the_share_list_hides_restricted_cases_from_unassigned_staff(client, org_a, org_b, secret):
    _grant(org_a, org_b, secret["case"])
    client.force_login(org_a.users[Role.PARALEGAL])
    response = client.get(org_api(org_a, "shares/"))
    assert response.status_code == 200
    assert secret["number"] not in response.content.decode()
    assert all(row["case_id"] != secret["case"] for row in response.json())


def test_the_conflict_warning_does_not_say_a_client_of_a_restricted_case_matched(
    client, org_a, secret
):
    client.force_login(org_a.users[Role.RECEPTIONIST])
    response = client.post(
        org_api(org_a, "cases/"),
        {"title": "Gaji", "opposing_parties": ["Melati Kusumawardani"]},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code in (201, 409)
    assert "restricted" not in response.content.decode().lower()


# (c) Actions the policy table does not allow, through some path


def test_an_unassigned_case_lawyer_cannot_revoke_the_share_of_a_restricted_case(
    client, org_a, org_b, secret
):
    grant = _grant(org_a, org_b, secret["case"])
    before = _counts(org_a)
    client.force_login(org_a.users[Role.CASE_LAWYER])
    response = client.post(org_api(org_a, f"shares/{grant.pk}/revoke/"))
    grant.refresh_from_db()
    assert response.status_code == 404
    assert grant.revoked_at is None
    assert _counts(org_a) == before


def test_unassigned_staff_cannot_act_on_the_restricted_case_and_nothing_is_written(
    client, org_a, secret
):
    before = _counts(org_a)
    case = secret["case"]
    posts = [
        (f"cases/{case}/transitions/", {"move": "reject", "reason_code": "outside_mandate"}),
        (f"cases/{case}/restriction/", {"restricted": False}),
        (f"cases/{case}/people/", {"person": {"display_name": "X"}, "role": "witness"}),
        (f"cases/{case}/events/", {"description": "x"}),
        (f"cases/{case}/take/", {}),
        (f"people/{secret['person']}/placements/", {"destination_country": "MY"}),
        (f"people/{secret['person']}/relations/", {"kind": "parent", "other_id": 1}),
    ]
    for role in (Role.CASE_LAWYER, Role.PARALEGAL, Role.CONSULTATION_ASSISTANT):
        client.force_login(org_a.users[role])
        for path, body in posts:
            response = client.post(org_api(org_a, path), body, content_type="application/json")
            assert response.status_code == 404, (role, path, response.status_code)
        response = client.patch(
            org_api(org_a, f"people/{secret['person']}/"),
            {"version": 1, "safe_contact": "x"},
            content_type="application/json",
        )
        assert response.status_code == 404, role
    assert _counts(org_a) == before


# (d) Bad input answered with a 5xx


def test_a_huge_group_size_or_income_is_a_400(client, org_a, secret):
    client.raise_request_exception = False
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    huge = int(HUGE)
    before = _counts(org_a)
    calls = [
        (
            client.post,
            "cases/",
            {"title": "x", "complainant": {"display_name": "A", "group_size": huge}},
        ),
        (
            client.post,
            "cases/",
            {"title": "x", "complainant": {"display_name": "A", "income_amount": huge}},
        ),
        (
            client.post,
            f"cases/{secret['ordinary']}/people/",
            {"person": {"display_name": "Z", "group_size": huge}, "role": "victim"},
        ),
        (client.patch, f"people/{secret['person']}/", {"version": 1, "income_amount": huge}),
    ]
    statuses = [
        method(org_api(org_a, path), body, content_type="application/json").status_code
        for method, path, body in calls
    ]
    assert statuses == [400, 400, 400, 400]
    assert _counts(org_a) == before


def test_a_forged_cursor_is_a_4xx(client, org_a, secret):
    client.raise_request_exception = False
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    statuses = {}
    for path in ("cases/", "queue/", "my-cases/", "people/"):
        for raw in (b"p=abc", b"p=" + HUGE.encode()):
            cursor = base64.b64encode(raw).decode()
            statuses[(path, raw)] = client.get(org_api(org_a, path, cursor=cursor)).status_code
    assert all(400 <= s < 500 for s in statuses.values()), statuses


def test_huge_negative_and_odd_ids_are_4xx_never_5xx(client, org_a, secret):
    client.raise_request_exception = False
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    huge = int(HUGE)
    case = secret["case"]
    before = _counts(org_a)
    for url in (
        org_api(org_a, f"cases/{HUGE}/"),
        org_api(org_a, f"people/{HUGE}/"),
        org_api(org_a, f"cases/{case}/events/{HUGE}/acts/"),
        org_api(org_a, "cases/-1/"),
        _page(org_a, f"cases/{HUGE}/"),
        org_api(org_a, "cases/", stage="x", q="\u202e"),
        org_api(org_a, "people/duplicates/", name="Melati", birth_date="2026-02-30"),
    ):
        assert 400 <= client.get(url).status_code < 500, url
    bodies = [
        (f"cases/{case}/people/", {"person_id": huge, "role": "victim"}),
        (f"cases/{case}/events/{HUGE}/acts/", {"description": "x"}),
        (f"cases/{case}/assignments/", {"user_id": huge, "role": "paralegal"}),
        (f"people/{secret['person']}/relations/", {"kind": "parent", "other_id": huge}),
        ("shares/", {"case_id": huge, "recipient": "sbmi-uji", "sections": ["summary"]}),
        (f"cases/{case}/transitions/", {"move": ["reject"], "reason_code": 7}),
    ]
    for path, body in bodies:
        response = client.post(org_api(org_a, path), body, content_type="application/json")
        assert 400 <= response.status_code < 500, (path, response.status_code)
    response = client.patch(
        org_api(org_a, f"cases/{case}/"),
        {"version": huge, "title": "x"},
        content_type="application/json",
    )
    assert response.status_code == 409
    assert _counts(org_a) == before
