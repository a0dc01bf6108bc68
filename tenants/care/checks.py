"""The small checks every record of the client's services makes on what it is given."""

from __future__ import annotations

from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _

from hub.core.errors import DomainError


def required_text(value: str, name: str, message: str) -> str:
    if not value.strip():
        raise DomainError(message, fields={name: [message]})
    return value.strip()


def not_in_future(value: date | None, name: str) -> None:
    """Records of what happened are dated today at the latest."""
    if value is not None and value > timezone.localdate():
        message = _("This date is in the future.")
        raise DomainError(message, fields={name: [message]})
