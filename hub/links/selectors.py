"""Reads of client links: a case's links, one of them, and the answers waiting for staff."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from hub.core.errors import NotFound
from hub.links.models import ClientLink
from hub.organisations.models import Organisation


def links_of_case(*, organisation: Organisation, case_id: int) -> QuerySet[ClientLink]:
    return ClientLink.objects.filter(organisation=organisation, case_id=case_id)


def link_of_case(*, organisation: Organisation, case_id: int, link_id: object) -> ClientLink:
    """One link of the case; another case's or organisation's link is the same 404."""
    try:
        pk = int(link_id)
    except (TypeError, ValueError):
        raise NotFound(_("Not found.")) from None
    link = links_of_case(organisation=organisation, case_id=case_id).filter(pk=pk).first()
    if link is None:
        raise NotFound(_("Not found."))
    return link


def links_answered(
    *, organisation: Organisation, case_ids: Iterable[int] | None = None
) -> QuerySet[ClientLink]:
    """Answers the client gave that wait for staff review (e.g. corrections to their data),
    oldest first; narrowed to `case_ids` (the cases a dashboard lists) when given."""
    links = ClientLink.objects.filter(
        organisation=organisation,
        used_at__isnull=False,
        needs_review=True,
        reviewed_at__isnull=True,
    )
    if case_ids is not None:
        links = links.filter(case_id__in=list(case_ids))
    return links.order_by("used_at", "id")
