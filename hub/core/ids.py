"""Identifiers people read aloud: receipt codes without look-alike characters."""

from __future__ import annotations

import re
import secrets

# Crockford-like alphabet without 0/O, 1/I/L and U: easy to read out and type.
RECEIPT_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
RECEIPT_PATTERN = re.compile(r"^RP-[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}$")


def new_receipt_code() -> str:
    """`RP-XXXX-XXXX`: 30^8 (about 6.6e11) codes, drawn from the OS's CSPRNG."""
    chars = "".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(8))
    return f"RP-{chars[:4]}-{chars[4:]}"


def normalise_receipt_code(raw: str) -> str | None:
    """What people type (any case, spaces, dashes) → the canonical code, or None."""
    code = re.sub(r"[\s-]", "", raw or "").upper()
    if code.startswith("RP"):
        code = code[2:]
    candidate = f"RP-{code[:4]}-{code[4:]}"
    return candidate if RECEIPT_PATTERN.match(candidate) else None
