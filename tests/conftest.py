"""Session world: the test database with the template schema and two organisations.

Built once per run (DESIGN.md field notes); each test then runs in a transaction that is
rolled back, across schemas alike.
"""

from __future__ import annotations

import shutil
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from celery.contrib.testing.worker import start_worker
from django.db import connection
from oauth2_provider.models import Application

from hub.accounts.models import Membership, OrganisationApplication, User
from hub.accounts.roles import ORGANISATION_ROLES, Role
from hub.intake.models import RoutingRule
from hub.organisations.context import organisation_context
from hub.organisations.models import Organisation, OrganisationKind
from hub.organisations.provisioning import organisation_provision
from hub.organisations.selectors import organisation_cache_clear
from hub.vocab.selectors import vocabulary_labels_clear

PASSWORD = "test-password-1234"


def pytest_configure(config):
    """Test-only settings, applied before anything uses them."""
    from django.conf import settings

    from hub.celery import app

    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Stored files of this run only: runs side by side never see (or sweep) each other's.
    settings.MEDIA_ROOT = tempfile.mkdtemp(prefix="hub-test-media-")
    # WhiteNoise warns on every request cycle when STATIC_ROOT (made by collectstatic) is absent.
    Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)
    # Tasks run eagerly in tests; one test starts a real worker on purpose.
    settings.CELERY_TASK_ALWAYS_EAGER = True
    app.conf.task_always_eager = True


def pytest_unconfigure(config):
    from django.conf import settings

    if settings.MEDIA_ROOT.startswith(tempfile.gettempdir()):
        shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)


@dataclass(frozen=True)
class OrgWorld:
    organisation: Organisation
    users: dict[str, User]
    application: Application
    client_secret: str


def _build_org(slug: str, name: str, **directory) -> OrgWorld:
    organisation = organisation_provision(
        slug=slug, name=name, kind=OrganisationKind.LEGAL_AID, **directory
    )
    users = {}
    for role in sorted(ORGANISATION_ROLES):
        user = User.objects.create_user(f"{role}@{slug}.test", PASSWORD, full_name=role)
        Membership.objects.create(user=user, organisation=organisation, role=role)
        users[role] = user
    secret = f"secret-{slug}"
    application = Application.objects.create(
        name=f"{slug} system",
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_CLIENT_CREDENTIALS,
        client_secret=secret,
        client_id=f"client-{slug}",
    )
    OrganisationApplication.objects.create(application=application, organisation=organisation)
    return OrgWorld(organisation, users, application, secret)


@pytest.fixture(scope="session")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        connection.set_schema_to_public()
        organisation_cache_clear()
        org_a = _build_org(
            "lbh-uji",
            "LBH Uji Jakarta",
            regions=["DKI Jakarta"],
            countries=["MY", "SA"],
            issue_types=["unpaid_wages", "trafficking"],
            languages=["id"],
        )
        org_b = _build_org(
            "sbmi-uji",
            "SBMI Uji Indramayu",
            regions=["Jawa Barat"],
            countries=["HK", "TW"],
            issue_types=["documents_withheld", "excessive_fees"],
            languages=["id"],
        )
        # Routing rules as the migration writes them from a profile: countries and issues.
        for org in (org_a, org_b):
            RoutingRule.objects.create(
                organisation=org.organisation,
                countries=org.organisation.countries,
                issue_types=org.organisation.issue_types,
                note="test world",
            )
        coordinator = User.objects.create_user("coordinator@network.test", PASSWORD)
        Membership.objects.create(user=coordinator, role=Role.COORDINATOR)
        yield {"a": org_a, "b": org_b, "coordinator": coordinator}


@pytest.fixture
def org_a(world, db) -> OrgWorld:
    return world["a"]


@pytest.fixture
def org_b(world, db) -> OrgWorld:
    return world["b"]


@pytest.fixture
def in_a(org_a):
    """Work inside organisation A's schema for the whole test."""
    with organisation_context(org_a.organisation) as organisation:
        yield organisation


@pytest.fixture
def coordinator(world, db) -> User:
    return world["coordinator"]


@contextmanager
def celery_worker(**options):
    """A real Celery worker (in-memory broker) while the block runs: tasks sent with
    `apply_async` run there, on the worker's own database connections (they see committed
    data only). `pool="threads", concurrency=2` runs two tasks at once."""
    from hub.celery import app

    keys = ("task_always_eager", "broker_url", "result_backend")
    saved = {k: app.conf[k] for k in keys}
    app.conf.update(
        task_always_eager=False, broker_url="memory://", result_backend="cache+memory://"
    )
    options = {"pool": "solo", **options}
    try:
        with start_worker(app, perform_ping_check=False, shutdown_timeout=10, **options):
            yield
    finally:
        app.conf.update(saved)


@pytest.fixture
def real_worker():
    with celery_worker():
        yield


@pytest.fixture(autouse=True)
def _public_schema_after_test():
    yield
    connection.set_schema_to_public()
    organisation_cache_clear()
    vocabulary_labels_clear()
