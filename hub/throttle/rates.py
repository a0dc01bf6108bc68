"""`"30/h"` → Rate(30, 3600). No Django imports: the settings module validates with it."""

from __future__ import annotations

import re
from typing import NamedTuple

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_RATE = re.compile(r"^\s*(\d+)\s*/\s*(\d*)\s*([smhd])\s*$")


class Rate(NamedTuple):
    count: int
    seconds: int


def parse_rate(text: str) -> Rate:
    """`N/unit` or `N/Kunit` with unit s, m, h or d, e.g. `30/h`, `20/15m`."""
    match = _RATE.match(text or "")
    if not match or int(match.group(1)) < 1:
        raise ValueError(f"Not a rate like '30/h' or '20/15m': {text!r}")
    multiple = int(match.group(2) or 1)
    if multiple < 1:
        raise ValueError(f"Not a rate like '30/h' or '20/15m': {text!r}")
    return Rate(int(match.group(1)), multiple * _UNITS[match.group(3)])
