"""The demo's gunicorn worker model: defaults, the environment's overrides, gunicorn's options."""

from __future__ import annotations

import pytest

from hub.demo import workers
from hub.demo.workers import gunicorn_options, worker_model


def test_without_settings_the_measured_model_is_used():
    assert worker_model({}) == {
        "workers": workers.WORKERS,
        "worker_class": workers.WORKER_CLASS,
        "threads": workers.THREADS if workers.WORKER_CLASS == "gthread" else 1,
        "preload": workers.PRELOAD,
    }


def test_the_environment_overrides_each_part():
    environ = {
        "WEB_CONCURRENCY": "5",
        "WEB_WORKER_CLASS": "gthread",
        "WEB_THREADS": "8",
        "WEB_PRELOAD": "true",
    }
    assert worker_model(environ) == {
        "workers": 5,
        "worker_class": "gthread",
        "threads": 8,
        "preload": True,
    }


def test_sync_workers_have_one_thread_whatever_web_threads_says():
    assert worker_model({"WEB_WORKER_CLASS": "sync", "WEB_THREADS": "8"})["threads"] == 1


def test_gthread_options_carry_the_threads_and_preload():
    options = gunicorn_options(workers=2, worker_class="gthread", threads=4, preload=True)
    assert options == [
        "--workers",
        "2",
        "--worker-class",
        "gthread",
        "--threads",
        "4",
        "--preload",
    ]


def test_sync_options_name_no_threads():
    options = gunicorn_options(workers=3, worker_class="sync", threads=4, preload=False)
    assert options == ["--workers", "3", "--worker-class", "sync"]


def test_an_unknown_worker_class_is_refused():
    with pytest.raises(ValueError, match="worker class"):
        gunicorn_options(workers=3, worker_class="gevent", threads=1, preload=False)


def test_rundemo_passes_the_model_to_gunicorn(monkeypatch, tmp_path):
    from hub.demo.management.commands import rundemo

    monkeypatch.setenv("HUB_SITE_URL", "http://127.0.0.1:8123")  # restored afterwards
    monkeypatch.setattr(rundemo, "MAIL_LOG", tmp_path / "mail.log")

    started = []

    class Child:
        def __init__(self, args, **kwargs):
            started.append(args)

        def poll(self):
            return 0  # ends at once: the supervisor stops

        def terminate(self):
            pass

        def wait(self, timeout=None):
            return 0

    monkeypatch.setattr(rundemo.subprocess, "Popen", Child)
    monkeypatch.setattr(rundemo.signal, "signal", lambda *args: None)
    rundemo.Command()._serve("127.0.0.1", "8123", ["--workers", "2", "--threads", "4"])
    gunicorn = next(args for args in started if args[0].endswith("gunicorn"))
    assert gunicorn[gunicorn.index("--workers") + 1] == "2"
    assert gunicorn[gunicorn.index("--threads") + 1] == "4"


def test_a_benchmark_database_writes_its_own_credentials_file(monkeypatch):
    """Seeding the intake benchmark's database must not overwrite the demo's OAuth2 secrets."""
    from hub.demo.management.commands.rundemo import credentials_path

    monkeypatch.delenv("HUB_DATABASE_NAME", raising=False)
    assert credentials_path().name == "demo-credentials.json"
    monkeypatch.setenv("HUB_DATABASE_NAME", "hub_bench_intake")
    assert credentials_path().name == "demo-credentials-hub_bench_intake.json"
