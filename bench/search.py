"""Staff search on one large organisation: 50,000 cases, 150,000 people, four kinds of query.

Run: `make bench` (or `.venv/bin/python bench/search.py`). Uses its own database
(`hub_bench`) on the embedded server unless DATABASE_URL is set. It provisions an
organisation through the provisioning service, fills its schema with COPY (realistic
Indonesian names from Faker id_ID, narratives from the kinds of facts clients report), then
times each kind of query through `tenants.search.selectors` (the code the API and the staff
page call) as a case lawyer, who sees restricted cases only when assigned. The organisation is
removed afterwards unless `--keep`; `--reuse` times an organisation kept by an earlier run.
Writes bench/results/search.json.
"""

from __future__ import annotations

import argparse
import math
import os
import random
import time
from datetime import UTC, date, datetime, timedelta

from common import django_setup, write_result

SLUG = "bench-search"
STAFF = 20
RESTRICTED_SHARE = 0.05
COMMON_WORDS = [
    "gaji",
    "paspor",
    "kekerasan",
    "agensi",
    "pesangon",
    "kontrak",
    "asuransi",
    "polisi",
    "calo",
    "sengketa",
]
COUNTRIES = [
    "Malaysia",
    "Arab Saudi",
    "Hong Kong",
    "Taiwan",
    "Singapura",
    "Korea Selatan",
    "Uni Emirat Arab",
    "Qatar",
]
JOBS = [
    "pekerja rumah tangga",
    "buruh pabrik",
    "anak buah kapal",
    "buruh perkebunan",
    "perawat lansia",
    "pekerja konstruksi",
]
SENTENCES = [
    "{name} bekerja sebagai {job} di {city}, {country} sejak {year}.",
    "Gaji {n} bulan tidak dibayar oleh majikan.",
    "Paspor klien ditahan oleh agensi {agency}.",
    "Klien mengalami kekerasan fisik dan verbal dari majikan.",
    "Klien diberangkatkan secara non-prosedural melalui calo di {home}.",
    "Keluarga di {home} melapor ke kantor kami pada {year}.",
    "Klien dipulangkan setelah sakit dan belum menerima santunan asuransi.",
    "Biaya penempatan yang berlebihan dipotong dari upah setiap bulan.",
    "Kontrak kerja tidak sesuai dengan perjanjian penempatan.",
    "Klien ditangkap polisi tanpa surat perintah dan ditahan {n} hari.",
    "Sengketa tanah dengan perusahaan perkebunan di {home}.",
    "Terjadi pemutusan hubungan kerja sepihak tanpa pesangon.",
    "Klien tidak dapat menghubungi keluarga karena telepon disita.",
    "Jam kerja lebih dari {h} jam sehari tanpa hari libur.",
    "Dokumen klien dipalsukan oleh sponsor, umurnya dinaikkan.",
    "Klien meminta pendampingan hukum untuk menuntut hak-haknya.",
    "Tetangga melihat klien dipukul dan melaporkannya ke RT setempat.",
    "Klien kabur dari rumah majikan dan berlindung di penampungan.",
]
TITLES = [
    "Gaji tidak dibayar",
    "Paspor ditahan",
    "Kekerasan oleh majikan",
    "PHK sepihak",
    "Penempatan non-prosedural",
    "Perdagangan orang",
    "Sengketa tanah",
    "Salah tangkap",
]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--keep", action="store_true", help="keep the organisation afterwards")
    parser.add_argument("--reuse", action="store_true", help="time a kept organisation")
    args = parser.parse_args()
    django_setup("hub_bench")

    from django.core.management import call_command
    from django.db import connection

    from hub.organisations.models import Organisation

    call_command("migrate_schemas", interactive=False, verbosity=0)
    organisation = Organisation.objects.filter(slug=SLUG).first()
    if organisation is not None and not args.reuse:
        _remove(organisation)
        organisation = None
    built_s = None
    if organisation is None:
        started = time.perf_counter()
        organisation = _build(args.cases)
        built_s = round(time.perf_counter() - started, 1)
    try:
        figures = _measure(organisation, args.runs)
    finally:
        if not args.keep:
            _remove(organisation)
        connection.set_schema_to_public()
    if built_s is not None:
        figures["corpus_build_s"] = built_s
    write_result("search", figures)


def _build(case_count: int):
    """The organisation, its staff, and the corpus, loaded with COPY (triggers keep the search
    documents, as they do for cases registered one by one)."""
    from django.db import connection
    from faker import Faker

    from hub.accounts.models import Membership, User
    from hub.accounts.roles import CASE_WORKER_ROLES, Role
    from hub.organisations.context import organisation_context
    from hub.organisations.models import OrganisationKind
    from hub.organisations.provisioning import organisation_provision
    from hub.vocab.models import Vocabulary
    from hub.vocab.selectors import active_terms
    from tenants.cases.models import Assignment, Case, CasePerson, PersonRole
    from tenants.people.models import Person

    rnd = random.Random(2026)
    fake = Faker("id_ID")
    Faker.seed(2026)
    organisation = organisation_provision(
        slug=SLUG, name="Bench search", kind=OrganisationKind.LEGAL_AID
    )
    staff = []
    for index in range(STAFF):
        user = User.objects.create_user(f"staff{index}@{SLUG}.test", full_name=fake.name())
        role = CASE_WORKER_ROLES[index % len(CASE_WORKER_ROLES)]
        Membership.objects.create(user=user, organisation=organisation, role=role)
        staff.append((user, role))
    case_types = list(active_terms(Vocabulary.CASE_TYPE).values_list("code", flat=True))
    stages = [
        ("registration", "open"),
        ("consultation", "open"),
        ("case_meeting", "open"),
        ("accompaniment", "accompanied"),
        ("termination", "closed"),
        ("termination", "not_accompanied"),
        ("termination", "referred"),
    ]
    first_day = datetime(2016, 1, 1, 8, tzinfo=UTC)
    span_s = (datetime(2026, 1, 1, tzinfo=UTC) - first_day).total_seconds()
    cases, people, links, assignments = [], [], [], []
    sequence: dict[int, int] = {}
    for case_id in range(1, case_count + 1):
        opened = first_day + timedelta(seconds=span_s * case_id / case_count + rnd.random() * 60)
        sequence[opened.year] = sequence.get(opened.year, 0) + 1
        stage, status = rnd.choice(stages)
        names = []
        for offset, role in enumerate(
            (PersonRole.COMPLAINANT, PersonRole.PERPETRATOR, PersonRole.WITNESS)
        ):
            person_id = 3 * (case_id - 1) + offset + 1
            name, variants = _person_name(fake, rnd)
            names.append(name)
            people.append(
                {
                    "id": person_id,
                    "display_name": name,
                    "name_variants": variants,
                    "gender": rnd.choice(["female", "male"]),
                    "age": rnd.randint(17, 60),
                    "domicile": fake.city(),
                    "created_at": opened,
                    "updated_at": opened,
                }
            )
            links.append({"case_id": case_id, "person_id": person_id, "role": role})
        cases.append(
            {
                "id": case_id,
                "number": f"{SLUG.upper()}/{opened.year}/{sequence[opened.year]:04d}",
                "title": f"{rnd.choice(TITLES)}, {rnd.choice(COUNTRIES)}",
                "summary": _narrative(fake, rnd, names[0]),
                "stage": stage,
                "status": status,
                "restricted": rnd.random() < RESTRICTED_SHARE,
                "case_types": rnd.sample(case_types, rnd.randint(1, 2)),
                "opened_at": opened,
                "updated_at": opened,
            }
        )
        worker, role = rnd.choice(staff)
        assignments.append(
            {
                "case_id": case_id,
                "user_id": worker.pk,
                "user_label": worker.full_name,
                "role": Role.CONSULTATION_LAWYER if stage != "registration" else role,
                "assigned_by_label": "Kabid",
                "assigned_at": opened,
                "ended_at": opened + timedelta(days=90) if stage == "termination" else None,
            }
        )
    with organisation_context(organisation), connection.cursor() as cursor:
        for model, rows in (
            (Person, people),
            (Case, cases),
            (CasePerson, links),
            (Assignment, assignments),
        ):
            _copy(cursor, model, rows)
        for model in (Person, Case, CasePerson, Assignment):
            table = model._meta.db_table
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), max(id)) FROM {table}"
            )
            cursor.execute(f"VACUUM (ANALYZE) {table}")  # hint bits and visibility, as in use
    return organisation


def _person_name(fake, rnd) -> tuple[str, list[str]]:
    female = rnd.random() < 0.6
    first = fake.first_name_female() if female else fake.first_name_male()
    if rnd.random() < 0.3:  # "Siti Aminah binti Rahmat"
        middle = fake.first_name_female() if female else fake.first_name_male()
        name = f"{first} {middle} {'binti' if female else 'bin'} {fake.first_name_male()}"
    else:
        name = f"{first} {fake.last_name_female() if female else fake.last_name_male()}"
    variants = [f"{first} {fake.last_name()}"] if rnd.random() < 0.2 else []
    return name, variants


def _narrative(fake, rnd, client: str) -> str:
    sentences = rnd.sample(SENTENCES, rnd.randint(3, 6))
    return " ".join(
        sentence.format(
            name=client,
            job=rnd.choice(JOBS),
            city=fake.city(),
            country=rnd.choice(COUNTRIES),
            year=rnd.randint(2010, 2025),
            n=rnd.randint(2, 14),
            agency=f"PT {fake.last_name()} {rnd.choice(['Jaya', 'Abadi', 'Mandiri'])}",
            home=fake.city(),
            h=rnd.randint(12, 18),
        )
        for sentence in sentences
    )


def _copy(cursor, model, rows: list[dict]) -> None:
    """COPY rows into the model's table; fields a row leaves out take the model's default."""
    fields = [f for f in model._meta.concrete_fields if not f.primary_key or "id" in rows[0]]
    columns = ", ".join(f'"{f.column}"' for f in fields)
    defaults = {f.attname: f.get_default() for f in fields}
    with cursor.copy(f'COPY "{model._meta.db_table}" ({columns}) FROM STDIN') as copy:
        for row in rows:
            copy.write_row([row.get(f.attname, defaults[f.attname]) for f in fields])


def _measure(organisation, runs: int) -> dict:
    from django.db import connection

    from hub.accounts.access import Actor
    from hub.accounts.models import Membership
    from hub.accounts.roles import Role
    from hub.organisations.context import organisation_context
    from hub.vocab.models import Vocabulary
    from hub.vocab.selectors import active_terms
    from tenants.cases.models import Assignment, Case
    from tenants.people.models import Person
    from tenants.search.selectors import SearchFilters, SearchKind, search, search_people_cases

    rnd = random.Random(7)
    lawyer = (
        Membership.objects.filter(organisation=organisation, role=Role.CASE_LAWYER)
        .select_related("user")
        .first()
        .user
    )
    actor = Actor(
        label=lawyer.email,
        roles=frozenset({Role.CASE_LAWYER}),
        organisation=organisation,
        user_id=lawyer.pk,
    )
    staff_ids = list(
        Membership.objects.filter(organisation=organisation).values_list("user_id", flat=True)
    )
    case_types = list(active_terms(Vocabulary.CASE_TYPE).values_list("code", flat=True))

    def people_page(**kwargs):
        page = search(actor=actor, kind=SearchKind.PEOPLE, **kwargs)
        search_people_cases(actor=actor, people=page.results)
        return page

    with organisation_context(organisation):
        corpus = {"cases": Case.objects.count(), "people": Person.objects.count()}
        numbers = list(Case.objects.order_by("?").values_list("number", flat=True)[:runs])
        names = list(Person.objects.order_by("?").values_list("display_name", flat=True)[:runs])
        restricted = Case.objects.filter(restricted=True).count()
        lawyer_cases = Assignment.objects.filter(user_id=lawyer.pk, ended_at__isnull=True).count()
        hits = {}
        for word in COMMON_WORDS:
            hits[word] = _count_hits(connection, word)
        cursors = {w: search(actor=actor, q=w).next_cursor for w in COMMON_WORDS}

        number_terms = [n if i % 2 else n.split("/", 1)[1] for i, n in enumerate(numbers)]
        name_terms = [_name_term(name, i, rnd) for i, name in enumerate(names)]
        word_terms = [(rnd.choice(COMMON_WORDS), i % 2 == 1) for i in range(runs)]
        filter_terms = [_filters(rnd, staff_ids, case_types, SearchFilters) for _ in range(runs)]

        kinds = {
            "by_number": [lambda t=t: search(actor=actor, q=t) for t in number_terms],
            "by_name": [lambda t=t: people_page(q=t) for t in name_terms],
            "common_word": [
                lambda w=w, n=n: search(actor=actor, q=w, cursor=cursors[w] if n else "")
                for w, n in word_terms
            ],
            "filtered_list": [lambda f=f: search(actor=actor, filters=f) for f in filter_terms],
        }
        for calls in kinds.values():
            for call in calls[:20]:  # warm the caches and the connection
                call()
        # Interleaved, so that a burst of other work on the machine falls on every kind alike.
        order = [(kind, call) for kind, calls in kinds.items() for call in calls]
        rnd.shuffle(order)
        samples: dict[str, list[float]] = {kind: [] for kind in kinds}
        found = dict.fromkeys(kinds, 0)
        load_before = os.getloadavg()[0]
        for kind, call in order:
            started = time.perf_counter()
            page = call()
            samples[kind].append((time.perf_counter() - started) * 1000)
            found[kind] += bool(page.results)
        load_after = os.getloadavg()[0]
        figures = {
            kind: {**_percentiles(samples[kind]), "queries_with_results": found[kind]}
            for kind in kinds
        }

    goal_met = all(f["p95_ms"] < 50 for f in figures.values())
    return {
        **corpus,
        "restricted_cases": restricted,
        "actor": f"case lawyer assigned to {lawyer_cases} open cases (restricted ones hidden "
        "unless assigned)",
        "runs_per_kind": runs,
        "load_average_1min": [round(load_before, 2), round(load_after, 2)],
        "page_size": 25,
        "common_word_hits": hits,
        **figures,
        "goal": "p95 under 50 ms for every kind of query",
        "goal_met": goal_met,
    }


def _count_hits(connection, word: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM cases_case WHERE search_document @@ search_narrative_query(%s)",
            [word],
        )
        return cursor.fetchone()[0]


def _name_term(name: str, index: int, rnd: random.Random) -> str:
    """A whole name, two of its words, or a misspelling (a letter doubled or dropped)."""
    words = name.split()
    if index % 3 == 0:
        return name
    if index % 3 == 1:
        return " ".join(words[:2])
    word = max(words[:2], key=len)
    at = rnd.randrange(1, len(word))
    typo = word[:at] + word[at - 1] + word[at:] if index % 2 else word[:at] + word[at + 1 :]
    return " ".join(typo if w == word else w for w in words[:2])


def _filters(rnd: random.Random, staff_ids, case_types, filters_class):
    chosen = {}
    options = {
        "stage": lambda: rnd.choice(
            ["registration", "consultation", "case_meeting", "accompaniment", "termination"]
        ),
        "status": lambda: rnd.choice(["open", "accompanied", "closed", "not_accompanied"]),
        "case_type": lambda: rnd.choice(case_types),
        "assignee": lambda: rnd.choice(staff_ids),
        "opened_from": lambda: date(rnd.randint(2016, 2025), rnd.randint(1, 12), 1),
    }
    for name in rnd.sample(list(options), rnd.randint(1, 3)):
        chosen[name] = options[name]()
    if "opened_from" in chosen:
        chosen["opened_to"] = chosen["opened_from"] + timedelta(days=rnd.choice([30, 180, 365]))
    return filters_class(**chosen)


def _percentiles(samples_ms: list[float]) -> dict:
    ordered = sorted(samples_ms)

    def at(share: float) -> float:  # nearest rank
        return round(ordered[max(0, math.ceil(len(ordered) * share) - 1)], 2)

    return {"p50_ms": at(0.50), "p95_ms": at(0.95), "max_ms": round(ordered[-1], 2)}


def _remove(organisation) -> None:
    from django.db import connection

    from hub.accounts.models import User

    connection.set_schema_to_public()
    with connection.cursor() as cursor:
        cursor.execute(f'DROP SCHEMA IF EXISTS "{organisation.schema_name}" CASCADE')
    User.objects.filter(email__endswith=f"@{SLUG}.test").delete()
    organisation.delete()


if __name__ == "__main__":
    main()
