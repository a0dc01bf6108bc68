"""Accepting a group complaint: the filer's case and one case per listed worker, linked as one
group, in one transaction (a failure half-way writes nothing and leaves the complaint in the
inbox); each member's case is covered by their own consent only, so it is neither counted in
the network's statistics nor shared until they agree through their consent link; the link is
e-mailed only after the acceptance commits."""

from __future__ import annotations

import pytest
from django.core import mail
from django.utils import translation

from hub.accounts.roles import Role
from hub.consent.models import ConsentRecord
from hub.consent.selectors import consent_for_case
from hub.consent.services import ConsentChoices
from hub.core.errors import DomainError
from hub.intake.models import Complaint, ComplaintMember, ComplaintStatus
from hub.intake.services import ComplaintInput, MemberInput, complaint_submit
from hub.links.models import ClientLink
from hub.links.services import link_answer
from hub.network.models import CaseRollup
from hub.network.selectors import network_stats
from sharing.models import ShareGrant
from sharing.services import ConsentMissing, share_grant
from tenants.cases import registration
from tenants.cases.models import Case, CasePerson, PersonRole
from tenants.cases.registration import case_open_from_complaint
from tenants.cases.services import case_rollup_refresh
from tenants.people.models import Person
from tests.builders import in_schema, member

pytestmark = pytest.mark.django_db

MEMBERS = (
    MemberInput(
        name="Dewi Lestari",
        contact_phone="+62 812 1111 2222",
        contact_email="dewi@example.org",
        home_region="Indramayu",
        note="Paspor ditahan agen.",
    ),
    MemberInput(name="Ani Suryani", contact_phone="+62 813 3333 4444", home_region="Cirebon"),
)


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def group_complaint(organisation, members=MEMBERS, **fields) -> Complaint:
    values = {
        "reporter_type": "worker",
        "reporter_name": "Siti Aminah",
        "contact_phone": "+62 811 0000 1111",
        "country_of_work": "MY",
        "work_city": "Johor Bahru",
        "employer_name": "Sawit Jaya Sdn Bhd",
        "narrative": "Kami berlima tidak digaji tiga bulan.",
        "issue_types": ("unpaid_wages",),
        "home_region": "Indramayu",
        "consent": ConsentChoices(contact=True, share=True, refer=True, statistics=True),
        "members": tuple(members),
        **fields,
    }
    return complaint_submit(data=ComplaintInput(organisation=organisation, **values))


def _accept(org, filed: Complaint) -> Case:
    with in_schema(org.organisation):
        return case_open_from_complaint(
            actor=member(org, Role.DIVISION_HEAD), receipt_code=filed.receipt_code
        )


def _client(case: Case) -> Person:
    return CasePerson.objects.get(case=case, role=PersonRole.COMPLAINANT).person


def test_each_member_gets_a_case_of_their_own_linked_to_the_filers(
    org_a, django_capture_on_commit_callbacks
):
    filed = group_complaint(org_a.organisation)
    with django_capture_on_commit_callbacks(execute=True):
        case = _accept(org_a, filed)
    filed.refresh_from_db()
    members = list(filed.members.select_related("consent"))
    assert filed.status == ComplaintStatus.ACCEPTED and filed.accepted_case_id == case.pk
    with in_schema(org_a.organisation):
        group = list(Case.objects.filter(group_code=filed.receipt_code).order_by("id"))
        assert [c.pk for c in group] == [case.pk] + [m.case_id for m in members]
        assert case.complaint_receipt_code == filed.receipt_code
        for m, member_case in zip(members, group[1:], strict=True):
            person = _client(member_case)
            assert (person.display_name, person.phone, person.domicile) == (
                m.name,
                m.contact_phone,
                m.home_region,
            )
            assert person.email == m.contact_email
            assert member_case.case_types == ["unpaid_wages"]
            assert member_case.title == case.title
            assert member_case.summary.startswith(filed.narrative)
            assert member_case.arrival_channel == "portal"
            assert member_case.complaint_receipt_code == ""  # the complaint's case is the filer's
        assert group[1].summary.endswith("Paspor ditahan agen.")
        assert _client(case).display_name == "Siti Aminah"
    for m in members:
        assert (m.consent.organisation_id, m.consent.case_id) == (org_a.organisation.pk, m.case_id)
        assert not any(m.consent.covers(p) for p in ("contact", "share", "refer", "statistics"))
    assert consent_for_case(organisation=org_a.organisation, case_id=case.pk).covers("share")


def test_a_complaint_without_members_opens_one_case_with_no_group(org_a):
    filed = group_complaint(org_a.organisation, members=())
    case = _accept(org_a, filed)
    assert case.group_code == ""
    with in_schema(org_a.organisation):
        assert Case.objects.count() == 1


def _world(org):
    with in_schema(org.organisation):
        cases = (Case.objects.count(), Person.objects.count(), CasePerson.objects.count())
    return (
        cases,
        ClientLink.objects.count(),
        list(ComplaintMember.objects.values_list("case_id", flat=True)),
        list(ConsentRecord.objects.values_list("pk", "case_id")),
    )


def test_a_failure_half_way_creates_nothing_and_the_complaint_stays_in_the_inbox(
    org_a, monkeypatch, django_capture_on_commit_callbacks
):
    filed = group_complaint(org_a.organisation)
    before = _world(org_a)
    made = []
    real = registration._case_create

    def second_member_fails(**kwargs):
        made.append(kwargs["client"].display_name)
        if len(made) == 3:  # the filer's case and the first member's exist by now
            raise DomainError("The disk is full.")
        return real(**kwargs)

    monkeypatch.setattr(registration, "_case_create", second_member_fails)
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(DomainError),
    ):
        _accept(org_a, filed)
    assert made == ["Siti Aminah", "Dewi Lestari", "Ani Suryani"]
    assert _world(org_a) == before
    assert callbacks == [] and mail.outbox == []
    filed.refresh_from_db()
    assert filed.status == ComplaintStatus.INBOX and filed.accepted_case_id is None
    monkeypatch.setattr(registration, "_case_create", real)
    _accept(org_a, filed)  # and it can still be accepted
    filed.refresh_from_db()
    assert filed.status == ComplaintStatus.ACCEPTED


def test_a_failing_consent_link_undoes_the_whole_acceptance(org_a, monkeypatch):
    filed = group_complaint(org_a.organisation)
    before = _world(org_a)

    def refused(**kwargs):
        raise DomainError("No links today.")

    monkeypatch.setattr(registration, "member_consent_link_send", refused)
    with pytest.raises(DomainError):
        _accept(org_a, filed)
    assert _world(org_a) == before
    filed.refresh_from_db()
    assert filed.status == ComplaintStatus.INBOX


def test_the_consent_link_is_e_mailed_after_commit_only_to_members_with_an_address(
    org_a, django_capture_on_commit_callbacks
):
    filed = group_complaint(org_a.organisation)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        _accept(org_a, filed)
        assert mail.outbox == [], "nothing is sent before the acceptance commits"
    assert mail.outbox == []
    with in_schema(org_a.organisation):
        for callback in callbacks:
            callback()
    (sent,) = mail.outbox
    assert sent.to == ["dewi@example.org"]
    dewi = filed.members.get(position=1)
    link = ClientLink.objects.get(organisation=org_a.organisation, case_id=dewi.case_id)
    assert link.purpose == "consent"
    assert link.request["purposes"] == ["contact", "share", "refer", "statistics"]
    assert "Sawit Jaya Sdn Bhd" in link.request["explanation"]  # the employer, named
    assert "Siti" not in link.request["explanation"]
    assert filed.receipt_code not in link.request["explanation"] + sent.body
    assert "/tautan/" in sent.body
    ani = filed.members.get(position=2)
    assert not ClientLink.objects.filter(case_id=ani.case_id).exists()


def _answer(sent_body: str, agree: bool):
    token = next(w for w in sent_body.split() if "/tautan/" in w).rstrip("/").rsplit("/", 1)[-1]
    answer = "agree" if agree else "refuse"
    return link_answer(
        token=token, data={p: answer for p in ("contact", "share", "refer", "statistics")}
    )


def _counted(org) -> int:
    with in_schema(org.organisation):
        case_rollup_refresh(organisation=org.organisation)
    rollups = CaseRollup.objects.filter(organisation=org.organisation)
    return sum(rollups.values_list("cases", flat=True))


def test_a_member_case_is_counted_and_shared_only_after_the_member_agrees(
    org_a, org_b, django_capture_on_commit_callbacks
):
    filed = group_complaint(org_a.organisation)
    with django_capture_on_commit_callbacks(execute=True):
        case = _accept(org_a, filed)
    dewi = filed.members.get(position=1)
    head = member(org_a, Role.DIVISION_HEAD)
    assert _counted(org_a) == 1, "only the filer's case: the members have not answered"
    assert network_stats()["cases_total"] == 1
    with in_schema(org_a.organisation):
        for m in filed.members.all():
            with pytest.raises(ConsentMissing):
                share_grant(
                    actor=head, case_id=m.case_id, recipient=org_b.organisation, sections=["people"]
                )
        share_grant(actor=head, case_id=case.pk, recipient=org_b.organisation, sections=["summary"])
    assert ShareGrant.objects.count() == 1

    _answer(mail.outbox[0].body, agree=True)
    assert _counted(org_a) == 2
    assert network_stats()["cases_total"] == 2
    with in_schema(org_a.organisation):
        grant = share_grant(
            actor=head, case_id=dewi.case_id, recipient=org_b.organisation, sections=["summary"]
        )
    assert grant.consent.case_id == dewi.case_id and grant.consent.source == "link"


def test_a_member_who_refuses_stays_uncounted_and_unshared(
    org_a, org_b, django_capture_on_commit_callbacks
):
    filed = group_complaint(org_a.organisation)
    with django_capture_on_commit_callbacks(execute=True):
        _accept(org_a, filed)
    _answer(mail.outbox[0].body, agree=False)
    dewi = filed.members.get(position=1)
    assert _counted(org_a) == 1
    with in_schema(org_a.organisation), pytest.raises(ConsentMissing):
        share_grant(
            actor=member(org_a, Role.DIVISION_HEAD),
            case_id=dewi.case_id,
            recipient=org_b.organisation,
            sections=["summary"],
        )
