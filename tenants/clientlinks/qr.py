"""QR codes as SVG, drawn on the server: the client scans the link from the staff's screen."""

from __future__ import annotations

import re

import qrcode
from qrcode.image.svg import SvgPathImage

_SIZE = re.compile(r'width="[0-9.]+mm" height="[0-9.]+mm"')


def qr_svg(text: str, *, pixels: int = 256) -> str:
    """An SVG document drawing `text` as a QR code, `pixels` wide."""
    image = qrcode.make(text, image_factory=SvgPathImage, border=2)
    svg = image.to_string(encoding="unicode")
    return _SIZE.sub(f'width="{pixels}" height="{pixels}"', svg, count=1)
