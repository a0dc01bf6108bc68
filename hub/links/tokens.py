"""Link tokens: `<link id>.<nonce>` signed with a salt of the link's purpose.

The signature makes a token unforgeable and untamperable; the salt makes a token signed for
one purpose worthless for another; the nonce (kept only as a hash) makes a token stop
working when its link is issued again.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass

from django.core import signing

from hub.links.purposes import registered_purposes

MOST_TOKEN_CHARS = 200  # ours are about 80; anything longer is not worth checking


@dataclass(frozen=True)
class TokenContent:
    link_id: int
    nonce: str
    purpose: str


def _signer(purpose: str) -> signing.Signer:
    return signing.Signer(salt=f"hub.links.{purpose}")


def nonce_new() -> str:
    return secrets.token_urlsafe(16)


def nonce_hash(nonce: str) -> str:
    return hashlib.sha256(nonce.encode()).hexdigest()


def nonce_matches(nonce: str, stored_hash: str) -> bool:
    return hmac.compare_digest(nonce_hash(nonce), stored_hash)


def token_make(*, link_id: int, nonce: str, purpose: str) -> str:
    return _signer(purpose).sign(f"{link_id}.{nonce}")


def token_read(token: str) -> TokenContent | None:
    """The link id, nonce and purpose a token was signed for; None when no purpose's
    signature fits (tampered, truncated, or not ours)."""
    if not isinstance(token, str) or not token or len(token) > MOST_TOKEN_CHARS:
        return None
    for purpose in registered_purposes():
        try:
            value = _signer(purpose.code).unsign(token)
        except signing.BadSignature:
            continue
        link_id, _dot, nonce = value.partition(".")
        if link_id.isdigit() and nonce and len(link_id) < 19:
            return TokenContent(link_id=int(link_id), nonce=nonce, purpose=purpose.code)
        return None
    return None
