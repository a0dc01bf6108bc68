"""Reads of organisations: the slug → organisation lookup every request makes, cached."""

from __future__ import annotations

import time

from django.conf import settings

from hub.organisations.models import Organisation

_cache: dict[str, tuple[float, Organisation]] = {}


def organisation_by_slug(slug: str) -> Organisation | None:
    """The member organisation with this slug, or None; found ones are cached in-process for a
    few seconds (misses are not, so a new organisation is reachable at once everywhere)."""
    now = time.monotonic()
    hit = _cache.get(slug)
    if hit and hit[0] > now:
        return hit[1]
    organisation = Organisation.objects.members().filter(slug=slug).first()
    if organisation is not None:
        _cache[slug] = (now + settings.ORGANISATION_CACHE_SECONDS, organisation)
    return organisation


def organisation_cache_clear() -> None:
    _cache.clear()


def organisations_members():
    """Every member organisation (each with its own schema), for work done in each in turn."""
    return Organisation.objects.members().order_by("pk")


def organisation_directory():
    """Organisations shown to the public: those that take complaints."""
    return Organisation.objects.members().filter(accepts_complaints=True).order_by("name")
