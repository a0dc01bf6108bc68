"""Recording and sending notifications, in the active organisation's schema.

Recorded before sent: producers only insert rows (`notifications_record`), and a row that
exists already (same `dedupe_key`) is left alone, so running a producer again, or handling an
event delivered twice, records nothing new.

Sent once: `notifications_send` first claims rows in a short transaction of its own
(`SELECT … FOR UPDATE SKIP LOCKED`, then `state = 'sending'`, `claimed_by = <worker>`), commits,
and only then sends each e-mail and marks it `sent`. A second worker running at the same
moment skips the rows the first one has locked and, after its commit, no longer sees them as
pending; a rerun finds them `sent`. So in the normal path no row is ever sent twice.

The one edge, and why it is accepted: a worker that dies after the mail server took a message
but before the row was marked `sent` leaves the row in `sending`. After `STALE_CLAIM` another
run claims it again and sends it a second time. The other choice (mark first, send after)
would lose the message in the same crash; a duplicate reminder is the lesser harm. The mark
only succeeds for the worker that holds the claim, so a late first worker never overwrites
the second one's outcome.
"""

from __future__ import annotations

import os
import socket
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core import mail
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone, translation

from hub.accounts.models import User
from hub.accounts.roles import Role
from hub.accounts.selectors import users_with_role
from hub.organisations.models import Organisation
from tenants.notifications.models import Notification

State = Notification.State

STALE_CLAIM = timedelta(minutes=10)
RETRY_AFTER = timedelta(minutes=1)  # a refused e-mail waits this long before the next try
MAX_ATTEMPTS = 5
BATCH = 100
PER_CALL = 1000  # so that one organisation's backlog leaves time for the others' in a tick


@dataclass(frozen=True)
class NotificationDraft:
    """One notification as a producer wants it, already rendered in the recipient's language."""

    recipient_user_id: int
    kind: str
    dedupe_key: str
    subject: str
    body: str
    url: str = ""
    case_id: int | None = None


def recipient_language(user_id: int) -> str:
    """The language a person's notifications are written in. Accounts carry no language
    preference yet, so everyone gets the site's default: Indonesian."""
    return settings.LANGUAGE_CODE


def notification_subject(organisation: Organisation, text: str) -> str:
    """A subject says which organisation it comes from: people may belong to several."""
    return f"[{organisation.name}] {text}"


def division_heads(organisation: Organisation) -> set[int]:
    """The organisation's division heads (user ids): told of what waits for a decision."""
    heads = users_with_role(organisation=organisation, role=Role.DIVISION_HEAD)
    return set(heads.values_list("pk", flat=True))


def notification_drafts(
    recipients: Iterable[int], *, kind: str, key: str, case_id: int | None, url: str, render
) -> list[NotificationDraft]:
    """One draft per recipient, rendered in their language by `render() -> (subject, body)`;
    the dedupe key is `key` plus the recipient."""
    drafts = []
    for user_id in sorted(set(recipients)):
        with translation.override(recipient_language(user_id)):
            subject, body = render()
        drafts.append(
            NotificationDraft(
                recipient_user_id=user_id,
                kind=kind,
                dedupe_key=f"{key}:{user_id}",
                subject=subject,
                body=body,
                url=url,
                case_id=case_id,
            )
        )
    return drafts


def notifications_record(*, drafts: Iterable[NotificationDraft]) -> None:
    """Insert the drafts; one already recorded (same dedupe key) is skipped
    (`INSERT … ON CONFLICT DO NOTHING`)."""
    rows = [
        Notification(
            recipient_user_id=draft.recipient_user_id,
            kind=draft.kind,
            dedupe_key=draft.dedupe_key[:200],
            subject=draft.subject[:200],
            body=draft.body,
            url=draft.url[:300],
            case_id=draft.case_id,
        )
        for draft in drafts
    ]
    if rows:
        Notification.objects.bulk_create(rows, ignore_conflicts=True)


def worker_id() -> str:
    """Who holds a claim: host, process and thread."""
    return f"{socket.gethostname()}:{os.getpid()}:{threading.get_ident()}"[:120]


def notifications_claim(
    *, worker: str, limit: int = BATCH, now: datetime | None = None
) -> list[Notification]:
    """Claim up to `limit` rows to send: pending ones (a refused one after `RETRY_AFTER`), and
    claims older than `STALE_CLAIM` (a worker that crashed). Rows another transaction holds
    are skipped, never waited for. Commits at once (when not inside an outer transaction)."""
    now = now or timezone.now()
    stale = Q(state=State.SENDING, claimed_at__lt=now - STALE_CLAIM)
    pending = Q(state=State.PENDING) & (
        Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - RETRY_AFTER)
    )
    with transaction.atomic():
        # A crashed claim that has used its attempts stops here.
        Notification.objects.filter(stale, attempts__gte=MAX_ATTEMPTS).update(
            state=State.FAILED, last_error="claim abandoned too often"
        )
        ids = list(
            Notification.objects.select_for_update(skip_locked=True)
            .filter(pending | stale)
            .order_by("id")
            .values_list("id", flat=True)[:limit]
        )
        if not ids:
            return []
        Notification.objects.filter(pk__in=ids).update(
            state=State.SENDING, claimed_by=worker, claimed_at=now, attempts=F("attempts") + 1
        )
        return list(Notification.objects.filter(pk__in=ids).order_by("id"))


def notifications_send(
    *, batch: int = BATCH, limit: int = PER_CALL, now: datetime | None = None
) -> int:
    """Claim, send by e-mail, mark, a batch at a time, until nothing is left to claim or
    `limit` rows were tried; returns how many were sent. A refused e-mail goes back to pending
    (tried again after `RETRY_AFTER`) until it has used `MAX_ATTEMPTS`; a recipient without a
    working account fails at once."""
    worker = worker_id()
    sent = tried = 0
    while tried < limit:
        # Each batch's claim carries its own time, so a long run's later batches never look
        # stale to another worker.
        claimed = notifications_claim(
            worker=worker, limit=min(batch, limit - tried), now=now or timezone.now()
        )
        if not claimed:
            break
        tried += len(claimed)
        sent += _send_claimed(claimed, worker)
    return sent


def _send_claimed(claimed: list[Notification], worker: str) -> int:
    users = User.objects.in_bulk({row.recipient_user_id for row in claimed})
    connection = mail.get_connection()
    sent = 0
    for row in claimed:
        user = users.get(row.recipient_user_id)
        if user is None or not user.is_active or not user.email:
            _finish(row, worker, state=State.FAILED, error="no active account with an e-mail")
            continue
        message = mail.EmailMessage(
            subject=row.subject,
            body=_email_body(row),
            to=[user.email],
            connection=connection,
        )
        try:
            message.send()
        except Exception as exc:  # the transport's errors are many; each is retried alike
            retry = row.attempts < MAX_ATTEMPTS
            _finish(row, worker, state=State.PENDING if retry else State.FAILED, error=repr(exc))
            continue
        _finish(row, worker, state=State.SENT)
        sent += 1
    return sent


def _email_body(row: Notification) -> str:
    if not row.url:
        return row.body
    return f"{row.body}\n\n{settings.HUB_SITE_URL.rstrip('/')}{row.url}\n"


def _finish(row: Notification, worker: str, *, state: str, error: str = "") -> None:
    """Only the current holder of the claim records the outcome."""
    Notification.objects.filter(pk=row.pk, state=State.SENDING, claimed_by=worker).update(
        state=state,
        sent_at=timezone.now() if state == State.SENT else None,
        last_error=error[:300],
    )
