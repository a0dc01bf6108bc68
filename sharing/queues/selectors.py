"""The work queue: what waits for an organisation, composed from each owner app's selector.

Referrals and transfers waiting for our answer, access requests waiting for our division
head (and a national office's own requests waiting for the office), shares granted to us,
our referrals not yet answered, and our transfers still waiting for the receiver (the
working-day clock warns both sides).
Each row says how long it has waited and, where there is one, its deadline; the rows are
sorted by urgency: overdue, then due soon, then what we must answer, oldest first.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hub.accounts import policy
from hub.accounts.access import Actor
from hub.accounts.policy import Action
from hub.vocab.models import Vocabulary
from hub.vocab.selectors import term_labels
from sharing.access.models import AccessStatus
from sharing.access.selectors import access_requests_awaiting, access_requests_sent
from sharing.referrals.models import ReferralStatus
from sharing.referrals.selectors import referrals_awaiting_answer, referrals_sent
from sharing.selectors import shares_received_by
from sharing.transfers.models import OPEN_STATUSES
from sharing.transfers.selectors import transfers_awaiting_answer, transfers_outgoing, with_clocks
from tenants.cases.projection import Section

MOST_ROWS = 200  # per kind: a queue longer than this is read through each kind's own page
SOON_DAYS = 2  # a calendar deadline this close (days) is "due soon", as a transfer's clock


class Kind:
    REFERRAL_IN = "referral_in"
    TRANSFER_IN = "transfer_in"
    ACCESS_IN = "access_in"
    ACCESS_OUT = "access_out"
    SHARE_IN = "share_in"
    REFERRAL_OUT = "referral_out"
    TRANSFER_OUT = "transfer_out"


KIND_LABELS = {
    Kind.REFERRAL_IN: _("Referrals to answer"),
    Kind.TRANSFER_IN: _("Transfers to answer"),
    Kind.ACCESS_IN: _("Access requests to decide"),
    Kind.ACCESS_OUT: _("Our access requests awaiting the office"),
    Kind.SHARE_IN: _("Cases shared with us"),
    Kind.REFERRAL_OUT: _("Our referrals awaiting an answer"),
    Kind.TRANSFER_OUT: _("Our transfers awaiting the receiver"),
}
# What waits for our own answer (the rest waits for someone else, or is there to be read).
OURS_TO_ANSWER = (Kind.REFERRAL_IN, Kind.TRANSFER_IN, Kind.ACCESS_IN)
TONE_RANK = {"danger": 0, "soon": 1}


@dataclass(frozen=True)
class QueueItem:
    kind: str
    counterpart: str  # the other organisation's name
    case_number: str  # as the other side named it (empty when we may not know it)
    detail: str  # the service asked for, the sections shared, the reason...
    since: datetime  # waiting since
    url: str
    due_on: date | None = None  # the deadline, when there is one
    days_left: int | None = None  # until the deadline (transfers: working days)
    working_days: bool = False
    tone: str = ""  # badge tone of the deadline: danger (overdue), soon, run, ""
    deadline_label: str = ""

    @property
    def kind_label(self) -> str:
        return str(KIND_LABELS[self.kind])

    @property
    def ours_to_answer(self) -> bool:
        return self.kind in OURS_TO_ANSWER

    def age_days(self, now: datetime) -> int:
        return max((now - self.since).days, 0)

    def urgency(self) -> tuple:
        return (
            TONE_RANK.get(self.tone, 2),
            0 if self.ours_to_answer else 1,
            self.days_left if self.days_left is not None else 10**6,
            self.since,
        )


@dataclass(frozen=True)
class WorkQueue:
    items: tuple[QueueItem, ...]
    counts: dict[str, int] = field(default_factory=dict)
    now: datetime = field(default_factory=timezone.now)
    kind: str = ""  # the rows are of this kind only ("" for all)
    overdue: int = 0  # of every kind

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def to_answer(self) -> int:
        return sum(self.counts.get(kind, 0) for kind in OURS_TO_ANSWER)

    @property
    def kinds(self) -> list[tuple[str, str, int]]:
        return [(kind, str(label), self.counts.get(kind, 0)) for kind, label in KIND_LABELS.items()]


def _url(slug: str, item: str, listing: str, **ids) -> str:
    """The owner app's page of the item, else its list of them (each app names its pages)."""
    for name, kwargs in ((item, ids), (listing, {})):
        try:
            return reverse(name, kwargs={"org_slug": slug, **kwargs})
        except NoReverseMatch:
            continue
    return ""


def _calendar_deadline(moment: datetime | None, now: datetime) -> dict:
    if moment is None:
        return {}
    due_on = timezone.localdate(moment)
    left = (due_on - timezone.localdate(now)).days
    tone = "danger" if moment <= now else "soon" if left <= SOON_DAYS else "run"
    return {"due_on": due_on, "days_left": left, "tone": tone}


def _section_labels(codes) -> str:
    return ", ".join(str(Section(code).label) if code in Section.values else code for code in codes)


def _referral_rows(kind: str) -> Callable:
    def rows(actor: Actor, referrals, now: datetime) -> list[QueueItem]:
        slug = actor.organisation.slug
        referrals = list(referrals)
        services = term_labels([r.service for r in referrals], vocabulary=Vocabulary.SERVICE_TYPE)
        return [
            QueueItem(
                kind=kind,
                # To an outside agency: the sender records its answer by hand.
                counterpart=(
                    referral.sender.name if kind == Kind.REFERRAL_IN else referral.receiver_name
                ),
                case_number=referral.case_number,
                detail=service,
                since=referral.created_at,
                url=_url(slug, "org:referral", "org:referrals", referral_id=referral.pk),
            )
            for referral, service in zip(referrals, services, strict=True)
        ]

    return rows


def _transfer_rows(kind: str) -> Callable:
    def rows(actor: Actor, transfers, now: datetime) -> list[QueueItem]:
        slug = actor.organisation.slug
        items = []
        for row in with_clocks(transfers, now=now):
            transfer = row.transfer
            other = transfer.sender if kind == Kind.TRANSFER_IN else transfer.receiver
            items.append(
                QueueItem(
                    kind=kind,
                    counterpart=other.name,
                    case_number=transfer.case_number,
                    detail=transfer.note,
                    since=transfer.delivered_at or transfer.decided_at,
                    url=_url(slug, "org:transfer", "org:transfers", transfer_id=transfer.pk),
                    due_on=row.clock.due_on,
                    days_left=row.clock.days_left,
                    working_days=True,
                    tone=row.clock.tone if row.clock.alerting else "run",
                    deadline_label=row.clock.label,
                )
            )
        return items

    return rows


def _access_rows(kind: str) -> Callable:
    # The office decides from its list of requests received; the national office follows its
    # own list of requests sent.
    listing = "org:access-requests-received" if kind == Kind.ACCESS_IN else "org:access-requests"

    def rows(actor: Actor, requests, now: datetime) -> list[QueueItem]:
        slug = actor.organisation.slug
        return [
            QueueItem(
                kind=kind,
                counterpart=(request.requester if kind == Kind.ACCESS_IN else request.owner).name,
                case_number=request.case_number,
                detail=request.reason,
                since=request.created_at,
                url=_url(slug, "org:access-request", listing, request_id=request.pk),
            )
            for request in requests
        ]

    return rows


def _share_rows(actor: Actor, grants, now: datetime) -> list[QueueItem]:
    slug = actor.organisation.slug
    return [
        QueueItem(
            kind=Kind.SHARE_IN,
            counterpart=grant.owner.name,
            case_number=grant.case_number,
            detail=_section_labels(grant.sections),
            since=grant.starts_at or grant.granted_at,
            url=_url(slug, "org:shared-case", "org:shared-with-us", grant_id=grant.pk),
            **_calendar_deadline(grant.expires_at, now),
        )
        for grant in grants
    ]


@dataclass(frozen=True)
class Source:
    """One kind of the queue: who may see it, the owner app's selector, its rows."""

    action: Action
    query: Callable[[Actor], QuerySet]
    rows: Callable[[Actor, QuerySet, datetime], list[QueueItem]]


SOURCES: dict[str, Source] = {
    Kind.REFERRAL_IN: Source(
        Action.QUEUE_READ,
        lambda actor: referrals_awaiting_answer(actor=actor),
        _referral_rows(Kind.REFERRAL_IN),
    ),
    Kind.TRANSFER_IN: Source(
        Action.QUEUE_READ,
        lambda actor: transfers_awaiting_answer(actor=actor),
        _transfer_rows(Kind.TRANSFER_IN),
    ),
    Kind.ACCESS_IN: Source(
        Action.ACCESS_DECIDE,
        lambda actor: access_requests_awaiting(actor=actor),
        _access_rows(Kind.ACCESS_IN),
    ),
    Kind.ACCESS_OUT: Source(
        Action.ACCESS_REQUEST,
        lambda actor: (
            access_requests_sent(actor=actor)
            .filter(status=AccessStatus.PENDING)
            .order_by("created_at", "id")
        ),
        _access_rows(Kind.ACCESS_OUT),
    ),
    Kind.SHARE_IN: Source(
        Action.SHARES_READ,
        lambda actor: shares_received_by(actor=actor).order_by("granted_at", "id"),
        _share_rows,
    ),
    Kind.REFERRAL_OUT: Source(
        Action.QUEUE_READ,
        lambda actor: (
            referrals_sent(actor=actor)
            .filter(status=ReferralStatus.SENT)
            .order_by("created_at", "id")
        ),
        _referral_rows(Kind.REFERRAL_OUT),
    ),
    Kind.TRANSFER_OUT: Source(
        Action.QUEUE_READ,
        lambda actor: (
            transfers_outgoing(actor=actor)
            .filter(status__in=OPEN_STATUSES)
            .order_by("due_on", "id")
        ),
        _transfer_rows(Kind.TRANSFER_OUT),
    ),
}


def _sources(actor: Actor) -> list[tuple[str, Source]]:
    policy.require(actor, Action.QUEUE_READ)
    return [
        (kind, source) for kind, source in SOURCES.items() if policy.allows(actor, source.action)
    ]


def work_queue(*, actor: Actor, kind: str = "", now: datetime | None = None) -> WorkQueue:
    """Everything waiting for (or on) the actor's organisation that the actor may see (only
    the rows of `kind`, when one the actor sees is named); the counts are of every kind, the
    rows at most MOST_ROWS of each kind."""
    now = now or timezone.now()
    items: list[QueueItem] = []
    counts: dict[str, int] = {}
    for name, source in _sources(actor):
        queryset = source.query(actor)
        rows = source.rows(actor, queryset[:MOST_ROWS], now)
        counts[name] = len(rows) if len(rows) < MOST_ROWS else queryset.count()
        items += rows
    overdue = sum(1 for item in items if item.tone == "danger")
    kind = kind if kind in counts else ""
    if kind:
        items = [item for item in items if item.kind == kind]
    return WorkQueue(
        items=tuple(sorted(items, key=QueueItem.urgency)),
        counts=counts,
        now=now,
        kind=kind,
        overdue=overdue,
    )
