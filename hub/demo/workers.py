"""The demo's gunicorn worker model, chosen by measurement (README, "Choosing the worker model").

No Django import here: bench/intake.py reads these defaults without setting Django up.
WEB_CONCURRENCY, WEB_WORKER_CLASS, WEB_THREADS and WEB_PRELOAD override them.
"""

from __future__ import annotations

import os

WORKERS = 3
WORKER_CLASS = "gthread"
THREADS = 4
PRELOAD = True
WORKER_CLASSES = ("sync", "gthread")


def _flag(text: str) -> bool:
    return text.strip().lower() in ("1", "true", "yes", "on")


def worker_model(environ=os.environ) -> dict:
    """Workers, worker class, threads per worker and preload, from the environment."""
    worker_class = environ.get("WEB_WORKER_CLASS", WORKER_CLASS)
    return {
        "workers": int(environ.get("WEB_CONCURRENCY", WORKERS)),
        "worker_class": worker_class,
        "threads": int(environ.get("WEB_THREADS", THREADS)) if worker_class == "gthread" else 1,
        "preload": _flag(environ.get("WEB_PRELOAD", str(PRELOAD))),
    }


def gunicorn_options(*, workers: int, worker_class: str, threads: int, preload: bool) -> list[str]:
    """gunicorn's command-line options for this worker model."""
    if worker_class not in WORKER_CLASSES:
        raise ValueError(f"worker class must be one of {WORKER_CLASSES}, not {worker_class!r}")
    options = ["--workers", str(workers), "--worker-class", worker_class]
    if worker_class == "gthread":
        options += ["--threads", str(threads)]
    if preload:
        options.append("--preload")
    return options
