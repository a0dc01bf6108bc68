"""Staff search over one organisation's cases and people: ranked, paged by key, never counted.

Cases match by any part of their number (trigram) or by the words of their title and summary
(full text in the narrative configuration, see textsearch.py); people by their names and name
variants, misspelt too (trigram word similarity), or by the words of their names and domicile.
What may be seen is decided by `cases_filtered`, which starts from `cases_for_actor`: a person
is found only through a case the actor may open (and that passes the filters).

Large result sets are paged by key: a page ends with a cursor holding the last row's sort key
(rank or opening time, then id), and the next page starts after it; no page counts the hits.
"""

from __future__ import annotations

import base64
import binascii
import json
import math
from dataclasses import dataclass, field
from datetime import date, datetime

from django.contrib.postgres.search import SearchQueryField, SearchVectorField
from django.db import connection, models, transaction
from django.db.models import Exists, Expression, F, FloatField, Func, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Cast
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hub.accounts.access import Actor
from hub.accounts.models import Membership
from hub.accounts.roles import CASE_WORKER_ROLES
from hub.core.errors import DomainError
from tenants.cases.models import Case, CasePerson
from tenants.cases.selectors import cases_filtered, cases_for_actor
from tenants.people.models import Person

PAGE_SIZE = 25
MOST_PER_PAGE = 100
BIGINT = 2**63
LONGEST_CURSOR = 200  # ours are under 100 characters
MOST_NAME_WORDS = 6  # of a name, each matched on its own
# How much of a word a name must hold (pg_trgm word similarity): its default, 0.6, missed a
# dropped letter ("Praoga" for Prayoga holds 0.5); a doubled one ("Aminnah") holds 0.67.
NAME_SIMILARITY = 0.5


class SearchKind(models.TextChoices):
    CASES = "cases", gettext_lazy("Cases")
    PEOPLE = "people", gettext_lazy("People")


@dataclass(frozen=True)
class SearchFilters:
    """What narrows the cases searched (and, for people, the cases they are found through)."""

    stage: str = ""
    status: str = ""
    case_type: str = ""
    assignee: int | None = None  # user id of a member of staff working on the case
    opened_from: date | None = None
    opened_to: date | None = None

    @classmethod
    def from_data(cls, data: dict) -> SearchFilters:
        """The filters among validated input (a form's or a serializer's); blanks are none."""
        return cls(**{name: data[name] for name in cls.__dataclass_fields__ if data.get(name)})


@dataclass(frozen=True)
class SearchPage:
    kind: str
    results: list = field(default_factory=list)  # Case or Person rows, with `rank` when ranked
    next_cursor: str = ""  # empty on the last page


def search(
    *,
    actor: Actor,
    kind: str = SearchKind.CASES,
    q: str = "",
    filters: SearchFilters | None = None,
    cursor: str = "",
    page_size: int = PAGE_SIZE,
) -> SearchPage:
    """One page of the actor's cases or people matching `q` (ranked), or, without `q`, the
    newest first; `cursor` is a previous page's `next_cursor`."""
    filters = filters or SearchFilters()
    cases = cases_filtered(actor=actor, **vars(filters))
    words = " ".join(q.split())
    size = max(1, min(page_size, MOST_PER_PAGE))
    people = kind == SearchKind.PEOPLE
    key = "rank" if words else "pk" if people else "opened_at"
    after = _cursor_decode(cursor, key) if cursor else None
    if people:
        model, keys = Person, _people_keys(cases, words, after, size + 1)
    else:
        model, keys = Case, _page_keys(_cases_matching(cases, words), key, after, size + 1)
    more = len(keys) > size
    keys = keys[:size]
    found = model.objects.in_bulk([pk for pk, _value in keys])
    page = []
    for pk, value in keys:
        row = found.get(pk)  # None: deleted between the two reads
        if row is not None:
            if key == "rank":
                row.rank = value
            page.append(row)
    next_cursor = _cursor_encode(key, value=keys[-1][1], pk=keys[-1][0]) if more else ""
    return SearchPage(kind=str(kind), results=page, next_cursor=next_cursor)


def _page_keys(rows: QuerySet, key: str, after: tuple | None, count: int) -> list[tuple]:
    """(id, key) of the first `count` rows after `after`, by key then id, both descending.

    Only the keys: sorting thousands of hits carrying whole rows took three times as long."""
    if key != "rank":
        if after is not None:
            value, pk = after
            rows = rows.filter(Q(**{f"{key}__lt": value}) | Q(**{key: value, "pk__lt": pk}))
        ordered = rows.order_by(F(key).desc(), F("pk").desc())
        return [
            (row[0], row[-1]) for row in ordered.values_list(*dict.fromkeys(["pk", key]))[:count]
        ]
    # A rank is computed: rank each hit once, inside a fenced subquery (OFFSET 0), rather than
    # again in the cursor's condition.
    sql, params = rows.order_by().values_list("pk", "rank").query.sql_with_params()
    condition, extra = "", []
    if after is not None:
        value, pk = after
        condition, extra = "WHERE rank < %s OR (rank = %s AND id < %s)", [value, value, pk]
    # The ORM's own SQL and a fixed condition; every value is a parameter.
    page_sql = f"SELECT id, rank FROM ({sql} OFFSET 0) AS hits (id, rank) {condition} "  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(page_sql + "ORDER BY rank DESC, id DESC LIMIT %s", [*params, *extra, count])
        return cursor.fetchall()


def search_people_cases(*, actor: Actor, people: list[Person]) -> dict[int, list[Case]]:
    """For each person on a page, the cases the actor may open they are linked to."""
    links = (
        CasePerson.objects.filter(
            person__in=[p.pk for p in people], case__in=cases_for_actor(actor=actor)
        )
        .select_related("case")
        .order_by("-case__opened_at", "-case_id")
    )
    found: dict[int, list[Case]] = {}
    for link in links:
        cases = found.setdefault(link.person_id, [])
        if link.case not in cases:
            cases.append(link.case)
    return found


def search_assignees(*, actor: Actor) -> list[tuple[int, str]]:
    """(user id, name) of the organisation's active staff who work on cases: the assignee
    filter's choices."""
    rows = (
        Membership.objects.filter(
            organisation=actor.organisation, role__in=CASE_WORKER_ROLES, user__is_active=True
        )
        .select_related("user")
        .order_by("user__full_name", "user__email")
    )
    return list({m.user_id: m.user.full_name or m.user.email for m in rows}.items())


# --- The expressions, written as the search migration's indexes are -------------------------


class _Operator(Func):
    """`lhs <operator> rhs`, a condition (`@@` full text, `%>` trigram word similarity)."""

    output_field = models.BooleanField()
    template = "%(expressions)s"

    def __init__(self, lhs, operator: str, rhs):
        super().__init__(lhs, rhs, arg_joiner=f" {operator} ")


class _TriggerColumn(Expression):
    """A column the search migration's triggers keep and the models do not declare
    (`cases_case.search_document`, `people_person.search_names`), named through the alias the
    query gives the model's table."""

    def __init__(self, column: str, output_field, pk=None):
        super().__init__(output_field=output_field)
        self.column = column
        self.pk = pk if pk is not None else F("pk")

    def get_source_expressions(self):
        return [self.pk]

    def set_source_expressions(self, exprs):
        (self.pk,) = exprs

    def as_sql(self, compiler, connection):
        pk_sql, params = compiler.compile(self.pk)
        table = pk_sql.rsplit(".", 1)[0]
        return f"{table}.{connection.ops.quote_name(self.column)}", params


def _case_document() -> _TriggerColumn:
    return _TriggerColumn("search_document", SearchVectorField())


def _person_names() -> _TriggerColumn:
    return _TriggerColumn("search_names", models.TextField())


def _narrative_query(words: str) -> Func:
    # The schema's function holds the configuration its documents were made with.
    return Func(Value(words), function="search_narrative_query", output_field=SearchQueryField())


def _person_document() -> Func:
    """Names and domicile as words, written as the index `search_person_document` is."""
    return Func(
        _person_names(),
        F("domicile"),
        template="to_tsvector('simple'::regconfig, %(expressions)s)",
        arg_joiner=" || ' ' || ",
        output_field=SearchVectorField(),
    )


def _cases_matching(cases: QuerySet[Case], words: str) -> QuerySet[Case]:
    """The cases holding the words, each with its `rank`; without words, all of them."""
    if not words:
        return cases
    query = _narrative_query(words)
    in_text = Q(_Operator(_case_document(), "@@", query))
    rank = Func(_case_document(), query, function="ts_rank", output_field=FloatField())
    if _looks_like_a_number(words):
        in_number = Q(number__icontains=words)
        # A case whose number holds the words comes before any narrative match.
        rank += models.Case(
            models.When(in_number, then=Value(1.0)), default=Value(0.0), output_field=FloatField()
        )
        in_text |= in_number
    return cases.annotate(rank=Cast(rank, FloatField())).filter(in_text)


def _looks_like_a_number(words: str) -> bool:
    """`LBH/2026/0012`, `2026/0012`, `0012`: one token with a digit. Other words are not
    looked for in numbers (every number holds the organisation's name)."""
    return " " not in words and any(ch.isdigit() for ch in words)


def _people_named(words: str) -> QuerySet[Person]:
    """Everyone whose names resemble each of the words (misspelt too), or whose names and
    domicile hold all of them, each with its `rank` (how much of the words the names hold,
    0 to 1): not yet scoped.

    Each word on its own: the whole of "Siti Suartini" resembles "Dewi Suartini" enough, and
    a common surname then brought a thousand people to rank."""
    names = _person_names()
    resembles = Q()
    for word in words.split()[:MOST_NAME_WORDS]:
        # word_similarity(word, names) >= pg_trgm.word_similarity_threshold (NAME_SIMILARITY)
        resembles &= Q(_Operator(names, "%%>", Value(word)))
    in_words = Func(
        Value(words),
        template="plainto_tsquery('simple'::regconfig, %(expressions)s)",
        output_field=SearchQueryField(),
    )
    similarity = Func(Value(words), names, function="word_similarity", output_field=FloatField())
    return Person.objects.annotate(rank=Cast(similarity, FloatField())).filter(
        resembles | Q(_Operator(_person_document(), "@@", in_words))
    )


def _people_keys(cases: QuerySet[Case], words: str, after: tuple | None, count: int) -> list:
    """(id, key) of the next `count` people linked to one of `cases`.

    With words, the named people are ranked first and then checked against the cases, best
    first, until the page is full: a common name ("Siti") names thousands of people, and
    checking each of them against the policy's cases costs more than ranking them all."""
    linked = CasePerson.objects.filter(case__in=cases)
    if not words:
        people = Person.objects.filter(Exists(linked.filter(person=OuterRef("pk"))))
        return _page_keys(people, "pk", after, count)
    named, keys, batch = _people_named(words), [], count * 2
    with transaction.atomic(), connection.cursor() as cursor:
        # For this transaction only: how similar a word of a name must be (pg_trgm's `%>`).
        cursor.execute(
            "SELECT set_config('pg_trgm.word_similarity_threshold', %s, true)",
            [str(NAME_SIMILARITY)],
        )
        while len(keys) < count:
            ranked = _page_keys(named, "rank", after, batch)
            shown = set(
                linked.filter(person__in=[pk for pk, _rank in ranked]).values_list(
                    "person_id", flat=True
                )
            )
            keys += [(pk, rank) for pk, rank in ranked if pk in shown]
            if len(ranked) < batch:
                break
            after, batch = (ranked[-1][1], ranked[-1][0]), batch * 4
    return keys[:count]


# --- Cursors: the last row's key, opaque to clients, checked on the way back -----------------


def _cursor_encode(key: str, value, pk: int) -> str:
    if isinstance(value, datetime):
        value = value.isoformat()
    raw = json.dumps([key, value, pk], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _cursor_decode(cursor: str, key: str) -> tuple[object, int]:
    """(value, id) of a cursor made for this kind of ordering; anything else is refused."""
    try:
        if len(cursor) > LONGEST_CURSOR:
            raise ValueError
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        made_for, value, pk = json.loads(raw)
        if made_for != key or type(pk) is not int or not 0 < pk < BIGINT:
            raise ValueError
        if key == "rank":
            if type(value) not in (int, float) or not math.isfinite(value):
                raise ValueError
            value = float(value)
        elif key == "opened_at":
            value = datetime.fromisoformat(value)
            if value.tzinfo is None:
                raise ValueError
        elif key == "pk" and (type(value) is not int or not 0 < value < BIGINT):
            raise ValueError
        return value, pk
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError, OverflowError):
        message = _("This page link is not valid; start again from the first page.")
        raise DomainError(message, code="invalid_cursor", fields={"cursor": [message]}) from None
