"""`make demo`: migrate, seed once, collect static files, then serve with gunicorn, and run
the periodic tick (clocks, notifications): with a broker, a Celery worker and `celery beat`;
without one, `manage.py run_ticker`.

This process holds the embedded PostgreSQL (when DATABASE_URL is unset) for as long as the
servers it starts run, then stops them all on Ctrl+C.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles.finders import get_finders
from django.core.management import call_command
from django.core.management.base import BaseCommand

from hub.demo.seed import seed_demo
from hub.demo.workers import WORKER_CLASSES, gunicorn_options, worker_model
from hub.organisations.models import Organisation
from hub.organisations.provisioning import template_ensure


def credentials_path() -> Path:
    """Where the demo's logins and OAuth2 clients are written when the database is seeded: the
    demo's own database keeps the README's name; another embedded database (a benchmark's,
    HUB_DATABASE_NAME) gets its own file, so seeding it never overwrites the secrets of the
    demo people log in to."""
    database = os.environ.get("HUB_DATABASE_NAME", "hub")
    suffix = "" if database == "hub" else f"-{database}"
    return Path(settings.BASE_DIR) / ".data" / f"demo-credentials{suffix}.json"


CREDENTIALS = credentials_path()
# Without a broker the tick sends the notification e-mails (console backend) into this file, so
# that a first start's hundreds of them do not scroll the credentials away.
MAIL_LOG = Path(settings.BASE_DIR) / ".data" / "demo-mail.log"


class Command(BaseCommand):
    help = "Set up the demo (once) and serve http://127.0.0.1:8000 with gunicorn."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", default="8000")
        model = worker_model()
        parser.add_argument("--workers", type=int, default=model["workers"])
        parser.add_argument("--worker-class", choices=WORKER_CLASSES, default=model["worker_class"])
        parser.add_argument(
            "--threads", type=int, default=model["threads"], help="per worker (gthread only)"
        )
        parser.add_argument(
            "--preload",
            action=argparse.BooleanOptionalAction,
            default=model["preload"],
            help="load the application once in the master, before the workers fork",
        )
        parser.add_argument("--no-serve", action="store_true", help="Set up, then exit.")

    def handle(self, *args, host, port, no_serve, **options):
        self.stdout.write("Migrating the public schema and every organisation schema…")
        call_command("migrate_schemas", interactive=False, verbosity=0)
        template_ensure()
        if not Organisation.objects.members().exists():
            self.stdout.write("Creating demo organisations, staff and cases (once)…")
            result = seed_demo()
            CREDENTIALS.parent.mkdir(parents=True, exist_ok=True)
            CREDENTIALS.write_text(json.dumps(result.__dict__, indent=2, ensure_ascii=False))
            CREDENTIALS.chmod(0o600)
        self._collect_static()
        self._print_credentials(host, port)
        if no_serve:
            return
        model = {key: options[key] for key in ("workers", "worker_class", "threads", "preload")}
        self._serve(host, port, gunicorn_options(**model))

    def _collect_static(self) -> None:
        """Collect (and compress) static files only when a source file changed: ~20 s saved."""
        digest = hashlib.sha256()
        for finder in get_finders():
            for path, storage in finder.list([]):
                stat = os.stat(storage.path(path))
                digest.update(f"{path}:{stat.st_size}:{stat.st_mtime_ns}".encode())
        stamp = Path(settings.STATIC_ROOT) / ".sources-digest"
        if stamp.exists() and stamp.read_text() == digest.hexdigest():
            return
        self.stdout.write("Collecting static files…")
        call_command("collectstatic", interactive=False, verbosity=0)
        stamp.write_text(digest.hexdigest())

    def _print_credentials(self, host: str, port: str) -> None:
        if not CREDENTIALS.exists():
            self.stdout.write(
                self.style.WARNING("No demo credentials file (data came from elsewhere).")
            )
            return
        data = json.loads(CREDENTIALS.read_text())
        self.stdout.write(self.style.SUCCESS(f"\nDemo credentials (also in {CREDENTIALS}):"))
        for user in data["users"]:
            where = user["organisation"] or "network"
            self.stdout.write(
                f"  {user['email']:<42} {user['password']}  {user['role']:<24} {where}"
            )
        for app in data["applications"]:
            self.stdout.write(
                f"  OAuth2 client {app['organisation']}: client_id={app['client_id']} "
                f"client_secret={app['client_secret']}"
            )
        if settings.CELERY_TASK_ALWAYS_EAGER:
            self.stdout.write(f"\nNotification e-mails (console backend) go to {MAIL_LOG}")
        self.stdout.write(self.style.SUCCESS(f"\nServing http://{host}:{port}/  (Ctrl+C stops)\n"))

    def _serve(self, host: str, port: str, options: list[str]) -> None:
        bin_dir = Path(sys.executable).parent
        # Links in e-mails point at the address this demo serves.
        os.environ.setdefault("HUB_SITE_URL", f"http://{host}:{port}")
        children = [
            subprocess.Popen(
                [
                    str(bin_dir / "gunicorn"),
                    "hub.wsgi:application",
                    "--bind",
                    f"{host}:{port}",
                    *options,
                    "--access-logfile",
                    "-",
                    "--graceful-timeout",
                    "5",
                    # one control socket per checkout, so two demos never share one
                    "--control-socket",
                    str(Path(settings.BASE_DIR) / ".data" / "gunicorn.ctl"),
                ]
            )
        ]
        if not settings.CELERY_TASK_ALWAYS_EAGER:
            children.append(
                subprocess.Popen(
                    [
                        str(bin_dir / "celery"),
                        "-A",
                        "hub",
                        "worker",
                        "--loglevel",
                        "info",
                        "--concurrency",
                        "2",
                    ]
                )
            )
            children.append(
                subprocess.Popen(
                    [
                        str(bin_dir / "celery"),
                        "-A",
                        "hub",
                        "beat",
                        "--loglevel",
                        "info",
                        "--schedule",
                        str(Path(settings.BASE_DIR) / ".data" / "celerybeat-schedule"),
                    ]
                )
            )
        else:
            # No broker: nothing would run what beat sends, so the tick runs in a process
            # of its own that calls the scheduled tasks directly.
            MAIL_LOG.parent.mkdir(parents=True, exist_ok=True)
            with MAIL_LOG.open("a") as mail_log:
                children.append(
                    subprocess.Popen(
                        [sys.executable, str(Path(settings.BASE_DIR) / "manage.py"), "run_ticker"],
                        stdout=mail_log,
                    )
                )

        def stop(signum, frame):
            for child in children:
                child.terminate()

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        try:
            while all(child.poll() is None for child in children):
                time.sleep(1)
        finally:
            stop(None, None)
            for child in children:
                child.wait(timeout=15)
