"""A group complaint's other workers: the rules they are filed under (at most 30, a name each,
the reporter's shapes for phone and e-mail, no name twice) and how they are saved (in the
filer's order, each with a consent record of their own that allows nothing)."""

from __future__ import annotations

import pytest
from django.utils import translation

from hub.consent.models import ConsentRecord
from hub.consent.services import ConsentChoices
from hub.core.errors import DomainError
from hub.intake.models import Complaint, ComplaintMember
from hub.intake.rules import MAX_MEMBERS
from hub.intake.services import ComplaintInput, MemberInput, complaint_submit

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """The messages as written (the interface's Indonesian comes from the catalogue)."""
    with translation.override("en"):
        yield


def _submit(members, **fields) -> Complaint:
    values = {
        "reporter_type": "paralegal",
        "reporter_name": "Siti Aminah",
        "filer_name": "Paralegal SBMI Indramayu",
        "country_of_work": "MY",
        "narrative": "Lima pekerja pabrik tidak digaji tiga bulan.",
        "issue_types": ("unpaid_wages",),
        "consent": ConsentChoices(contact=True, share=True, refer=True, statistics=True),
        "employer_name": "PT Sawit Jaya",
        "members": tuple(members),
        **fields,
    }
    return complaint_submit(data=ComplaintInput(**values))


def _refused(members, **fields) -> list[str]:
    before = (Complaint.objects.count(), ComplaintMember.objects.count())
    consents = ConsentRecord.objects.count()
    with pytest.raises(DomainError) as refused:
        _submit(members, **fields)
    assert refused.value.status == 400
    assert set(refused.value.fields) == {"members"}
    assert (Complaint.objects.count(), ComplaintMember.objects.count()) == before
    assert ConsentRecord.objects.count() == consents
    return refused.value.fields["members"]


def test_members_are_saved_in_order_each_with_an_empty_consent_of_their_own():
    filed = _submit(
        [
            MemberInput(name=" Dewi Lestari ", contact_phone="+62 812 1111 2222"),
            MemberInput(
                name="Ani",
                contact_email="ani@example.org",
                home_region="Indramayu",
                note="Paspor ditahan agen.",
            ),
        ]
    )
    members = list(filed.members.select_related("consent"))
    assert [(m.position, m.name) for m in members] == [(1, "Dewi Lestari"), (2, "Ani")]
    assert members[1].contact_email == "ani@example.org"
    assert members[1].home_region == "Indramayu" and members[1].note == "Paspor ditahan agen."
    consents = {m.consent_id for m in members} | {filed.consent_id}
    assert len(consents) == 3, "the filer's consent and one of each member's, all separate"
    for m in members:
        assert (m.consent.given_by, m.consent.source) == ("worker", "portal")
        assert not any(m.consent.covers(p) for p in ("contact", "share", "refer", "statistics"))
        assert m.consent.case_id is None and m.case_id is None
    assert filed.consent.covers("share"), "the filer answered for themself"


def test_a_complaint_without_members_has_none():
    assert not _submit([]).members.exists()


def test_thirty_members_are_taken_thirty_one_are_refused():
    many = [MemberInput(name=f"Pekerja {n}") for n in range(1, MAX_MEMBERS + 2)]
    (message,) = _refused(many)
    assert "30" in message
    assert _submit(many[:MAX_MEMBERS]).members.count() == MAX_MEMBERS


@pytest.mark.parametrize(
    ("member", "words"),
    [
        (MemberInput(name="  "), "Row 2: the name is required."),
        (MemberInput(name="Budi", contact_phone="call me"), "Row 2: enter a phone number"),
        (MemberInput(name="Budi", contact_email="not-an-email"), "Row 2: enter a valid e-mail"),
        (MemberInput(name="Bu\x00di"), "Row 2: Contains invisible control characters"),
        (MemberInput(name="B" * 201), "Row 2: the name is at most 200 characters."),
        (MemberInput(name="Budi", note="x" * 501), "Row 2: the note is at most 500"),
        (MemberInput(name="Budi", home_region=["Jawa"]), "Row 2: the home region must be text."),
        (MemberInput(name=" dewi  LESTARI"), "Row 2: this name is already listed"),
        (MemberInput(name="siti aminah"), "Row 2: this name is already listed"),  # the worker
    ],
)
def test_a_wrong_row_is_refused_by_its_number_and_nothing_is_saved(member, words):
    messages = _refused([MemberInput(name="Dewi Lestari"), member])
    assert len(messages) == 1 and messages[0].startswith(words), messages


def test_every_wrong_row_is_named_at_once():
    messages = _refused(
        [MemberInput(name=""), MemberInput(name="Ani"), MemberInput(name="Ani", contact_phone="x")]
    )
    assert messages == [
        "Row 1: the name is required.",
        "Row 3: enter a phone number of digits, e.g. +62 812 3456 7890.",
        "Row 3: this name is already listed in the complaint.",
    ]


def test_the_message_says_to_check_the_list():
    with pytest.raises(DomainError) as refused:
        _submit([MemberInput(name="")])
    assert refused.value.message == "Check the list of the other workers of the group complaint."
