"""Telling both sides of a new possible match, without naming anyone: each member's division
heads and the staff assigned to its case get a notification that links to the case's
"possible same person" page (which names the other member only when consent allows, and
records the read). What goes out by e-mail is the case number only."""

from __future__ import annotations

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from hub.organisations.context import organisation_context
from hub.organisations.models import Organisation
from sharing.identity.models import IdentifierHash
from tenants.cases.models import Assignment, Case
from tenants.notifications.delivery import (
    division_heads,
    notification_drafts,
    notification_subject,
    notifications_record,
)

KIND = "identity.match"


def _tell(organisation: Organisation, case_id: int, other: Organisation) -> None:
    """In `organisation`'s schema: its case `case_id` may share a worker with `other`."""
    case = Case.objects.filter(pk=case_id).first()
    if case is None:
        return
    assigned = Assignment.objects.filter(case=case, ended_at__isnull=True)
    recipients = division_heads(organisation) | set(assigned.values_list("user_id", flat=True))

    def render() -> tuple[str, str]:
        values = {"number": case.number}
        subject = _("%(number)s: another member may be helping the same worker") % values
        body = (
            _(
                "The client of case %(number)s has a passport number, NIK or phone number in "
                "common with a client of another member. Open the case's possible same person "
                "page: it names the member when the worker's consent on both sides allows it."
            )
            % values
        )
        return notification_subject(organisation, subject), body

    drafts = notification_drafts(
        recipients,
        kind=KIND,
        # Once per case and other member, whatever key or identifier matched.
        key=f"{KIND}:{case.pk}:{other.pk}",
        case_id=case.pk,
        url=reverse("org:case-matches", kwargs={"org_slug": organisation.slug, "case_id": case.pk}),
        render=render,
    )
    notifications_record(drafts=drafts)


def matches_notify(*, organisation: Organisation, rows: list[IdentifierHash]) -> None:
    """Rows just written for `organisation`'s cases (in its schema): tell both sides of each
    match with another member's case."""
    if not rows:
        return
    same = Q()
    for row in rows:
        same |= Q(kind=row.kind, digest=row.digest, key_id=row.key_id)
    ours_by_hash: dict[tuple[str, str, str], set[int]] = {}
    for row in rows:
        ours_by_hash.setdefault((row.kind, row.digest, row.key_id), set()).add(row.case_id)
    pairs: set[tuple[int, int, int]] = set()  # (our case, their organisation, their case)
    others: dict[int, Organisation] = {}
    found = IdentifierHash.objects.filter(same).exclude(organisation=organisation)
    for other in found.select_related("organisation"):
        others[other.organisation_id] = other.organisation
        for case_id in ours_by_hash.get((other.kind, other.digest, other.key_id), ()):
            pairs.add((case_id, other.organisation_id, other.case_id))
    for our_case, other_id in sorted({(pair[0], pair[1]) for pair in pairs}):
        _tell(organisation, our_case, others[other_id])
    for other_id, their_case in sorted({(pair[1], pair[2]) for pair in pairs}):
        with organisation_context(others[other_id]):
            _tell(others[other_id], their_case, organisation)
