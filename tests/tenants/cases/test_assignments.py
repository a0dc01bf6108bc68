"""Who works on a case, over the API: the queue, my cases, the Kabid's appointments and their
end, and restricted cases that only their own staff and the Kabid can see."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from hub.accounts.models import Membership, User
from hub.accounts.roles import Role
from hub.core.models import AuditEvent
from hub.vocab.stages import Stage
from tenants.cases.assignments import assignment_appoint, case_take
from tenants.cases.lifecycle import Move
from tenants.cases.models import Assignment, Case
from tenants.cases.services import case_transition
from tests.builders import in_schema, member, registered_case
from tests.conftest import PASSWORD


@dataclass
class Api:
    """The organisation API as one signed-in member sees it."""

    client: object
    org: object

    def as_(self, role_or_user) -> Api:
        user = self.org.users.get(role_or_user, role_or_user)
        self.client.force_login(user)
        return self

    def url(self, path: str) -> str:
        return f"/org/{self.org.organisation.slug}/api/v1/{path}"

    def get(self, path: str):
        return self.client.get(self.url(path))

    def post(self, path: str, body: dict | None = None):
        return self.client.post(self.url(path), body or {}, content_type="application/json")

    def ids(self, path: str) -> list[int]:
        response = self.get(path)
        assert response.status_code == 200, response.content
        return [row["id"] for row in response.json()["results"]]


@pytest.fixture
def api(client, org_a) -> Api:
    return Api(client, org_a)


def _name(user) -> str:
    """How colleagues see a signed-in person on the records (their name, else their login)."""
    return user.full_name or user.email


def _colleague(org, role: str, name: str) -> User:
    """A second member holding `role` (the session world has one person per role)."""
    user = User.objects.create_user(
        f"{name}@{org.organisation.slug}.test", PASSWORD, full_name=name
    )
    Membership.objects.create(user=user, organisation=org.organisation, role=role)
    return user


def _taken(org, user=None) -> Case:
    case = registered_case(org.organisation)
    with in_schema(org.organisation):
        return case_take(actor=member(org, Role.CONSULTATION_LAWYER, user), case_id=case.pk)


def _at_case_meeting(org) -> Case:
    case = _taken(org)
    with in_schema(org.organisation):
        return case_transition(
            actor=member(org, Role.DIVISION_HEAD), case_id=case.pk, move=Move.CASE_MEETING
        )


def _appoint(org, case, role, user=None):
    with in_schema(org.organisation):
        return assignment_appoint(
            actor=member(org, Role.DIVISION_HEAD),
            case_id=case.pk,
            user_id=(user or org.users[role]).pk,
            role=role,
        )


def _state(org, case_id):
    with in_schema(org.organisation):
        case = Case.objects.get(pk=case_id)
        return (
            (case.stage, case.status, case.version),
            list(
                Assignment.objects.filter(case_id=case_id)
                .order_by("id")
                .values_list("id", "user_id", "role", "ended_at")
            ),
            AuditEvent.objects.filter(object_type="case", object_id=str(case_id)).count(),
        )


def _error(response, status: int, code: str | None = None) -> dict:
    assert response.status_code == status, response.content
    error = response.json()["error"]
    assert error["message"]
    if code is not None:
        assert error["code"] == code, error
    return error


# The queue and my cases


def _queue_of_three(org_a):
    """Three registered cases, the third opened long before the others, and a taken one."""
    first, second, third = (registered_case(org_a.organisation, f"Kasus {n}") for n in "123")
    taken = _taken(org_a)
    with in_schema(org_a.organisation):
        # First come, first served by when the case was opened, whatever its id.
        Case.objects.filter(pk=third.pk).update(opened_at=first.opened_at.replace(year=2020))
    return [third.pk, first.pk, second.pk], taken.pk


def test_the_queue_lists_registered_cases_oldest_first(api, org_a):
    oldest_first, _taken_pk = _queue_of_three(org_a)
    assert api.as_(Role.CONSULTATION_LAWYER).ids("queue/") == oldest_first


def test_the_queue_holds_only_registered_cases_oldest_first_when_asked(api, org_a):
    oldest_first, taken_pk = _queue_of_three(org_a)
    assert api.as_(Role.CONSULTATION_LAWYER).ids("queue/?ordering=oldest") == oldest_first
    assert taken_pk not in api.ids("queue/")


def test_a_taken_case_leaves_the_queue_and_cannot_be_taken_again(api, org_a):
    case = registered_case(org_a.organisation)
    other = _colleague(org_a, Role.CONSULTATION_LAWYER, "lawyer-two")
    response = api.as_(Role.CONSULTATION_LAWYER).post(f"cases/{case.pk}/take/")
    assert response.status_code == 200, response.content
    assert response.json()["stage"] == "consultation"
    assert case.pk not in api.ids("queue/")
    before = _state(org_a, case.pk)
    _error(api.as_(other).post(f"cases/{case.pk}/take/"), 409, "transition_not_allowed")
    assert _state(org_a, case.pk) == before


@pytest.mark.parametrize("role", [Role.CASE_LAWYER, Role.DIVISION_HEAD, Role.RECEPTIONIST])
def test_only_a_consultation_lawyer_takes_from_the_queue(api, org_a, role):
    case = registered_case(org_a.organisation)
    before = _state(org_a, case.pk)
    _error(api.as_(role).post(f"cases/{case.pk}/take/"), 403, "role_not_allowed")
    assert _state(org_a, case.pk) == before


def test_my_cases_lists_only_the_persons_active_assignments(api, org_a):
    mine = _taken(org_a)
    handed_back = _taken(org_a)
    colleagues = _taken(org_a, user=_colleague(org_a, Role.CONSULTATION_LAWYER, "lawyer-two"))
    registered_case(org_a.organisation)  # in the queue, nobody's yet
    with in_schema(org_a.organisation):
        assignment = handed_back.assignments.get()
        Assignment.objects.filter(pk=assignment.pk).update(ended_at=assignment.assigned_at)
    assert api.as_(Role.CONSULTATION_LAWYER).ids("my-cases/") == [mine.pk]
    assert colleagues.pk not in api.ids("my-cases/")
    assert api.as_(Role.CASE_LAWYER).ids("my-cases/") == []


def test_my_cases_lists_the_most_recently_changed_first(api, org_a):
    opened_first = _taken(org_a)
    opened_second = _taken(org_a)
    with in_schema(org_a.organisation):
        case_transition(
            actor=member(org_a, Role.DIVISION_HEAD),
            case_id=opened_first.pk,
            move=Move.CASE_MEETING,
        )
    assert api.as_(Role.CONSULTATION_LAWYER).ids("my-cases/") == [
        opened_first.pk,
        opened_second.pk,
    ]


# Appointing


def test_appointing_the_case_lawyer_at_the_case_meeting_starts_accompaniment(api, org_a):
    case = _at_case_meeting(org_a)
    lawyer = org_a.users[Role.CASE_LAWYER]
    response = api.as_(Role.DIVISION_HEAD).post(
        f"cases/{case.pk}/assignments/",
        {"user_id": lawyer.pk, "role": "case_lawyer", "instruction": "Dampingi pelaporan."},
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["user_id"], body["role"], body["instruction"]) == (
        lawyer.pk,
        "case_lawyer",
        "Dampingi pelaporan.",
    )
    assert body["assigned_by_label"] == _name(org_a.users[Role.DIVISION_HEAD])
    moved = api.get(f"cases/{case.pk}/").json()
    assert (moved["stage"], moved["status"]) == ("accompaniment", "accompanied")
    assert moved["version"] == case.version + 1
    with in_schema(org_a.organisation):
        trail = AuditEvent.objects.filter(object_id=str(case.pk))
        assert trail.filter(action="case.transition", detail__move="accompany").exists()
        assert trail.filter(action="case.assigned", detail__role="case_lawyer").exists()
    assert case.pk in api.as_(lawyer).ids("my-cases/")


def test_appointing_an_assistant_does_not_move_the_case(api, org_a):
    case = _at_case_meeting(org_a)
    response = api.as_(Role.DIVISION_HEAD).post(
        f"cases/{case.pk}/assignments/",
        {"user_id": org_a.users[Role.PARALEGAL].pk, "role": "paralegal"},
    )
    assert response.status_code == 201, response.content
    assert api.get(f"cases/{case.pk}/").json()["stage"] == "case_meeting"


@pytest.mark.parametrize(
    "whom", ["member-in-another-role", "member-of-another-organisation", "no-such-user"]
)
def test_appointing_someone_who_lacks_the_role_is_400_not_a_member_in_role(api, org_a, org_b, whom):
    case = _at_case_meeting(org_a)
    user_id = {
        "member-in-another-role": org_a.users[Role.PARALEGAL].pk,
        "member-of-another-organisation": org_b.users[Role.CASE_LAWYER].pk,
        "no-such-user": 10**9,
    }[whom]
    before = _state(org_a, case.pk)
    response = api.as_(Role.DIVISION_HEAD).post(
        f"cases/{case.pk}/assignments/", {"user_id": user_id, "role": "case_lawyer"}
    )
    error = _error(response, 400, "not_a_member_in_role")
    assert "user_id" in error["fields"]
    assert _state(org_a, case.pk) == before


@pytest.mark.parametrize(
    ("role", "appointed"),
    [
        (Role.CONSULTATION_LAWYER, Role.CASE_LAWYER),  # assigned to the case, still not the Kabid
        (Role.CONSULTATION_LAWYER, Role.PARALEGAL),
        (Role.CASE_LAWYER, Role.CASE_LAWYER),
        (Role.OFFICE_ADMIN, Role.COUNSELLOR),
    ],
)
def test_only_the_kabid_appoints_and_a_refusal_writes_nothing(api, org_a, role, appointed):
    case = _at_case_meeting(org_a)
    before = _state(org_a, case.pk)
    response = api.as_(role).post(
        f"cases/{case.pk}/assignments/",
        {"user_id": org_a.users[appointed].pk, "role": appointed},
    )
    _error(response, 403, "role_not_allowed")
    assert _state(org_a, case.pk) == before


def test_a_new_case_lawyer_ends_the_previous_one_whose_row_is_kept(api, org_a):
    case = _at_case_meeting(org_a)
    first = _appoint(org_a, case, Role.CASE_LAWYER)
    successor = _colleague(org_a, Role.CASE_LAWYER, "lawyer-successor")
    response = api.as_(Role.DIVISION_HEAD).post(
        f"cases/{case.pk}/assignments/", {"user_id": successor.pk, "role": "case_lawyer"}
    )
    assert response.status_code == 201, response.content
    rows = {row["id"]: row for row in api.get(f"cases/{case.pk}/assignments/").json()}
    assert rows[first.pk]["ended_at"] is not None
    assert rows[response.json()["id"]]["ended_at"] is None
    assert [r["user_id"] for r in rows.values() if r["role"] == "case_lawyer"] == [
        first.user_id,
        successor.pk,
    ]
    with in_schema(org_a.organisation):
        assert Case.objects.get(pk=case.pk).stage == Stage.ACCOMPANIMENT
        assert AuditEvent.objects.filter(
            object_id=str(case.pk), action="case.assignment_ended", detail__assignment=first.pk
        ).exists()
    assert case.pk not in api.as_(Role.CASE_LAWYER).ids("my-cases/")
    assert case.pk in api.as_(successor).ids("my-cases/")


def test_appointing_the_same_person_twice_in_a_role_is_409(api, org_a):
    case = _at_case_meeting(org_a)
    _appoint(org_a, case, Role.PARALEGAL)
    before = _state(org_a, case.pk)
    response = api.as_(Role.DIVISION_HEAD).post(
        f"cases/{case.pk}/assignments/",
        {"user_id": org_a.users[Role.PARALEGAL].pk, "role": "paralegal"},
    )
    _error(response, 409)
    assert _state(org_a, case.pk) == before


def test_the_kabid_ends_an_assignment_and_the_row_stays(api, org_a):
    case = _at_case_meeting(org_a)
    assignment = _appoint(org_a, case, Role.COUNSELLOR)
    response = api.as_(Role.DIVISION_HEAD).post(f"cases/{case.pk}/assignments/{assignment.pk}/end/")
    assert response.status_code == 200, response.content
    assert response.json()["ended_at"] is not None
    rows = api.get(f"cases/{case.pk}/assignments/").json()
    assert [r["ended_at"] is not None for r in rows if r["id"] == assignment.pk] == [True]
    with in_schema(org_a.organisation):
        ended = Assignment.objects.get(pk=assignment.pk)
        assert ended.ended_by_label == _name(org_a.users[Role.DIVISION_HEAD])
    assert case.pk not in api.as_(Role.COUNSELLOR).ids("my-cases/")


def test_ending_an_assignment_twice_is_409_and_changes_nothing(api, org_a):
    case = _at_case_meeting(org_a)
    assignment = _appoint(org_a, case, Role.COUNSELLOR)
    url = f"cases/{case.pk}/assignments/{assignment.pk}/end/"
    assert api.as_(Role.DIVISION_HEAD).post(url).status_code == 200
    before = _state(org_a, case.pk)
    _error(api.post(url), 409, "conflict")
    assert _state(org_a, case.pk) == before


def test_only_the_kabid_ends_an_assignment(api, org_a):
    case = _taken(org_a)
    with in_schema(org_a.organisation):
        assignment = Case.objects.get(pk=case.pk).assignments.get()
    before = _state(org_a, case.pk)
    response = api.as_(Role.CONSULTATION_LAWYER).post(
        f"cases/{case.pk}/assignments/{assignment.pk}/end/"
    )
    _error(response, 403, "role_not_allowed")
    assert _state(org_a, case.pk) == before


def test_nobody_is_appointed_to_a_terminated_case(api, org_a):
    case = registered_case(org_a.organisation)
    with in_schema(org_a.organisation):
        case_transition(
            actor=member(org_a, Role.DIVISION_HEAD),
            case_id=case.pk,
            move=Move.REJECT,
            reason_code="not_eligible",
        )
    before = _state(org_a, case.pk)
    for role in (Role.CASE_LAWYER, Role.PARALEGAL):
        response = api.as_(Role.DIVISION_HEAD).post(
            f"cases/{case.pk}/assignments/", {"user_id": org_a.users[role].pk, "role": role}
        )
        _error(response, 409, "conflict")
    assert _state(org_a, case.pk) == before


def test_taking_a_case_the_kabid_already_disposed_to_a_consultation_lawyer_is_a_clean_409(
    api, org_a
):
    case = registered_case(org_a.organisation)
    _appoint(org_a, case, Role.CONSULTATION_LAWYER)  # allowed: the Kabid disposes directly
    other = _colleague(org_a, Role.CONSULTATION_LAWYER, "lawyer-two")
    before = _state(org_a, case.pk)
    response = api.as_(other).post(f"cases/{case.pk}/take/")
    assert 400 <= response.status_code < 500
    assert _state(org_a, case.pk) == before


def test_the_only_case_lawyer_of_an_accompanied_case_cannot_simply_be_ended(api, org_a):
    case = _at_case_meeting(org_a)
    lawyer = _appoint(org_a, case, Role.CASE_LAWYER)
    before = _state(org_a, case.pk)
    response = api.as_(Role.DIVISION_HEAD).post(f"cases/{case.pk}/assignments/{lawyer.pk}/end/")
    assert response.status_code == 409
    assert _state(org_a, case.pk) == before


# Restricted cases


@pytest.fixture
def restricted(org_a) -> Case:
    """A restricted case in consultation with the (first) consultation lawyer."""
    case = _taken(org_a)
    with in_schema(org_a.organisation):
        Case.objects.filter(pk=case.pk).update(restricted=True)
    return case


def test_a_restricted_case_is_hidden_from_staff_not_assigned_to_it(api, org_a, restricted):
    outsider = _colleague(org_a, Role.CONSULTATION_LAWYER, "lawyer-two")
    for who in (outsider, Role.CASE_LAWYER, Role.RECEPTIONIST):
        api.as_(who)
        _error(api.get(f"cases/{restricted.pk}/"), 404, "not_found")
        _error(api.get(f"cases/{restricted.pk}/assignments/"), 404, "not_found")
        assert restricted.pk not in api.ids("cases/")
        assert restricted.pk not in api.ids("my-cases/")


def test_a_restricted_case_in_the_queue_is_hidden_from_consultation_lawyers(api, org_a):
    case = registered_case(org_a.organisation)
    with in_schema(org_a.organisation):
        Case.objects.filter(pk=case.pk).update(restricted=True)
    assert case.pk not in api.as_(Role.CONSULTATION_LAWYER).ids("queue/")
    before = _state(org_a, case.pk)
    _error(api.post(f"cases/{case.pk}/take/"), 404, "not_found")
    assert _state(org_a, case.pk) == before
    assert case.pk in api.as_(Role.DIVISION_HEAD).ids("queue/")


def test_the_assigned_lawyer_and_the_kabid_see_a_restricted_case(api, org_a, restricted):
    for who in (Role.CONSULTATION_LAWYER, Role.DIVISION_HEAD):
        api.as_(who)
        response = api.get(f"cases/{restricted.pk}/")
        assert response.status_code == 200, (who, response.content)
        assert response.json()["restricted"] is True
        assert restricted.pk in api.ids("cases/")
    assert restricted.pk in api.as_(Role.CONSULTATION_LAWYER).ids("my-cases/")


def test_staff_appointed_to_a_restricted_case_see_it_and_lose_it_when_ended(api, org_a, restricted):
    assignment = _appoint(org_a, restricted, Role.PARALEGAL)
    assert api.as_(Role.PARALEGAL).get(f"cases/{restricted.pk}/").status_code == 200
    assert restricted.pk in api.ids("cases/")
    ended = api.as_(Role.DIVISION_HEAD).post(
        f"cases/{restricted.pk}/assignments/{assignment.pk}/end/"
    )
    assert ended.status_code == 200, ended.content
    _error(api.as_(Role.PARALEGAL).get(f"cases/{restricted.pk}/"), 404, "not_found")
    assert restricted.pk not in api.ids("cases/")
