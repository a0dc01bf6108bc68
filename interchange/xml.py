"""Serialise case packages to XML and parse untrusted case-package XML back, safely."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from functools import cache
from pathlib import Path

from lxml import etree

from interchange.package import (
    FORMAT_VERSION,
    PACKAGE_NAMESPACE,
    PACKAGE_NAMESPACE_1,
    SECTION_DOCUMENTS,
    SECTION_EVENTS,
    SECTION_PEOPLE,
    SECTION_PEOPLE_CONTACT,
    SECTION_SERVICES,
    SECTION_SUMMARY,
    ActEntry,
    CaseEntry,
    CasePackage,
    ContactDetails,
    DocumentEntry,
    EventEntry,
    PersonEntry,
    PlacementEntry,
    Provenance,
    RelationEntry,
    ServiceEntry,
)

__all__ = [
    "MAX_DEPTH",
    "MAX_PACKAGE_BYTES",
    "SCHEMA_PATH",
    "SCHEMA_PATH_1",
    "PackageError",
    "PackageIssue",
    "package_from_xml",
    "package_to_xml",
    "validate_package",
]

MAX_PACKAGE_BYTES = 20 * 1024 * 1024
MAX_DEPTH = 32
MAX_ISSUES = 50
SCHEMAS = Path(__file__).resolve().parent / "schemas"
SCHEMA_PATH = SCHEMAS / "case-package-2.xsd"  # written and read
SCHEMA_PATH_1 = SCHEMAS / "case-package-1.xsd"  # still read
_SCHEMA_PATHS = {PACKAGE_NAMESPACE: SCHEMA_PATH, PACKAGE_NAMESPACE_1: SCHEMA_PATH_1}

_NS = f"{{{PACKAGE_NAMESPACE}}}"
_NS1 = f"{{{PACKAGE_NAMESPACE_1}}}"
_FORBIDDEN_MARKUP = (b"<!DOCTYPE", b"<!ENTITY")
# Characters outside the XML 1.0 Char production cannot be written or read back.
_NON_XML_CHAR = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_DATETIME = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?(Z|[+-]\d{2}:\d{2})?"
)


@dataclass(frozen=True)
class PackageIssue:
    """One problem found in a package; line and column are 0 when unknown."""

    line: int
    column: int
    message: str

    def __str__(self) -> str:
        if self.line:
            return f"line {self.line}, column {self.column}: {self.message}"
        return self.message


class PackageError(Exception):
    """A case package could not be written, parsed or validated."""

    def __init__(self, issues: Iterable[PackageIssue]) -> None:
        self.issues: tuple[PackageIssue, ...] = tuple(issues) or (
            PackageIssue(0, 0, "invalid case package"),
        )
        super().__init__(self._summary())

    @classmethod
    def single(cls, message: str, line: int = 0, column: int = 0) -> PackageError:
        """Build an error carrying exactly one issue."""
        return cls((PackageIssue(line, column, message),))

    def _summary(self) -> str:
        shown = "; ".join(str(issue) for issue in self.issues[:5])
        extra = len(self.issues) - 5
        more = f" (and {extra} more)" if extra > 0 else ""
        noun = "issue" if len(self.issues) == 1 else "issues"
        return f"Invalid case package, {len(self.issues)} {noun}: {shown}{more}"


# Writing ----------------------------------------------------------------------------------------


def package_to_xml(package: CasePackage) -> bytes:
    """Serialise a package as pretty-printed UTF-8 XML (format 2), valid against the schema.

    Only the sections in the package's scope are written. Raises PackageError when the
    package cannot be represented (e.g. an unknown stage, an empty number, characters XML
    does not allow).
    """
    root = etree.Element(_NS + "casePackage", nsmap={None: PACKAGE_NAMESPACE})
    root.set("version", FORMAT_VERSION)

    prov = package.provenance
    provenance = _sub(root, "provenance")
    organisation = _sub(provenance, "organisation", attrs={"slug": prov.organisation_slug})
    _sub(organisation, "name", prov.organisation_name)
    _sub(provenance, "generatedAt", _format_datetime(prov.generated_at))
    _sub(provenance, "software", prov.software_version)
    _sub(provenance, "timeZone", prov.time_zone)

    scope = _sub(root, "scope")
    for section in package.scope:
        _sub(scope, "section", section)

    entry = package.case
    case = _sub(root, "case", attrs={"uid": entry.uid})
    _sub(case, "number", entry.number)
    if package.includes(SECTION_SUMMARY):
        _sub(case, "title", entry.title)
        _sub(case, "summary", entry.summary)
    _sub(case, "stage", entry.stage)
    _sub(case, "status", entry.status)
    _sub(case, "openedOn", _format_date(entry.opened_on))
    if entry.closed_on is not None:
        _sub(case, "closedOn", _format_date(entry.closed_on))
    case_types = _sub(case, "caseTypes")
    for code in entry.case_types:
        _sub(case_types, "caseType", attrs={"code": code})

    if package.includes(SECTION_PEOPLE) or package.includes(SECTION_PEOPLE_CONTACT):
        people = _sub(root, "people")
        for person in package.people:
            _write_person(people, person)
    if package.includes(SECTION_EVENTS):
        events = _sub(root, "events")
        for event in package.events:
            _write_event(events, event)
    if package.includes(SECTION_SERVICES):
        services = _sub(root, "services")
        for service in package.services:
            node = _sub(services, "service", attrs={"ref": service.ref, "code": service.service})
            _sub(node, "startedOn", _format_date(service.started_on))
            _optional(node, "endedOn", service.ended_on and _format_date(service.ended_on))
            _optional(node, "provider", service.provider)
            _optional(node, "partner", service.partner)
            _sub(node, "description", service.description)
            _optional(node, "outcome", service.outcome)
    if package.includes(SECTION_DOCUMENTS):
        documents = _sub(root, "documents")
        for document in package.documents:
            node = _sub(documents, "document", attrs={"ref": document.ref, "kind": document.kind})
            _sub(node, "title", document.title)
            _sub(node, "filename", document.filename)
            _sub(node, "contentType", document.content_type)
            _sub(node, "size", _format_int(document.size))
            _sub(node, "sha256", document.sha256)
            _optional(node, "location", document.location)

    tree = etree.ElementTree(root)
    _validate_tree(tree, _schema(SCHEMA_PATH))
    return etree.tostring(tree, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _write_person(parent: etree._Element, person: PersonEntry) -> None:
    node = _sub(parent, "person", attrs={"ref": person.ref})
    _sub(node, "displayName", person.display_name)
    _optional(node, "gender", person.gender)
    if person.is_group:
        group = _sub(node, "group")
        if person.group_size is not None:
            group.set("size", _format_int(person.group_size))
    _optional(node, "birthDate", person.birth_date and _format_date(person.birth_date))
    if person.age is not None:
        _sub(node, "age", _format_int(person.age))
    _optional(node, "occupation", person.occupation)
    _optional(node, "language", person.language)
    if person.needs_interpreter:
        _sub(node, "needsInterpreter")
    for placement in person.placements:
        item = _sub(node, "placement")
        _sub(item, "country", placement.country)
        _optional(item, "city", placement.city)
        _optional(item, "employer", placement.employer)
        _optional(item, "agency", placement.agency)
        if placement.procedural is not None:
            _sub(item, "procedural", "true" if placement.procedural else "false")
        _optional(item, "departedOn", placement.departed_on and _format_date(placement.departed_on))
        _optional(item, "returnedOn", placement.returned_on and _format_date(placement.returned_on))
        _optional(item, "documentStatus", placement.document_status)
    for relation in person.relations:
        _sub(node, "relation", relation.note, attrs={"kind": relation.kind, "to": relation.other})
    for role in person.roles:
        _sub(node, "role", attrs={"code": role})
    contact = person.contact
    if contact is not None:
        details = _sub(node, "contact")
        _optional(details, "phone", contact.phone)
        _optional(details, "email", contact.email)
        _optional(details, "safeContact", contact.safe_contact)
        _optional(details, "domicile", contact.domicile)
        _optional(details, "nik", contact.nik)
        if contact.passport_number or contact.passport_holder:
            attrs = {"holder": contact.passport_holder} if contact.passport_holder else {}
            _sub(details, "passport", contact.passport_number, attrs=attrs)


def _write_event(parent: etree._Element, event: EventEntry) -> None:
    node = _sub(parent, "event", attrs={"ref": event.ref})
    _optional(node, "title", event.title)
    _optional(node, "occurredOn", event.occurred_on and _format_date(event.occurred_on))
    _optional(node, "occurredUntil", event.occurred_until and _format_date(event.occurred_until))
    if event.date_precision != "day":
        _sub(node, "datePrecision", event.date_precision)
    _optional(node, "place", event.place)
    _optional(node, "country", event.country)
    _sub(node, "description", event.description)
    for act in event.acts:
        item = _sub(node, "act")
        _sub(item, "description", act.description)
        for code in act.rights_violated:
            _sub(item, "rightViolated", attrs={"code": code})
        for code in act.legal_basis:
            _sub(item, "legalBasis", attrs={"code": code})
        for ref in act.victims:
            _sub(item, "victim", attrs={"ref": ref})
        for ref in act.perpetrators:
            _sub(item, "perpetrator", attrs={"ref": ref})


def _optional(parent: etree._Element, name: str, text: str | None) -> None:
    """A child element only when there is something to say."""
    if text:
        _sub(parent, name, text)


def _format_date(value: object) -> str:
    if not isinstance(value, date) or isinstance(value, datetime):
        raise PackageError.single(f"expected a date, got {type(value).__name__}")
    return value.isoformat()


def _format_int(value: object) -> str:
    if not isinstance(value, int) or isinstance(value, bool):
        raise PackageError.single(f"expected a whole number, got {type(value).__name__}")
    return str(value)


def _sub(
    parent: etree._Element,
    name: str,
    text: str | None = None,
    attrs: dict[str, str] | None = None,
) -> etree._Element:
    """Append a namespaced child element, refusing values XML cannot carry."""
    node = etree.SubElement(parent, _NS + name)
    for key, value in (attrs or {}).items():
        node.set(key, _xml_safe(value, f"{name}/@{key}"))
    if text is not None:
        node.text = _xml_safe(text, name)
    return node


def _xml_safe(value: object, where: str) -> str:
    if not isinstance(value, str):
        raise PackageError.single(f"{where}: expected text, got {type(value).__name__}")
    bad = _NON_XML_CHAR.search(value)
    if bad is not None:
        raise PackageError.single(
            f"{where}: character U+{ord(bad.group()):04X} is not allowed in XML"
        )
    return value


def _format_datetime(value: datetime) -> str:
    """xs:dateTime text; aware values are written in UTC with a Z suffix."""
    if not isinstance(value, datetime):
        raise PackageError.single("generatedAt: expected a datetime")
    if value.utcoffset() is not None:
        try:
            value = value.astimezone(UTC)
        except OverflowError as exc:
            raise PackageError.single(f"generatedAt: {exc}") from None
        return value.replace(tzinfo=None).isoformat() + "Z"
    return value.isoformat()


# Reading ----------------------------------------------------------------------------------------


def package_from_xml(data: bytes) -> CasePackage:
    """Parse and validate untrusted package XML; raise PackageError on any problem."""
    tree = _load(data)
    root = tree.getroot()
    try:
        if root.tag == _NS1 + "casePackage":
            return _build_1(root)
        return _build(root)
    except PackageError:
        raise
    except Exception as exc:  # the schema should make this unreachable; keep the contract anyway
        raise PackageError.single(f"could not read package: {exc}") from None


def validate_package(data: bytes) -> None:
    """Check that untrusted bytes are a safe, schema-valid package; raise PackageError if not."""
    package_from_xml(data)


def _load(data: bytes) -> etree._ElementTree:
    """Parse with a hardened parser, apply the safety limits, then validate against the XSD."""
    if not isinstance(data, bytes | bytearray | memoryview):
        raise PackageError.single(f"expected bytes, got {type(data).__name__}")
    data = bytes(data)
    if len(data) > MAX_PACKAGE_BYTES:
        raise PackageError.single(
            f"package is {len(data)} bytes, larger than the limit of {MAX_PACKAGE_BYTES} bytes"
        )
    for marker in _FORBIDDEN_MARKUP:
        position = data.find(marker)
        if position != -1:
            line = data.count(b"\n", 0, position) + 1
            column = position - (data.rfind(b"\n", 0, position) + 1) + 1
            kind = marker.decode()[2:]
            raise PackageError.single(f"{kind} declarations are not allowed", line, column)

    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise _syntax_error(exc, parser) from None
    except Exception as exc:  # e.g. ValueError for odd encodings
        raise PackageError.single(f"not well-formed XML: {exc}") from None
    if root is None:
        raise PackageError.single("document is empty")
    tree = root.getroottree()

    docinfo = tree.docinfo
    if docinfo.doctype or docinfo.internalDTD is not None or docinfo.externalDTD is not None:
        raise PackageError.single("DOCTYPE declarations are not allowed")
    _check_depth(root)
    schema_path = _SCHEMA_PATHS.get(etree.QName(root).namespace or "")
    if schema_path is None or etree.QName(root).localname != "casePackage":
        raise PackageError.single(
            f"root element is {root.tag}, expected {_NS}casePackage", root.sourceline or 0
        )
    _validate_tree(tree, _schema(schema_path))
    return tree


def _syntax_error(exc: etree.XMLSyntaxError, parser: etree.XMLParser) -> PackageError:
    issues = [
        PackageIssue(entry.line, entry.column, f"not well-formed XML: {entry.message}")
        for entry in parser.error_log
        if entry.level >= etree.ErrorLevels.ERROR
    ][:MAX_ISSUES]
    if not issues:
        line, column = exc.position if exc.position else (0, 0)
        issues = [PackageIssue(line or 0, column or 0, f"not well-formed XML: {exc.msg}")]
    return PackageError(issues)


def _check_depth(root: etree._Element) -> None:
    depth = 0
    for event, element in etree.iterwalk(root, events=("start", "end")):
        if event == "end":
            depth -= 1
            continue
        depth += 1
        if depth > MAX_DEPTH:
            raise PackageError.single(
                f"elements are nested deeper than {MAX_DEPTH} levels",
                element.sourceline or 0,
            )


_schema_lock = threading.Lock()


@cache
def _schema(path: Path) -> etree.XMLSchema:
    """A compiled XSD, loaded once on first use."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    return etree.XMLSchema(etree.parse(str(path), parser))


def _validate_tree(tree: etree._ElementTree, schema: etree.XMLSchema) -> None:
    # An XMLSchema keeps its error log on the object, so validations are serialised.
    with _schema_lock:
        if schema.validate(tree):
            return
        issues = [
            PackageIssue(entry.line, entry.column, entry.message) for entry in schema.error_log
        ][:MAX_ISSUES]
    raise PackageError(issues)


def _build(root: etree._Element) -> CasePackage:
    provenance = _child(root, "provenance")
    organisation = _child(provenance, "organisation")
    case = _child(root, "case")
    scope = tuple(
        section.text or "" for section in _child(root, "scope").iterchildren(_NS + "section")
    )
    people = root.find(_NS + "people")
    events = root.find(_NS + "events")
    services = root.find(_NS + "services")
    documents = root.find(_NS + "documents")
    return CasePackage(
        provenance=Provenance(
            organisation_slug=organisation.get("slug", ""),
            organisation_name=_text(organisation, "name"),
            generated_at=_parse_datetime(_child(provenance, "generatedAt")),
            software_version=_text(provenance, "software"),
            time_zone=_text(provenance, "timeZone"),
        ),
        case=CaseEntry(
            uid=case.get("uid", ""),
            number=_text(case, "number"),
            title=_text(case, "title"),
            summary=_text(case, "summary"),
            stage=_text(case, "stage"),
            status=_text(case, "status"),
            opened_on=_parse_date(_child(case, "openedOn")),
            closed_on=_optional_date(case, "closedOn"),
            case_types=_codes(_child(case, "caseTypes"), "caseType"),
        ),
        people=()
        if people is None
        else tuple(_read_person(node) for node in people.iterchildren(_NS + "person")),
        events=()
        if events is None
        else tuple(_read_event(node) for node in events.iterchildren(_NS + "event")),
        services=()
        if services is None
        else tuple(_read_service(node) for node in services.iterchildren(_NS + "service")),
        documents=()
        if documents is None
        else tuple(_read_document(node) for node in documents.iterchildren(_NS + "document")),
        scope=scope,
    )


def _codes(parent: etree._Element, name: str, attr: str = "code") -> tuple[str, ...]:
    return tuple(node.get(attr, "") for node in parent.iterchildren(_NS + name))


def _read_person(node: etree._Element) -> PersonEntry:
    group = node.find(_NS + "group")
    age = node.find(_NS + "age")
    contact = node.find(_NS + "contact")
    details = None
    if contact is not None:
        passport = contact.find(_NS + "passport")
        details = ContactDetails(
            phone=_text(contact, "phone"),
            email=_text(contact, "email"),
            safe_contact=_text(contact, "safeContact"),
            domicile=_text(contact, "domicile"),
            nik=_text(contact, "nik"),
            passport_number="" if passport is None else passport.text or "",
            passport_holder="" if passport is None else passport.get("holder", ""),
        )
    size = None if group is None else group.get("size")
    return PersonEntry(
        ref=node.get("ref", ""),
        display_name=_text(node, "displayName"),
        roles=_codes(node, "role"),
        gender=_text(node, "gender"),
        is_group=group is not None,
        group_size=None if size is None else int(size),
        birth_date=_optional_date(node, "birthDate"),
        age=None if age is None else int(age.text or "0"),
        occupation=_text(node, "occupation"),
        language=_text(node, "language"),
        needs_interpreter=node.find(_NS + "needsInterpreter") is not None,
        placements=tuple(_read_placement(item) for item in node.iterchildren(_NS + "placement")),
        relations=tuple(
            RelationEntry(kind=item.get("kind", ""), other=item.get("to", ""), note=item.text or "")
            for item in node.iterchildren(_NS + "relation")
        ),
        contact=details,
    )


def _read_placement(node: etree._Element) -> PlacementEntry:
    procedural = _text(node, "procedural").strip()
    return PlacementEntry(
        country=_text(node, "country"),
        city=_text(node, "city"),
        employer=_text(node, "employer"),
        agency=_text(node, "agency"),
        procedural=None if not procedural else procedural in ("true", "1"),
        departed_on=_optional_date(node, "departedOn"),
        returned_on=_optional_date(node, "returnedOn"),
        document_status=_text(node, "documentStatus"),
    )


def _read_event(node: etree._Element) -> EventEntry:
    return EventEntry(
        ref=node.get("ref", ""),
        title=_text(node, "title"),
        occurred_on=_optional_date(node, "occurredOn"),
        occurred_until=_optional_date(node, "occurredUntil"),
        date_precision=_text(node, "datePrecision") or "day",
        place=_text(node, "place"),
        country=_text(node, "country"),
        description=_text(node, "description"),
        acts=tuple(
            ActEntry(
                description=_text(act, "description"),
                rights_violated=_codes(act, "rightViolated"),
                legal_basis=_codes(act, "legalBasis"),
                victims=_codes(act, "victim", "ref"),
                perpetrators=_codes(act, "perpetrator", "ref"),
            )
            for act in node.iterchildren(_NS + "act")
        ),
    )


def _read_service(node: etree._Element) -> ServiceEntry:
    return ServiceEntry(
        ref=node.get("ref", ""),
        service=node.get("code", ""),
        started_on=_parse_date(_child(node, "startedOn")),
        ended_on=_optional_date(node, "endedOn"),
        provider=_text(node, "provider"),
        partner=_text(node, "partner"),
        description=_text(node, "description"),
        outcome=_text(node, "outcome"),
    )


def _read_document(node: etree._Element) -> DocumentEntry:
    return DocumentEntry(
        ref=node.get("ref", ""),
        kind=node.get("kind", ""),
        title=_text(node, "title"),
        filename=_text(node, "filename"),
        content_type=_text(node, "contentType"),
        size=int(_text(node, "size") or "0"),
        sha256=_text(node, "sha256"),
        location=_text(node, "location"),
    )


def _build_1(root: etree._Element) -> CasePackage:
    """Format 1: everything it had was sent under scope "full"; no uid, no time zone."""
    provenance = _child(root, "provenance", _NS1)
    organisation = _child(provenance, "organisation", _NS1)
    case = _child(root, "case", _NS1)
    return CasePackage(
        provenance=Provenance(
            organisation_slug=organisation.get("slug", ""),
            organisation_name=_text(organisation, "name", _NS1),
            generated_at=_parse_datetime(_child(provenance, "generatedAt", _NS1)),
            software_version=_text(provenance, "software", _NS1),
        ),
        case=CaseEntry(
            number=_text(case, "number", _NS1),
            title=_text(case, "title", _NS1),
            summary=_text(case, "summary", _NS1),
            stage=_text(case, "stage", _NS1),
            status=_text(case, "status", _NS1),
            opened_on=_parse_date(_child(case, "openedOn", _NS1)),
            closed_on=_optional_date(case, "closedOn", _NS1),
            case_types=tuple(
                node.get("code", "")
                for node in _child(case, "caseTypes", _NS1).iterchildren(_NS1 + "caseType")
            ),
        ),
        people=tuple(
            PersonEntry(
                ref=node.get("ref", ""),
                display_name=_text(node, "displayName", _NS1),
                roles=tuple(role.get("code", "") for role in node.iterchildren(_NS1 + "role")),
                gender=_text(node, "gender", _NS1),
            )
            for node in _child(root, "people", _NS1).iterchildren(_NS1 + "person")
        ),
        events=tuple(
            EventEntry(
                ref=node.get("ref", ""),
                occurred_on=_optional_date(node, "occurredOn", _NS1),
                description=_text(node, "description", _NS1),
            )
            for node in _child(root, "events", _NS1).iterchildren(_NS1 + "event")
        ),
        scope=tuple(
            section.text or ""
            for section in _child(root, "scope", _NS1).iterchildren(_NS1 + "section")
        ),
    )


def _child(parent: etree._Element, name: str, ns: str = _NS) -> etree._Element:
    node = parent.find(ns + name)
    if node is None:
        raise PackageError.single(f"missing element {name}", parent.sourceline or 0)
    return node


def _text(parent: etree._Element, name: str, ns: str = _NS) -> str:
    """Text of an optional child element; "" when absent or empty."""
    node = parent.find(ns + name)
    return "" if node is None else node.text or ""


def _optional_date(parent: etree._Element, name: str, ns: str = _NS) -> date | None:
    node = parent.find(ns + name)
    return None if node is None else _parse_date(node)


def _parse_date(node: etree._Element) -> date:
    try:
        return date.fromisoformat((node.text or "").strip())
    except ValueError as exc:
        raise PackageError.single(f"invalid date: {exc}", node.sourceline or 0) from None


def _parse_datetime(node: etree._Element) -> datetime:
    text = (node.text or "").strip()
    match = _DATETIME.fullmatch(text)
    if match is None:
        raise PackageError.single(f"invalid timestamp {text!r}", node.sourceline or 0)
    year, month, day, hour, minute, second, fraction, zone = match.groups()
    try:
        tzinfo: timezone | None = None
        if zone == "Z":
            tzinfo = UTC
        elif zone:
            sign = -1 if zone[0] == "-" else 1
            tzinfo = timezone(sign * timedelta(hours=int(zone[1:3]), minutes=int(zone[4:6])))
        return datetime(
            int(year),
            int(month),
            int(day),
            int(hour),
            int(minute),
            int(second),
            int((fraction or "0").ljust(6, "0")),
            tzinfo=tzinfo,
        )
    except ValueError as exc:
        raise PackageError.single(
            f"invalid timestamp {text!r}: {exc}", node.sourceline or 0
        ) from None
