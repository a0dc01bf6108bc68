"""Every action a service records has a label people read in the audit trail."""

from __future__ import annotations

import re
from pathlib import Path

from hub.core.models import ACTION_LABELS
from tenants.cases.decisions import SETTLEMENTS

ROOT = Path(__file__).resolve().parents[3]
RECORDED = re.compile(r'name="([a-z_]+\.[a-z_]+)"')


def _recorded_actions() -> set[str]:
    names = set()
    for folder in ("hub", "tenants", "sharing"):
        for path in (ROOT / folder).rglob("*.py"):
            names |= set(RECORDED.findall(path.read_text()))
    names -= {"core.outbox_dispatch"}  # a Celery task's name, not an action
    dynamic = {f"decision.{outcome}" for outcome in SETTLEMENTS}
    return names | dynamic


def test_every_recorded_action_has_a_label():
    assert _recorded_actions() - set(ACTION_LABELS) == set()
