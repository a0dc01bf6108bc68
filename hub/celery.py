"""The tenant-aware Celery app: tasks carry the schema they were enqueued from."""

from __future__ import annotations

import os

from tenant_schemas_celery.app import CeleryApp

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hub.settings")

app = CeleryApp("hub")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks(lambda: ["hub.core"], related_name="outbox")
