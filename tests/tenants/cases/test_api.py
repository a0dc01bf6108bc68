"""The case lists over HTTP: cursor pages that reach every case in every ordering, filters,
the JSON-only door, and lists and staff pages whose query count does not grow with their rows."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hub.accounts.roles import Role
from hub.vocab.selectors import vocabulary_labels_clear
from hub.vocab.stages import Stage, Status
from tenants.cases.api import CasePage
from tenants.cases.assignments import assignment_appoint, assignment_end, case_take
from tenants.cases.decisions import decision_comment_add, decision_request_create, decision_settle
from tenants.cases.lifecycle import Move
from tenants.cases.models import Assignment, Case
from tests.builders import complaint, in_schema, member, org_api, registered_case


def _bulk_cases(org, count: int, title: str = "Kasus massal", **fields) -> list[Case]:
    """`count` cases written in one statement (numbers unique, not from the counter)."""
    with in_schema(org.organisation):
        start = Case.objects.count()
        return Case.objects.bulk_create(
            Case(number=f"BULK/{start + i:05d}", title=f"{title} {start + i}", **fields)
            for i in range(count)
        )


def _walk(client, first_url: str) -> list[int]:
    """Every id the cursor pages give, following `next` to the end."""
    seen, url, pages = [], first_url, 0
    while url:
        response = client.get(url)
        assert response.status_code == 200, response.content
        page = response.json()
        seen += [row["id"] for row in page["results"]]
        url, pages = page["next"], pages + 1
        assert pages < 100, "the cursor does not advance"
    return seen


def _error(response, status: int, code: str | None = None) -> dict:
    assert response.status_code == status, response.content
    error = response.json()["error"]
    assert error["message"]
    if code is not None:
        assert error["code"] == code, error
    return error


# Cursor pages


@pytest.fixture
def many_cases(org_a) -> list[int]:
    """130 cases; 60 of them opened and changed at the same instant (a bulk import), so the
    cursor has to get past ties wider than a page."""
    cases = _bulk_cases(org_a, 130)
    with in_schema(org_a.organisation):
        tied = [c.pk for c in cases[40:100]]
        instant = cases[40].opened_at
        Case.objects.filter(pk__in=tied).update(opened_at=instant, updated_at=instant)
    return [c.pk for c in cases]


@pytest.mark.parametrize("ordering", list(CasePage.orderings))
def test_cursor_pages_reach_every_case_once_in_order(client, org_a, many_cases, ordering):
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    seen = _walk(client, org_api(org_a, "cases/", ordering=ordering, page_size=50))
    with in_schema(org_a.organisation):
        expected = list(
            Case.objects.order_by(*CasePage.orderings[ordering]).values_list("id", flat=True)
        )
    assert sorted(seen) == sorted(many_cases)
    assert len(seen) == len(set(seen))
    assert seen == expected


@pytest.mark.parametrize("ordering", list(CasePage.orderings))
def test_previous_links_walk_back_over_the_same_pages(client, org_a, many_cases, ordering):
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    url, forward = org_api(org_a, "cases/", ordering=ordering, page_size=50), []
    while url:
        page = client.get(url).json()
        forward.append([row["id"] for row in page["results"]])
        url = page["next"]
    url, backward = page["previous"], []
    while url:
        page = client.get(url).json()
        backward.insert(0, [row["id"] for row in page["results"]])
        url = page["previous"]
    assert len(forward) == 3
    assert backward == forward[:-1]


def test_the_default_ordering_is_newest_first(client, org_a, many_cases):
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    first = client.get(org_api(org_a, "cases/", page_size=5)).json()["results"]
    assert [c["id"] for c in first] == sorted(many_cases, reverse=True)[:5]


def test_an_unknown_ordering_is_400_naming_ordering(client, org_a):
    _bulk_cases(org_a, 3)
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    for ordering in ("-number", "opened_at", "id"):
        response = client.get(org_api(org_a, "cases/", ordering=ordering))
        assert "ordering" in _error(response, 400, "invalid")["fields"], ordering


def test_page_size_over_200_is_capped_at_200(client, org_a):
    _bulk_cases(org_a, 210)
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    page = client.get(org_api(org_a, "cases/", page_size=5000)).json()
    assert len(page["results"]) == 200 and page["next"]
    assert len(client.get(page["next"]).json()["results"]) == 10
    assert len(client.get(org_api(org_a, "cases/")).json()["results"]) == 50  # the default


# Filters


@pytest.fixture
def assorted(org_a) -> dict[str, int]:
    """A few cases that differ in stage, status, type and title."""

    def one(title, **fields):
        return _bulk_cases(org_a, 1, title=title, **fields)[0].pk

    return {
        "wages": one("Gaji tidak dibayar, Kuala Lumpur", case_types=["unpaid_wages"]),
        "trafficking": one(
            "Dugaan TPPO, Riyadh", stage=Stage.CONSULTATION, case_types=["trafficking"]
        ),
        "both": one(
            "Gaji dan paspor ditahan, Jeddah",
            stage=Stage.ACCOMPANIMENT,
            status=Status.ACCOMPANIED,
            case_types=["unpaid_wages", "trafficking"],
        ),
        "rejected": one(
            "Sengketa tanah",
            stage=Stage.TERMINATION,
            status=Status.NOT_ACCOMPANIED,
            case_types=["land_conflict"],
        ),
    }


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"stage": "consultation"}, {"trafficking"}),
        ({"stage": "termination"}, {"rejected"}),
        ({"status": "accompanied"}, {"both"}),
        ({"status": "open"}, {"wages", "trafficking"}),
        ({"case_type": "unpaid_wages"}, {"wages", "both"}),
        ({"case_type": "trafficking", "stage": "accompaniment"}, {"both"}),
        ({"case_type": "domestic_violence"}, set()),
        ({"q": "gaji"}, {"wages", "both"}),
        ({"q": "GAJI jeddah"}, {"both"}),  # every word, any case
        ({"q": "BULK/"}, {"wages", "trafficking", "both", "rejected"}),  # the number counts too
    ],
)
def test_filters_narrow_the_list(client, org_a, assorted, params, expected):
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    results = client.get(org_api(org_a, "cases/", **params)).json()["results"]
    assert {row["id"] for row in results} == {assorted[name] for name in expected}


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"case_type": "no_such_type"}, "case_type"),
        ({"stage": "limbo"}, "stage"),
        ({"status": "lost"}, "status"),
    ],
)
def test_an_unknown_filter_value_is_400_naming_the_field(client, org_a, assorted, params, field):
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    error = _error(client.get(org_api(org_a, "cases/", **params)), 400)
    assert field in error["fields"]


def test_an_unknown_case_type_is_refused_with_unknown_code(client, org_a, assorted):
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    _error(client.get(org_api(org_a, "cases/", case_type="no_such_type")), 400, "unknown_code")


# JSON only


def _case_count(org) -> int:
    with in_schema(org.organisation):
        return Case.objects.count()


@pytest.mark.parametrize(
    "content_type", ["multipart/form-data", "application/x-www-form-urlencoded", "text/plain"]
)
def test_registering_with_anything_but_json_is_415_and_creates_nothing(client, org_a, content_type):
    client.force_login(org_a.users[Role.RECEPTIONIST])
    before = _case_count(org_a)
    url = org_api(org_a, "cases/")
    if content_type == "multipart/form-data":
        response = client.post(url, {"title": "Gaji tidak dibayar"})
    else:
        response = client.post(url, "title=Gaji+tidak+dibayar", content_type=content_type)
    _error(response, 415)
    assert _case_count(org_a) == before
    created = client.post(url, {"title": "Gaji tidak dibayar"}, content_type="application/json")
    assert created.status_code == 201, created.content
    assert _case_count(org_a) == before + 1


# No N+1: the same number of queries for 3 rows as for 30


@dataclass
class Scene:
    """Rows grown on demand for the query-count tests, with a busy case for per-case lists."""

    org: object
    busy: Case
    grown: int = 0

    def kabid(self):
        return member(self.org, Role.DIVISION_HEAD)

    def lawyer(self):
        return member(self.org, Role.CONSULTATION_LAWYER)


def _grow_cases(scene: Scene, count: int) -> None:
    _bulk_cases(scene.org, count, case_types=["unpaid_wages", "trafficking"])


def _grow_my_cases(scene: Scene, count: int) -> None:
    cases = _bulk_cases(scene.org, count, stage=Stage.CONSULTATION)
    lawyer = scene.org.users[Role.CONSULTATION_LAWYER]
    with in_schema(scene.org.organisation):
        Assignment.objects.bulk_create(
            Assignment(
                case=case,
                user_id=lawyer.pk,
                user_label=lawyer.email,
                role=Role.CONSULTATION_LAWYER,
                assigned_by_label="test",
            )
            for case in cases
        )


def _pending(move: str = Move.REJECT, reason_code: str = "outside_mandate"):
    """A grower: requests waiting on `count` new cases, two comments each."""

    def grow(scene: Scene, count: int) -> None:
        for _ in range(count):
            case = registered_case(scene.org.organisation)
            with in_schema(scene.org.organisation):
                case_take(actor=scene.lawyer(), case_id=case.pk)
                request = decision_request_create(
                    actor=scene.lawyer(),
                    case_id=case.pk,
                    move=move,
                    reason="Di luar wilayah kerja.",
                    reason_code=reason_code,
                )
                decision_comment_add(actor=scene.kabid(), request_id=request.pk, body="Yakin?")
                decision_comment_add(actor=scene.lawyer(), request_id=request.pk, body="Ya.")

    return grow


def _declined(move: str = Move.REJECT, reason_code: str = "not_eligible"):
    """A grower: declined requests on the busy case, each with a comment."""

    def grow(scene: Scene, count: int) -> None:
        with in_schema(scene.org.organisation):
            for _ in range(count):
                request = decision_request_create(
                    actor=scene.lawyer(),
                    case_id=scene.busy.pk,
                    move=move,
                    reason="Tidak memenuhi syarat.",
                    reason_code=reason_code,
                )
                decision_comment_add(
                    actor=scene.kabid(), request_id=request.pk, body="Sudah dicek?"
                )
                decision_settle(
                    actor=scene.kabid(), request_id=request.pk, outcome="declined", comment="Belum."
                )

    return grow


_grow_pending = _pending()
_grow_busy_requests = _declined()
# Without a reason code, so that the rest of the page is measured apart from the label bug.
_grow_pending_uncoded = _pending(Move.CASE_MEETING, "")
_grow_busy_requests_uncoded = _declined(Move.REFER, "")


def _grow_busy_assignments(scene: Scene, count: int) -> None:
    """Service providers appointed to the busy case and taken off it again."""
    with in_schema(scene.org.organisation):
        for _ in range(count):
            assignment = assignment_appoint(
                actor=scene.kabid(),
                case_id=scene.busy.pk,
                user_id=scene.org.users[Role.COUNSELLOR].pk,
                role=Role.COUNSELLOR,
                instruction="Pendampingan psikologis.",
            )
            assignment_end(actor=scene.kabid(), case_id=scene.busy.pk, assignment_id=assignment.pk)


def _grow_inbox(scene: Scene, count: int) -> None:
    for n in range(count):
        complaint(
            scene.org.organisation,
            reporter_name=f"Pelapor {scene.grown + n}",
            issue_types=("unpaid_wages", "documents_withheld"),
        )


def _api_rows(response) -> int:
    body = response.json()
    return len(body["results"] if isinstance(body, dict) else body)


@dataclass(frozen=True)
class Listing:
    url: Callable[[Scene], str]
    viewer: str
    grow: tuple[Callable[[Scene, int], None], ...]
    # How many rows the response shows, to be sure the rows grown are really listed.
    rows: Callable[[object], int]


def _marker(text: str) -> Callable[[object], int]:
    return lambda response: response.content.decode().count(text)


def _org(path: str) -> Callable[[Scene], str]:
    return lambda scene: f"/org/{scene.org.organisation.slug}/{path}".replace(
        "<busy>", str(scene.busy.pk)
    )


LISTINGS = {
    "api-cases": Listing(
        _org("api/v1/cases/"), Role.CONSULTATION_LAWYER, (_grow_cases,), _api_rows
    ),
    "api-queue": Listing(
        _org("api/v1/queue/"), Role.CONSULTATION_LAWYER, (_grow_cases,), _api_rows
    ),
    "api-my-cases": Listing(
        _org("api/v1/my-cases/"), Role.CONSULTATION_LAWYER, (_grow_my_cases,), _api_rows
    ),
    "api-decision-requests": Listing(
        _org("api/v1/decision-requests/"), Role.DIVISION_HEAD, (_grow_pending,), _api_rows
    ),
    "api-case-assignments": Listing(
        _org("api/v1/cases/<busy>/assignments/"),
        Role.DIVISION_HEAD,
        (_grow_busy_assignments,),
        _marker("Pendampingan psikologis."),
    ),
    "api-case-decision-requests": Listing(
        _org("api/v1/cases/<busy>/decision-requests/"),
        Role.DIVISION_HEAD,
        (_grow_busy_requests,),
        _marker("Sudah dicek?"),
    ),
    "page-home-kabid": Listing(
        _org(""),
        Role.DIVISION_HEAD,
        (_grow_cases, _grow_pending),
        _marker("Kasus massal"),
    ),
    "page-home-kabid-inbox": Listing(
        _org(""), Role.DIVISION_HEAD, (_grow_inbox,), _marker("Pelapor ")
    ),
    "page-home-lawyer": Listing(
        _org(""),
        Role.CONSULTATION_LAWYER,
        (_grow_my_cases, _grow_cases),
        _marker("Kasus massal"),
    ),
    "page-decisions": Listing(
        _org("decisions/"), Role.DIVISION_HEAD, (_grow_pending,), _marker('value="approved"')
    ),
    "page-decisions-requests-without-reason-codes": Listing(
        _org("decisions/"),
        Role.DIVISION_HEAD,
        (_grow_pending_uncoded,),
        _marker('value="approved"'),
    ),
    "page-case": Listing(
        _org("cases/<busy>/"),
        Role.DIVISION_HEAD,
        (_grow_busy_assignments, _grow_busy_requests),
        _marker("Sudah dicek?"),
    ),
    "page-case-requests-without-reason-codes": Listing(
        _org("cases/<busy>/"),
        Role.DIVISION_HEAD,
        (_grow_busy_assignments, _grow_busy_requests_uncoded),
        _marker("Sudah dicek?"),
    ),
}


def _queries(client, url: str):
    # Vocabulary labels are cached per process; start each measurement from a cold cache so
    # both counts include the same one query per vocabulary the page shows.
    vocabulary_labels_clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(captured.captured_queries), response


@pytest.mark.parametrize("name", list(LISTINGS))
def test_a_listing_runs_as_many_queries_for_30_rows_as_for_3(client, org_a, name):
    listing = LISTINGS[name]
    scene = Scene(org=org_a, busy=registered_case(org_a.organisation, "Kasus sibuk"))
    with in_schema(org_a.organisation):
        case_take(actor=scene.lawyer(), case_id=scene.busy.pk)
    client.force_login(org_a.users[listing.viewer])
    url = listing.url(scene)
    client.get(url)  # warm the caches a first request fills, whatever the rows

    counts = []
    for grow_by, rows in ((3, 3), (27, 30)):
        for grow in listing.grow:
            grow(scene, grow_by)
        scene.grown += grow_by
        queries, response = _queries(client, url)
        assert listing.rows(response) >= rows, (name, rows)
        counts.append(queries)
    assert counts[0] == counts[1], f"{name}: {counts[0]} queries for 3 rows, {counts[1]} for 30"
