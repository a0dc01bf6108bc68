"""Decision requests over the API: a lawyer asks, the thread, and the Kabid's approval,
decline or the lawyer's withdrawal; every refusal leaves the case and the request untouched."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from hub.accounts.roles import Role
from hub.core.models import AuditEvent
from hub.vocab.stages import Stage, Status
from tenants.cases.assignments import assignment_appoint, case_take
from tenants.cases.decisions import decision_request_create
from tenants.cases.lifecycle import Move
from tenants.cases.models import Case, DecisionComment, DecisionRequest
from tenants.cases.services import case_transition
from tests.builders import in_schema, member, registered_case


@dataclass
class Api:
    """The organisation API as one signed-in member sees it."""

    client: object
    org: object

    def as_(self, role: str) -> Api:
        self.client.force_login(self.org.users[role])
        return self

    def url(self, path: str) -> str:
        return f"/org/{self.org.organisation.slug}/api/v1/{path}"

    def get(self, path: str):
        return self.client.get(self.url(path))

    def post(self, path: str, body: dict | None = None):
        return self.client.post(self.url(path), body or {}, content_type="application/json")


@pytest.fixture
def api(client, org_a) -> Api:
    return Api(client, org_a)


def _name(user) -> str:
    """How colleagues see a signed-in person on the records (their name, else their login)."""
    return user.full_name or user.email


@pytest.fixture
def consulting(org_a) -> Case:
    """A case the consultation lawyer took from the queue: in consultation, and theirs."""
    case = registered_case(org_a.organisation)
    with in_schema(org_a.organisation):
        return case_take(actor=member(org_a, Role.CONSULTATION_LAWYER), case_id=case.pk)


def _ask(org, case, move=Move.CASE_MEETING, reason="Perlu rapat kasus.", reason_code=""):
    with in_schema(org.organisation):
        return decision_request_create(
            actor=member(org, Role.CONSULTATION_LAWYER),
            case_id=case.pk,
            move=move,
            reason=reason,
            reason_code=reason_code,
        )


def _state(org, case_id):
    """Everything a decision request can touch, to compare before and after a refusal."""
    with in_schema(org.organisation):
        case = Case.objects.get(pk=case_id)
        return (
            (case.stage, case.status, case.status_reason, case.version, case.closed_at),
            list(
                DecisionRequest.objects.filter(case_id=case_id)
                .order_by("id")
                .values_list("id", "state", "decided_at", "decision_comment")
            ),
            DecisionComment.objects.filter(request__case_id=case_id).count(),
            list(case.assignments.order_by("id").values_list("id", "ended_at")),
            AuditEvent.objects.filter(object_type="case", object_id=str(case_id)).count(),
        )


def _actions(org, case_id) -> list[str]:
    with in_schema(org.organisation):
        return list(
            AuditEvent.objects.filter(object_type="case", object_id=str(case_id)).values_list(
                "action", flat=True
            )
        )


def _error(response, status: int, code: str | None = None) -> dict:
    assert response.status_code == status, response.content
    error = response.json()["error"]
    assert error["message"]
    if code is not None:
        assert error["code"] == code, error
    return error


# Asking


def test_the_assigned_consultation_lawyer_asks_for_a_case_meeting(api, org_a, consulting):
    response = api.as_(Role.CONSULTATION_LAWYER).post(
        f"cases/{consulting.pk}/decision-requests/",
        {"move": "case_meeting", "reason": "Dugaan TPPO: perlu rapat kasus."},
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["case_id"], body["move"], body["state"]) == (
        consulting.pk,
        "case_meeting",
        "pending",
    )
    assert body["requested_by_label"] == _name(org_a.users[Role.CONSULTATION_LAWYER])
    assert "decision.requested" in _actions(org_a, consulting.pk)
    # Asking is not deciding: the case has not moved.
    with in_schema(org_a.organisation):
        assert Case.objects.get(pk=consulting.pk).stage == Stage.CONSULTATION


@pytest.mark.parametrize(
    "role",
    [Role.CASE_LAWYER, Role.RECEPTIONIST],
    ids=["lawyer-not-assigned-to-the-case", "receptionist"],
)
def test_only_a_lawyer_assigned_to_the_case_may_ask_and_a_refusal_writes_nothing(
    api, org_a, consulting, role
):
    before = _state(org_a, consulting.pk)
    response = api.as_(role).post(
        f"cases/{consulting.pk}/decision-requests/",
        {"move": "case_meeting", "reason": "Perlu rapat kasus."},
    )
    _error(response, 403, "role_not_allowed")
    assert _state(org_a, consulting.pk) == before


def test_a_move_that_cannot_be_asked_for_at_the_stage_is_409_naming_the_move(
    api, org_a, consulting
):
    before = _state(org_a, consulting.pk)
    for move in ("accompany", "take"):  # not in the table at consultation / not requestable
        response = api.as_(Role.CONSULTATION_LAWYER).post(
            f"cases/{consulting.pk}/decision-requests/", {"move": move, "reason": "Mohon."}
        )
        error = _error(response, 409, "transition_not_allowed")
        assert "move" in error["fields"]
    assert _state(org_a, consulting.pk) == before


def test_a_request_without_reasons_is_400_naming_reason(api, org_a, consulting):
    before = _state(org_a, consulting.pk)
    for body in ({"move": "case_meeting"}, {"move": "case_meeting", "reason": "   "}):
        response = api.as_(Role.CONSULTATION_LAWYER).post(
            f"cases/{consulting.pk}/decision-requests/", body
        )
        assert "reason" in _error(response, 400)["fields"], body
    assert _state(org_a, consulting.pk) == before


def test_asking_to_reject_without_a_reason_code_is_400_naming_reason_code(api, org_a, consulting):
    before = _state(org_a, consulting.pk)
    response = api.as_(Role.CONSULTATION_LAWYER).post(
        f"cases/{consulting.pk}/decision-requests/",
        {"move": "reject", "reason": "Di luar wilayah kerja kami."},
    )
    error = _error(response, 400, "reason_required")
    assert "reason_code" in error["fields"]
    assert _state(org_a, consulting.pk) == before


def test_an_unknown_reason_code_is_400_naming_reason_code(api, org_a, consulting):
    before = _state(org_a, consulting.pk)
    # `goals_met` is a real code, but of the termination vocabulary, not of rejections.
    for code in ("no_such_reason", "goals_met"):
        response = api.as_(Role.CONSULTATION_LAWYER).post(
            f"cases/{consulting.pk}/decision-requests/",
            {"move": "reject", "reason": "Di luar wilayah kerja.", "reason_code": code},
        )
        error = _error(response, 400, "unknown_code")
        assert "reason_code" in error["fields"], code
    assert _state(org_a, consulting.pk) == before


def test_a_second_request_while_one_is_pending_is_409_request_pending(api, org_a, consulting):
    _ask(org_a, consulting)
    before = _state(org_a, consulting.pk)
    response = api.as_(Role.CONSULTATION_LAWYER).post(
        f"cases/{consulting.pk}/decision-requests/",
        {"move": "reject", "reason": "Tidak memenuhi syarat.", "reason_code": "not_eligible"},
    )
    error = _error(response, 409, "request_pending")
    assert error["message"] == "Sudah ada permintaan pada kasus ini yang menunggu keputusan Kabid."
    assert _state(org_a, consulting.pk) == before


# The thread


def test_the_kabid_and_staff_assigned_to_the_case_discuss_a_request(api, org_a, consulting):
    with in_schema(org_a.organisation):
        assignment_appoint(
            actor=member(org_a, Role.DIVISION_HEAD),
            case_id=consulting.pk,
            user_id=org_a.users[Role.CONSULTATION_ASSISTANT].pk,
            role=Role.CONSULTATION_ASSISTANT,
        )
    request = _ask(org_a, consulting)
    thread = [
        (Role.DIVISION_HEAD, "Sudah ada bukti transfer gaji?"),
        (Role.CONSULTATION_LAWYER, "Ada, slip gaji tiga bulan."),
        (Role.CONSULTATION_ASSISTANT, "Saya sudah memindai dokumennya."),
    ]
    for role, body in thread:
        response = api.as_(role).post(f"decision-requests/{request.pk}/comments/", {"body": body})
        assert response.status_code == 201, (role, response.content)
    shown = api.as_(Role.CONSULTATION_LAWYER).get(f"decision-requests/{request.pk}/").json()
    assert [(c["author_label"], c["body"]) for c in shown["comments"]] == [
        (_name(org_a.users[role]), body) for role, body in thread
    ]
    assert _actions(org_a, consulting.pk).count("decision.commented") == 3


@pytest.mark.parametrize("role", [Role.PARALEGAL, Role.CASE_LAWYER, Role.RECEPTIONIST])
def test_staff_not_assigned_to_the_case_cannot_comment(api, org_a, consulting, role):
    request = _ask(org_a, consulting)
    before = _state(org_a, consulting.pk)
    response = api.as_(role).post(
        f"decision-requests/{request.pk}/comments/", {"body": "Menurut saya..."}
    )
    _error(response, 403, "role_not_allowed")
    assert _state(org_a, consulting.pk) == before


# Settling


def test_approving_a_request_carries_out_the_move(api, org_a, consulting):
    request = _ask(org_a, consulting)
    response = api.as_(Role.DIVISION_HEAD).post(
        f"decision-requests/{request.pk}/settle/", {"outcome": "approved", "comment": "Setuju."}
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["state"] == "approved" and body["decision_comment"] == "Setuju."
    assert body["decided_by_label"] == _name(org_a.users[Role.DIVISION_HEAD])
    assert body["decided_at"]
    with in_schema(org_a.organisation):
        case = Case.objects.get(pk=consulting.pk)
        assert (case.stage, case.status) == (Stage.CASE_MEETING, Status.OPEN)
        assert case.version == consulting.version + 1
        moved = AuditEvent.objects.get(
            object_id=str(consulting.pk), action="case.transition", detail__move="case_meeting"
        )
        assert moved.actor_label == org_a.users[Role.DIVISION_HEAD].email  # the trail: logins
    assert "decision.approved" in _actions(org_a, consulting.pk)
    # Approved, it leaves the Kabid's list.
    assert api.get("decision-requests/").json() == []


def test_approving_a_rejection_request_rejects_with_the_lawyers_reason_code(api, org_a, consulting):
    request = _ask(
        org_a,
        consulting,
        move=Move.REJECT,
        reason="Di luar wilayah.",
        reason_code="outside_mandate",
    )
    response = api.as_(Role.DIVISION_HEAD).post(
        f"decision-requests/{request.pk}/settle/", {"outcome": "approved"}
    )
    assert response.status_code == 200, response.content
    with in_schema(org_a.organisation):
        case = Case.objects.get(pk=consulting.pk)
    assert (case.stage, case.status, case.status_reason) == (
        Stage.TERMINATION,
        Status.NOT_ACCOMPANIED,
        "outside_mandate",
    )
    assert case.status_note == "Di luar wilayah." and case.closed_at is not None


def test_declining_without_a_comment_is_400_and_changes_nothing(api, org_a, consulting):
    request = _ask(org_a, consulting)
    before = _state(org_a, consulting.pk)
    for body in ({"outcome": "declined"}, {"outcome": "declined", "comment": "  "}):
        response = api.as_(Role.DIVISION_HEAD).post(f"decision-requests/{request.pk}/settle/", body)
        error = _error(response, 400, "reason_required")
        assert "comment" in error["fields"]
    assert _state(org_a, consulting.pk) == before


def test_declining_with_a_comment_keeps_the_case_where_it_was(api, org_a, consulting):
    request = _ask(org_a, consulting)
    response = api.as_(Role.DIVISION_HEAD).post(
        f"decision-requests/{request.pk}/settle/",
        {"outcome": "declined", "comment": "Lengkapi dulu kronologinya."},
    )
    assert response.status_code == 200, response.content
    assert response.json()["state"] == "declined"
    with in_schema(org_a.organisation):
        case = Case.objects.get(pk=consulting.pk)
    assert (case.stage, case.status, case.version) == (
        Stage.CONSULTATION,
        Status.OPEN,
        consulting.version,
    )
    actions = _actions(org_a, consulting.pk)
    assert "decision.declined" in actions
    assert actions.count("case.transition") == 1  # the take, nothing since


@pytest.mark.parametrize("first", ["approved", "declined", "withdrawn"])
def test_settling_twice_is_409_already_settled_and_changes_nothing(api, org_a, consulting, first):
    request = _ask(org_a, consulting)
    settler = Role.CONSULTATION_LAWYER if first == "withdrawn" else Role.DIVISION_HEAD
    response = api.as_(settler).post(
        f"decision-requests/{request.pk}/settle/", {"outcome": first, "comment": "Pertama."}
    )
    assert response.status_code == 200, response.content
    before = _state(org_a, consulting.pk)
    for again in ("approved", "declined"):
        response = api.as_(Role.DIVISION_HEAD).post(
            f"decision-requests/{request.pk}/settle/", {"outcome": again, "comment": "Lagi."}
        )
        _error(response, 409, "already_settled")
    response = api.as_(Role.CONSULTATION_LAWYER).post(
        f"decision-requests/{request.pk}/settle/", {"outcome": "withdrawn"}
    )
    _error(response, 409, "already_settled")
    assert _state(org_a, consulting.pk) == before


def test_the_lawyer_withdraws_their_request_and_may_ask_again(api, org_a, consulting):
    request = _ask(org_a, consulting)
    response = api.as_(Role.CONSULTATION_LAWYER).post(
        f"decision-requests/{request.pk}/settle/", {"outcome": "withdrawn"}
    )
    assert response.status_code == 200, response.content
    assert response.json()["state"] == "withdrawn"
    with in_schema(org_a.organisation):
        assert Case.objects.get(pk=consulting.pk).stage == Stage.CONSULTATION
    assert "decision.withdrawn" in _actions(org_a, consulting.pk)
    again = api.post(
        f"cases/{consulting.pk}/decision-requests/",
        {"move": "refer", "reason": "Dirujuk ke LBH APIK Jakarta."},
    )
    assert again.status_code == 201, again.content


@pytest.mark.parametrize("outcome", ["approved", "declined"])
def test_the_lawyer_cannot_decide_their_own_request(api, org_a, consulting, outcome):
    request = _ask(org_a, consulting)
    before = _state(org_a, consulting.pk)
    response = api.as_(Role.CONSULTATION_LAWYER).post(
        f"decision-requests/{request.pk}/settle/", {"outcome": outcome, "comment": "Saya setuju."}
    )
    _error(response, 403, "role_not_allowed")
    assert _state(org_a, consulting.pk) == before


@pytest.mark.parametrize(
    ("direct_move", "inputs"),
    [
        (Move.CASE_MEETING, {}),  # the case is already where the request would take it
        (Move.REJECT, {"reason_code": "outside_mandate", "note": "Di luar wilayah."}),
    ],
    ids=["moved-to-case-meeting", "rejected"],
)
def test_a_request_lapses_when_the_case_moves_past_it_and_cannot_be_approved_later(
    api, org_a, consulting, direct_move, inputs
):
    request = _ask(org_a, consulting, move=Move.CASE_MEETING)
    with in_schema(org_a.organisation):
        case_transition(
            actor=member(org_a, Role.DIVISION_HEAD),
            case_id=consulting.pk,
            move=direct_move,
            **inputs,
        )
    before = _state(org_a, consulting.pk)
    response = api.as_(Role.DIVISION_HEAD).post(
        f"decision-requests/{request.pk}/settle/", {"outcome": "approved", "comment": "Setuju."}
    )
    _error(response, 409, "already_settled")
    assert _state(org_a, consulting.pk) == before
    with in_schema(org_a.organisation):
        assert DecisionRequest.objects.get(pk=request.pk).state == DecisionRequest.State.LAPSED
        assert AuditEvent.objects.filter(action="decision.lapsed").exists()


def test_an_unknown_outcome_is_400_naming_outcome(api, org_a, consulting):
    request = _ask(org_a, consulting)
    before = _state(org_a, consulting.pk)
    response = api.as_(Role.DIVISION_HEAD).post(
        f"decision-requests/{request.pk}/settle/", {"outcome": "pending"}
    )
    assert "outcome" in _error(response, 400)["fields"]
    assert _state(org_a, consulting.pk) == before
