"""Production refuses the demo secret key and DEBUG; the demo defaults are safe."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _import_settings(**env) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", "import hub.settings"],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": "postgresql://x@localhost/x", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_refuses_the_demo_secret_key():
    result = _import_settings(HUB_ENV="production")
    assert result.returncode != 0 and "demo SECRET_KEY" in result.stderr


def test_production_refuses_debug():
    result = _import_settings(HUB_ENV="production", SECRET_KEY="k" * 50, DEBUG="true")
    assert result.returncode != 0 and "DEBUG" in result.stderr


def test_production_starts_with_its_own_key():
    assert _import_settings(HUB_ENV="production", SECRET_KEY="k" * 50).returncode == 0


def test_models_and_migrations_agree(world, db):
    """Also catches migrations that differ between processes (e.g. built from a set)."""
    from django.core.management import call_command

    call_command("makemigrations", "--check", "--dry-run", verbosity=0)
