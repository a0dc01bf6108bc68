"""Provisioning from the template gives the same schema as migrating, and is all-or-nothing."""

from __future__ import annotations

import pytest
from django.db import connection

from hub.organisations.models import Organisation, OrganisationKind
from hub.organisations.provisioning import organisation_provision


def _shape(schema: str) -> dict:
    with connection.cursor() as cursor:
        cursor.execute(
            """SELECT table_name, column_name, data_type, is_nullable, column_default
               FROM information_schema.columns WHERE table_schema = %s
               ORDER BY table_name, column_name""",
            [schema],
        )
        columns = [
            (t, c, d, n, (default or "").replace(f'"{schema}".', "").replace(f"{schema}.", ""))
            for t, c, d, n, default in cursor.fetchall()
        ]
        cursor.execute(
            "SELECT tablename, indexname FROM pg_indexes WHERE schemaname = %s ORDER BY 1, 2",
            [schema],
        )
        indexes = cursor.fetchall()
        cursor.execute(f'SELECT app, name FROM "{schema}".django_migrations ORDER BY app, name')
        migrations = cursor.fetchall()
        cursor.execute(
            """SELECT conrelid::regclass::text, conname, contype FROM pg_constraint c
               JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = %s
               ORDER BY 2""",
            [schema],
        )
        constraints = [(r.split(".")[-1], name, kind) for r, name, kind in cursor.fetchall()]
    return {
        "columns": columns,
        "indexes": indexes,
        "migrations": migrations,
        "constraints": constraints,
    }


def test_cloned_schema_matches_a_migrated_one(world, db):
    cloned = organisation_provision(
        slug="cloned-org", name="Cloned", kind=OrganisationKind.UNION, method="clone"
    )
    migrated = organisation_provision(
        slug="migrated-org", name="Migrated", kind=OrganisationKind.UNION, method="migrate"
    )
    try:
        assert _shape(cloned.schema_name) == _shape(migrated.schema_name)
        assert _shape(cloned.schema_name)["migrations"], "migration history copied"
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP SCHEMA IF EXISTS "{migrated.schema_name}" CASCADE')


def test_cloned_schema_takes_new_rows_after_the_copied_ones(world, db):
    organisation = organisation_provision(slug="seq-org", name="Seq", kind=OrganisationKind.UNION)
    with connection.cursor() as cursor:
        cursor.execute(
            f'INSERT INTO "{organisation.schema_name}".django_migrations (app, name, applied) '
            "VALUES ('x', 'y', now()) RETURNING id"
        )
        new_id = cursor.fetchone()[0]
        cursor.execute(f'SELECT max(id) FROM "{organisation.schema_name}".django_migrations')
        assert cursor.fetchone()[0] == new_id


def test_invalid_organisation_leaves_nothing_behind(world, db):
    before = Organisation.objects.count()
    with pytest.raises(Exception):  # noqa: B017 - full_clean's ValidationError
        organisation_provision(slug="bad slug!", name="", kind="nonsense")
    assert Organisation.objects.count() == before
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'org_bad%%'")
        assert cursor.fetchone()[0] == 0


def test_network_admin_adding_an_organisation_in_the_admin_provisions_its_schema(client, world, db):
    from hub.accounts.models import Membership, User
    from hub.accounts.roles import Role
    from tenants.cases.models import Case
    from tests.builders import in_schema

    admin = User.objects.create_user("na@network.test", "pw-123456789", is_staff=True)
    Membership.objects.create(user=admin, role=Role.NETWORK_ADMIN)
    client.force_login(admin)
    response = client.post(
        "/admin/organisations/organisation/add/",
        {
            "name": "Women's Crisis Centre Test",
            "slug": "wcc-test",
            "kind": "crisis_centre",
            "regions": "NTT",
            "countries": "MY",
            "issue_types": "violence",
            "languages": "id",
            "contact_email": "",
            "contact_phone": "",
            "address": "",
            "accepts_complaints": "on",
            "monthly_capacity": "10",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    organisation = Organisation.objects.get(slug="wcc-test")
    assert organisation.schema_name == "org_wcc_test"
    with in_schema(organisation):
        assert Case.objects.count() == 0  # the schema exists and is migrated


def test_create_organisation_command(world, db):
    from django.core.management import call_command

    call_command(
        "create_organisation",
        "serikat-uji",
        "Serikat Uji",
        "--kind",
        "union",
        "--countries",
        "tw,hk",
        "--regions",
        "Jawa Timur",
    )
    organisation = Organisation.objects.get(slug="serikat-uji")
    assert organisation.countries == ["TW", "HK"]


def test_create_organisation_command_explains_bad_input(world, db):
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="slug"):
        call_command("create_organisation", "bad slug!", "X")
    assert not Organisation.objects.filter(name="X").exists()
