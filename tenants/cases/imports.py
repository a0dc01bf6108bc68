"""Package → case in the active schema: the import side of the projection.

The same package imported twice updates the case it made (matched by the case's uid) instead
of making a second one; its people, events, services and documents are matched by their
package references (`CaseImportRef`). Records the receiver added itself are never touched;
records an earlier import brought and the new package no longer carries are removed.
Everything happens in one transaction: a refused import leaves the data as it was.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from dataclasses import dataclass
from datetime import date, datetime, time

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hub.accounts import policy
from hub.accounts.access import Actor
from hub.accounts.policy import Action
from hub.core.errors import DomainError
from hub.core.outbox import domain_event_record
from hub.organisations.context import organisation_context
from hub.organisations.models import Organisation
from hub.vocab.models import Vocabulary
from hub.vocab.selectors import terms_by_code
from interchange.package import (
    SECTION_DOCUMENTS,
    SECTION_EVENTS,
    SECTION_PEOPLE,
    SECTION_PEOPLE_CONTACT,
    SECTION_SERVICES,
    SECTION_SUMMARY,
    CasePackage,
    DocumentEntry,
    EventEntry,
    PersonEntry,
    ServiceEntry,
)
from tenants.care.models import Intervention
from tenants.cases.lifecycle import Stage, Status
from tenants.cases.models import Case, CaseImportRef, CasePerson, PersonRole, ReceivedVia
from tenants.cases.projection import (
    DOCUMENT,
    EVENT,
    PERSON,
    SERVICE,
    organisation_zone,
    record_ref,
)
from tenants.cases.registration import case_number_next
from tenants.cases.selectors import case_subject
from tenants.documents.models import Document
from tenants.events.models import Act, DatePrecision, Event
from tenants.people.models import Gender, PassportHolder, Person, PersonRelation, Placement
from tenants.people.services import MOST_PEOPLE_IN_A_GROUP, NIK

RECEIVED_VIA = (ReceivedVia.IMPORT, ReceivedVia.REFERRAL, ReceivedVia.TRANSFER)
# Format 1 packages carry no uid: the same source case always gets the same one.
UID_NAMESPACE = uuid.UUID("1b8f4a52-6d0c-4f0e-9a8e-3c6f1f2b7d10")


COUNTRY = re.compile("[A-Z]{2}")
# A package's placement field → the Placement model's.
FIELD_OF = {"city": "destination_city", "employer": "employer_name", "agency": "agency_name"}


class InvalidPackage(DomainError):
    code = "invalid_package"


@dataclass(frozen=True)
class ImportResult:
    case: Case
    created: bool
    documents_not_received: int


def case_import(
    *,
    actor: Actor,
    package: CasePackage,
    received_via: str = ReceivedVia.IMPORT,
    source_organisation: Organisation | None = None,
) -> Case:
    """Build or update the package's case in the active schema (the actor's organisation).

    With `source_organisation` (a referral or transfer inside the hub) document files are
    copied from its storage, checked against their sha256; without it (an uploaded XML) the
    documents keep their metadata and are marked "file not received" (no file)."""
    return case_import_result(
        actor=actor,
        package=package,
        received_via=received_via,
        source_organisation=source_organisation,
    ).case


@transaction.atomic
def case_import_result(
    *,
    actor: Actor,
    package: CasePackage,
    received_via: str = ReceivedVia.IMPORT,
    source_organisation: Organisation | None = None,
) -> ImportResult:
    """`case_import`, also saying whether the case was new and how many files did not come."""
    policy.require(actor, Action.CASE_REGISTER)
    organisation = actor.organisation
    if received_via not in RECEIVED_VIA:
        raise DomainError(_("Unknown way of receiving a case."), code="invalid")
    if source_organisation is not None and source_organisation.pk == organisation.pk:
        raise DomainError(_("A case cannot come from its own organisation."), code="invalid")
    _check(package)
    uid = _uid(package)
    # Two imports of the same new case at once: the second waits and then updates.
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [f"case-import:{uid}"])
    case = Case.objects.select_for_update().filter(uid=uid).first()
    created = case is None
    zone = organisation_zone(organisation)
    entry = package.case
    now = timezone.now()
    if created:
        referral = received_via == ReceivedVia.REFERRAL
        case = Case.objects.create(
            uid=uid,
            number=case_number_next(organisation=organisation),
            title=(entry.title or entry.number)[:200],
            summary=entry.summary,
            case_types=list(entry.case_types),
            # A referral opens a case of our own workflow; a transfer or a package keeps its
            # progress (the lifecycle moves it on from here).
            stage=Stage.REGISTRATION if referral else entry.stage,
            status=Status.OPEN if referral else entry.status,
        )
        # Noon of the local day: the same date again in any zone of the network.
        Case.objects.filter(pk=case.pk).update(
            opened_at=_noon(entry.opened_on, zone),
            closed_at=_noon(entry.closed_on, zone) if entry.closed_on and not referral else None,
        )
    else:
        policy.require(actor, Action.CASE_EDIT, case_subject(case))
        if package.includes(SECTION_SUMMARY):
            case.title = (entry.title or case.title)[:200]
            case.summary = entry.summary
            case.case_types = list(entry.case_types)
        if received_via == ReceivedVia.TRANSFER:
            # A case coming back by transfer (our closed stub of an earlier transfer away, or
            # a copy we hold) is ours again and carries on where the sender stood.
            case.stage = entry.stage
            case.status = entry.status
            case.closed_at = _noon(entry.closed_on, zone) if entry.closed_on else None
        case.version += 1
    source_slug = package.provenance.organisation_slug
    if source_slug != organisation.slug:
        case.received_from = source_slug[:200]
        case.received_via = received_via
        case.received_at = now
    case.save()

    importer = _Importer(case=case, organisation=organisation, package=package)
    people = importer.people() if importer.carries_people else None
    events = importer.events() if package.includes(SECTION_EVENTS) else None
    services = importer.services() if package.includes(SECTION_SERVICES) else None
    missing = 0
    documents = None
    if package.includes(SECTION_DOCUMENTS):
        documents, missing = importer.documents(source=source_organisation, uid=uid)
    domain_event_record(
        actor=actor.audit,
        name="case.imported",
        object_type="case",
        object_id=case.pk,
        detail={
            "number": case.number,
            "uid": str(uid),
            "created": created,
            "received_via": received_via,
            "source": source_slug,
            "source_number": entry.number,
            "sections": list(package.scope),
            "people": people,
            "events": events,
            "services": services,
            "documents": documents,
            "documents_not_received": missing,
        },
    )
    case.refresh_from_db()
    return ImportResult(case=case, created=created, documents_not_received=missing)


def _noon(day: date, zone) -> datetime:
    return datetime.combine(day, time(12, 0), tzinfo=zone)


def _uid(package: CasePackage) -> uuid.UUID:
    if package.case.uid:
        return uuid.UUID(package.case.uid)
    source = f"{package.provenance.organisation_slug}/{package.case.number}"
    return uuid.uuid5(UID_NAMESPACE, source)


# Checking, before anything is written --------------------------------------------------------


def _refuse(field: str, message: str) -> None:
    raise InvalidPackage(
        _("The package cannot be imported: %(problem)s") % {"problem": message},
        fields={field: [message]},
    )


def _fits(model: type[models.Model], name: str, value: str, field: str) -> None:
    limit = model._meta.get_field(name).max_length
    if limit is not None and len(value) > limit:
        _refuse(field, _("Longer than %(limit)d characters.") % {"limit": limit})


def _codes(codes, known, field: str) -> None:
    unknown = sorted({code for code in codes if code not in known})
    if unknown:
        _refuse(field, _("Unknown code: %(codes)s.") % {"codes": ", ".join(unknown)})


def _check(package: CasePackage) -> None:
    """Refuse a package this hub cannot hold, naming the part (nothing is written yet)."""
    entry = package.case
    if entry.uid:
        try:
            uuid.UUID(entry.uid)
        except ValueError:
            _refuse("case.uid", _("Not a uid."))
    if entry.stage not in Stage.values:
        _refuse("case.stage", _("Unknown stage."))
    if entry.status not in Status.values:
        _refuse("case.status", _("Unknown status."))
    _codes(entry.case_types, terms_by_code(Vocabulary.CASE_TYPE), "case.case_types")
    person_refs = set()
    occupations = terms_by_code(Vocabulary.OCCUPATION)
    legal_statuses = terms_by_code(Vocabulary.LEGAL_STATUS)
    relation_types = terms_by_code(Vocabulary.RELATION_TYPE)
    all_refs = {person.ref for person in package.people}
    for person in package.people:
        where = f"people.{person.ref}"
        person_refs.add(person.ref)
        _codes(person.roles, PersonRole.values, f"{where}.roles")
        _codes([person.gender], Gender.values, f"{where}.gender")
        _codes([person.occupation] if person.occupation else [], occupations, where)
        _fits(Person, "display_name", person.display_name, f"{where}.display_name")
        _fits(Person, "language", person.language, f"{where}.language")
        if person.age is not None and person.age > 120:
            _refuse(f"{where}.age", _("Give an age between 0 and 120."))
        if person.group_size is not None and not 1 <= person.group_size <= MOST_PEOPLE_IN_A_GROUP:
            _refuse(f"{where}.group_size", _("Give the number of people in the group."))
        if person.birth_date and person.birth_date > timezone.localdate():
            _refuse(f"{where}.birth_date", _("A birth date cannot be in the future."))
        for placement in person.placements:
            if not COUNTRY.fullmatch(placement.country):
                _refuse(f"{where}.placements.country", _("Unknown country."))
            statuses = [placement.document_status] if placement.document_status else []
            _codes(statuses, legal_statuses, f"{where}.placements.document_status")
            for name in ("city", "employer", "agency"):
                _fits(Placement, FIELD_OF[name], getattr(placement, name), f"{where}.{name}")
        for relation in person.relations:
            _codes([relation.kind], relation_types, f"{where}.relations")
            _codes([relation.other], all_refs, f"{where}.relations")
            if relation.other == person.ref:
                _refuse(f"{where}.relations", _("A person cannot be related to themself."))
            _fits(PersonRelation, "note", relation.note, f"{where}.relations")
        contact = person.contact
        if contact is not None:
            if contact.nik and not NIK.match(contact.nik):
                _refuse(f"{where}.nik", _("A NIK has 16 digits."))
            _codes([contact.passport_holder], PassportHolder.values, f"{where}.passport")
            for name in ("phone", "email", "safe_contact", "domicile", "nik", "passport_number"):
                _fits(Person, name, getattr(contact, name), f"{where}.{name}")
    rights = terms_by_code(Vocabulary.RIGHT_VIOLATED)
    bases = terms_by_code(Vocabulary.LEGAL_BASIS)
    for event in package.events:
        where = f"events.{event.ref}"
        _codes([event.date_precision], DatePrecision.values, f"{where}.date_precision")
        _fits(Event, "title", event.title, f"{where}.title")
        _fits(Event, "place", event.place, f"{where}.place")
        _fits(Event, "country", event.country, f"{where}.country")
        for act in event.acts:
            _codes(act.rights_violated, rights, f"{where}.rights_violated")
            _codes(act.legal_basis, bases, f"{where}.legal_basis")
            _codes([*act.victims, *act.perpetrators], person_refs, f"{where}.people")
    services = terms_by_code(Vocabulary.SERVICE_TYPE)
    for service in package.services:
        where = f"services.{service.ref}"
        _codes([service.service], services, f"{where}.code")
        _fits(Intervention, "provider", service.provider, f"{where}.provider")
        _fits(Intervention, "partner", service.partner, f"{where}.partner")
    for document in package.documents:
        where = f"documents.{document.ref}"
        _fits(Document, "title", document.title, f"{where}.title")
        _fits(Document, "original_name", document.filename, f"{where}.filename")
        _fits(Document, "mime", document.content_type, f"{where}.content_type")
        _fits(Document, "kind", document.kind, f"{where}.kind")


# Writing -------------------------------------------------------------------------------------


class _Importer:
    """Writes one package's sections into its case, matching records by reference."""

    def __init__(self, *, case: Case, organisation: Organisation, package: CasePackage):
        self.case = case
        self.organisation = organisation
        self.package = package
        self.label = package.provenance.organisation_name[:200]
        self.carries_people = package.includes(SECTION_PEOPLE) or package.includes(
            SECTION_PEOPLE_CONTACT
        )
        self.person_pks: dict[str, int] = {}
        self.mapped = {(row.kind, row.ref): row for row in CaseImportRef.objects.filter(case=case)}

    def _find(self, kind: str, ref: str, queryset: models.QuerySet):
        """The record a reference names: one of ours on this case, or an earlier import's."""
        own = record_ref(organisation=self.organisation, kind=kind, pk=0)[:-1]
        if ref.startswith(own) and ref[len(own) :].isdigit():
            found = queryset.filter(pk=int(ref[len(own) :])).first()
            if found is not None:
                return found
        row = self.mapped.get((kind, ref))
        return None if row is None else queryset.filter(pk=row.object_id).first()

    def _remember(self, kind: str, ref: str, pk: int) -> None:
        if ref == record_ref(organisation=self.organisation, kind=kind, pk=pk):
            return
        row = self.mapped.get((kind, ref))
        if row is not None and row.object_id == pk:
            return
        CaseImportRef.objects.filter(case=self.case, kind=kind, object_id=pk).delete()
        CaseImportRef.objects.filter(case=self.case, kind=kind, ref=ref).delete()
        self.mapped[(kind, ref)] = CaseImportRef.objects.create(
            case=self.case, kind=kind, ref=ref, object_id=pk
        )

    def _stale(self, kind: str, refs: set[str]) -> list[int]:
        """Records an earlier import brought that this package no longer carries."""
        stale = [
            row.object_id
            for (row_kind, ref), row in self.mapped.items()
            if row_kind == kind and ref not in refs
        ]
        CaseImportRef.objects.filter(case=self.case, kind=kind, object_id__in=stale).delete()
        return stale

    # People -----------------------------------------------------------------------------------

    def people(self) -> int:
        on_case = Person.objects.filter(case_roles__case=self.case).distinct()
        for entry in self.package.people:
            person = self._find(PERSON, entry.ref, on_case)
            person = self._person_write(person, entry)
            self.person_pks[entry.ref] = person.pk
            self._remember(PERSON, entry.ref, person.pk)
            self._roles(person, entry.roles)
        stale = self._stale(PERSON, set(self.person_pks))
        CasePerson.objects.filter(case=self.case, person_id__in=stale).delete()
        self._relations()
        return len(self.person_pks)

    def _relations(self) -> None:
        """Relations between the package's people: the package's replace what was recorded
        between them (a relation to someone outside the package stays)."""
        pks = set(self.person_pks.values())
        PersonRelation.objects.filter(person_id__in=pks, other_id__in=pks).delete()
        for entry in self.package.people:
            person = self.person_pks[entry.ref]
            for relation in entry.relations:
                other = self.person_pks[relation.other]
                if other == person:  # two references that turned out to be one person
                    continue
                PersonRelation.objects.get_or_create(
                    person_id=person,
                    kind=relation.kind,
                    other_id=other,
                    defaults={"note": relation.note},
                )

    def _person_write(self, person: Person | None, entry: PersonEntry) -> Person:
        values = {
            "display_name": entry.display_name.strip(),
            "gender": entry.gender,
            "is_group": entry.is_group,
            "group_size": entry.group_size,
            "birth_date": entry.birth_date,
            "age": entry.age,
            "occupation": entry.occupation,
            "language": entry.language,
            "needs_interpreter": entry.needs_interpreter,
        }
        if entry.contact is not None:
            values.update(
                phone=entry.contact.phone,
                email=entry.contact.email,
                safe_contact=entry.contact.safe_contact,
                domicile=entry.contact.domicile,
                nik=entry.contact.nik,
                passport_number=entry.contact.passport_number,
                passport_holder=entry.contact.passport_holder,
            )
        if person is None:
            person = Person.objects.create(**values)
        else:
            for name, value in values.items():
                setattr(person, name, value)
            person.version += 1
            person.save()
        # Work abroad is the person's: the package's list replaces what was recorded.
        person.placements.all().delete()
        for item in entry.placements:
            Placement.objects.create(
                person=person,
                destination_country=item.country,
                destination_city=item.city,
                employer_name=item.employer,
                agency_name=item.agency,
                procedural=item.procedural,
                departed_on=item.departed_on,
                returned_on=item.returned_on,
                document_status=item.document_status,
            )
        return person

    def _roles(self, person: Person, roles: tuple[str, ...]) -> None:
        links = CasePerson.objects.filter(case=self.case, person=person)
        links.exclude(role__in=roles).delete()
        have = set(links.values_list("role", flat=True))
        for role in dict.fromkeys(roles):
            if role not in have:
                CasePerson.objects.create(case=self.case, person=person, role=role)

    # Events and acts --------------------------------------------------------------------------

    def events(self) -> int:
        refs = set()
        for entry in self.package.events:
            event = self._find(EVENT, entry.ref, self.case.events.all())
            event = self._event_write(event, entry)
            refs.add(entry.ref)
            self._remember(EVENT, entry.ref, event.pk)
        Event.objects.filter(case=self.case, pk__in=self._stale(EVENT, refs)).delete()
        return len(refs)

    def _event_write(self, event: Event | None, entry: EventEntry) -> Event:
        values = {
            "title": entry.title,
            "occurred_on": entry.occurred_on,
            "occurred_until": entry.occurred_until,
            "date_precision": entry.date_precision,
            "place": entry.place,
            "country": entry.country,
            "description": entry.description,
        }
        if event is None:
            event = Event.objects.create(case=self.case, recorded_by=self.label, **values)
        else:
            for name, value in values.items():
                setattr(event, name, value)
            event.save()
            if not self.carries_people:
                self._acts_keep_people(event, entry)
                return event
            event.acts.all().delete()
        for item in entry.acts:
            act = Act.objects.create(
                event=event,
                description=item.description,
                rights_violated=list(item.rights_violated),
                legal_basis=list(item.legal_basis),
            )
            # Named people only when the package brought them (their refs are checked).
            act.victims.set(self.person_pks[r] for r in item.victims if r in self.person_pks)
            act.perpetrators.set(
                self.person_pks[r] for r in item.perpetrators if r in self.person_pks
            )
        return event

    def _acts_keep_people(self, event: Event, entry: EventEntry) -> None:
        """A package without the people section names no victims or perpetrators: the acts
        (in order) take its words and codes but keep the people an earlier import named."""
        acts = list(event.acts.order_by("id"))
        for act, item in zip(acts, entry.acts, strict=False):
            act.description = item.description
            act.rights_violated = list(item.rights_violated)
            act.legal_basis = list(item.legal_basis)
            act.save()
        for item in entry.acts[len(acts) :]:
            Act.objects.create(
                event=event,
                description=item.description,
                rights_violated=list(item.rights_violated),
                legal_basis=list(item.legal_basis),
            )
        Act.objects.filter(pk__in=[act.pk for act in acts[len(entry.acts) :]]).delete()

    # Services ---------------------------------------------------------------------------------

    def services(self) -> int:
        refs = set()
        for entry in self.package.services:
            item = self._find(SERVICE, entry.ref, self.case.interventions.all())
            item = self._service_write(item, entry)
            refs.add(entry.ref)
            self._remember(SERVICE, entry.ref, item.pk)
        Intervention.objects.filter(case=self.case, pk__in=self._stale(SERVICE, refs)).delete()
        return len(refs)

    def _service_write(self, item: Intervention | None, entry: ServiceEntry) -> Intervention:
        values = {
            "service": entry.service,
            "provider": entry.provider or self.label,
            "partner": entry.partner,
            "started_on": entry.started_on,
            "ended_on": entry.ended_on,
            "description": entry.description,
            "outcome": entry.outcome,
        }
        if item is None:
            return Intervention.objects.create(case=self.case, **values)
        for name, value in values.items():
            setattr(item, name, value)
        item.save()
        return item

    # Documents --------------------------------------------------------------------------------

    def documents(self, *, source: Organisation | None, uid: uuid.UUID) -> tuple[int, int]:
        refs = set()
        missing = 0
        for entry in self.package.documents:
            document = self._find(DOCUMENT, entry.ref, self.case.documents.all())
            document = self._document_write(document, entry, source, uid)
            refs.add(entry.ref)
            missing += 0 if document.file else 1
            self._remember(DOCUMENT, entry.ref, document.pk)
        stale = list(Document.objects.filter(case=self.case, pk__in=self._stale(DOCUMENT, refs)))
        for document in stale:
            document.delete()
            _delete_files_after_commit(document)
        return len(refs), missing

    def _document_write(
        self,
        document: Document | None,
        entry: DocumentEntry,
        source: Organisation | None,
        uid: uuid.UUID,
    ) -> Document:
        same_file = document is not None and bool(document.file) and document.sha256 == entry.sha256
        if document is None:
            document = Document(
                case=self.case,
                storage_folder=connection.schema_name,
                uploaded_by=self.label,
            )
        document.title = entry.title or entry.filename or _("Document")
        document.original_name = entry.filename
        document.kind = entry.kind
        document.mime = entry.content_type
        if not same_file:
            old = (document.file.name, document.thumbnail.name) if document.pk else ()
            copied = _source_file(source, entry, uid)
            document.size = entry.size
            document.sha256 = entry.sha256
            document.thumbnail = ""
            document.pages = None
            if copied is None:
                document.file = ""  # file not received: the metadata only
            else:
                data, preview = copied
                document.file.save("upload", ContentFile(data), save=False)
                if preview:
                    document.thumbnail.save("preview.png", ContentFile(preview), save=False)
            for name in old:
                if name:
                    transaction.on_commit(lambda name=name: default_storage.delete(name))
        document.save()
        return document


def _source_file(source: Organisation | None, entry: DocumentEntry, uid: uuid.UUID):
    """(file, preview) from the source organisation's storage if the file is still the one
    described, of the same case; None when there is no source (an uploaded XML) or the file
    differs."""
    if source is None or not entry.location.isdigit():
        return None
    with organisation_context(source):
        stored = (
            Document.objects.filter(pk=int(entry.location), case__uid=uid)
            .values_list("file", "thumbnail")
            .first()
        )
    if not stored or not stored[0]:
        return None
    with default_storage.open(stored[0], "rb") as handle:
        data = handle.read()
    if hashlib.sha256(data).hexdigest() != entry.sha256:
        return None
    preview = None
    if stored[1]:
        with default_storage.open(stored[1], "rb") as handle:
            preview = handle.read()
    return data, preview


def _delete_files_after_commit(document: Document) -> None:
    for name in (document.file.name, document.thumbnail.name):
        if name:
            transaction.on_commit(lambda name=name: default_storage.delete(name))
