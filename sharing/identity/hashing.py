"""Normalising identifiers and hashing them with the network's current key (HMAC-SHA256).

Two spellings of one identifier must give one digest: a passport in upper case without
spaces or dashes, a NIK as its 16 digits, a phone number as digits in international form
(an Indonesian 08… becomes 628…; a phone field listing several numbers gives one digest for
each). What cannot be a real identifier gives no digest at all.
"""

from __future__ import annotations

import hashlib
import hmac
import re

from django.conf import settings

from sharing.identity.models import IdentifierKind

_NOT_ALNUM = re.compile(r"[^0-9A-Z]")
_NOT_DIGIT = re.compile(r"[^0-9]")
_PHONE_KEPT = re.compile(r"^[0-9+\s().\-]+$")
# Staff sometimes write two numbers in one field: "0812 1111 2222 / 0857 3333 4444".
_PHONE_SEPARATORS = re.compile(r"\s*(?:[,;/]|\batau\b|\bor\b)\s*", re.IGNORECASE)


def passport_normalise(value: str) -> str:
    normalised = _NOT_ALNUM.sub("", (value or "").upper())
    return normalised if 6 <= len(normalised) <= 20 else ""


def nik_normalise(value: str) -> str:
    digits = _NOT_DIGIT.sub("", value or "")
    return digits if len(digits) == 16 else ""


def phone_normalise(value: str) -> str:
    """Digits in international form (E.164 without the plus): +62…, 0062… and 08… agree."""
    value = (value or "").strip()
    if not value or not _PHONE_KEPT.match(value):
        return ""
    digits = _NOT_DIGIT.sub("", value)
    if value.startswith("+"):
        pass
    elif digits.startswith("00"):
        digits = digits[2:]  # the international call prefix
    elif digits.startswith("0"):
        digits = "62" + digits[1:]  # Indonesia's trunk prefix: 0812… is +62 812…
    return digits if 8 <= len(digits) <= 15 else ""


NORMALISE = {
    IdentifierKind.PASSPORT: passport_normalise,
    IdentifierKind.NIK: nik_normalise,
    IdentifierKind.PHONE: phone_normalise,
}


def current_key_id() -> str:
    return settings.IDENTITY_HASH_KEY_ID


def identifier_digest(kind: str, value: str, *, key_id: str | None = None) -> str:
    """The hex HMAC of the normalised identifier with the key `key_id` (the current one by
    default); "" when the value is not an identifier of that kind."""
    normalised = NORMALISE[IdentifierKind(kind)](value)
    if not normalised:
        return ""
    return _hmac(kind, normalised, key_id)


def identifier_digests(kind: str, value: str, *, key_id: str | None = None) -> set[str]:
    """Every digest a field holds: a phone field may list several numbers."""
    if IdentifierKind(kind) != IdentifierKind.PHONE:
        digest = identifier_digest(kind, value, key_id=key_id)
        return {digest} if digest else set()
    numbers = (phone_normalise(part) for part in _PHONE_SEPARATORS.split(value or ""))
    return {_hmac(kind, number, key_id) for number in numbers if number}


def _hmac(kind: str, normalised: str, key_id: str | None) -> str:
    secret = settings.IDENTITY_HASH_KEYS[key_id or current_key_id()]
    # The kind is part of the message: a NIK and a phone number with equal digits differ.
    message = f"{IdentifierKind(kind).value}:{normalised}".encode()
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()
