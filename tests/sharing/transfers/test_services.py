"""Transfers: only the division head's decision moves a case, under the client's consent; the
receiver's division head accepts (the case and its documents become theirs, the sender keeps a
closed stub) or declines; every refusal changes nothing."""

from __future__ import annotations

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from hub.accounts.roles import Role
from hub.consent.models import ConsentRecord, Purpose
from hub.consent.selectors import consent_for_case
from hub.core.errors import Conflict, DomainError, NotFound, PermissionDenied
from hub.core.models import AuditEvent
from hub.vocab.models import Vocabulary
from hub.vocab.selectors import active_terms
from interchange.xml import package_from_xml
from sharing.services import ConsentMissing
from sharing.transfers.models import Transfer, TransferStatus
from sharing.transfers.services import (
    transfer_answer,
    transfer_decide,
    transfer_package_read,
    transfer_withdraw,
)
from tenants.cases.assignments import case_take
from tenants.cases.decisions import decision_request_create
from tenants.cases.models import Case, DecisionRequest
from tenants.cases.registration import case_open_from_complaint
from tenants.cases.services import TransitionNotAllowed, case_transition
from tenants.documents.models import Document
from tenants.documents.services import document_upload
from tenants.events.services import EventData, event_record
from tests.builders import complaint, in_schema, member

NOTE = "Klien pindah ke Indramayu, dekat keluarga"


def _png() -> bytes:
    buffer = BytesIO()
    Image.new("RGB", (40, 30), (0, 60, 120)).save(buffer, format="PNG")
    return buffer.getvalue()


def _case(org, *, share: bool = True, share_with: tuple[str, ...] = (), document: bool = False):
    """A case of `org` opened from a complaint (its consent as given), in consultation."""
    filed = complaint(org.organisation, share=share, reporter_name="Siti Aminah")
    if share_with:
        ConsentRecord.objects.filter(pk=filed.consent.pk).update(share_with=list(share_with))
    with in_schema(org.organisation):
        case = case_open_from_complaint(
            actor=member(org, Role.DIVISION_HEAD), receipt_code=filed.receipt_code
        )
        case_take(actor=member(org, Role.CONSULTATION_LAWYER), case_id=case.pk)
        head = member(org, Role.DIVISION_HEAD)
        event_record(actor=head, case=case, data=EventData(description="Paspor ditahan agen"))
        if document:
            document_upload(
                actor=head,
                case_id=case.pk,
                file=SimpleUploadedFile("slip-gaji.png", _png()),
                title="Slip gaji",
            )
        return Case.objects.get(pk=case.pk)


def _sender_state(org, case):
    with in_schema(org.organisation):
        row = Case.objects.filter(pk=case.pk).values_list("stage", "status", "version").get()
        requests = list(DecisionRequest.objects.values_list("id", "state"))
    return row, requests, Transfer.objects.count()


def _decide(org_a, org_b, case, **kwargs):
    with in_schema(org_a.organisation):
        return transfer_decide(
            actor=member(org_a, Role.DIVISION_HEAD),
            case_id=case.pk,
            receiver=kwargs.pop("receiver", org_b.organisation.slug),
            note=kwargs.pop("note", NOTE),
            **kwargs,
        )


def _answer(org_b, transfer, outcome="accept", role=Role.DIVISION_HEAD, reason=""):
    with in_schema(org_b.organisation):
        return transfer_answer(
            actor=member(org_b, role), transfer_id=transfer.pk, outcome=outcome, reason=reason
        )


# The decision


@pytest.mark.parametrize(
    "role", [Role.CONSULTATION_LAWYER, Role.CASE_LAWYER, Role.RECEPTIONIST, Role.OFFICE_ADMIN]
)
def test_only_the_division_head_transfers_a_case(org_a, org_b, role):
    case = _case(org_a)
    before = _sender_state(org_a, case)
    with in_schema(org_a.organisation), pytest.raises(PermissionDenied):
        transfer_decide(
            actor=member(org_a, role), case_id=case.pk, receiver=org_b.organisation.slug, note=NOTE
        )
    assert _sender_state(org_a, case) == before


def test_without_the_clients_consent_to_share_nothing_moves(org_a, org_b):
    case = _case(org_a, share=False)
    before = _sender_state(org_a, case)
    with pytest.raises(ConsentMissing) as refused:
        _decide(org_a, org_b, case)
    assert refused.value.status == 409 and refused.value.code == "consent_missing"
    assert _sender_state(org_a, case) == before


def test_consent_limited_to_other_members_does_not_cover_the_receiver(org_a, org_b):
    case = _case(org_a, share_with=("lbh-lain",))
    before = _sender_state(org_a, case)
    with pytest.raises(ConsentMissing):
        _decide(org_a, org_b, case)
    assert _sender_state(org_a, case) == before


def test_withdrawn_consent_stops_a_transfer(org_a, org_b):
    case = _case(org_a)
    ConsentRecord.objects.filter(organisation=org_a.organisation, case_id=case.pk).update(
        withdrawn_at="2026-11-01T00:00:00Z"
    )
    before = _sender_state(org_a, case)
    with pytest.raises(ConsentMissing):
        _decide(org_a, org_b, case)
    assert _sender_state(org_a, case) == before


@pytest.mark.parametrize("receiver", ["lbh-uji", "tidak-ada", ""])
def test_the_receiver_must_be_another_member(org_a, org_b, receiver):
    case = _case(org_a)
    before = _sender_state(org_a, case)
    with pytest.raises(DomainError) as refused:
        _decide(org_a, org_b, case, receiver=receiver)
    assert refused.value.status == 400
    assert refused.value.code in ("same_organisation", "unknown_receiver")
    assert _sender_state(org_a, case) == before


def test_a_note_is_required(org_a, org_b):
    case = _case(org_a)
    before = _sender_state(org_a, case)
    with pytest.raises(DomainError) as refused:
        _decide(org_a, org_b, case, note="  ")
    assert refused.value.code == "note_required"
    assert _sender_state(org_a, case) == before


def test_the_division_heads_decision_closes_the_case_and_delivers_the_file(org_a, org_b):
    case = _case(org_a)
    transfer = _decide(org_a, org_b, case)
    assert transfer.status == TransferStatus.DELIVERED
    assert transfer.decision_request_id is None
    assert transfer.receiver == org_b.organisation and transfer.case_number == case.number
    assert bytes(transfer.package).lstrip().startswith(b"<?xml")
    assert b"Paspor ditahan agen" in bytes(transfer.package)
    assert transfer.delivered_at is not None and transfer.due_on > transfer.decided_at.date()
    with in_schema(org_a.organisation):
        stub = Case.objects.get(pk=case.pk)
        assert (stub.stage, stub.status) == ("termination", "transferred")
        assert org_b.organisation.name in stub.status_note
        sender_trail = set(
            AuditEvent.objects.filter(object_type="case", object_id=str(case.pk)).values_list(
                "action", flat=True
            )
        )
    assert {"case.transition", "transfer.decided", "transfer.delivered"} <= sender_trail
    with in_schema(org_b.organisation):
        receiver_trail = set(
            AuditEvent.objects.filter(
                object_type="transfer", object_id=str(transfer.pk)
            ).values_list("action", flat=True)
        )
    assert {"transfer.decided", "transfer.delivered"} <= receiver_trail


def test_approving_the_lawyers_request_is_the_decision(org_a, org_b):
    case = _case(org_a)
    with in_schema(org_a.organisation):
        request = decision_request_create(
            actor=member(org_a, Role.CONSULTATION_LAWYER),
            case_id=case.pk,
            move="transfer",
            reason="Klien minta dialihkan ke SBMI Indramayu",
        )
    transfer = _decide(org_a, org_b, case)
    assert transfer.decision_request_id == request.pk
    with in_schema(org_a.organisation):
        assert DecisionRequest.objects.get(pk=request.pk).state == "approved"


def test_a_case_has_one_live_transfer_at_a_time(org_a, org_b):
    case = _case(org_a)
    _decide(org_a, org_b, case)
    before = _sender_state(org_a, case)
    with pytest.raises(Conflict) as refused:
        _decide(org_a, org_b, case)
    assert refused.value.code == "transfer_live"
    assert _sender_state(org_a, case) == before


# The answer


def test_acceptance_makes_the_case_the_receivers_with_its_documents(org_a, org_b):
    case = _case(org_a, document=True)
    with in_schema(org_a.organisation):
        sent = Document.objects.get(case_id=case.pk)
    transfer = _answer(org_b, _decide(org_a, org_b, case))
    assert transfer.status == TransferStatus.ACCEPTED
    assert transfer.answered_by and transfer.accepted_at is not None
    with in_schema(org_b.organisation):
        received = Case.objects.get(pk=transfer.receiver_case_id)
        assert received.number == transfer.receiver_case_number
        assert received.title == case.title
        # The receiver carries on where the sender stood before closing its stub.
        assert (received.stage, received.closed_at) == ("consultation", None)
        assert received.received_via == "transfer"
        carried = consent_for_case(organisation=org_b.organisation, case_id=received.pk)
        assert carried.covers(Purpose.SHARE) and carried.given_by_kind == "client"
        copy = Document.objects.get(case=received)
        assert copy.sha256 == sent.sha256
        assert copy.file.read() == _png_of(org_a, sent)
    with in_schema(org_a.organisation):
        stub = Case.objects.get(pk=case.pk)
        assert (stub.stage, stub.status) == ("termination", "transferred")


def _png_of(org, document) -> bytes:
    with in_schema(org.organisation):
        return Document.objects.get(pk=document.pk).file.read()


def test_a_transfer_is_accepted_once(org_a, org_b):
    transfer = _answer(org_b, _decide(org_a, org_b, _case(org_a)))
    with in_schema(org_b.organisation):
        cases = Case.objects.count()
    with pytest.raises(Conflict) as refused:
        _answer(org_b, transfer)
    assert refused.value.code == "already_answered"
    with in_schema(org_b.organisation):
        assert Case.objects.count() == cases


@pytest.mark.parametrize("role", [Role.CASE_LAWYER, Role.RECEPTIONIST, Role.ANALYST])
def test_only_the_receivers_division_head_answers(org_a, org_b, role):
    transfer = _decide(org_a, org_b, _case(org_a))
    with in_schema(org_b.organisation):
        cases = Case.objects.count()
    with pytest.raises(PermissionDenied):
        _answer(org_b, transfer, role=role)
    assert Transfer.objects.get(pk=transfer.pk).status == TransferStatus.DELIVERED
    with in_schema(org_b.organisation):
        assert Case.objects.count() == cases


def test_the_sender_cannot_answer_its_own_transfer(org_a, org_b):
    transfer = _decide(org_a, org_b, _case(org_a))
    with in_schema(org_a.organisation), pytest.raises(NotFound):
        transfer_answer(
            actor=member(org_a, Role.DIVISION_HEAD), transfer_id=transfer.pk, outcome="accept"
        )
    assert Transfer.objects.get(pk=transfer.pk).status == TransferStatus.DELIVERED


def test_consent_withdrawn_before_the_answer_stops_the_acceptance(org_a, org_b):
    case = _case(org_a)
    transfer = _decide(org_a, org_b, case)
    ConsentRecord.objects.filter(organisation=org_a.organisation, case_id=case.pk).update(
        withdrawn_at="2026-11-01T00:00:00Z"
    )
    with in_schema(org_b.organisation):
        cases = Case.objects.count()
    with pytest.raises(ConsentMissing):
        _answer(org_b, transfer)
    assert Transfer.objects.get(pk=transfer.pk).status == TransferStatus.DELIVERED
    with in_schema(org_b.organisation):
        assert Case.objects.count() == cases


def test_a_decline_needs_a_reason_and_lets_the_sender_name_another_member(org_a, org_b):
    case = _case(org_a)
    transfer = _decide(org_a, org_b, case)
    with pytest.raises(DomainError) as refused:
        _answer(org_b, transfer, outcome="decline")
    assert refused.value.code == "reason_required"
    assert Transfer.objects.get(pk=transfer.pk).status == TransferStatus.DELIVERED
    declined = _answer(org_b, transfer, outcome="decline", reason="Di luar wilayah kami")
    assert declined.status == TransferStatus.DECLINED
    assert declined.decline_reason == "Di luar wilayah kami"
    # The case stays closed as transferred; a new decision names a receiver again.
    again = _decide(org_a, org_b, case, note="Klien tetap ingin dialihkan")
    assert again.pk != transfer.pk and again.status == TransferStatus.DELIVERED


def test_the_sender_withdraws_an_unanswered_transfer(org_a, org_b):
    transfer = _decide(org_a, org_b, _case(org_a))
    with in_schema(org_a.organisation):
        withdrawn = transfer_withdraw(
            actor=member(org_a, Role.DIVISION_HEAD), transfer_id=transfer.pk, reason="Salah tujuan"
        )
    assert withdrawn.status == TransferStatus.WITHDRAWN
    with pytest.raises(Conflict):
        _answer(org_b, transfer)


def test_the_lawyer_cannot_withdraw(org_a, org_b):
    transfer = _decide(org_a, org_b, _case(org_a))
    with in_schema(org_a.organisation), pytest.raises(PermissionDenied):
        transfer_withdraw(
            actor=member(org_a, Role.CONSULTATION_LAWYER), transfer_id=transfer.pk, reason="x"
        )
    assert Transfer.objects.get(pk=transfer.pk).status == TransferStatus.DELIVERED


def test_reading_the_delivered_file_is_in_both_trails(org_a, org_b):
    transfer = _decide(org_a, org_b, _case(org_a))
    with in_schema(org_b.organisation):
        _t, package = transfer_package_read(
            actor=member(org_b, Role.DIVISION_HEAD), transfer_id=transfer.pk
        )
        with pytest.raises(PermissionDenied):
            transfer_package_read(actor=member(org_b, Role.CASE_LAWYER), transfer_id=transfer.pk)
    assert package == bytes(transfer.package)
    with in_schema(org_a.organisation):
        assert AuditEvent.objects.filter(
            action="transfer.package_read", object_id=str(transfer.case_id)
        ).exists()


def test_a_case_closed_as_transferred_on_the_case_page_gets_its_receiver_named(org_a, org_b):
    case = _case(org_a)
    with in_schema(org_a.organisation):
        case_transition(
            actor=member(org_a, Role.DIVISION_HEAD),
            case_id=case.pk,
            move="transfer",
            note="Ke SBMI Indramayu",
        )
        version = Case.objects.get(pk=case.pk).version
    transfer = _decide(org_a, org_b, case)
    assert transfer.status == TransferStatus.DELIVERED
    # The receiver gets the case as it stood before it was closed here.
    assert package_from_xml(bytes(transfer.package)).case.stage == "consultation"
    with in_schema(org_a.organisation):
        assert Case.objects.get(pk=case.pk).version == version  # no second move


def test_a_case_closed_for_another_reason_is_not_transferred(org_a, org_b):
    case = _case(org_a)
    with in_schema(org_a.organisation):
        case_transition(
            actor=member(org_a, Role.DIVISION_HEAD),
            case_id=case.pk,
            move="terminate",
            reason_code=active_terms(Vocabulary.NOT_ACCOMPANIED_REASON)[0].code,
        )
    before = _sender_state(org_a, case)
    with pytest.raises(TransitionNotAllowed):
        _decide(org_a, org_b, case)
    assert _sender_state(org_a, case) == before


def test_sender_staff_who_may_not_read_a_restricted_part_cannot_read_the_file(org_a, org_b):
    case = _case(org_a)
    transfer = _decide(org_a, org_b, case)
    with in_schema(org_a.organisation):
        Case.objects.filter(pk=case.pk).update(restricted_sections=["chronology"])
        with pytest.raises(PermissionDenied):
            transfer_package_read(actor=member(org_a, Role.RECEPTIONIST), transfer_id=transfer.pk)
        _t, package = transfer_package_read(
            actor=member(org_a, Role.DIVISION_HEAD), transfer_id=transfer.pk
        )
    assert package == bytes(transfer.package)


def test_a_restricted_case_stays_restricted_at_the_receiver(org_a, org_b):
    case = _case(org_a)
    with in_schema(org_a.organisation):
        Case.objects.filter(pk=case.pk).update(restricted=True, restricted_sections=["care"])
    transfer = _answer(org_b, _decide(org_a, org_b, case))
    with in_schema(org_b.organisation):
        received = Case.objects.get(pk=transfer.receiver_case_id)
    assert (received.restricted, received.restricted_sections) == (True, ["care"])


@pytest.mark.parametrize("ended", ["withdrawn", "declined", "consent_withdrawn"])
def test_the_receiver_no_longer_reads_the_file_of_a_transfer_ended_or_without_consent(
    org_a, org_b, ended
):
    """The file holds the whole case with contact details: the receiver's division head reads
    it while the transfer waits for its answer under the client's consent, not after the sender
    withdrew it, the receiver declined it, or the client withdrew consent. Nothing is read or
    recorded then; the sender still reads it."""
    case = _case(org_a)
    transfer = _decide(org_a, org_b, case)
    if ended == "withdrawn":
        with in_schema(org_a.organisation):
            transfer_withdraw(
                actor=member(org_a, Role.DIVISION_HEAD), transfer_id=transfer.pk, reason="Salah"
            )
    elif ended == "declined":
        _answer(org_b, transfer, outcome="decline", reason="Di luar wilayah kami")
    else:
        ConsentRecord.objects.filter(organisation=org_a.organisation, case_id=case.pk).update(
            withdrawn_at="2026-11-01T00:00:00Z"
        )
    with in_schema(org_b.organisation):
        reads = AuditEvent.objects.filter(action="transfer.package_read").count()
        with pytest.raises((NotFound, ConsentMissing)):
            transfer_package_read(actor=member(org_b, Role.DIVISION_HEAD), transfer_id=transfer.pk)
        assert AuditEvent.objects.filter(action="transfer.package_read").count() == reads
    with in_schema(org_a.organisation):
        transfer_package_read(actor=member(org_a, Role.DIVISION_HEAD), transfer_id=transfer.pk)
