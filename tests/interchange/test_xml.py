"""Tests for case-package XML: round trips, the golden file, the schema and hostile input."""

from __future__ import annotations

import string
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from interchange.package import (
    FORMAT_VERSION,
    PACKAGE_NAMESPACE,
    SECTIONS,
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
from interchange.xml import (
    MAX_DEPTH,
    MAX_PACKAGE_BYTES,
    SCHEMA_PATH,
    PackageError,
    PackageIssue,
    package_from_xml,
    package_to_xml,
    validate_package,
)

GOLDEN_DIR = Path(__file__).resolve().parent / "golden"
GOLDEN = GOLDEN_DIR / "minimal-case.xml"
GOLDEN_FULL = GOLDEN_DIR / "full-case.xml"
GOLDEN_1 = GOLDEN_DIR / "minimal-case-1.xml"  # format 1: still read
NS = PACKAGE_NAMESPACE
UID = "5f0c6a0e-8d7b-4e55-9a51-0d6c2f1b7a3e"


def minimal_package() -> CasePackage:
    return CasePackage(
        provenance=Provenance(
            organisation_slug="lbh-jakarta",
            organisation_name="LBH Jakarta",
            generated_at=datetime(2024, 5, 1, 8, 30, tzinfo=UTC),
            software_version="coalition-hub 0.1.0",
            time_zone="Asia/Jakarta",
        ),
        case=CaseEntry(
            uid=UID,
            number="LBH/2024/001",
            title="Gaji tidak dibayar",
            summary="",
            stage="registration",
            status="open",
            opened_on=date(2024, 3, 1),
            closed_on=None,
            case_types=(),
        ),
        scope=("summary", "people", "events"),
    )


def minimal_package_1() -> CasePackage:
    """The golden format 1 file as it reads: no uid, no time zone, scope "full"."""
    package = minimal_package()
    return replace(
        package,
        provenance=replace(package.provenance, time_zone=""),
        case=replace(package.case, uid=""),
        scope=("full",),
    )


def full_package() -> CasePackage:
    return CasePackage(
        provenance=Provenance(
            organisation_slug="sbmi-indramayu",
            organisation_name="SBMI Indramayu",
            generated_at=datetime(
                2024, 6, 2, 14, 5, 9, 123456, tzinfo=timezone(timedelta(hours=7))
            ),
            software_version="coalition-hub 0.1.0",
            time_zone="Asia/Makassar",
        ),
        case=CaseEntry(
            uid="0b7f3d52-2b1e-4c55-9a57-8c1d6f0b9e21",
            number="SBMI/IDM/2024/017",
            title="Penahanan paspor & gaji <tidak> dibayar",
            summary="Baris pertama.\nBaris kedua,\r\ndengan  spasi ganda\tdan tab.  ",
            stage="accompaniment",
            status="accompanied",
            opened_on=date(2024, 1, 15),
            closed_on=date(2024, 6, 1),
            case_types=("wage_theft", "document_retention"),
        ),
        people=(
            PersonEntry(
                "sbmi-indramayu:person:1",
                "Siti Aminah",
                ("complainant", "victim"),
                "female",
                birth_date=date(1990, 5, 17),
                occupation="domestic_worker",
                language="Jawa",
                needs_interpreter=True,
                placements=(
                    PlacementEntry(
                        "MY",
                        city="Kuala Lumpur",
                        employer="Keluarga Tan",
                        agency="PT Maju Jaya Sentosa",
                        procedural=False,
                        departed_on=date(2022, 8, 1),
                        returned_on=date(2024, 2, 20),
                        document_status="undocumented",
                    ),
                    PlacementEntry("SA", procedural=True),
                ),
                relations=(RelationEntry("employee_of", "p2", "Sejak 2022"),),
                contact=ContactDetails(
                    phone="+62 812 1111 2222",
                    safe_contact="Hanya WhatsApp setelah 21.00",
                    domicile="Indramayu",
                    nik="3212345678900001",
                    passport_number="C1234567",
                    passport_holder="employer",
                ),
            ),
            PersonEntry(
                "p2",
                'PT Maju "Jaya" Sentosa',
                ("perpetrator",),
                is_group=True,
                group_size=12,
                contact=ContactDetails(),
            ),
            PersonEntry("p3", "", ("perpetrator",), age=45, contact=ContactDetails()),
        ),
        events=(
            EventEntry(
                "e1",
                date(2024, 1, 10),
                "Pengadu tiba di Kuala Lumpur.",
                title="Tiba",
                occurred_until=date(2024, 1, 11),
                place="Kuala Lumpur",
                country="MY",
                acts=(
                    ActEntry(
                        "Paspor ditahan",
                        rights_violated=("freedom_of_movement",),
                        legal_basis=("uu_18_2017_ppmi",),
                        victims=("sbmi-indramayu:person:1",),
                        perpetrators=("p2", "p3"),
                    ),
                ),
            ),
            EventEntry("e2", None, "", date_precision="unknown"),
        ),
        services=(
            ServiceEntry(
                "s1",
                "legal",
                date(2024, 2, 1),
                "Konsultasi hukum.",
                ended_on=date(2024, 3, 1),
                provider="Rina",
                partner="LBH Jakarta",
                outcome="Somasi dikirim.",
            ),
        ),
        documents=(
            DocumentEntry(
                "d1",
                "Salinan paspor",
                "image",
                "paspor.png",
                "image/png",
                1234,
                "ab" * 32,
                location="17",
            ),
            DocumentEntry("d2", "Kontrak", "pdf", "", "application/pdf", 0, "cd" * 32),
        ),
        scope=SECTIONS,
    )


def golden_bytes() -> bytes:
    return GOLDEN.read_bytes()


def schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMA_PATH)))


def c14n(data: bytes) -> bytes:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    tree = etree.ElementTree(etree.fromstring(data, parser))
    return etree.tostring(tree, method="c14n")


def assert_rejected(data: bytes) -> PackageError:
    with pytest.raises(PackageError) as caught:
        package_from_xml(data)
    error = caught.value
    assert error.issues
    assert all(isinstance(issue, PackageIssue) for issue in error.issues)
    assert str(error).startswith("Invalid case package")
    with pytest.raises(PackageError):
        validate_package(data)
    return error


# Writing and round trips ------------------------------------------------------------------------


@pytest.mark.parametrize("package", [minimal_package(), full_package()], ids=["minimal", "full"])
def test_round_trip(package: CasePackage) -> None:
    assert package_from_xml(package_to_xml(package)) == package


@pytest.mark.parametrize("package", [minimal_package(), full_package()], ids=["minimal", "full"])
def test_output_is_valid_against_the_schema(package: CasePackage) -> None:
    data = package_to_xml(package)
    assert data.startswith(b"<?xml version='1.0' encoding='UTF-8'?>\n")
    tree = etree.ElementTree(etree.fromstring(data))
    schema().assertValid(tree)
    root = tree.getroot()
    assert root.tag == f"{{{NS}}}casePackage"
    assert root.get("version") == FORMAT_VERSION
    assert b"\n  <provenance>" in data  # pretty-printed


def test_output_matches_golden_file() -> None:
    assert c14n(package_to_xml(minimal_package())) == c14n(golden_bytes())


def test_full_output_matches_golden_file() -> None:
    assert c14n(package_to_xml(full_package())) == c14n(GOLDEN_FULL.read_bytes())


def test_golden_file_reads_back() -> None:
    assert package_from_xml(golden_bytes()) == minimal_package()
    validate_package(golden_bytes())


def test_format_1_is_still_read() -> None:
    assert package_from_xml(GOLDEN_1.read_bytes()) == minimal_package_1()


def test_format_1_is_checked_against_its_own_schema() -> None:
    data = GOLDEN_1.read_bytes().replace(b"<stage>registration</stage>", b"<stage>x</stage>")
    assert_rejected(data)


def test_sections_outside_the_scope_are_not_written() -> None:
    package = replace(full_package(), scope=("events",))
    data = package_to_xml(package)
    assert b"<people" not in data and b"<services" not in data and b"<title>Penahanan" not in data
    assert b"3212345678900001" not in data
    read = package_from_xml(data)
    assert read.people == () and read.case.title == "" and len(read.events) == 2


def test_contact_details_travel_only_with_their_section() -> None:
    package = full_package()
    no_contact = replace(
        package,
        people=tuple(replace(person, contact=None) for person in package.people),
        scope=("people",),
    )
    data = package_to_xml(no_contact)
    assert b"<contact" not in data and b"C1234567" not in data


def test_aware_timestamps_are_written_in_utc() -> None:
    data = package_to_xml(full_package())
    assert b"<generatedAt>2024-06-02T07:05:09.123456Z</generatedAt>" in data


def test_naive_timestamp_round_trips_naive() -> None:
    package = minimal_package()
    naive = replace(package.provenance, generated_at=datetime(2024, 5, 1, 8, 30))
    package = replace(package, provenance=naive)
    assert package_from_xml(package_to_xml(package)) == package


def test_reads_timestamp_offsets() -> None:
    data = golden_bytes().replace(b"2024-05-01T08:30:00Z", b"2024-05-01T15:30:00.5+07:00")
    generated_at = package_from_xml(data).provenance.generated_at
    assert generated_at == datetime(2024, 5, 1, 8, 30, 0, 500000, tzinfo=UTC)
    assert generated_at.utcoffset() == timedelta(hours=7)


def test_writing_an_unknown_stage_raises_package_error() -> None:
    package = minimal_package()
    package = replace(package, case=replace(package.case, stage="finished"))
    with pytest.raises(PackageError, match="finished"):
        package_to_xml(package)


def test_writing_a_person_without_roles_raises_package_error() -> None:
    package = replace(minimal_package(), people=(PersonEntry("p1", "Siti", ()),))
    with pytest.raises(PackageError):
        package_to_xml(package)


def test_writing_control_characters_raises_package_error() -> None:
    package = minimal_package()
    package = replace(package, case=replace(package.case, summary="bell \x07"))
    with pytest.raises(PackageError, match="U\\+0007"):
        package_to_xml(package)


# Hostile and invalid input ----------------------------------------------------------------------

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<lolz>&lol9;</lolz>
"""


def with_doctype(doctype: str, body: str = "&xxe;") -> bytes:
    """The golden package with a DOCTYPE added and the title replaced by body."""
    text = golden_bytes().decode()
    head, rest = text.split("\n", 1)
    rest = rest.replace("<title>Gaji tidak dibayar</title>", f"<title>{body}</title>")
    return f"{head}\n{doctype}\n{rest}".encode()


def test_rejects_billion_laughs() -> None:
    error = assert_rejected(BILLION_LAUGHS)
    assert "DOCTYPE" in str(error)


def utf16(data: bytes) -> bytes:
    """Re-encode an XML document as UTF-16, where a byte scan cannot see its markup."""
    text = data.decode().split("?>", 1)[1]
    encoded = ('<?xml version="1.0" encoding="UTF-16"?>' + text).encode("utf-16")
    assert b"<!DOCTYPE" not in encoded
    return encoded


def test_rejects_billion_laughs_hidden_in_utf16() -> None:
    error = assert_rejected(utf16(BILLION_LAUGHS))
    assert "DOCTYPE" in str(error) or "entity" in str(error)


def test_rejects_doctype_hidden_in_utf16() -> None:
    data = utf16(with_doctype('<!DOCTYPE casePackage [<!ENTITY xxe "harmless">]>'))
    error = assert_rejected(data)
    assert "DOCTYPE" in str(error)


def test_rejects_external_entity() -> None:
    data = with_doctype('<!DOCTYPE casePackage [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>')
    error = assert_rejected(data)
    assert "root:" not in str(error)


def test_rejects_external_dtd() -> None:
    data = with_doctype(
        '<!DOCTYPE casePackage SYSTEM "http://127.0.0.1:9/case-package.dtd">', "Judul"
    )
    assert_rejected(data)


def test_rejects_entity_declaration_without_doctype_keyword() -> None:
    assert_rejected(b'<casePackage xmlns="' + NS.encode() + b'"><!ENTITY x "y"></casePackage>')


def test_rejects_deep_nesting() -> None:
    data = b'<casePackage xmlns="%s">' % NS.encode() + b"<a>" * 1000 + b"</a>" * 1000
    data += b"</casePackage>"
    assert_rejected(data)


def test_rejects_nesting_just_past_the_limit() -> None:
    depth = MAX_DEPTH  # plus the root element makes one level too many
    data = b'<casePackage xmlns="%s">' % NS.encode() + b"<a>" * depth + b"</a>" * depth
    data += b"</casePackage>"
    error = assert_rejected(data)
    assert "nested deeper" in str(error)


def test_rejects_oversized_input() -> None:
    filler = b"<!-- " + b"x" * (21 * 1024 * 1024) + b" -->"
    data = golden_bytes().replace(b"<people/>", filler + b"<people/>")
    assert len(data) > MAX_PACKAGE_BYTES
    error = assert_rejected(data)
    assert "limit" in str(error)


def test_rejects_wrong_namespace() -> None:
    data = golden_bytes().replace(NS.encode(), b"urn:example:other:1")
    error = assert_rejected(data)
    assert "expected" in str(error)


def test_rejects_wrong_root() -> None:
    assert_rejected(b'<?xml version="1.0"?><case xmlns="%s"/>' % NS.encode())


def test_rejects_wrong_version() -> None:
    assert_rejected(golden_bytes().replace(b'version="2"', b'version="3"'))
    assert_rejected(golden_bytes().replace(b'version="2"', b'version="1"'))


def test_rejects_huge_text() -> None:
    data = golden_bytes().replace(
        b"<summary></summary>", b"<summary>" + b"x" * 100_001 + b"</summary>"
    )
    assert_rejected(data)


def test_rejects_an_act_naming_too_big_numbers() -> None:
    data = package_to_xml(full_package()).replace(b"<age>45</age>", b"<age>4500000000000</age>")
    assert_rejected(data)


def test_rejects_truncated_file() -> None:
    data = golden_bytes()
    error = assert_rejected(data[: len(data) // 2])
    assert all(issue.line > 0 for issue in error.issues)


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"\x00\x01\x02\x03",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n",
        b"\xff\xfe\xfd not utf-8 \xc3\x28",
        b"plain text, not XML",
        b'{"case": "json"}',
    ],
    ids=["empty", "nul", "png", "pdf", "bad-utf8", "text", "json"],
)
def test_rejects_non_xml_bytes(data: bytes) -> None:
    assert_rejected(data)


@pytest.mark.parametrize("value", ["not bytes", None, 42])
def test_rejects_non_bytes(value: object) -> None:
    with pytest.raises(PackageError, match="expected bytes"):
        package_from_xml(value)  # type: ignore[arg-type]


def test_rejects_invalid_stage_with_line_number() -> None:
    data = golden_bytes().replace(b"<stage>registration</stage>", b"<stage>finished</stage>")
    error = assert_rejected(data)
    stage_line = data.decode().splitlines().index("    <stage>finished</stage>") + 1
    assert any(issue.line == stage_line and "stage" in issue.message for issue in error.issues)
    assert all(issue.line > 0 for issue in error.issues)
    assert f"line {stage_line}" in str(error)


def test_rejects_duplicate_person_refs() -> None:
    person = PersonEntry("p1", "Siti", ("victim",))
    data = package_to_xml(replace(minimal_package(), people=(person,)))
    element = b'<person ref="p1"><displayName>Lain</displayName><role code="witness"/></person>'
    data = data.replace(b"</people>", element + b"</people>")
    assert_rejected(data)


def test_rejects_missing_required_element() -> None:
    assert_rejected(golden_bytes().replace(b"<openedOn>2024-03-01</openedOn>", b""))


def test_rejects_dates_with_time_zones() -> None:
    assert_rejected(golden_bytes().replace(b"2024-03-01<", b"2024-03-01Z<"))


def test_rejects_impossible_dates() -> None:
    assert_rejected(golden_bytes().replace(b"2024-03-01<", b"2024-02-30<"))


def test_rejects_unknown_elements() -> None:
    data = golden_bytes().replace(b"<events/>", b"<events/><extra>x</extra>")
    assert_rejected(data)


def test_schema_errors_do_not_leak_between_calls() -> None:
    bad = golden_bytes().replace(b"<stage>registration</stage>", b"<stage>finished</stage>")
    first = assert_rejected(bad)
    second = assert_rejected(bad)
    assert first.issues == second.issues
    package_from_xml(golden_bytes())


def test_comments_and_processing_instructions_are_ignored() -> None:
    data = golden_bytes().replace(
        b"<title>Gaji tidak dibayar</title>",
        b"<title>Gaji tidak<!-- c --> dibayar<?pi x?></title>",
    )
    assert package_from_xml(data) == minimal_package()


def test_error_summary_is_readable() -> None:
    error = PackageError([PackageIssue(3, 7, "bad thing"), PackageIssue(0, 0, "other thing")])
    assert str(error) == "Invalid case package, 2 issues: line 3, column 7: bad thing; other thing"


# Property test ----------------------------------------------------------------------------------

SAFE_CHARACTERS = st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Co", "Cn"))
CODE = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9_.:\-]{0,20}", fullmatch=True)
SLUG = st.text(alphabet=string.ascii_letters + string.digits + "-_", min_size=1, max_size=40)
DATES = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))
ZONES = st.sampled_from(
    [UTC, timezone(timedelta(hours=7)), timezone(timedelta(hours=-5, minutes=-30))]
)


def text(min_size: int = 0, max_size: int = 80) -> st.SearchStrategy[str]:
    return st.text(alphabet=SAFE_CHARACTERS, min_size=min_size, max_size=max_size)


PROVENANCE = st.builds(
    Provenance,
    organisation_slug=SLUG,
    organisation_name=text(1, 60),
    generated_at=st.datetimes(
        min_value=datetime(1900, 1, 2),
        max_value=datetime(2100, 12, 30),
        timezones=st.none() | ZONES,
    ),
    software_version=text(1, 30),
    time_zone=st.sampled_from(["Asia/Jakarta", "Asia/Makassar", "Asia/Hong_Kong"]),
)
CASE = st.builds(
    CaseEntry,
    uid=st.uuids().map(str),
    number=text(1, 30),
    title=text(1, 100),
    summary=text(0, 300),
    stage=st.sampled_from(
        ["registration", "consultation", "case_meeting", "accompaniment", "termination"]
    ),
    status=st.sampled_from(["not_accompanied", "accompanied", "referred", "transferred", "open"]),
    opened_on=DATES,
    closed_on=st.none() | DATES,
    case_types=st.lists(CODE, max_size=4).map(tuple),
)
CONTACT = st.builds(
    ContactDetails,
    phone=text(0, 20),
    email=text(0, 20),
    safe_contact=text(0, 40),
    domicile=text(0, 40),
    nik=text(0, 16),
    passport_number=text(0, 20),
    passport_holder=st.just("") | CODE,
)
PERSON = st.builds(
    PersonEntry,
    ref=CODE,
    display_name=text(0, 60),
    roles=st.lists(CODE, min_size=1, max_size=3).map(tuple),
    gender=st.just("") | CODE,
    birth_date=st.none() | DATES,
    age=st.none() | st.integers(0, 150),
    occupation=st.just("") | CODE,
    language=text(0, 20),
    needs_interpreter=st.booleans(),
    placements=st.lists(
        st.builds(
            PlacementEntry,
            country=st.from_regex(r"[A-Z]{2}", fullmatch=True),
            city=text(0, 20),
            employer=text(0, 20),
            agency=text(0, 20),
            procedural=st.none() | st.booleans(),
            departed_on=st.none() | DATES,
            returned_on=st.none() | DATES,
            document_status=st.just("") | CODE,
        ),
        max_size=2,
    ).map(tuple),
    relations=st.lists(
        st.builds(RelationEntry, kind=CODE, other=CODE, note=text(0, 30)), max_size=2
    ).map(tuple),
)
ACT = st.builds(
    ActEntry,
    description=text(0, 80),
    rights_violated=st.lists(CODE, max_size=2).map(tuple),
    legal_basis=st.lists(CODE, max_size=2).map(tuple),
    victims=st.lists(CODE, max_size=2).map(tuple),
    perpetrators=st.lists(CODE, max_size=2).map(tuple),
)
EVENT = st.builds(
    EventEntry,
    ref=CODE,
    occurred_on=st.none() | DATES,
    description=text(0, 200),
    title=text(0, 40),
    occurred_until=st.none() | DATES,
    date_precision=st.sampled_from(["day", "month", "year", "unknown"]),
    place=text(0, 40),
    country=st.just("") | st.from_regex(r"[A-Z]{2}", fullmatch=True),
    acts=st.lists(ACT, max_size=2).map(tuple),
)
SERVICE = st.builds(
    ServiceEntry,
    ref=CODE,
    service=CODE,
    started_on=DATES,
    description=text(0, 100),
    ended_on=st.none() | DATES,
    provider=text(0, 30),
    partner=text(0, 30),
    outcome=text(0, 60),
)
DOCUMENT = st.builds(
    DocumentEntry,
    ref=CODE,
    title=text(1, 60),
    kind=CODE,
    filename=text(0, 60),
    content_type=text(0, 30),
    size=st.integers(0, 2**53 - 1),
    sha256=st.from_regex(r"[0-9a-f]{64}", fullmatch=True),
    location=st.just("") | CODE,
)


@st.composite
def packages(draw) -> CasePackage:
    """A package as a producer writes it: what its scope leaves out is empty."""
    scope = tuple(draw(st.lists(st.sampled_from(SECTIONS), unique=True, max_size=6)))
    case = draw(CASE)
    if "summary" not in scope:
        case = replace(case, title="", summary="")
    contact = "people_contact" in scope
    people = ()
    if "people" in scope or contact:
        people = draw(st.lists(PERSON, max_size=4, unique_by=lambda p: p.ref).map(tuple))
        people = tuple(
            replace(p, contact=draw(CONTACT) if contact else None, group_size=None) for p in people
        )

    def maybe(section, strategy):
        if section not in scope:
            return ()
        return draw(st.lists(strategy, max_size=3, unique_by=lambda x: x.ref).map(tuple))

    return CasePackage(
        provenance=draw(PROVENANCE),
        case=case,
        people=people,
        events=maybe("events", EVENT),
        services=maybe("services", SERVICE),
        documents=maybe("documents", DOCUMENT),
        scope=scope,
    )


PACKAGES = packages()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(PACKAGES)
def test_generated_packages_round_trip(package: CasePackage) -> None:
    data = package_to_xml(package)
    assert package_from_xml(data) == package
