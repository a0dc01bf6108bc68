"""`manage.py run_ticker`: Celery beat's schedule without a broker, for the demo.

With no broker, tasks run eagerly in the process that calls them, so `celery beat` (which only
sends tasks to a broker) would have no one to run them. This process runs each task of
CELERY_BEAT_SCHEDULE itself, every `schedule` seconds, until it is stopped. A tick that fails
is logged and the next one comes as usual.
"""

from __future__ import annotations

import logging
import signal
import threading
import time
from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from hub.celery import app

logger = logging.getLogger(__name__)


def _seconds(schedule) -> float:
    if isinstance(schedule, int | float):
        return float(schedule)
    if isinstance(schedule, timedelta):
        return schedule.total_seconds()
    run_every = getattr(schedule, "run_every", None)  # celery.schedules.schedule
    if isinstance(run_every, timedelta):
        return run_every.total_seconds()
    raise CommandError(f"run_ticker runs fixed intervals only, not {schedule!r}")


class Command(BaseCommand):
    help = "Run the periodic tasks of CELERY_BEAT_SCHEDULE in this process (no broker needed)."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Run every task once, then exit.")

    def handle(self, *args, once: bool, **options):
        entries = [
            (name, entry["task"], _seconds(entry["schedule"]))
            for name, entry in settings.CELERY_BEAT_SCHEDULE.items()
        ]
        unknown = [task for _name, task, _every in entries if task not in app.tasks]
        if unknown:
            raise CommandError(f"Unknown tasks in CELERY_BEAT_SCHEDULE: {', '.join(unknown)}")
        stop = threading.Event()
        if not once:
            # Ctrl+C or the demo's stop: finish the tick under way, then leave.
            for signum in (signal.SIGTERM, signal.SIGINT):
                signal.signal(signum, lambda *_: stop.set())
        due = dict.fromkeys((name for name, _task, _every in entries), time.monotonic())
        while not stop.is_set():
            for name, task, every in entries:
                if time.monotonic() >= due[name]:
                    due[name] = time.monotonic() + every
                    self._run(name, task)
            if once:
                return
            stop.wait(max(0.0, min(due.values()) - time.monotonic()))

    def _run(self, name: str, task: str) -> None:
        try:
            app.tasks[task].apply(throw=True)
        except Exception:
            logger.exception("periodic task %s (%s) failed", name, task)
