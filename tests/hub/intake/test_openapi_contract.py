"""A partner's system built from the OpenAPI document alone files a valid complaint: the
example is accepted, every field says what it takes, and the document's `required` is exactly
what the API refuses when missing."""

from __future__ import annotations

import re
from datetime import date, datetime

import pytest

from hub.intake.models import Complaint

URL = "/api/v1/public/complaints/"
OPTIONAL = [
    "filer_name",
    "filer_relation",
    "contact_channel",
    "contact_phone",
    "contact_email",
    "contact_safety",
    "happened_from",
    "happened_until",
    "members",
    "work_city",
    "home_region",
    "employer_name",
    "agency_name",
    "language",
    "organisation",
]
# Optional, but required by the channel the example chooses (`whatsapp`): refused alone,
# accepted without the channel too.
REQUIRED_BY_CHANNEL = {"contact_phone"}
REQUIRED = [
    "reporter_type",
    "reporter_name",
    "country_of_work",
    "issue_types",
    "narrative",
    "consent",
]


@pytest.fixture
def document(client, world, db):
    response = client.get("/api/schema/?format=json")
    assert response.status_code == 200
    return response.json()


def _resolve(document, schema: dict) -> dict:
    """The schema with `$ref` followed and `allOf` merged (drf-spectacular wraps enums with a
    default in an `allOf`)."""
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        return _resolve(document, document["components"]["schemas"][name])
    if "allOf" in schema:
        merged = {key: value for key, value in schema.items() if key != "allOf"}
        for part in schema["allOf"]:
            merged = {**_resolve(document, part), **merged}
        return merged
    return schema


def _create(document) -> dict:
    return document["paths"][URL]["post"]


def _request_schema(document) -> dict:
    content = _create(document)["requestBody"]["content"]
    assert list(content) == ["application/json"]  # the only body the API parses
    return _resolve(document, content["application/json"]["schema"])


def _example(document) -> dict:
    examples = _create(document)["requestBody"]["content"]["application/json"]["examples"]
    return next(iter(examples.values()))["value"]


def _post(client, body):
    return client.post(URL, body, content_type="application/json")


def test_the_documented_example_is_filed_and_the_answers_match_their_schemas(client, document):
    response = _post(client, _example(document))
    assert response.status_code == 201, response.content
    receipt = response.json()
    receipt_schema = _resolve(
        document, _create(document)["responses"]["201"]["content"]["application/json"]["schema"]
    )
    assert set(receipt) == set(receipt_schema["required"])
    assert re.match(
        receipt_schema["properties"]["receipt_code"]["pattern"], receipt["receipt_code"]
    )
    status_enum = _resolve(document, receipt_schema["properties"]["status"])["enum"]
    assert receipt["status"] in status_enum
    assert Complaint.objects.filter(receipt_code=receipt["receipt_code"]).exists()

    status = client.get(receipt["status_url"])
    assert status.status_code == 200
    body = status.json()
    operation = document["paths"][URL + "{receipt_code}/"]["get"]
    status_schema = _resolve(
        document, operation["responses"]["200"]["content"]["application/json"]["schema"]
    )
    assert set(body) == set(status_schema["required"])
    assert status_schema["properties"]["submitted_on"]["format"] == "date"
    assert status_schema["properties"]["updated_at"]["format"] == "date-time"
    date.fromisoformat(body["submitted_on"])
    datetime.fromisoformat(body["updated_at"])
    assert body["status"] in _resolve(document, status_schema["properties"]["status"])["enum"]


def _constrained(document, name: str, schema: dict, problems: list[str]) -> None:
    schema = _resolve(document, schema)
    if "oneOf" in schema:  # e.g. a phone number, or blank
        for alternative in schema["oneOf"]:
            _constrained(document, name, alternative, problems)
        return
    kind = schema.get("type")
    if kind is None:
        problems.append(f"{name}: no type")
    elif kind == "string" and not {"enum", "pattern", "format", "maxLength"} & set(schema):
        problems.append(f"{name}: a string without enum, pattern, format or maxLength")
    elif kind == "array":
        if "maxItems" not in schema:
            problems.append(f"{name}: an unbounded list")
        _constrained(document, f"{name}[]", schema["items"], problems)
    elif kind == "object":
        for sub, sub_schema in schema["properties"].items():
            _constrained(document, f"{name}.{sub}", sub_schema, problems)


def test_every_request_field_has_a_type_and_a_constraint(document):
    schema = _request_schema(document)
    problems: list[str] = []
    for name, field in schema["properties"].items():
        _constrained(document, name, field, problems)
    assert problems == []
    properties = schema["properties"]
    country = _resolve(document, properties["country_of_work"])
    assert country["pattern"] == "^[A-Z]{2}$" and "MY" in country["enum"]
    assert properties["contact_email"]["oneOf"][0]["format"] == "email"
    issue_types = properties["issue_types"]
    assert issue_types["x-vocabulary"] == "issue_type"
    assert "/api/v1/public/vocabularies/" in issue_types["description"]
    assert set(_resolve(document, properties["language"])["enum"]) == {"id", "en"}


def test_the_documents_required_fields_are_exactly_those_refused_when_missing(client, document):
    schema = _request_schema(document)
    assert sorted(schema["required"]) == sorted(REQUIRED)
    assert sorted(set(schema["properties"]) - set(REQUIRED)) == sorted(OPTIONAL)
    example = _example(document)
    for name in schema["properties"]:
        body = {key: value for key, value in example.items() if key != name}
        response = _post(client, body)
        if name in schema["required"] or name in REQUIRED_BY_CHANNEL:
            assert response.status_code == 400, name
            assert name in response.json()["error"]["fields"], name
        else:
            assert response.status_code == 201, (name, response.content)
    consent = _resolve(document, schema["properties"]["consent"])
    for name in consent["properties"]:
        body = {**example, "consent": {k: v for k, v in example["consent"].items() if k != name}}
        response = _post(client, body)
        assert response.status_code == 400, name
        assert f"consent.{name}" in response.json()["error"]["fields"]
    assert sorted(consent["required"]) == sorted(consent["properties"])
    # The channel's description says which address it needs; without a channel, none is needed.
    channel = _resolve(document, schema["properties"]["contact_channel"])
    assert "`whatsapp` and `phone` need `contact_phone`" in channel["description"]
    body = {k: v for k, v in example.items() if k not in ("contact_phone", "contact_channel")}
    assert _post(client, body).status_code == 201


def test_values_outside_the_documented_enums_are_refused(client, document):
    example = _example(document)
    for name, value in [
        ("country_of_work", "FR"),
        ("language", "fr"),
        ("reporter_type", "employer"),
        ("issue_types", ["no_such_issue"]),
        ("contact_channel", "pigeon"),
    ]:
        response = _post(client, {**example, name: value})
        assert response.status_code == 400, name
        assert name in response.json()["error"]["fields"], name


def test_error_answers_are_documented_including_rate_limits(document):
    create = _create(document)["responses"]
    assert {"201", "400", "413", "415", "429"} <= set(create)
    assert create["400"]["content"]["application/json"]["examples"]
    status = document["paths"][URL + "{receipt_code}/"]["get"]["responses"]
    assert {"200", "404", "429"} <= set(status)
    assert status["200"]["content"]["application/json"]["examples"]


def test_the_vocabulary_listing_labels_every_code_a_complaint_takes(client, document):
    assert "/api/v1/public/vocabularies/" in document["paths"]
    listing = client.get("/api/v1/public/vocabularies/").json()
    by_name = {entry["name"]: entry for entry in listing}
    assert {"issue_type", "country", "language", "reporter_type", "contact_channel"} <= set(by_name)
    for entry in listing:
        assert entry["label_id"] and entry["label_en"]
        for term in entry["terms"]:
            assert term["code"] and term["label_id"] and term["label_en"]
    assert by_name["country"]["terms"][0] == {
        "code": "MY",
        "label_id": "Malaysia",
        "label_en": "Malaysia",
    }
    assert by_name["issue_type"]["url"].endswith("/api/v1/public/vocabularies/issue_type/")
    assert by_name["country"]["url"] is None
    # The fixed lists are the enums of the fields they name.
    properties = _request_schema(document)["properties"]
    for name in ("country", "language", "reporter_type", "contact_channel"):
        (field,) = by_name[name]["fields"]
        enum = _resolve(document, properties[field])["enum"]
        assert [term["code"] for term in by_name[name]["terms"]] == enum, name
    # Every listed issue type is accepted.
    codes = [term["code"] for term in by_name["issue_type"]["terms"]]
    assert by_name["issue_type"]["fields"] == ["issue_types"]
    response = _post(client, {**_example(document), "issue_types": codes[:12]})
    assert response.status_code == 201, response.content
