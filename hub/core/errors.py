"""Domain errors with a code, turned into a clear message in the UI and a 4xx in the API."""

from __future__ import annotations


class DomainError(Exception):
    """A refused action; `code` is stable for clients, `message` is for people."""

    status = 400
    code = "invalid"

    def __init__(self, message: str, *, code: str | None = None, fields: dict | None = None):
        super().__init__(message)
        self.message = message
        if code:
            self.code = code
        self.fields = fields or {}


class NotFound(DomainError):
    """Missing, or belonging to someone the actor may not see: the same answer for both."""

    status = 404
    code = "not_found"


class PermissionDenied(DomainError):
    status = 403
    code = "permission_denied"


class Conflict(DomainError):
    status = 409
    code = "conflict"


class StaleVersion(Conflict):
    """An edit made on an older version than the one saved: refused, nothing written."""

    code = "stale_version"


def version_check(*, current: int, sent: int, message: str) -> None:
    if current != sent:
        raise StaleVersion(message)
