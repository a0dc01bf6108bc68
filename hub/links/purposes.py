"""What a client link can be for: a registry that apps fill in their AppConfig.ready().

hub.links knows no purpose by name. An app that owns the data a purpose is about (people for
verification, consent for consent) registers how to prepare what is asked, how to show it to
the client, the answer form, and how to apply the answer through its own services.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from typing import TYPE_CHECKING

from django import forms
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from hub.core.audit import AuditActor
from hub.core.errors import DomainError

if TYPE_CHECKING:
    from hub.links.models import ClientLink

DEFAULT_EXPIRY = timedelta(days=14)


@dataclass(frozen=True)
class LinkPage:
    """What the client's page shows besides the organisation's name: never more than the
    purpose needs."""

    title: str
    intro: str = ""
    rows: tuple[tuple[str, str], ...] = ()  # (label, value): what is recorded, or asked


@dataclass(frozen=True)
class LinkResult:
    """The answer as the purpose applied it."""

    outcome: str  # confirmed | corrected | agreed | refused | mixed ...
    answer: dict = field(default_factory=dict)
    needs_review: bool = False  # staff must look at it (e.g. corrections to apply)


@dataclass(frozen=True)
class LinkPurpose:
    """One purpose. Every callable but `answer_form` runs in the organisation's schema (for a
    complaint's purpose, `for_complaint`: in the public schema, where complaints live).

    prepare(case_id=, person_id=, asked=) -> dict: check what staff ask and return the
        request to freeze on the link (DomainError when it is wrong); a complaint's purpose
        gets prepare(complaint_id=, asked=).
    describe(link) -> LinkPage: what the client reads.
    answer_form(link, data) -> Form: the client's answer (data None: unbound).
    apply(link, cleaned_data, by) -> LinkResult: act on the answer, in the transaction that
        marks the link used.
    summarise(link) -> str: the answer in one line, for staff.
    """

    code: str
    label: str | Promise  # for staff, e.g. "Data verification"
    for_client: str | Promise  # what it is for, said to the client: "check the data ..."
    prepare: Callable[..., dict]
    describe: Callable[[ClientLink], LinkPage]
    answer_form: Callable[[ClientLink, Mapping | None], forms.Form]
    apply: Callable[[ClientLink, dict, AuditActor], LinkResult]
    summarise: Callable[[ClientLink], str] = lambda link: link.outcome
    expires_after: timedelta = DEFAULT_EXPIRY
    needs_person: bool = False  # made for one person of the case
    for_complaint: bool = False  # about a complaint filed with the network, not a case


_purposes: dict[str, LinkPurpose] = {}


def register_purpose(purpose: LinkPurpose) -> None:
    """Called from an AppConfig.ready(); registering the same code again replaces it."""
    _purposes[purpose.code] = purpose


def purpose_for(code: str) -> LinkPurpose:
    purpose = _purposes.get(code)
    if purpose is None:
        message = _("Unknown purpose for a link.")
        raise DomainError(message, fields={"purpose": [message]})
    return purpose


def registered_purposes() -> list[LinkPurpose]:
    return list(_purposes.values())
