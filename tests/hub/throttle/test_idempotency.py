"""One result per key, also when the second request comes while the first is still working
(a double tap on a slow link: two gunicorn workers, two connections)."""

from __future__ import annotations

import threading
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from hub.core.errors import Conflict
from hub.throttle.idempotency import once
from hub.throttle.models import SubmissionKey


def _on_own_connection(work):
    def run():
        try:
            return work()
        finally:
            connection.close()

    return run


def _waiting_on_a_lock(pid: int) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT wait_event_type FROM pg_stat_activity WHERE pid = %s", [pid])
        row = cursor.fetchone()
    return bool(row) and row[0] == "Lock"


def test_the_second_request_waits_for_the_first_and_gets_its_result(db):
    key = f"test-{uuid.uuid4()}"
    produced = []
    first_working, second_pid = threading.Event(), []
    release = threading.Event()

    def first_work():
        produced.append("first")
        first_working.set()
        release.wait(timeout=60)
        return "RP-AAAA-AAAA"

    def first():
        return once(scope="test", key=key, print_="p", produce=first_work)

    def second():
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            second_pid.append(cursor.fetchone()[0])
        return once(scope="test", key=key, print_="p", produce=lambda: produced.append("2"))

    try:
        with ThreadPoolExecutor(max_workers=2) as pool:
            one = pool.submit(_on_own_connection(first))
            assert first_working.wait(timeout=60)
            two = pool.submit(_on_own_connection(second))
            while not two.done() and not (second_pid and _waiting_on_a_lock(second_pid[0])):
                threading.Event().wait(0.01)
            release.set()
            assert one.result(timeout=60) == ("RP-AAAA-AAAA", False)
            assert two.result(timeout=60) == ("RP-AAAA-AAAA", True)
        assert produced == ["first"]
    finally:
        release.set()
        pool = ThreadPoolExecutor(max_workers=1)
        pool.submit(
            _on_own_connection(lambda: SubmissionKey.objects.filter(key=key).delete())
        ).result()
        pool.shutdown()


def test_a_failed_first_use_leaves_the_key_free(db):
    def fails():
        raise Conflict("no")

    with pytest.raises(Conflict):
        once(scope="test", key="k", print_="p", produce=fails)
    assert once(scope="test", key="k", print_="p", produce=lambda: "r") == ("r", False)
    assert once(scope="test", key="k", print_="p", produce=lambda: "s") == ("r", True)
    with pytest.raises(Conflict):
        once(scope="test", key="k", print_="other", produce=lambda: "t")
    assert once(scope="other", key="k", print_="p", produce=lambda: "u") == ("u", False)


def test_an_expired_key_may_be_used_again(db):
    once(scope="test", key="old", print_="p", produce=lambda: "r")
    SubmissionKey.objects.update(created_at="2020-01-01T00:00:00Z")
    assert once(scope="test", key="old", print_="q", produce=lambda: "s") == ("s", False)
    assert SubmissionKey.objects.get(key="old").result == "s"
