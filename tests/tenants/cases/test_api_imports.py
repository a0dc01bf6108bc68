"""Import API (`POST imports/`) and the package and dossier downloads asked for by media type."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import pytest
from django.utils import translation
from django.utils.translation import gettext
from pypdf import PdfReader

from hub.accounts.roles import Role
from hub.vocab.selectors import vocabulary_labels
from tenants.cases.dossier import dossier_labels
from tenants.cases.models import Case, CasePerson, PersonRole
from tenants.events.models import Event
from tenants.people.models import Person
from tests.builders import client_case, in_schema, org_api

GOLDEN = Path(__file__).resolve().parents[2] / "interchange" / "golden"
XML = "application/xml"


@pytest.fixture
def case(org_a):
    case = client_case(org_a)
    with in_schema(org_a.organisation):
        Case.objects.filter(pk=case.pk).update(case_types=["contract_violation"])
        Event.objects.create(case=case, description="Majikan menahan paspor.")
    return case


def _package_xml(client, org, case) -> bytes:
    client.force_login(org.users[Role.DIVISION_HEAD])
    response = client.get(org_api(org, f"cases/{case.pk}/package.xml"), HTTP_ACCEPT=XML)
    assert response.status_code == 200, response.content
    return response.content


def _counts(org):
    with in_schema(org.organisation):
        return (
            Case.objects.count(),
            Person.objects.count(),
            CasePerson.objects.count(),
            Event.objects.count(),
        )


def _import(client, org, data: bytes, role=Role.DIVISION_HEAD, content_type=XML):
    client.force_login(org.users[role])
    return client.post(org_api(org, "imports/"), data=data, content_type=content_type)


@pytest.mark.parametrize("accept", ["application/xml", "*/*", "application/xml, */*;q=0.1", None])
def test_package_answers_a_client_asking_for_xml(client, org_a, case, accept):
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    headers = {"HTTP_ACCEPT": accept} if accept else {}
    response = client.get(org_api(org_a, f"cases/{case.pk}/package.xml"), **headers)
    assert response.status_code == 200
    assert response["Content-Type"] == XML
    assert b"urn:coalition-hub:case-package:2" in response.content


@pytest.mark.parametrize("accept", ["application/pdf", "*/*"])
def test_dossier_answers_a_client_asking_for_pdf(client, org_a, case, accept):
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    response = client.get(org_api(org_a, f"cases/{case.pk}/dossier.pdf"), HTTP_ACCEPT=accept)
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_a_missing_case_asked_for_as_xml_is_a_json_404(client, org_a):
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    response = client.get(org_api(org_a, "cases/999999/package.xml"), HTTP_ACCEPT=XML)
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_dossier_prints_the_labels_the_case_page_shows(client, org_a, case):
    """Case type, role and stage in Indonesian from the vocabularies, not codes."""
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    response = client.get(org_api(org_a, f"cases/{case.pk}/dossier.pdf"), HTTP_ACCEPT_LANGUAGE="id")
    text = "\n".join(page.extract_text() for page in PdfReader(BytesIO(response.content)).pages)
    with in_schema(org_a.organisation):
        case.refresh_from_db()
    with translation.override("id"):
        case_type = vocabulary_labels("case_type")["contract_violation"]
        role = str(PersonRole.COMPLAINANT.label)
        stage = dossier_labels().stages[case.stage]
        heading = gettext("Case dossier")
    assert case_type == "Pelanggaran kontrak kerja"
    assert case_type in " ".join(text.split())
    assert "contract_violation" not in text and "contract violation" not in text
    for expected in (role, stage, heading, "Rina Wulandari"):
        assert expected in text, expected


def test_import_creates_a_case_then_updates_it(client, org_a, org_b, case):
    data = _package_xml(client, org_a, case)
    first = _import(client, org_b, data)
    assert first.status_code == 201, first.content
    body = first.json()
    assert body["created"] is True and body["uid"] == str(case.uid)
    counts = _counts(org_b)
    again = _import(client, org_b, data)
    assert again.status_code == 200 and again.json()["id"] == body["id"]
    assert again.json()["created"] is False
    assert _counts(org_b) == counts
    with in_schema(org_b.organisation):
        imported = Case.objects.get(pk=body["id"])
        assert imported.received_from == org_a.organisation.slug
        assert imported.number == body["number"] != case.number
    detail = client.get(org_api(org_b, f"cases/{body['id']}/")).json()
    assert detail["uid"] == str(case.uid)
    assert (detail["received_from"], detail["received_via"]) == (org_a.organisation.slug, "import")


def test_format_1_package_is_imported_and_reimported_once(client, org_b):
    data = (GOLDEN / "minimal-case-1.xml").read_bytes()
    assert _import(client, org_b, data).status_code == 201
    assert _import(client, org_b, data).status_code == 200


HOSTILE = {
    "entities": b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;">]>
<casePackage xmlns="urn:coalition-hub:case-package:2">&lol2;</casePackage>""",
    "external": b"""<?xml version="1.0"?>
<!DOCTYPE casePackage [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<casePackage xmlns="urn:coalition-hub:case-package:2">&xxe;</casePackage>""",
    "deep": b'<casePackage xmlns="urn:coalition-hub:case-package:2">'
    + b"<a>" * 200
    + b"</a>" * 200
    + b"</casePackage>",
    "wrong-namespace": b'<casePackage xmlns="urn:example:other" version="2"/>',
    "not-xml": b"plain text",
    "only-a-declaration": b"<?xml version='1.0' encoding='UTF-8'?>",
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_packages_are_400_and_change_nothing(client, org_b, name):
    before = _counts(org_b)
    response = _import(client, org_b, HOSTILE[name])
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid_package" and error["fields"]["package"]
    assert "root:" not in response.content.decode()
    assert _counts(org_b) == before


def test_an_empty_body_is_refused_and_changes_nothing(client, org_b):
    before = _counts(org_b)
    # The test client sends no Content-Type with an empty body: 415, like any non-XML body.
    assert _import(client, org_b, b"").status_code == 415
    assert _counts(org_b) == before


def test_huge_text_is_400_with_its_line(client, org_a, org_b, case):
    data = _package_xml(client, org_a, case)
    data = data.replace(b"<summary>", b"<summary>" + b"x" * 100_001, 1)
    response = _import(client, org_b, data)
    assert response.status_code == 400
    assert any("line " in issue for issue in response.json()["error"]["fields"]["package"])


def test_invalid_codes_are_400_and_change_nothing(client, org_a, org_b, case):
    data = _package_xml(client, org_a, case).replace(b'code="complainant"', b'code="boss"')
    before = _counts(org_b)
    response = _import(client, org_b, data)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_package"
    assert _counts(org_b) == before


def test_import_needs_a_role_that_registers_cases(client, org_a, org_b, case):
    data = _package_xml(client, org_a, case)
    before = _counts(org_b)
    response = _import(client, org_b, data, role=Role.CASE_LAWYER)
    assert response.status_code == 403
    assert _counts(org_b) == before


def test_json_body_is_415(client, org_b):
    response = _import(client, org_b, b"{}", content_type="application/json")
    assert response.status_code == 415


def test_a_member_of_another_organisation_gets_404(client, org_a, org_b, case):
    data = _package_xml(client, org_a, case)
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    response = client.post(org_api(org_b, "imports/"), data=data, content_type=XML)
    assert response.status_code == 404


def test_a_document_from_xml_is_listed_as_not_received(client, org_a, org_b, case):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from tenants.documents.services import document_upload
    from tests.builders import member

    buffer = BytesIO()
    Image.new("RGB", (40, 30)).save(buffer, format="PNG")
    with in_schema(org_a.organisation):
        document_upload(
            actor=member(org_a, Role.DIVISION_HEAD),
            case_id=case.pk,
            file=SimpleUploadedFile("surat.png", buffer.getvalue()),
            title="Surat kuasa",
        )
    body = _import(client, org_b, _package_xml(client, org_a, case)).json()
    assert body["documents_not_received"] == 1
    with in_schema(org_b.organisation):
        document = Case.objects.get(pk=body["id"]).documents.get()
    base = f"cases/{body['id']}/documents/{document.pk}"
    assert client.get(org_api(org_b, f"{base}/download")).status_code == 404
    assert client.get(org_api(org_b, f"{base}/preview.png")).status_code == 404
    page = client.get(f"/org/{org_b.organisation.slug}/cases/{body['id']}/")
    assert page.status_code == 200
    with translation.override("id"):
        assert gettext("File not received") in page.content.decode()
        assert gettext("Received as an imported package") in page.content.decode()
    assert "Surat kuasa" in page.content.decode()


def test_a_package_of_several_megabytes_is_accepted(client, org_b):
    """Larger than Django's in-memory body limit, within the package limit."""
    import dataclasses

    from hub.demo import seed_projection
    from interchange.package import EventEntry
    from interchange.xml import package_to_xml

    package = seed_projection.demo_package()
    events = tuple(
        EventEntry(f"posko:event:{n}", None, f"Catatan {n}. " + "Kronologi panjang. " * 5000)
        for n in range(40)
    )
    data = package_to_xml(dataclasses.replace(package, events=events))
    assert len(data) > 3 * 1024 * 1024
    response = _import(client, org_b, data)
    assert response.status_code == 201, response.content[:500]


def test_a_package_over_the_limit_is_413_and_changes_nothing(client, org_b):
    from interchange.xml import MAX_PACKAGE_BYTES

    before = _counts(org_b)
    data = b"<casePackage>" + b" " * MAX_PACKAGE_BYTES + b"</casePackage>"
    response = _import(client, org_b, data)
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "too_large"
    assert _counts(org_b) == before
