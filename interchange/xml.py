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
    CaseEntry,
    CasePackage,
    EventEntry,
    PersonEntry,
    Provenance,
)

__all__ = [
    "MAX_DEPTH",
    "MAX_PACKAGE_BYTES",
    "SCHEMA_PATH",
    "PackageError",
    "PackageIssue",
    "package_from_xml",
    "package_to_xml",
    "validate_package",
]

MAX_PACKAGE_BYTES = 20 * 1024 * 1024
MAX_DEPTH = 32
MAX_ISSUES = 50
SCHEMA_PATH = Path(__file__).resolve().parent / "schemas" / "case-package-1.xsd"

_NS = f"{{{PACKAGE_NAMESPACE}}}"
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
    """Serialise a package as pretty-printed UTF-8 XML that is valid against the schema.

    Raises PackageError when the package cannot be represented (e.g. an unknown stage, an
    empty title, characters XML does not allow).
    """
    root = etree.Element(_NS + "casePackage", nsmap={None: PACKAGE_NAMESPACE})
    root.set("version", FORMAT_VERSION)

    prov = package.provenance
    provenance = _sub(root, "provenance")
    organisation = _sub(provenance, "organisation", attrs={"slug": prov.organisation_slug})
    _sub(organisation, "name", prov.organisation_name)
    _sub(provenance, "generatedAt", _format_datetime(prov.generated_at))
    _sub(provenance, "software", prov.software_version)

    scope = _sub(root, "scope")
    for section in package.scope:
        _sub(scope, "section", section)

    entry = package.case
    case = _sub(root, "case")
    _sub(case, "number", entry.number)
    _sub(case, "title", entry.title)
    _sub(case, "summary", entry.summary)
    _sub(case, "stage", entry.stage)
    _sub(case, "status", entry.status)
    _sub(case, "openedOn", entry.opened_on.isoformat())
    if entry.closed_on is not None:
        _sub(case, "closedOn", entry.closed_on.isoformat())
    case_types = _sub(case, "caseTypes")
    for code in entry.case_types:
        _sub(case_types, "caseType", attrs={"code": code})

    people = _sub(root, "people")
    for person in package.people:
        node = _sub(people, "person", attrs={"ref": person.ref})
        _sub(node, "displayName", person.display_name)
        if person.gender:
            _sub(node, "gender", person.gender)
        for role in person.roles:
            _sub(node, "role", attrs={"code": role})

    events = _sub(root, "events")
    for event in package.events:
        node = _sub(events, "event", attrs={"ref": event.ref})
        if event.occurred_on is not None:
            _sub(node, "occurredOn", event.occurred_on.isoformat())
        _sub(node, "description", event.description)

    tree = etree.ElementTree(root)
    _validate_tree(tree)
    return etree.tostring(tree, xml_declaration=True, encoding="UTF-8", pretty_print=True)


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
    try:
        return _build(tree.getroot())
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
    expected = _NS + "casePackage"
    if root.tag != expected:
        raise PackageError.single(
            f"root element is {root.tag}, expected {expected}", root.sourceline or 0
        )
    _validate_tree(tree)
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
def _schema() -> etree.XMLSchema:
    """The compiled XSD, loaded once on first use."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    return etree.XMLSchema(etree.parse(str(SCHEMA_PATH), parser))


def _validate_tree(tree: etree._ElementTree) -> None:
    schema = _schema()
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
    return CasePackage(
        provenance=Provenance(
            organisation_slug=organisation.get("slug", ""),
            organisation_name=_text(organisation, "name"),
            generated_at=_parse_datetime(_child(provenance, "generatedAt")),
            software_version=_text(provenance, "software"),
        ),
        case=CaseEntry(
            number=_text(case, "number"),
            title=_text(case, "title"),
            summary=_text(case, "summary"),
            stage=_text(case, "stage"),
            status=_text(case, "status"),
            opened_on=_parse_date(_child(case, "openedOn")),
            closed_on=_optional_date(case, "closedOn"),
            case_types=tuple(
                node.get("code", "")
                for node in _child(case, "caseTypes").iterchildren(_NS + "caseType")
            ),
        ),
        people=tuple(
            PersonEntry(
                ref=node.get("ref", ""),
                display_name=_text(node, "displayName"),
                roles=tuple(role.get("code", "") for role in node.iterchildren(_NS + "role")),
                gender=_text(node, "gender"),
            )
            for node in _child(root, "people").iterchildren(_NS + "person")
        ),
        events=tuple(
            EventEntry(
                ref=node.get("ref", ""),
                occurred_on=_optional_date(node, "occurredOn"),
                description=_text(node, "description"),
            )
            for node in _child(root, "events").iterchildren(_NS + "event")
        ),
        scope=tuple(
            section.text or "" for section in _child(root, "scope").iterchildren(_NS + "section")
        ),
    )


def _child(parent: etree._Element, name: str) -> etree._Element:
    node = parent.find(_NS + name)
    if node is None:
        raise PackageError.single(f"missing element {name}", parent.sourceline or 0)
    return node


def _text(parent: etree._Element, name: str) -> str:
    """Text of an optional child element; "" when absent or empty."""
    node = parent.find(_NS + name)
    return "" if node is None else node.text or ""


def _optional_date(parent: etree._Element, name: str) -> date | None:
    node = parent.find(_NS + name)
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
