"""Staff search: names found misspelt, narratives by stem, numbers by any part; only what the
policy lets the searcher open; filters; pages by key; bad input answers 400, never 500."""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from hub.accounts.roles import Role
from hub.organisations.context import organisation_context
from tenants.cases.models import Case
from tenants.cases.registration import Intake, case_register
from tenants.cases.services import assignment_add, case_update
from tenants.people.services import PersonData
from tenants.search.selectors import SearchFilters, search
from tests.builders import actor, member, org_api

AMINAH = "Siti Aminah binti Rahmat"


@dataclass(frozen=True)
class Scene:
    org: object
    open_case: Case
    restricted_case: Case
    other_case: Case

    def api(self, client, role=Role.DIVISION_HEAD, **params):
        client.force_login(self.org.users[role])
        return client.get(org_api(self.org, "search/", **params))

    def ids(self, client, role=Role.DIVISION_HEAD, **params) -> list[int]:
        response = self.api(client, role, **params)
        assert response.status_code == 200, response.content
        return [hit["id"] for hit in response.json()["results"]]


def _register(org, title, summary="", *, name="", restricted=False, case_types=None):
    head = actor(org.organisation, Role.DIVISION_HEAD)
    with organisation_context(org.organisation):
        return case_register(
            actor=head,
            title=title,
            summary=summary,
            case_types=case_types or [],
            complainant=PersonData(display_name=name, domicile="Indramayu") if name else None,
            intake=Intake(restricted=restricted),
        )


def _assign(org, case, role):
    user = org.users[role]
    with organisation_context(org.organisation):
        assignment_add(
            case=case,
            user_id=user.pk,
            user_label=user.email,
            role=role,
            by=actor(org.organisation, Role.DIVISION_HEAD),
        )


@pytest.fixture
def scene(org_a) -> Scene:
    open_case = _register(
        org_a,
        "Gaji tidak dibayar, Kuala Lumpur",
        "Gajinya lima bulan tidak dibayar majikan; paspor ditahan agensi.",
        name=AMINAH,
        case_types=["unpaid_wages"],
    )
    restricted_case = _register(
        org_a,
        "Kekerasan seksual terhadap anak",
        "Korban dilecehkan oleh majikan di Johor.",
        name="Nur Hasanah",
        restricted=True,
        case_types=["sexual_violence"],
    )
    _assign(org_a, restricted_case, Role.CONSULTATION_LAWYER)
    other_case = _register(org_a, "Sengketa tanah", "Perkebunan menggusur warga desa.")
    return Scene(org_a, open_case, restricted_case, other_case)


# --- Names -------------------------------------------------------------------------------


def test_a_name_finds_the_person_with_the_longer_name(client, scene):
    response = scene.api(client, kind="people", q="Siti Aminah")
    assert response.status_code == 200
    hits = response.json()["results"]
    assert hits[0]["display_name"] == AMINAH
    assert hits[0]["cases"] == [{"id": scene.open_case.pk, "number": scene.open_case.number}]


@pytest.mark.parametrize("q", ["Aminnah", "Amiah", "Siti Aminnah", "Sity Aminah"])
def test_a_misspelt_name_finds_the_person(client, scene, q):
    names = [hit["display_name"] for hit in scene.api(client, kind="people", q=q).json()["results"]]
    assert names == [AMINAH]


def test_a_name_variant_and_a_domicile_find_the_person(client, scene, org_a):
    with organisation_context(org_a.organisation):
        person = scene.open_case.people.get()
        person.name_variants = ["Siti Amina Rachmat"]
        person.save()
    assert scene.ids(client, kind="people", q="Rachmat") == [person.pk]
    assert person.pk in scene.ids(client, kind="people", q="indramayu")


def test_the_closest_name_comes_first(client, scene):
    _register(scene.org, "Upah dipotong", name="Siti Aminah")
    names = [
        hit["display_name"]
        for hit in scene.api(client, kind="people", q="Siti Aminah").json()["results"]
    ]
    assert names[:2] == ["Siti Aminah", AMINAH] or names[:2] == [AMINAH, "Siti Aminah"]
    ranks = [
        hit["rank"] for hit in scene.api(client, kind="people", q="Siti Aminah").json()["results"]
    ]
    assert ranks == sorted(ranks, reverse=True)


# --- Cases ---------------------------------------------------------------------------------


def test_a_word_finds_cases_by_its_stem_in_title_and_summary(client, scene):
    assert scene.ids(client, q="gaji") == [scene.open_case.pk]
    assert scene.ids(client, q="dibayarkan") == [scene.open_case.pk]  # Indonesian stemming
    assert scene.ids(client, q="paspor") == [scene.open_case.pk]


def test_any_part_of_a_number_finds_the_case(client, scene):
    number = scene.other_case.number  # LBH-UJI/<year>/<seq>
    assert scene.ids(client, q=number) == [scene.other_case.pk]
    assert scene.ids(client, q=number.split("/", 1)[1]) == [scene.other_case.pk]


def test_an_edited_title_is_found_by_its_new_words(client, scene, org_a):
    with organisation_context(org_a.organisation):
        case_update(
            actor=actor(org_a.organisation, Role.DIVISION_HEAD),
            case_id=scene.other_case.pk,
            version=scene.other_case.version,
            changes={"title": "Penggusuran paksa"},
        )
    assert scene.ids(client, q="penggusuran") == [scene.other_case.pk]
    assert scene.ids(client, q="sengketa") == []


def test_title_words_rank_above_summary_words(client, scene):
    second = _register(scene.org, "Paspor ditahan majikan", "Klien minta bantuan.")
    assert scene.ids(client, q="paspor") == [second.pk, scene.open_case.pk]


def test_without_words_cases_come_newest_first(client, scene):
    assert scene.ids(client) == [
        scene.other_case.pk,
        scene.restricted_case.pk,
        scene.open_case.pk,
    ]


# --- Who sees what ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "sees"),
    [
        (Role.CASE_LAWYER, False),  # not assigned
        (Role.CONSULTATION_LAWYER, True),  # assigned
        (Role.DIVISION_HEAD, True),
    ],
)
def test_a_restricted_case_and_its_people_only_for_assigned_staff_and_the_head(
    client, scene, role, sees
):
    restricted = scene.restricted_case.pk
    assert (restricted in scene.ids(client, role, q="kekerasan")) is sees
    assert (restricted in scene.ids(client, role)) is sees
    assert (restricted in scene.ids(client, role, q=scene.restricted_case.number)) is sees
    people = scene.api(client, role, kind="people", q="Nur Hasanah").json()["results"]
    assert bool(people) is sees
    everyone = scene.api(client, role, kind="people").json()["results"]
    assert ("Nur Hasanah" in [p["display_name"] for p in everyone]) is sees


def test_people_hidden_by_the_policy_do_not_crowd_out_the_visible_ones(scene, org_a):
    for _ in range(3):  # better matches, newer, all in restricted cases
        _register(org_a, "Kekerasan seksual", name="Siti Aminah", restricted=True)
    lawyer = member(org_a, Role.CASE_LAWYER)
    with organisation_context(org_a.organisation):
        first = search(actor=lawyer, kind="people", q="Siti Aminah", page_size=1)
        assert [p.display_name for p in first.results] == [AMINAH]
        assert first.next_cursor == ""


def test_an_analyst_may_not_search_case_records(client, scene):
    assert scene.api(client, Role.ANALYST, q="gaji").status_code == 403
    client.force_login(scene.org.users[Role.ANALYST])
    assert client.get(f"/org/{scene.org.organisation.slug}/search/?q=gaji").status_code == 403


def test_another_organisations_cases_and_people_never_appear(client, scene, org_b):
    _register(org_b, "Gaji tidak dibayar di Taiwan", "Gaji tidak dibayar", name=AMINAH)
    assert scene.ids(client, q="gaji") == [scene.open_case.pk]
    assert len(scene.ids(client, kind="people", q="Siti Aminah")) == 1
    client.force_login(org_b.users[Role.DIVISION_HEAD])
    response = client.get(org_api(scene.org, "search/", q="gaji"))
    assert response.status_code == 404


# --- Filters ---------------------------------------------------------------------------------


def test_filters_narrow_the_cases(client, scene, org_a):
    everyone = {scene.open_case.pk, scene.restricted_case.pk, scene.other_case.pk}
    assert set(scene.ids(client)) == everyone
    assert scene.ids(client, case_type="unpaid_wages") == [scene.open_case.pk]
    assert scene.ids(client, stage="consultation") == []
    assert set(scene.ids(client, stage="registration", status="open")) == everyone
    lawyer = org_a.users[Role.CONSULTATION_LAWYER].pk
    assert scene.ids(client, assignee=lawyer) == [scene.restricted_case.pk]
    today = timezone.localdate()
    assert set(scene.ids(client, opened_from=today, opened_to=today)) == everyone
    assert scene.ids(client, opened_to=today - timedelta(days=1)) == []
    assert scene.ids(client, opened_from=today + timedelta(days=1)) == []
    assert scene.ids(client, q="gaji", status="closed") == []


def test_filters_narrow_the_people_to_those_of_matching_cases(client, scene):
    found = scene.api(client, kind="people", case_type="sexual_violence").json()["results"]
    assert [p["display_name"] for p in found] == ["Nur Hasanah"]


def test_the_case_list_api_still_filters_by_its_own_parameters(client, scene):
    client.force_login(scene.org.users[Role.DIVISION_HEAD])
    response = client.get(org_api(scene.org, "cases/", q="Sengketa", status="open"))
    assert [c["id"] for c in response.json()["results"]] == [scene.other_case.pk]


# --- Pages by key ----------------------------------------------------------------------------


def test_pages_by_key_give_every_hit_once(client, org_a):
    made = {_register(org_a, f"Gaji tidak dibayar {n}", "Gaji tidak dibayar").pk for n in range(7)}
    for params in ({"q": "gaji"}, {}):
        seen, url = [], org_api(org_a, "search/", page_size=3, **params)
        client.force_login(org_a.users[Role.DIVISION_HEAD])
        while url:
            body = client.get(url).json()
            seen += [hit["id"] for hit in body["results"]]
            url = body["next"]
        assert sorted(seen) == sorted(made), params


def test_people_pages_by_key_too(client, org_a):
    names = {f"Siti Aminah {n}" for n in range(5)}
    for name in names:
        _register(org_a, "Upah dipotong", name=name)
    for params in ({"q": "Siti Aminah"}, {}):
        seen, url = [], org_api(org_a, "search/", kind="people", page_size=2, **params)
        client.force_login(org_a.users[Role.DIVISION_HEAD])
        while url:
            body = client.get(url).json()
            seen += [hit["display_name"] for hit in body["results"]]
            url = body["next"]
        assert sorted(seen) == sorted(names), params


def _cursor(*parts) -> str:
    return base64.urlsafe_b64encode(json.dumps(list(parts)).encode()).decode().rstrip("=")


@pytest.mark.parametrize(
    "cursor",
    [
        "not-a-cursor",
        "%%%",
        _cursor("rank", "NaN", 1),
        _cursor("rank", float("inf"), 1),
        _cursor("rank", 0.5, 2**63),
        _cursor("rank", 0.5, -1),
        _cursor("rank", 0.5, True),
        _cursor("opened_at", "yesterday", 1),
        _cursor("opened_at", "2026-01-01T00:00:00", 1),  # no time zone
        _cursor("pk", 3, 3),  # made for another ordering
        _cursor("rank", [1], 1),
        _cursor("rank"),
        base64.urlsafe_b64encode(b"\xff\xfe").decode(),
        _cursor("rank", 0.5, 1) + "A" * 300,
    ],
)
def test_a_forged_cursor_is_refused_with_400(client, scene, cursor):
    response = scene.api(client, q="gaji", cursor=cursor)
    assert response.status_code == 400
    assert "cursor" in response.json()["error"]["fields"]


# --- Bad input -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"stage": "nowhere"}, "stage"),
        ({"status": "lost"}, "status"),
        ({"kind": "documents"}, "kind"),
        ({"case_type": "no_such_type"}, "case_type"),
        ({"case_type": "not a slug"}, "case_type"),
        ({"assignee": "someone"}, "assignee"),
        ({"assignee": "999999"}, "assignee"),
        ({"assignee": str(2**70)}, "assignee"),
        ({"opened_from": "31-12-2026"}, "opened_from"),
        ({"opened_to": "2026-02-30"}, "opened_to"),
        ({"opened_from": "2026-03-01", "opened_to": "2026-02-01"}, "opened_to"),
        ({"page_size": "0"}, "page_size"),
        ({"page_size": "1000"}, "page_size"),
        ({"q": "x" * 201}, "q"),
        ({"q": "gaji\u202e"}, "q"),
    ],
)
def test_bad_filters_answer_400_with_the_field(client, scene, params, field):
    response = scene.api(client, **params)
    assert response.status_code == 400, response.content
    assert field in response.json()["error"]["fields"]


@pytest.mark.parametrize(
    "q", ["'", '"', "!", "&|", "gaji & | !", "-", '"gaji', "or", "%_", "0", "/", "a" * 200]
)
def test_odd_words_never_fail(client, scene, q):
    for kind in ("cases", "people"):
        assert scene.api(client, q=q, kind=kind).status_code == 200


def test_extreme_dates_are_accepted(client, scene):
    assert scene.api(client, opened_from="0001-01-01", opened_to="9999-12-31").status_code == 200


def test_a_member_of_another_organisation_is_not_an_assignee(client, scene, org_b):
    response = scene.api(client, assignee=org_b.users[Role.CASE_LAWYER].pk)
    assert response.status_code == 400


# --- The staff page --------------------------------------------------------------------------


def _page(client, org, role=Role.CASE_LAWYER, **params):
    client.force_login(org.users[role])
    return client.get(f"/org/{org.organisation.slug}/search/", params)


def test_the_page_lists_cases_with_links(client, scene):
    response = _page(client, scene.org, q="gaji")
    assert response.status_code == 200
    body = response.content.decode()
    assert f"/org/{scene.org.organisation.slug}/cases/{scene.open_case.pk}/" in body
    assert scene.open_case.number in body
    assert scene.restricted_case.number not in _page(client, scene.org).content.decode()


def test_the_page_lists_people_with_their_cases(client, scene):
    response = _page(client, scene.org, q="Aminnah", kind="people")
    body = response.content.decode()
    with organisation_context(scene.org.organisation):
        person = scene.open_case.roles.get().person_id
    assert f"/org/{scene.org.organisation.slug}/people/{person}/" in body
    assert AMINAH in body and scene.open_case.number in body


def test_the_page_links_to_the_next_page(client, org_a):
    for n in range(30):
        _register(org_a, f"Gaji {n}", "Gaji tidak dibayar")
    body = _page(client, org_a, q="gaji").content.decode()
    assert "cursor=" in body


def test_the_page_without_a_query_shows_only_the_form(client, scene):
    response = _page(client, scene.org)
    assert response.status_code == 200
    assert 'name="q"' in response.content.decode()


@pytest.mark.parametrize(
    "params",
    [
        {"stage": "nowhere"},
        {"opened_from": "kemarin"},
        {"assignee": "999999"},
        {"case_type": "no_such_type"},
        {"cursor": "forged"},
        {"opened_from": "2026-03-01", "opened_to": "2026-02-01"},
    ],
)
def test_the_page_answers_400_with_a_message_for_bad_filters(client, scene, params):
    response = _page(client, scene.org, q="gaji", **params)
    assert response.status_code == 400
    assert 'class="error"' in response.content.decode()


def test_the_organisation_home_links_to_search(client, scene):
    client.force_login(scene.org.users[Role.CASE_LAWYER])
    body = client.get(f"/org/{scene.org.organisation.slug}/").content.decode()
    assert f"/org/{scene.org.organisation.slug}/search/" in body


# --- The selector, directly ------------------------------------------------------------------


def test_the_selector_pages_by_key(scene, org_a):
    head = member(org_a, Role.DIVISION_HEAD)
    with organisation_context(org_a.organisation):
        first = search(actor=head, page_size=2, filters=SearchFilters(stage="registration"))
        second = search(actor=head, page_size=2, cursor=first.next_cursor)
    assert [c.pk for c in first.results + second.results] == [
        scene.other_case.pk,
        scene.restricted_case.pk,
        scene.open_case.pk,
    ]
    assert second.next_cursor == ""


def test_the_search_indexes_serve_the_queries(scene, org_a):
    """The selectors' expressions are the indexes' expressions (else PostgreSQL scans)."""
    head = member(org_a, Role.DIVISION_HEAD)
    from tenants.search import selectors

    with organisation_context(org_a.organisation), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # what is left: the indexes, or nothing
        cursor.execute("SET LOCAL enable_indexscan = off")
        plans = {}
        for kind, words in (("cases", "gaji"), ("cases", "2026/0001"), ("people", "Aminnah")):
            if kind == "people":
                rows = selectors._people_named(words)
            else:
                rows = selectors._cases_matching(selectors.cases_filtered(actor=head), words)
            plans[(kind, words)] = rows.order_by().explain()
    assert "search_case_document" in plans[("cases", "gaji")]
    assert "search_case_number_trgm" in plans[("cases", "2026/0001")]
    assert "search_person_names_trgm" in plans[("people", "Aminnah")]
    assert "search_person_document" in plans[("people", "Aminnah")]
