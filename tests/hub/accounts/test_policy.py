"""The policy table: every action, every role, every kind of case the conditions look at."""

from __future__ import annotations

import pytest

from hub.accounts import policy
from hub.accounts.access import Actor
from hub.accounts.policy import POLICY, Action, CaseSubject
from hub.accounts.roles import NETWORK_ROLES, ORGANISATION_ROLES, Role
from hub.core.errors import PermissionDenied

ALL_ROLES = sorted(set(Role))
USER = 7
SUBJECTS = {
    "none": None,
    "open, not assigned": CaseSubject(assignee_user_ids=frozenset({99})),
    "open, assigned": CaseSubject(assignee_user_ids=frozenset({USER})),
    "restricted, not assigned": CaseSubject(restricted=True, assignee_user_ids=frozenset({99})),
    "restricted, assigned": CaseSubject(restricted=True, assignee_user_ids=frozenset({USER})),
}

# Who may, as a person reading seeds 000, 002 and 004 would say it: (anyone of these roles,
# these roles only on cases assigned to them). Written out again here on purpose: the test
# is a second statement of the table, not a copy of it.
EXPECTED: dict[Action, tuple[set[str], set[str]]] = {
    Action.COMPLAINT_DECIDE: ({Role.DIVISION_HEAD}, set()),
    Action.CASE_TAKE: ({Role.CONSULTATION_LAWYER}, set()),
    Action.CASE_DECIDE: ({Role.DIVISION_HEAD}, set()),
    Action.DECISION_REQUEST: (set(), {Role.CONSULTATION_LAWYER, Role.CASE_LAWYER}),
    Action.APPOINT_CASE_LAWYER: ({Role.DIVISION_HEAD}, set()),
    Action.APPOINT_ASSISTANT: ({Role.DIVISION_HEAD}, set()),
    Action.CASE_EDIT: (
        {Role.DIVISION_HEAD, Role.SYSTEM},
        {Role.CONSULTATION_LAWYER, Role.CASE_LAWYER},
    ),
    Action.USERS_MANAGE: ({Role.OFFICE_ADMIN}, set()),
    Action.SETTINGS_MANAGE: ({Role.OFFICE_ADMIN, Role.DIVISION_HEAD}, set()),
    Action.CLOCKS_OVERSEE: ({Role.DIVISION_HEAD}, set()),
    Action.NETWORK_STATS: (set(NETWORK_ROLES), set()),
    Action.ROUTING_VIEW: ({Role.COORDINATOR, Role.NETWORK_ADMIN}, set()),
    Action.ROUTING_MANAGE: ({Role.NETWORK_ADMIN}, set()),
}


def _actor(role: str) -> Actor:
    return Actor(label=role, roles=frozenset({role}), user_id=USER)


@pytest.mark.parametrize("action", list(Action))
@pytest.mark.parametrize("role", ALL_ROLES)
@pytest.mark.parametrize("subject_name", list(SUBJECTS))
def test_every_action_role_and_case_condition(action, role, subject_name):
    subject = SUBJECTS[subject_name]
    rule = POLICY[action]
    allowed = policy.allows(_actor(role), action, subject)
    assigned = subject is not None and USER in subject.assignee_user_ids
    restricted = subject is not None and subject.restricted

    if restricted and not assigned and role != Role.DIVISION_HEAD:
        assert not allowed, "a restricted case is closed to everyone not assigned but the Kabid"
    elif role in rule.roles:
        assert allowed
    elif role in rule.when_assigned:
        assert allowed == assigned, "assignment-bound roles act only on their own cases"
    else:
        assert not allowed

    if action in EXPECTED:
        anyone, when_assigned = EXPECTED[action]
        assert (role in rule.roles) == (role in anyone), (action, role)
        assert (role in rule.when_assigned) == (role in when_assigned), (action, role)


def test_every_action_has_a_rule_and_a_message():
    assert set(POLICY) == set(Action)
    assert all(str(rule.message) for rule in POLICY.values())


@pytest.mark.parametrize("action", list(Action))
def test_analyst_never_touches_a_record_and_network_roles_stay_out_of_organisations(action):
    # The network's own actions; the network's system escalates complaints (an
    # organisation's API client is refused by the complaint lifecycle's side check).
    network_actions = {
        Action.NETWORK_STATS,
        Action.COMPLAINT_TRIAGE,
        Action.COMPLAINT_ESCALATE,
        Action.ROUTING_VIEW,
        Action.ROUTING_MANAGE,
        Action.DIRECTORY_MANAGE,
    }
    if action == Action.DIRECTORY_READ:
        # The service directory names agencies, never a person: members and network read it.
        assert not policy.allows(_actor(Role.ANALYST), action)
        assert all(policy.allows(_actor(role), action) for role in NETWORK_ROLES)
    elif action not in network_actions:
        for role in {Role.ANALYST} | NETWORK_ROLES:
            assert not policy.allows(_actor(role), action, SUBJECTS["open, assigned"])
    else:
        system = {Role.SYSTEM} if action != Action.COMPLAINT_ESCALATE else set()
        for role in ORGANISATION_ROLES | system:
            assert not policy.allows(_actor(role), action)


def test_require_refuses_with_the_tables_message():
    with pytest.raises(PermissionDenied) as refused:
        policy.require(_actor(Role.RECEPTIONIST), Action.CASE_DECIDE)
    assert refused.value.code == "role_not_allowed"
    assert refused.value.message == str(POLICY[Action.CASE_DECIDE].message)


def test_permitted_lists_what_a_template_may_show():
    kabid = policy.permitted(_actor(Role.DIVISION_HEAD), SUBJECTS["restricted, not assigned"])
    assert {"case.decide", "case.appoint_assistant", "event.add"} <= kabid
    lawyer = policy.permitted(_actor(Role.CASE_LAWYER), SUBJECTS["open, assigned"])
    assert "decision.request" in lawyer and "case.decide" not in lawyer
