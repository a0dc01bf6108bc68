"""Creating an organisation's schema: replay a migrated template's DDL, or migrate as a fallback.

Measured here (DESIGN.md field notes): migrating each new schema costs ~340 ms and
django-tenants' clone function is slower still; replaying a cached `pg_dump --schema-only`
of a migrated template schema in one transaction costs tens of milliseconds. The template
is an Organisation row of kind TEMPLATE, so every `migrate_schemas` keeps it current, and
the cached script is keyed by the template's applied migrations.
"""

from __future__ import annotations

import logging
import os
import re
import subprocess
from dataclasses import dataclass

from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction
from django_tenants.utils import schema_exists

from hub.dbserver import pg_tool
from hub.organisations.models import Organisation, OrganisationKind

logger = logging.getLogger(__name__)

PLACEHOLDER = "__hub_schema__"


class ProvisioningError(Exception):
    pass


@dataclass(frozen=True)
class TemplateScript:
    """The template schema as SQL with a placeholder for the new schema's name."""

    state: tuple
    ddl: str
    copy_rows: str


_script_cache: dict[str, TemplateScript] = {}


def schema_name_for(slug: str) -> str:
    return "org_" + re.sub(r"[^a-z0-9_]", "_", slug.lower())


def template_ensure() -> Organisation:
    """The migrated template organisation, created (and migrated) on first use."""
    name = settings.TEMPLATE_SCHEMA_NAME
    template = Organisation.objects.filter(schema_name=name).first()
    if template is None:
        template = Organisation.objects.create(
            slug="template-schema",
            name="Template schema",
            kind=OrganisationKind.TEMPLATE,
            schema_name=name,
            accepts_complaints=False,
        )
    if not schema_exists(name):
        _schema_migrate(name)
    return template


def organisation_provision(
    *, slug: str, name: str, kind: str, method: str | None = None, **directory
) -> Organisation:
    """Create the organisation row and its schema in one go; nothing is left behind on failure."""
    organisation = Organisation(slug=slug, name=name, kind=kind, **directory)
    return organisation_save_new(organisation=organisation, method=method)


def organisation_save_new(*, organisation: Organisation, method: str | None = None) -> Organisation:
    """Save a new (unsaved) organisation together with its schema (the admin's add form too)."""
    method = method or settings.ORGANISATION_PROVISIONING
    slug = organisation.slug
    organisation.schema_name = schema_name_for(slug)
    organisation.full_clean()
    if method == "clone":
        template_ensure()
        try:
            script = _template_script()
        except ProvisioningError:
            logger.warning(
                "Template dump failed; provisioning %s by migration", slug, exc_info=True
            )
        else:
            with transaction.atomic():
                organisation.save()
                _schema_clone(organisation.schema_name, script)
            return organisation
    organisation.save()
    try:
        _schema_migrate(organisation.schema_name)
    except Exception:
        _schema_drop(organisation.schema_name)
        organisation.delete()
        raise
    return organisation


def _schema_migrate(schema: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE SCHEMA IF NOT EXISTS "{schema}"')
    call_command(
        "migrate_schemas",
        tenant=True,
        schema_name=schema,
        interactive=False,
        verbosity=0,
        skip_checks=True,
    )
    connection.set_schema_to_public()


def _schema_drop(schema: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


def _schema_clone(schema: str, script: TemplateScript) -> None:
    quoted = f'"{schema}"'
    sql = f"CREATE SCHEMA {quoted};\n" + script.ddl.replace(PLACEHOLDER, quoted)
    sql += script.copy_rows.replace(PLACEHOLDER, quoted)
    with connection.cursor() as cursor:
        cursor.execute(sql)
    # The script never changes search_path, but make the backend set it again anyway.
    connection.search_path_set_schemas = None


def _template_state() -> tuple:
    template = settings.TEMPLATE_SCHEMA_NAME
    with connection.cursor() as cursor:
        cursor.execute(f'SELECT count(*), coalesce(max(id), 0) FROM "{template}".django_migrations')
        return tuple(cursor.fetchone())


def _template_script() -> TemplateScript:
    state = _template_state()
    key = connection.settings_dict["NAME"]
    cached = _script_cache.get(key)
    if cached and cached.state == state:
        return cached
    script = TemplateScript(state=state, ddl=_dump_template_ddl(), copy_rows=_copy_rows_sql())
    _script_cache[key] = script
    return script


def _dump_template_ddl() -> str:
    template = settings.TEMPLATE_SCHEMA_NAME
    db = connection.settings_dict
    args = [
        pg_tool("pg_dump"),
        "--schema-only",
        "--no-owner",
        "--no-privileges",
        "--no-comments",
        f"--schema={template}",
        f"--dbname={db['NAME']}",
    ]
    if db.get("HOST"):
        args.append(f"--host={db['HOST']}")
    if db.get("PORT"):
        args.append(f"--port={db['PORT']}")
    if db.get("USER"):
        args.append(f"--username={db['USER']}")
    env = {**os.environ, "PGPASSWORD": db.get("PASSWORD") or ""}
    try:
        result = subprocess.run(
            args, capture_output=True, text=True, env=env, check=True, timeout=60
        )
    except (OSError, subprocess.SubprocessError) as exc:
        raise ProvisioningError(f"pg_dump failed: {exc}") from exc
    return _rewrite_dump(result.stdout, template)


def _rewrite_dump(dump: str, template: str) -> str:
    """Keep the DDL, drop session settings and psql meta-commands, and name no schema."""
    kept = []
    for line in dump.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith(
            ("--", "\\", "SET ", "SELECT pg_catalog.set_config")
        ):
            continue
        if stripped.startswith("CREATE SCHEMA"):
            continue
        kept.append(line)
    ddl = "\n".join(kept)
    ddl = re.sub(rf'(?<![\w"]){re.escape(template)}\.', PLACEHOLDER + ".", ddl)
    ddl = re.sub(rf'"{re.escape(template)}"\.', PLACEHOLDER + ".", ddl)
    if re.search(rf"\b{re.escape(template)}\b", ddl):
        raise ProvisioningError(
            "Template dump names the template schema in a way we cannot rewrite"
        )
    return ddl + "\n"


def _copy_rows_sql() -> str:
    """Rows the template's migrations wrote (django_migrations, seeded data), and sequences."""
    template = settings.TEMPLATE_SCHEMA_NAME
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = %s AND c.relkind = 'r' ORDER BY c.relname
            """,
            [template],
        )
        tables = [row[0] for row in cursor.fetchall()]
        filled = []
        for table in tables:
            cursor.execute(f'SELECT EXISTS (SELECT 1 FROM "{template}"."{table}")')
            if cursor.fetchone()[0]:
                filled.append(table)
        cursor.execute(
            """
            SELECT t.relname, a.attname
            FROM pg_class t
            JOIN pg_namespace n ON n.oid = t.relnamespace
            JOIN pg_attribute a ON a.attrelid = t.oid
            WHERE n.nspname = %s AND a.attidentity <> '' AND t.relkind = 'r'
            """,
            [template],
        )
        identities = cursor.fetchall()
    statements = [
        f'INSERT INTO {PLACEHOLDER}."{table}" SELECT * FROM "{template}"."{table}";'
        for table in filled
    ]
    statements += [
        f"SELECT setval(pg_get_serial_sequence('{PLACEHOLDER}.\"{table}\"', '{column}'), "
        f'coalesce((SELECT max("{column}") FROM {PLACEHOLDER}."{table}"), 0) + 1, false);'
        for table, column in identities
        if table in filled
    ]
    return "\n".join(statements) + "\n"
