"""Property: whatever the staff of an organisation (and its API client) do to its cases, in
whatever order, through the organisation API, each case stays one the lifecycle table allows,
a refusal is a 4xx that changes nothing, and nothing is ever a 5xx."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.test import Client
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from hub.accounts.models import Membership, User
from hub.accounts.roles import ORGANISATION_ROLES, Role
from hub.core.models import AuditEvent
from hub.vocab.selectors import active_terms
from hub.vocab.stages import Stage, Status
from tenants.cases.lifecycle import TRANSITIONS, Move
from tenants.cases.models import ASSIGNABLE_ROLES, Case, DecisionRequest
from tests.builders import in_schema, registered_case
from tests.conftest import PASSWORD

MOST_CASES_PER_EXAMPLE = 3
BEFORE_ACCOMPANIMENT = {Stage.REGISTRATION, Stage.CONSULTATION, Stage.CASE_MEETING}
ENDINGS = {Status.NOT_ACCOMPANIED, Status.REFERRED, Status.TRANSFERRED, Status.CLOSED}
OWNERS = (Role.CONSULTATION_LAWYER, Role.CASE_LAWYER)

# Who acts: every organisation role with its real person, a second lawyer of each kind
# (owners are replaced and contend) and the organisation's API client, who is nobody. Each
# operation draws the people who usually do it (the Kabid, the lawyers assigned to the case)
# as often as anyone at all, and the cases it usually applies to as often as any case, or a
# run is mostly refusals.
KABID = (Role.DIVISION_HEAD, "first")
CONSULTATION_LAWYERS = [(Role.CONSULTATION_LAWYER, "first"), (Role.CONSULTATION_LAWYER, "second")]
STAFF = [
    *((role, "first") for role in sorted(ORGANISATION_ROLES)),
    (Role.CONSULTATION_LAWYER, "second"),
    (Role.CASE_LAWYER, "second"),
    (Role.SYSTEM, None),
]
anyone = st.sampled_from(STAFF)
any_move = st.sampled_from([*Move.values, "fly"])
# Codes that belong to no vocabulary, to another move's vocabulary, or none at all.
stray_code = st.sampled_from(["", "no_such_reason", "goals_met", "not_eligible", "other"])
# Reasons, notes and comments: mostly written, sometimes empty or blank.
some_text = st.one_of(
    st.just("Dirujuk ke LBH APIK Jakarta."), st.sampled_from(["", "   ", "Mohon keputusan."])
)
# An appointment: mostly someone who holds the role, sometimes anyone in any role.
a_pick = st.one_of(
    st.sampled_from([(role, (role, "first")) for role in ASSIGNABLE_ROLES]),
    st.just((Role.CASE_LAWYER, (Role.CASE_LAWYER, "second"))),
    st.tuples(st.sampled_from([*ASSIGNABLE_ROLES, Role.RECEPTIONIST]), anyone),
)

SETTINGS = settings(
    max_examples=25,
    stateful_step_count=15,
    deadline=None,
    database=None,  # no example database written into the checkout
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _snapshot(case_pk: int):
    """Everything an operation on the case may write."""
    case = Case.objects.get(pk=case_pk)
    return (
        (case.stage, case.status, case.status_reason, case.status_note, case.version),
        case.closed_at,
        list(case.assignments.order_by("id").values_list("id", "user_id", "role", "ended_at")),
        list(case.decision_requests.order_by("id").values_list("id", "state")),
        sum(r.comments.count() for r in case.decision_requests.all()),
        AuditEvent.objects.filter(object_type="case", object_id=str(case_pk)).count(),
    )


def _transition_events(case_pk: int) -> int:
    return AuditEvent.objects.filter(
        object_type="case", object_id=str(case_pk), action="case.transition"
    ).count()


class CaseWork(RuleBasedStateMachine):
    """Random staff doing random work on a few fresh cases of organisation A."""

    cases = Bundle("cases")

    def __init__(self, org, people: dict, reason_codes: dict[str, list[str]], tally: Counter, http):
        super().__init__()
        self.org = org
        self.http = http
        self.people = people
        self.reason_codes = reason_codes
        self.tally = tally
        self.versions: dict[int, int] = {}

    # Drawing who and what

    def _post(self, who, path: str, body: dict | None = None):
        """POST to the organisation API as `who`: a person's session, or the client's token."""
        user = self.people[who]
        headers = {}
        if user is None:
            headers["HTTP_AUTHORIZATION"] = f"Bearer {self.http.token}"
            self.http.client.logout()
        else:
            self.http.client.force_login(user)
        url = f"/org/{self.org.organisation.slug}/api/v1/{path}"
        return self.http.client.post(url, body or {}, content_type="application/json", **headers)

    def _someone(self, data, usual) -> tuple[str, str | None]:
        """The people who usually do this, as often as anyone at all."""
        return data.draw(st.one_of(st.sampled_from(usual), anyone) if usual else anyone)

    def _case(self, data, usual) -> int:
        """A case this usually applies to (three times in four), or any case of the example."""
        every = st.sampled_from(sorted(self.versions))
        if not usual:
            return data.draw(every)
        return data.draw(st.one_of(*[st.sampled_from(sorted(usual))] * 3, every))

    def _at(self, *stages) -> list[int]:
        cases = Case.objects.filter(pk__in=self.versions, stage__in=stages)
        return list(cases.values_list("pk", flat=True))

    def _open(self) -> list[int]:
        return self._at(*BEFORE_ACCOMPANIMENT, Stage.ACCOMPANIMENT)

    def _requests(self):
        return DecisionRequest.objects.filter(case_id__in=self.versions)

    def _with_pending_request(self) -> list[int]:
        pending = self._requests().filter(state=DecisionRequest.State.PENDING)
        return list(pending.values_list("case_id", flat=True))

    def _assigned(self, pk: int, roles) -> list[tuple[str, str | None]]:
        """The STAFF entries of the people now assigned to the case in one of `roles`."""
        user_ids = set(
            Case.objects.get(pk=pk)
            .assignments.filter(ended_at__isnull=True, role__in=list(roles))
            .values_list("user_id", flat=True)
        )
        return [who for who, user in self.people.items() if user and user.pk in user_ids]

    def _move_and_code(self, data, pk: int, *, requestable: bool) -> tuple[str, str]:
        """Mostly a move the table has at the case's stage (a step forward as often as any of
        them: most moves end the case), with a code of its own vocabulary (or none when it
        takes none); otherwise any move and any code."""
        stage = Case.objects.values_list("stage", flat=True).get(pk=pk)
        rules = {
            move: rule
            for (from_stage, move), rule in TRANSITIONS.items()
            if from_stage == stage and (rule.requestable or not requestable)
        }
        forward = [move for move, rule in rules.items() if rule.to != Stage.TERMINATION]
        choices = [st.sampled_from(moves) for moves in (forward, sorted(rules)) if moves]
        move = data.draw(st.one_of(*choices, any_move))
        own = self.reason_codes.get(rules[move].reasons, [""]) if move in rules else [""]
        code = data.draw(st.one_of(st.sampled_from(own), stray_code))
        return move, code

    def _do(self, case_pk: int, work) -> None:
        """Make one API call: a refusal is a 4xx that changes nothing; a move leaves its
        audit event."""
        before = _snapshot(case_pk)
        moves_before = _transition_events(case_pk)
        response = work()
        assert response.status_code < 500, (work.__name__, response.status_code)
        if response.status_code >= 400:
            code = response.json()["error"]["code"]
            self.tally[f"refused:{work.__name__}:{code}"] += 1
            assert _snapshot(case_pk) == before, f"refused with {code} yet changed"
            return
        self.tally[f"done:{work.__name__}"] += 1
        (stage, status, *_rest, version) = _snapshot(case_pk)[0]
        if (stage, status) != before[0][:2]:
            self.tally[f"reached:{stage}"] += 1
            assert version > before[0][4]
            assert _transition_events(case_pk) == moves_before + 1
            last = (
                AuditEvent.objects.filter(object_id=str(case_pk), action="case.transition")
                .order_by("-id")
                .first()
            )
            assert (last.detail["to"], last.detail["status"]) == (stage, status)

    def _register(self) -> int:
        pk = registered_case(self.org.organisation, "Kasus acak").pk
        self.versions[pk] = 1
        return pk

    # The operations

    @initialize(target=cases)
    def first_case(self):
        return self._register()

    @precondition(lambda self: len(self.versions) < MOST_CASES_PER_EXAMPLE)
    @rule(target=cases)
    def another_case(self):
        return self._register()

    @precondition(lambda self: self._at(Stage.REGISTRATION))
    @rule(data=st.data())
    def take(self, data):
        pk = self._case(data, self._at(Stage.REGISTRATION))
        who = self._someone(data, CONSULTATION_LAWYERS)

        def take():
            return self._post(who, f"cases/{pk}/take/")

        self._do(pk, take)

    @rule(note=some_text, data=st.data())
    def transition(self, note, data):
        pk = self._case(data, self._open())
        who = self._someone(data, [KABID])
        move, code = self._move_and_code(data, pk, requestable=False)

        def transition():
            body = {"move": move, "reason_code": code, "note": note}
            return self._post(who, f"cases/{pk}/transitions/", body)

        self._do(pk, transition)

    @rule(reason=some_text, data=st.data())
    def request(self, reason, data):
        pk = self._case(data, self._open())
        who = self._someone(data, self._assigned(pk, OWNERS))
        move, code = self._move_and_code(data, pk, requestable=True)

        def request():
            body = {"move": move, "reason": reason, "reason_code": code}
            return self._post(who, f"cases/{pk}/decision-requests/", body)

        self._do(pk, request)

    @precondition(lambda self: self._requests().exists())
    @rule(body=some_text, data=st.data())
    def comment(self, body, data):
        pk = self._case(data, self._with_pending_request())
        latest = DecisionRequest.objects.filter(case_id=pk).order_by("-id").first()
        if latest is None:
            return
        who = self._someone(data, [KABID, *self._assigned(pk, ASSIGNABLE_ROLES)])

        def comment():
            return self._post(who, f"decision-requests/{latest.pk}/comments/", {"body": body})

        self._do(pk, comment)

    @precondition(lambda self: self._requests().exists())
    @rule(
        outcome=st.sampled_from(["approved", "declined", "withdrawn", "pending"]),
        comment=some_text,
        data=st.data(),
    )
    def settle(self, outcome, comment, data):
        pk = self._case(data, self._with_pending_request())
        latest = DecisionRequest.objects.filter(case_id=pk).order_by("-id").first()
        if latest is None:
            return
        who = self._someone(data, self._assigned(pk, OWNERS) if outcome == "withdrawn" else [KABID])

        def settle():
            body = {"outcome": outcome, "comment": comment}
            return self._post(who, f"decision-requests/{latest.pk}/settle/", body)

        self._do(pk, settle)

    @rule(pick=a_pick, data=st.data())
    def appoint(self, pick, data):
        pk = self._case(data, self._open())
        role, whom = pick
        user = self.people[whom]
        if user is None:
            return
        who = self._someone(data, [KABID])

        def appoint():
            body = {"user_id": user.pk, "role": role, "instruction": "Uji."}
            return self._post(who, f"cases/{pk}/assignments/", body)

        self._do(pk, appoint)

    # What must hold after every step

    @invariant()
    def each_case_is_one_the_table_allows(self):
        for case in Case.objects.filter(pk__in=self.versions):
            active = case.assignments.filter(ended_at__isnull=True)
            if case.stage in BEFORE_ACCOMPANIMENT:
                assert case.status == Status.OPEN, (case.stage, case.status)
                assert case.closed_at is None
            elif case.stage == Stage.ACCOMPANIMENT:
                assert case.status == Status.ACCOMPANIED
                assert active.filter(role=Role.CASE_LAWYER).exists(), "accompanied, no lawyer"
                assert case.closed_at is None
            else:
                assert case.stage == Stage.TERMINATION, case.stage
                assert case.status in ENDINGS, case.status
                assert case.closed_at is not None
                if case.status == Status.NOT_ACCOMPANIED:
                    assert case.status_reason, "not accompanied without its reason"
                if case.status in (Status.REFERRED, Status.TRANSFERRED):
                    assert case.status_note.strip(), "referred or transferred without to whom"

    @invariant()
    def at_most_one_pending_request_and_one_owner_of_each_kind(self):
        for case in Case.objects.filter(pk__in=self.versions):
            assert case.decision_requests.filter(state=DecisionRequest.State.PENDING).count() <= 1
            active = case.assignments.filter(ended_at__isnull=True)
            for owner in OWNERS:
                assert active.filter(role=owner).count() <= 1, owner

    @invariant()
    def versions_never_go_back_and_each_move_is_in_the_trail(self):
        for pk, version in Case.objects.filter(pk__in=self.versions).values_list("pk", "version"):
            assert version >= self.versions[pk]
            self.versions[pk] = version
            # Only `case_transition` bumps the version here, and it always writes its event.
            assert _transition_events(pk) == version - 1


def _people(org) -> dict:
    """The person behind each entry of STAFF; the second lawyers are made here."""
    people = {(role, "first"): org.users[role] for role in ORGANISATION_ROLES}
    for role in OWNERS:
        user = User.objects.create_user(
            f"second-{role}@{org.organisation.slug}.test", PASSWORD, full_name=f"Second {role}"
        )
        Membership.objects.create(user=user, organisation=org.organisation, role=role)
        people[(role, "second")] = user
    people[(Role.SYSTEM, None)] = None
    return people


@dataclass
class Http:
    client: Client
    token: str


def test_random_api_calls_keep_every_case_within_the_lifecycle_table(org_a):
    people = _people(org_a)
    tally: Counter = Counter()
    client = Client()
    granted = client.post(
        "/o/token/",
        {
            "grant_type": "client_credentials",
            "client_id": org_a.application.client_id,
            "client_secret": org_a.client_secret,
        },
    )
    http = Http(client=client, token=granted.json()["access_token"])
    with in_schema(org_a.organisation):
        reason_codes = {
            rule.reasons: sorted(active_terms(rule.reasons).values_list("code", flat=True))
            for rule in TRANSITIONS.values()
            if rule.reasons
        }
        run_state_machine_as_test(
            lambda: CaseWork(org_a, people, reason_codes, tally, http), settings=SETTINGS
        )
    # Guards against a vacuous run: the work got done as well as refused.
    done = sum(n for outcome, n in tally.items() if outcome.startswith("done:"))
    refused = sum(n for outcome, n in tally.items() if outcome.startswith("refused:"))
    assert done >= 20 and refused >= 20, tally
