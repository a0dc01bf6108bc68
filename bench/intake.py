"""The public door under load: complaints filed and statuses looked up over HTTP.

Run: `make bench` (or `.venv/bin/python bench/intake.py`). Without `--url` it starts the demo's
own gunicorn on a free port, on its own database (`hub_bench_intake`), with
RATELIMIT_ENABLE=false, and stops it afterwards. With `--url` it drives any running hub: that
server's own limits apply and every 429 counts as an error; `--client-id`, `--client-secret`
and `--org` then name an OAuth2 client of one organisation (for the dossiers of part c).

Three parts, from this process (a second process on loopback):
  (a) open loop: complaints at a fixed arrival rate (default 50 a second for 30 s); each
      latency counts from the moment the request was due, so queueing is not hidden;
  (b) closed loop: 50 clients filing complaints as fast as they are answered;
  (c) status lookups for 30 s while three 60-page dossier renders are kept in flight.
Writes bench/results/intake.json.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from io import BytesIO

import requests
from common import RESULTS, ROOT, write_result
from pypdf import PdfReader

DATABASE = "hub_bench_intake"


def _demo_workers():
    """hub/demo/workers.py, read by path: importing `hub` would set Django up here."""
    spec = importlib.util.spec_from_file_location("demo_workers", ROOT / "hub/demo/workers.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


demo_workers = _demo_workers()


def percentile(ordered: list[float], share: float) -> float:
    if not ordered:
        return 0.0
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


def figures(latencies_ms: list[float], errors: int, elapsed_s: float) -> dict:
    ordered = sorted(latencies_ms)
    requests_made = len(ordered) + errors
    return {
        "requests": requests_made,
        "errors": errors,
        "p50_ms": round(percentile(ordered, 0.50), 1),
        "p95_ms": round(percentile(ordered, 0.95), 1),
        "p99_ms": round(percentile(ordered, 0.99), 1),
        "max_ms": round(ordered[-1], 1) if ordered else 0.0,
        "throughput_per_s": round(len(ordered) / elapsed_s, 1) if elapsed_s else 0.0,
    }


class Recorder:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.latencies: list[float] = []
        self.errors = 0
        self.statuses: dict[int, int] = {}

    def add(self, started: float, response: requests.Response | None) -> None:
        finished = time.perf_counter()
        with self.lock:
            code = response.status_code if response is not None else 0
            self.statuses[code] = self.statuses.get(code, 0) + 1
            if response is None or response.status_code >= 400:
                self.errors += 1
            else:
                self.latencies.append((finished - started) * 1000)


_local = threading.local()


def session() -> requests.Session:
    if not hasattr(_local, "session"):
        _local.session = requests.Session()
    return _local.session


def complaint_body(issue_types: list[str], number: int) -> dict:
    return {
        "reporter_type": "worker",
        "reporter_name": f"Pekerja Uji {number}",
        "contact_phone": "+60 12 345 6789",
        "country_of_work": "MY",
        "work_city": "Kuala Lumpur",
        "home_region": "Jawa Barat",
        "issue_types": [issue_types[number % len(issue_types)]],
        "narrative": "Gaji tiga bulan tidak dibayar dan paspor ditahan oleh majikan. " * 4,
        "consent": {"contact": True, "share": False, "refer": False, "statistics": True},
    }


def file_complaint(url: str, body: dict, recorder: Recorder, due: float) -> str | None:
    response = None
    with contextlib.suppress(requests.RequestException):
        response = session().post(f"{url}/api/v1/public/complaints/", json=body, timeout=30)
    recorder.add(due, response)
    if response is not None and response.status_code == 201:
        return response.json().get("receipt_code")
    return None


def open_loop(url: str, issue_types: list[str], rate: float, seconds: float) -> tuple[dict, list]:
    recorder, codes = Recorder(), []
    total = int(rate * seconds)
    start = time.perf_counter() + 0.2
    with ThreadPoolExecutor(max_workers=128) as pool:
        futures = []
        for number in range(total):
            due = start + number / rate
            delay = due - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            body = complaint_body(issue_types, number)
            futures.append(pool.submit(file_complaint, url, body, recorder, due))
        codes = [code for future in futures if (code := future.result())]
    elapsed = time.perf_counter() - start
    return figures(recorder.latencies, recorder.errors, elapsed) | {
        "rate_per_s": rate,
        "seconds": seconds,
        "statuses": recorder.statuses,
    }, codes


def closed_loop(url: str, issue_types: list[str], clients: int, seconds: float) -> dict:
    recorder = Recorder()
    stop = time.perf_counter() + seconds

    def client(index: int) -> None:
        number = index * 100_000
        while time.perf_counter() < stop:
            number += 1
            file_complaint(url, complaint_body(issue_types, number), recorder, time.perf_counter())

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        list(pool.map(client, range(clients)))
    elapsed = time.perf_counter() - started
    return figures(recorder.latencies, recorder.errors, elapsed) | {
        "clients": clients,
        "seconds": seconds,
        "statuses": recorder.statuses,
    }


def token(url: str, client_id: str, secret: str) -> str:
    response = requests.post(
        f"{url}/o/token/",
        data={"grant_type": "client_credentials", "client_id": client_id, "client_secret": secret},
        timeout=30,
    )
    response.raise_for_status()
    return response.json()["access_token"]


def long_case(url: str, org: str, bearer: dict) -> int:
    """A case whose dossier runs to about 60 pages: many events with long descriptions."""
    api = f"{url}/org/{org}/api/v1"
    created = requests.post(
        f"{api}/cases/",
        json={"title": "Kasus panjang (benchmark)", "summary": "Kronologi panjang. " * 50},
        headers=bearer,
        timeout=30,
    )
    created.raise_for_status()
    case_id = created.json()["id"]
    text = (
        "Pekerja dipindahkan ke majikan lain tanpa kontrak baru; gaji dipotong untuk biaya "
        "agensi dan paspor ditahan. Keluarga melapor ke dinas ketenagakerjaan. "
    ) * 6
    with ThreadPoolExecutor(max_workers=8) as pool:
        list(
            pool.map(
                lambda day: requests.post(
                    f"{api}/cases/{case_id}/events/",
                    json={
                        "title": f"Kejadian {day + 1}",
                        "description": text,
                        "occurred_on": f"2025-{1 + day % 12:02d}-{1 + day % 28:02d}",
                        "place": "Kuala Lumpur",
                    },
                    headers=bearer,
                    timeout=30,
                ).raise_for_status(),
                range(175),
            )
        )
    return case_id


def status_during_pdf(
    url: str, codes: list[str], dossier_url: str, bearer: dict, seconds: float
) -> dict:
    recorder, pdf = Recorder(), Recorder()
    stop = time.perf_counter() + seconds
    pages: list[int] = []

    def render() -> None:
        while time.perf_counter() < stop:
            started, response = time.perf_counter(), None
            try:
                response = session().get(dossier_url, headers=bearer, timeout=120)
                if response.status_code == 200 and not pages:
                    pages.append(len(PdfReader(BytesIO(response.content)).pages))
            except requests.RequestException:
                pass
            pdf.add(started, response)

    def lookup(index: int) -> None:
        number = index
        while time.perf_counter() < stop:
            code = codes[number % len(codes)]
            number += 5
            started, response = time.perf_counter(), None
            with contextlib.suppress(requests.RequestException):
                response = session().get(f"{url}/api/v1/public/complaints/{code}/", timeout=30)
            recorder.add(started, response)
            time.sleep(0.02)

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=8) as pool:
        renders = [pool.submit(render) for _ in range(3)]
        lookups = [pool.submit(lookup, index) for index in range(5)]
        for future in renders + lookups:
            future.result()
    elapsed = time.perf_counter() - started
    return figures(recorder.latencies, recorder.errors, elapsed) | {
        "seconds": seconds,
        "dossiers_in_flight": 3,
        "dossier_renders": figures(pdf.latencies, pdf.errors, elapsed),
        "dossier_pages": pages[0] if pages else None,
        "statuses": recorder.statuses,
    }


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_demo(model: dict) -> tuple[subprocess.Popen, str, float]:
    """The demo's gunicorn with this worker model; its URL and seconds until it answered."""
    port = free_port()
    env = os.environ | {"HUB_DATABASE_NAME": DATABASE, "RATELIMIT_ENABLE": "false"}
    log = open(RESULTS / "intake-server.log", "w")  # noqa: SIM115 - closed with the server
    options = [
        "--workers",
        str(model["workers"]),
        "--worker-class",
        model["worker_class"],
        "--threads",
        str(model["threads"]),
        "--preload" if model["preload"] else "--no-preload",
    ]
    started = time.monotonic()
    server = subprocess.Popen(
        [sys.executable, "manage.py", "rundemo", "--port", str(port), *options],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 600  # the first start migrates and seeds the demo
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the demo server stopped; see {log.name}")
        try:
            if requests.get(f"{url}/healthz", timeout=2).status_code == 200:
                return server, url, round(time.monotonic() - started, 1)
        except requests.RequestException:
            pass
        time.sleep(1)
    raise SystemExit("the demo server did not start within 10 minutes")


def server_memory(server: subprocess.Popen) -> dict:
    """Memory of the gunicorn workers (children of the master that rundemo started): RSS counts
    pages shared with the master in every worker; PSS shares them out; USS is a worker's own."""
    import psutil

    masters = [
        child
        for child in psutil.Process(server.pid).children()
        if any("gunicorn" in part for part in child.cmdline()[:2])
    ]
    if not masters:
        return {}
    master = masters[0]
    workers = []
    for worker in master.children():
        with contextlib.suppress(psutil.Error):
            info = worker.memory_full_info()
            workers.append({"rss": info.rss, "pss": info.pss, "uss": info.uss})
    mib = 2**20
    total = {key: round(sum(w[key] for w in workers) / mib, 1) for key in ("rss", "pss", "uss")}
    return {
        "workers": len(workers),
        "master_rss_mib": round(master.memory_info().rss / mib, 1),
        "worker_rss_mib": [round(w["rss"] / mib, 1) for w in workers],
        "workers_rss_total_mib": total["rss"],
        "workers_pss_total_mib": total["pss"],
        "workers_uss_total_mib": total["uss"],
    }


def load_average() -> list[float]:
    return [round(value, 2) for value in os.getloadavg()]


def demo_client(org: str) -> tuple[str, str]:
    credentials = json.loads((ROOT / ".data" / f"demo-credentials-{DATABASE}.json").read_text())
    application = next(a for a in credentials["applications"] if a["organisation"] == org)
    return application["client_id"], application["client_secret"]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", help="a running hub; default: start the demo's own gunicorn")
    parser.add_argument("--org", default="lbh-jakarta")
    parser.add_argument("--client-id")
    parser.add_argument("--client-secret")
    parser.add_argument("--rate", type=float, default=50.0)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--clients", type=int, default=50)
    # The demo's own server: the worker model `make demo` runs (hub/demo/workers.py), unless
    # told otherwise here.
    default = demo_workers.worker_model()
    parser.add_argument("--workers", type=int, default=default["workers"])
    parser.add_argument(
        "--worker-class", choices=demo_workers.WORKER_CLASSES, default=default["worker_class"]
    )
    parser.add_argument("--threads", type=int, default=default["threads"])
    parser.add_argument(
        "--preload", action=argparse.BooleanOptionalAction, default=default["preload"]
    )
    parser.add_argument(
        "--output", default="intake", help="name of the result file in bench/results/"
    )
    args = parser.parse_args()
    RESULTS.mkdir(parents=True, exist_ok=True)
    model = {
        "workers": args.workers,
        "worker_class": args.worker_class,
        "threads": args.threads if args.worker_class == "gthread" else 1,
        "preload": args.preload,
    }
    server, started_in, memory = None, None, {}
    load_before = load_average()
    url = (args.url or "").rstrip("/")
    try:
        if not url:
            server, url, started_in = start_demo(model)
        client_id, secret = args.client_id, args.client_secret
        if not (client_id and secret):
            client_id, secret = demo_client(args.org)
        vocab = requests.get(f"{url}/api/v1/public/vocabularies/issue_type/", timeout=30).json()
        issue_types = [term["code"] for term in vocab][:6]
        bearer = {"Authorization": f"Bearer {token(url, client_id, secret)}"}
        a, codes = open_loop(url, issue_types, args.rate, args.seconds)
        print("open loop", json.dumps({k: v for k, v in a.items() if k != "statuses"}))
        b = closed_loop(url, issue_types, args.clients, min(args.seconds, 20.0))
        print("closed loop", json.dumps({k: v for k, v in b.items() if k != "statuses"}))
        case_id = long_case(url, args.org, bearer)
        dossier = f"{url}/org/{args.org}/api/v1/cases/{case_id}/dossier.pdf"
        c = status_during_pdf(url, codes or ["RP-2222-2222"], dossier, bearer, args.seconds)
        print("status during pdf", json.dumps({k: v for k, v in c.items() if k != "statuses"}))
        if server is not None:
            memory = server_memory(server)
            print("memory", json.dumps(memory))
    finally:
        if server is not None:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=60)
    write_result(
        args.output,
        {
            "url": args.url or "demo gunicorn started by the benchmark",
            "server": model | {"started_in_s": started_in, "memory": memory}
            if server is not None
            else "as configured there",
            "load_average": {"before": load_before, "after": load_average()},
            "open_loop": a,
            "closed_loop": b,
            "status_during_pdf": c,
            "goals": {
                "open_loop": "p95 under 100 ms, 0 errors at 50 complaints a second",
                "status_during_pdf": "p95 under 100 ms with three dossiers rendering",
            },
            "goals_met": {
                "open_loop": a["p95_ms"] < 100 and a["errors"] == 0,
                "status_during_pdf": c["p95_ms"] < 100 and c["errors"] == 0,
            },
        },
    )


if __name__ == "__main__":
    main()
