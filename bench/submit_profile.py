"""Where the time of one complaint submission goes, inside the request.

Run: `.venv/bin/python bench/submit_profile.py [--count 500]` (also in `make bench`). On its
own database (`hub_bench_submit`, migrated and seeded with the demo once), in this process:

- `api`: `POST /api/v1/public/complaints/` through Django's test client (every middleware,
  the serializer, the rate limit and an `Idempotency-Key`, so both rows are written);
- `portal`: what the portal's final send runs after its form is valid: the rate-limit hit,
  then `complaint_submit` inside the one-time submission token (`once`).

Rate limits are on (with a limit no run reaches), so their rows are counted. Each phase's
time is its own (a phase inside another is not counted twice), and each SQL statement is
counted in the phase that ran it; "other" is the rest of the request (middleware, parsing,
the answer, commit). The outbox dispatch that follows the commit is reported on its own:
with a broker it runs in a Celery worker; without one (the demo) Celery runs it eagerly,
still inside the request.

Writes bench/results/submit_profile.json.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
import uuid
from collections import defaultdict
from contextlib import contextmanager

from common import django_setup, write_result

DATABASE = "hub_bench_submit"
GOAL_MS = 20.0


class Phases:
    """A stack of named phases: each keeps its own time and the queries it ran."""

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        self.own: dict[str, float] = defaultdict(float)
        self.queries: dict[str, int] = defaultdict(int)
        self.stack: list[list] = []  # [name, started, time spent in children]
        self.statements: list[tuple[str, str]] = []  # (phase, SQL) of the last request

    @contextmanager
    def phase(self, name: str):
        self.stack.append([name, time.perf_counter(), 0.0])
        try:
            yield
        finally:
            name, started, children = self.stack.pop()
            spent = time.perf_counter() - started
            self.own[name] += spent - children
            if self.stack:
                self.stack[-1][2] += spent

    def current(self) -> str:
        return self.stack[-1][0] if self.stack else "other"

    def sql(self, execute, sql, params, many, context):
        """A database execute wrapper: count the statement in the running phase; savepoints
        (the receipt code's, and the service's own inside the idempotency claim) apart."""
        if sql.lstrip().upper().startswith(("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO")):
            with self.phase("savepoints"):
                self.queries["savepoints"] += 1
                self.statements.append(("savepoints", sql))
                return execute(sql, params, many, context)
        self.queries[self.current()] += 1
        self.statements.append((self.current(), sql))
        return execute(sql, params, many, context)


PHASES = Phases()


def timed(name: str, function):
    def wrapper(*args, **kwargs):
        with PHASES.phase(name):
            return function(*args, **kwargs)

    wrapper.__wrapped__ = function
    return wrapper


def instrument() -> None:
    """Wrap the functions of the submit path in named phases (this process only)."""
    from hub.core import outbox
    from hub.intake import api, models, services
    from hub.throttle import idempotency, ratelimit

    services.complaint_input_errors = timed("validation (rules)", services.complaint_input_errors)
    services.route_complaint = timed("routing", services.route_complaint)
    services.consent_record_create = timed("consent row", services.consent_record_create)
    services._complaint_event = timed("domain event + outbox", services._complaint_event)
    models.Complaint.save = timed("complaint insert", models.Complaint.save)
    models.ComplaintDecision.save = timed("decision row", models.ComplaintDecision.save)
    ratelimit.hit = timed("rate-limit row", ratelimit.hit)
    idempotency._claim = timed("idempotency row", idempotency._claim)
    is_valid = api.ComplaintCreateInput.is_valid
    api.ComplaintCreateInput.is_valid = timed("validation (serializer)", is_valid)
    services.complaint_submit = timed("complaint_submit (rest)", services.complaint_submit)
    api.complaint_submit = services.complaint_submit

    task = outbox.outbox_dispatch_task

    class TimedTask:
        def apply_async(self, *args, **kwargs):
            with PHASES.phase("after commit: outbox dispatch"):
                return task.apply_async(*args, **kwargs)

    outbox.outbox_dispatch_task = TimedTask()


def prepare() -> None:
    """Migrate, and seed the demo organisations once (no credentials file is written)."""
    from django.core.management import call_command

    from hub.demo.seed import seed_demo
    from hub.organisations.models import Organisation
    from hub.organisations.provisioning import template_ensure

    call_command("migrate_schemas", interactive=False, verbosity=0)
    template_ensure()
    if not Organisation.objects.members().exists():
        print("Seeding the demo organisations (once)…", flush=True)
        seed_demo()


def api_body(issue_types: list[str], number: int) -> dict:
    return {
        "reporter_type": "worker",
        "reporter_name": f"Pekerja Profil {number}",
        "contact_phone": "+60 12 345 6789",
        "country_of_work": "MY",
        "work_city": "Kuala Lumpur",
        "home_region": "Jawa Barat",
        "issue_types": [issue_types[number % len(issue_types)]],
        "narrative": "Gaji tiga bulan tidak dibayar dan paspor ditahan oleh majikan. " * 4,
        "consent": {"contact": True, "share": False, "refer": False, "statistics": True},
    }


def percentile(ordered: list[float], share: float) -> float:
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


def report(samples: list[dict]) -> dict:
    walls = sorted(sample["wall_ms"] for sample in samples)
    in_request = sorted(sample["wall_ms"] - sample["after_commit_ms"] for sample in samples)
    names = sorted({name for sample in samples for name in sample["phases"]})
    phases = {}
    for name in names:
        times = sorted(sample["phases"].get(name, 0.0) for sample in samples)
        counts = [sample["queries"].get(name, 0) for sample in samples]
        phases[name] = {
            "median_ms": round(statistics.median(times), 2),
            "p95_ms": round(percentile(times, 0.95), 2),
            "queries": round(statistics.fmean(counts), 1),
        }
    queries = [sum(sample["queries"].values()) for sample in samples]
    return {
        "n": len(samples),
        "wall_median_ms": round(statistics.median(walls), 2),
        "wall_p95_ms": round(percentile(walls, 0.95), 2),
        "wall_max_ms": round(walls[-1], 2),
        "without_after_commit_median_ms": round(statistics.median(in_request), 2),
        "without_after_commit_p95_ms": round(percentile(in_request, 0.95), 2),
        "queries_per_request": round(statistics.fmean(queries), 1),
        "phases": phases,
    }


def measure(run, count: int, warmup: int, show_sql: bool = False) -> dict:
    from django.db import connection

    samples = []
    with connection.execute_wrapper(PHASES.sql):
        for number in range(warmup + count):
            PHASES.reset()
            started = time.perf_counter()
            run(number)
            wall = (time.perf_counter() - started) * 1000
            phases = {name: seconds * 1000 for name, seconds in PHASES.own.items()}
            queries = dict(PHASES.queries)
            accounted = sum(phases.values())
            phases["other"] = phases.get("other", 0.0) + max(0.0, wall - accounted)
            if number >= warmup:
                samples.append(
                    {
                        "wall_ms": wall,
                        "after_commit_ms": phases.get("after commit: outbox dispatch", 0.0),
                        "phases": phases,
                        "queries": queries,
                    }
                )
    if show_sql:
        for phase, sql in PHASES.statements:
            print(f"  {phase:<32} {sql[:150]}")
    return report(samples)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=500, help="submissions per path")
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--sql", action="store_true", help="print the last request's SQL")
    args = parser.parse_args()

    os.environ.setdefault("HUB_DATABASE_NAME", DATABASE)
    os.environ["RATELIMIT_ENABLE"] = "true"
    os.environ["RATELIMIT_SUBMIT"] = "1000000/h"  # counted, never reached
    django_setup(DATABASE)
    prepare()
    instrument()

    from django.conf import settings
    from django.test import Client

    from hub.consent.services import ConsentChoices
    from hub.intake import services
    from hub.intake.models import Complaint
    from hub.throttle import ratelimit
    from hub.throttle.idempotency import once
    from hub.vocab.selectors import active_terms

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    issue_types = list(active_terms().order_by("pk").values_list("code", flat=True))[:6]
    history = Complaint.objects.count()
    client = Client()

    def api(number: int) -> None:
        response = client.post(
            "/api/v1/public/complaints/",
            data=api_body(issue_types, number),
            content_type="application/json",
            headers={"Idempotency-Key": uuid.uuid4().hex},
        )
        if response.status_code != 201:
            raise SystemExit(f"the API refused the complaint: {response.status_code} {response}")

    class Request:  # what the rate limit reads of a request
        META = {"REMOTE_ADDR": "10.0.0.1"}

    def portal(number: int) -> None:
        body = api_body(issue_types, number)
        consent = ConsentChoices(**body.pop("consent"))
        body["issue_types"] = tuple(body["issue_types"])

        def file_it() -> str:
            data = services.ComplaintInput(consent=consent, language="id", **body)
            return services.complaint_submit(data=data).receipt_code

        with PHASES.phase("other"):
            if not ratelimit.hit("submit", Request()).allowed:
                raise SystemExit("rate limit reached")
            once(scope="complaint-form", key=uuid.uuid4().hex, print_="", produce=file_it)

    api_figures = measure(api, args.count, args.warmup, args.sql)
    print("api", json.dumps(api_figures, indent=1), flush=True)
    portal_figures = measure(portal, args.count, args.warmup, args.sql)
    print("portal", json.dumps(portal_figures, indent=1), flush=True)
    write_result(
        "submit_profile",
        {
            "database": os.environ["HUB_DATABASE_NAME"],
            "complaints_before": history,
            "celery_eager": settings.CELERY_TASK_ALWAYS_EAGER,
            "load_average": [round(x, 2) for x in os.getloadavg()],
            "goal": f"{GOAL_MS:g} ms or less in the request (p95, the outbox dispatch apart)",
            "api": api_figures,
            "portal": portal_figures,
            "goal_met": {
                "api": api_figures["without_after_commit_p95_ms"] <= GOAL_MS,
                "portal": portal_figures["without_after_commit_p95_ms"] <= GOAL_MS,
            },
        },
    )


if __name__ == "__main__":
    main()
