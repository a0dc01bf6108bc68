"""The portal form and the JSON API take complaints under one set of rules: the service's
(hub.intake.rules). What one refuses, the other refuses; the limits they check are the same."""

from __future__ import annotations

import pytest

from hub.consent.services import ConsentChoices
from hub.core.errors import DomainError
from hub.intake.api import ComplaintCreateInput
from hub.intake.models import Complaint
from hub.intake.rules import COUNTRY_CODES
from hub.intake.services import ComplaintInput, complaint_submit
from public_portal.forms import ComplaintForm

URL = "/api/v1/public/complaints/"
API_VALID = {
    "reporter_type": "worker",
    "reporter_name": "Rina",
    "country_of_work": "MY",
    "issue_types": ["unpaid_wages"],
    "narrative": "Gaji tidak dibayar.",
    "consent": {"contact": True, "share": False, "refer": False, "statistics": True},
}
FORM_VALID = {
    "reporter_type": "worker",
    "reporter_name": "Rina",
    "country_of_work": "MY",
    "issue_types": ["unpaid_wages"],
    "narrative": "Gaji tidak dibayar.",
    "organisation": "network",
    "contact_channel": "none",
    "consent_contact": "on",
}


def _service(**fields) -> Complaint:
    values = {
        "reporter_type": "worker",
        "reporter_name": "Rina",
        "country_of_work": "MY",
        "narrative": "Gaji tidak dibayar",
        "issue_types": ("unpaid_wages",),
        "consent": ConsentChoices(contact=True),
        **fields,
    }
    return complaint_submit(data=ComplaintInput(**values))


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("country_of_work", "FR"),  # two letters, but not a country the network serves
        ("country_of_work", "Malaysia"),
        ("issue_types", ["no_such_issue"]),
        ("issue_types", []),
        ("reporter_type", "employer"),
        ("reporter_name", "   "),
        ("narrative", "x" * 20001),
        ("contact_phone", "call me"),
        ("contact_email", "not-an-email"),
        ("work_city", "x" * 101),
        ("organisation", "no-such-org"),
        ("narrative", "Ada\u202eteks terbalik"),
    ],
)
def test_what_the_form_refuses_the_api_refuses(client, world, db, field, value):
    form = ComplaintForm(data={**FORM_VALID, field: value})
    assert not form.is_valid()
    assert field in form.errors, form.errors
    response = client.post(URL, {**API_VALID, field: value}, content_type="application/json")
    assert response.status_code == 400, response.content
    assert field in response.json()["error"]["fields"]


def test_the_valid_inputs_pass_both(client, world, db):
    assert ComplaintForm(data=FORM_VALID).is_valid()
    response = client.post(URL, API_VALID, content_type="application/json")
    assert response.status_code == 201, response.content


def test_both_edges_check_the_same_lengths_and_lists(world, db):
    form = ComplaintForm()
    api = ComplaintCreateInput().fields
    shared = set(form.fields) & set(api)
    assert {"reporter_name", "narrative", "contact_phone", "agency_name"} <= shared
    choices = {"issue_types", "organisation", "country_of_work", "reporter_type"}
    for name in shared - choices:  # choices are checked by the service for both
        assert getattr(form.fields[name], "max_length", None) == getattr(
            api[name], "max_length", None
        ), name
    assert [code for code, _label in form.fields["country_of_work"].choices] == list(COUNTRY_CODES)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("country_of_work", "FR"),
        ("language", "fr"),
        ("reporter_type", "employer"),
        ("narrative", "  "),
        ("issue_types", ()),
        ("issue_types", ("unpaid_wages", "no_such_issue")),
        ("issue_types", tuple(f"code_{n}" for n in range(13))),
    ],
)
def test_the_service_refuses_whatever_the_channel(world, db, field, value):
    before = Complaint.objects.count()
    with pytest.raises(DomainError) as refused:
        _service(**{field: value})
    assert field in refused.value.fields
    assert Complaint.objects.count() == before


def test_a_code_given_twice_is_kept_once(world, db):
    complaint = _service(issue_types=("unpaid_wages", "unpaid_wages"))
    assert complaint.issue_types == ["unpaid_wages"]
