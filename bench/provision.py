"""Provisioning an organisation: template DDL replay (clone) vs running every migration.

Run: `make bench` (or `.venv/bin/python bench/provision.py --count 20`). Uses its own
database (`hub_bench`) on the embedded server unless DATABASE_URL is set; the organisations
it makes are removed afterwards. Writes bench/results/provision.json.
"""

from __future__ import annotations

import argparse
import time

from common import django_setup, summary, write_result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=20)
    args = parser.parse_args()
    django_setup("hub_bench")

    from django.core.management import call_command
    from django.db import connection

    from hub.organisations.models import Organisation, OrganisationKind
    from hub.organisations.provisioning import (
        _template_script,
        organisation_provision,
        template_ensure,
    )

    call_command("migrate_schemas", shared=True, interactive=False, verbosity=0)
    template_ensure()
    started = time.perf_counter()
    _template_script()  # the one-off dump, cached per template migration state
    dump_ms = (time.perf_counter() - started) * 1000

    timings: dict[str, list[float]] = {"clone": [], "migrate": []}
    made: list[Organisation] = []
    try:
        for method in ("clone", "migrate"):
            for index in range(args.count):
                started = time.perf_counter()
                made.append(
                    organisation_provision(
                        slug=f"bench-{method}-{index}",
                        name=f"Bench {method} {index}",
                        kind=OrganisationKind.LEGAL_AID,
                        method=method,
                    )
                )
                timings[method].append((time.perf_counter() - started) * 1000)
    finally:
        with connection.cursor() as cursor:
            for organisation in made:
                cursor.execute(f'DROP SCHEMA IF EXISTS "{organisation.schema_name}" CASCADE')
        Organisation.objects.filter(pk__in=[o.pk for o in made]).delete()

    clone, migrate = summary(timings["clone"]), summary(timings["migrate"])
    write_result(
        "provision",
        {
            "organisations_per_method": args.count,
            "template_dump_ms_once": round(dump_ms, 1),
            "clone": clone,
            "migrate": migrate,
            "speedup_mean": round(migrate["mean_ms"] / clone["mean_ms"], 1),
            "goal": "clone under 100 ms per organisation and at least 10x faster than migrate",
            "goal_met": clone["mean_ms"] < 100 and migrate["mean_ms"] / clone["mean_ms"] >= 10,
        },
    )


if __name__ == "__main__":
    main()
