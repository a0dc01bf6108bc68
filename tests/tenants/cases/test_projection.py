"""The one projection of a case, both ways: case → package (sections) → case, and back."""

from __future__ import annotations

import dataclasses
from datetime import date
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from lxml import etree
from PIL import Image

from hub.accounts.roles import Role
from hub.core.errors import DomainError, PermissionDenied
from hub.organisations.context import WrongOrganisation
from interchange.xml import package_from_xml, package_to_xml
from tenants.care.interventions import InterventionData, intervention_log
from tenants.cases.imports import case_import, case_import_result
from tenants.cases.models import Case, CaseImportRef, CasePerson, PersonRole, ReceivedVia
from tenants.cases.projection import ALL_SECTIONS, Section, case_projection
from tenants.documents.models import Document
from tenants.documents.services import document_upload
from tenants.events.models import Act, Event
from tenants.events.services import ActData, EventData, act_record, event_record
from tenants.people.models import Person, PersonRelation, Placement
from tests.builders import client_case, in_schema, member


def _png() -> bytes:
    buffer = BytesIO()
    Image.new("RGB", (40, 30), (10, 120, 40)).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def full_case(org_a):
    """A case of A with a client (contact details), an event with an act, a service and a
    document."""
    case = client_case(org_a, passport_number="C1234567", email="rina@example.org")
    lawyer = member(org_a, Role.CONSULTATION_LAWYER)
    with in_schema(org_a.organisation):
        Case.objects.filter(pk=case.pk).update(
            case_types=["contract_violation"], summary="Gaji tidak dibayar enam bulan."
        )
        client = case.people.get()
        CasePerson.objects.create(case=case, person=client, role=PersonRole.VICTIM)
        sister = Person.objects.create(display_name="Darsih", gender="female")
        CasePerson.objects.create(case=case, person=sister, role=PersonRole.FAMILY_MEMBER)
        PersonRelation.objects.create(person=sister, kind="sibling", other=client)
        Placement.objects.create(
            person=client,
            destination_country="MY",
            destination_city="Kuala Lumpur",
            employer_name="Keluarga Tan",
            procedural=False,
            departed_on=date(2024, 8, 1),
        )
        event = event_record(
            actor=lawyer,
            case=case,
            data=EventData(
                description="Majikan menahan paspor.",
                title="Paspor ditahan",
                occurred_on=date(2026, 3, 1),
                place="Kuala Lumpur",
                country="MY",
            ),
        )
        act_record(
            actor=lawyer,
            case_id=case.pk,
            event_id=event.pk,
            data=ActData(description="Penahanan dokumen", victim_ids=(client.pk,)),
        )
        intervention_log(
            actor=member(org_a, Role.DIVISION_HEAD),
            case_id=case.pk,
            data=InterventionData(
                service="legal", started_on=date(2026, 3, 5), description="Konsultasi hukum."
            ),
        )
        document_upload(
            actor=lawyer,
            case_id=case.pk,
            file=SimpleUploadedFile("paspor.png", _png()),
            title="Salinan paspor",
        )
        case.refresh_from_db()
    return case


def _export(org, case, sections=ALL_SECTIONS):
    with in_schema(org.organisation):
        return case_projection(case=case, organisation=org.organisation, sections=sections)


def _canonical(package) -> bytes:
    """The package's XML without what differs by who made it and when: provenance, the case
    number and where the producer keeps each file (its storage, not the case)."""
    root = etree.fromstring(package_to_xml(package))
    ns = {"cp": root.nsmap[None]}
    for node in root.xpath("cp:provenance", namespaces=ns):
        root.remove(node)
    for node in root.xpath(
        "cp:case/cp:number | cp:documents/cp:document/cp:location", namespaces=ns
    ):
        node.getparent().remove(node)  # the receiver numbers the case itself
    return etree.tostring(root, method="c14n2", strip_text=True)


def test_projection_carries_every_section_with_stable_refs(org_a, full_case):
    package = _export(org_a, full_case)
    assert package.case.uid == str(full_case.uid)
    assert package.scope == tuple(Section.values)
    assert package.provenance.time_zone == "Asia/Jakarta"
    person, sister = package.people
    assert person.contact is not None and person.contact.nik == "3212345678900001"
    assert sister.relations[0].kind == "sibling"
    assert sister.relations[0].other == person.ref
    with in_schema(org_a.organisation):
        client_pk = full_case.people.filter(display_name="Rina Wulandari").distinct().get().pk
    assert person.ref == f"{org_a.organisation.slug}:person:{client_pk}"
    (placement,) = person.placements
    assert (placement.country, placement.employer, placement.procedural) == (
        "MY",
        "Keluarga Tan",
        False,
    )
    (event,) = package.events
    assert event.acts[0].victims == (person.ref,)
    assert package.services[0].service == "legal"
    (document,) = package.documents
    assert document.content_type == "image/png" and len(document.sha256) == 64
    assert document.location.isdigit()


def test_projection_limited_to_sections_leaves_the_rest_out(org_a, full_case):
    package = _export(org_a, full_case, frozenset({Section.EVENTS}))
    assert package.scope == ("events",)
    assert package.people == () and package.services == () and package.documents == ()
    assert package.case.title == "" and package.case.summary == ""
    # Victims are named only when the people travel too.
    assert package.events[0].acts[0].victims == ()
    without_contact = _export(org_a, full_case, frozenset({Section.PEOPLE}))
    assert all(person.contact is None for person in without_contact.people)
    xml = package_to_xml(without_contact)
    assert b"3212345678900001" not in xml and b"C1234567" not in xml


def test_hidden_parts_of_the_case_do_not_leave(org_a, full_case):
    with in_schema(org_a.organisation):
        package = case_projection(
            case=full_case,
            organisation=org_a.organisation,
            sections=ALL_SECTIONS,
            hidden_sections=frozenset({"chronology", "care", "documents"}),
        )
    assert package.scope == ("summary", "people", "people_contact")
    assert package.events == () and package.services == () and package.documents == ()


def test_export_import_export_gives_the_same_package(org_a, org_b, full_case):
    package = package_from_xml(package_to_xml(_export(org_a, full_case)))
    head_b = member(org_b, Role.DIVISION_HEAD)
    with in_schema(org_b.organisation):
        imported = case_import(actor=head_b, package=package)
        assert imported.uid == full_case.uid
        assert imported.number != full_case.number
        assert imported.received_from == org_a.organisation.slug
        assert imported.received_via == ReceivedVia.IMPORT
        document = imported.documents.get()
        assert not document.file  # from XML: the file was not received
    again = _export(org_b, imported)
    assert _canonical(again).decode() == _canonical(package).decode()


def test_import_twice_updates_the_same_case(org_a, org_b, full_case):
    package = _export(org_a, full_case)
    head_b = member(org_b, Role.DIVISION_HEAD)
    with in_schema(org_b.organisation):
        first = case_import_result(actor=head_b, package=package)
        counts = (Case.objects.count(), Person.objects.count(), Event.objects.count())
        changed = dataclasses.replace(
            package,
            case=dataclasses.replace(package.case, title="Judul baru"),
            events=(dataclasses.replace(package.events[0], description="Uraian baru"),),
        )
        second = case_import_result(actor=head_b, package=changed)
        assert not second.created and second.case.pk == first.case.pk
        assert (Case.objects.count(), Person.objects.count(), Event.objects.count()) == counts
        assert second.case.title == "Judul baru"
        assert Event.objects.get(case=second.case).description == "Uraian baru"


def test_reimport_keeps_the_receivers_own_records_and_drops_what_the_package_dropped(
    org_a, org_b, full_case
):
    package = _export(org_a, full_case)
    head_b = member(org_b, Role.DIVISION_HEAD)
    with in_schema(org_b.organisation):
        case = case_import(actor=head_b, package=package)
        own = Event.objects.create(case=case, description="Kunjungan keluarga oleh SBMI")
        case_import(actor=head_b, package=dataclasses.replace(package, events=()))
        assert list(Event.objects.filter(case=case)) == [own]


def test_in_hub_import_copies_the_document_file_checked_by_hash(org_a, org_b, full_case):
    package = _export(org_a, full_case)
    with in_schema(org_b.organisation):
        result = case_import_result(
            actor=member(org_b, Role.DIVISION_HEAD),
            package=package,
            received_via=ReceivedVia.TRANSFER,
            source_organisation=org_a.organisation,
        )
        document = result.case.documents.get()
        assert result.documents_not_received == 0
        assert document.file and document.file.read() == _png()
        assert document.thumbnail  # the preview came along
        assert document.storage_folder == org_b.organisation.schema_name
        assert result.case.received_via == ReceivedVia.TRANSFER
        assert result.case.stage == full_case.stage


def test_a_changed_file_is_not_copied(org_a, org_b, full_case):
    package = _export(org_a, full_case)
    forged = dataclasses.replace(
        package, documents=(dataclasses.replace(package.documents[0], sha256="0" * 64),)
    )
    with in_schema(org_b.organisation):
        result = case_import_result(
            actor=member(org_b, Role.DIVISION_HEAD),
            package=forged,
            received_via=ReceivedVia.REFERRAL,
            source_organisation=org_a.organisation,
        )
        assert result.documents_not_received == 1
        assert not result.case.documents.get().file
        # A referral opens a case of the receiver's own workflow.
        assert (result.case.stage, result.case.status) == ("registration", "open")


def test_import_is_refused_to_a_role_that_does_not_register_cases(org_a, org_b, full_case):
    package = _export(org_a, full_case)
    with in_schema(org_b.organisation):
        before = Case.objects.count()
        with pytest.raises(PermissionDenied):
            case_import(actor=member(org_b, Role.CONSULTATION_LAWYER), package=package)
        assert Case.objects.count() == before


def test_update_needs_the_right_to_edit_the_case(org_a, org_b, full_case):
    package = _export(org_a, full_case)
    with in_schema(org_b.organisation):
        case = case_import(actor=member(org_b, Role.DIVISION_HEAD), package=package)
        changed = dataclasses.replace(
            package, case=dataclasses.replace(package.case, title="Diubah resepsionis")
        )
        with pytest.raises(PermissionDenied):
            case_import(actor=member(org_b, Role.RECEPTIONIST), package=changed)
        case.refresh_from_db()
        assert case.title != "Diubah resepsionis"


def test_import_outside_the_actors_schema_is_refused(org_a, org_b, full_case):
    package = _export(org_a, full_case)
    with in_schema(org_a.organisation), pytest.raises(WrongOrganisation):
        case_import(actor=member(org_b, Role.DIVISION_HEAD), package=package)


@pytest.mark.parametrize(
    "change",
    [
        lambda p: dataclasses.replace(
            p, people=(dataclasses.replace(p.people[0], roles=("boss",)),)
        ),
        lambda p: dataclasses.replace(
            p, case=dataclasses.replace(p.case, case_types=("no_such_type",))
        ),
        lambda p: dataclasses.replace(
            p, services=(dataclasses.replace(p.services[0], service="no_such_service"),)
        ),
        lambda p: dataclasses.replace(
            p, people=(dataclasses.replace(p.people[0], display_name="x" * 201),)
        ),
        lambda p: dataclasses.replace(
            p,
            people=(
                dataclasses.replace(
                    p.people[0], contact=dataclasses.replace(p.people[0].contact, nik="12-34")
                ),
            ),
        ),
        lambda p: dataclasses.replace(
            p,
            documents=(dataclasses.replace(p.documents[0], content_type="x" * 51),),
        ),
    ],
    ids=["role", "case-type", "service", "too-long", "nik", "content-type"],
)
def test_an_invalid_package_changes_nothing(org_a, org_b, full_case, change):
    package = change(_export(org_a, full_case))
    with in_schema(org_b.organisation):
        before = (
            Case.objects.count(),
            Person.objects.count(),
            CasePerson.objects.count(),
            Event.objects.count(),
            Document.objects.count(),
            CaseImportRef.objects.count(),
        )
        with pytest.raises(DomainError) as caught:
            case_import(actor=member(org_b, Role.DIVISION_HEAD), package=package)
        assert caught.value.status == 400 and caught.value.code == "invalid_package"
        after = (
            Case.objects.count(),
            Person.objects.count(),
            CasePerson.objects.count(),
            Event.objects.count(),
            Document.objects.count(),
            CaseImportRef.objects.count(),
        )
        assert after == before


def _counts():
    return (
        Case.objects.count(),
        Person.objects.count(),
        CasePerson.objects.count(),
        Event.objects.count(),
        Document.objects.count(),
        CaseImportRef.objects.count(),
    )


def test_a_failure_after_writing_began_leaves_nothing(org_a, org_b, full_case, monkeypatch):
    """The case, people and events were written when the documents fail: all rolled back."""
    from tenants.cases import imports

    def broken(self, **kwargs):
        raise DomainError("storage unavailable", code="storage")

    monkeypatch.setattr(imports._Importer, "documents", broken)
    package = _export(org_a, full_case)
    with in_schema(org_b.organisation):
        before = _counts()
        with pytest.raises(DomainError):
            case_import(actor=member(org_b, Role.DIVISION_HEAD), package=package)
        assert _counts() == before


def test_a_case_coming_back_updates_its_own_records(org_a, org_b, full_case):
    """A → B (transfer) → A: A's case, people and events are matched, not duplicated."""
    head_b = member(org_b, Role.DIVISION_HEAD)
    with in_schema(org_b.organisation):
        at_b = case_import(actor=head_b, package=_export(org_a, full_case))
    back = _export(org_b, at_b)
    with in_schema(org_a.organisation):
        people = Person.objects.count()
        case = case_import(
            actor=member(org_a, Role.DIVISION_HEAD),
            package=back,
            received_via=ReceivedVia.TRANSFER,
            source_organisation=org_b.organisation,
        )
        assert case.pk == full_case.pk
        assert Person.objects.count() == people
        assert case.events.count() == 1 and case.documents.count() == 1
        assert CasePerson.objects.filter(case=case, role=PersonRole.COMPLAINANT).count() == 1


def test_reimport_without_people_keeps_who_the_acts_named(org_a, org_b, full_case):
    """A second referral of the same case sends only the events: the receiver's acts take the
    new words but still name the victim the first (with people) brought."""
    head_b = member(org_b, Role.DIVISION_HEAD)
    with in_schema(org_b.organisation):
        case = case_import(actor=head_b, package=_export(org_a, full_case))
        act = Act.objects.get(event__case=case)
        victims = list(act.victims.values_list("pk", flat=True))
        assert len(victims) == 1
        events_only = _export(org_a, full_case, frozenset({Section.SUMMARY, Section.EVENTS}))
        assert events_only.events[0].acts[0].victims == ()
        case_import(actor=head_b, package=events_only)
        act = Act.objects.get(event__case=case)
        assert list(act.victims.values_list("pk", flat=True)) == victims
        assert act.description == events_only.events[0].acts[0].description
