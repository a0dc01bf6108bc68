"""Compile locale/*/LC_MESSAGES/*.po to .mo with polib (no system gettext needed)."""

from __future__ import annotations

from pathlib import Path

import polib

BASE_DIR = Path(__file__).resolve().parent.parent


def compile_all() -> int:
    count = 0
    for po_path in sorted(BASE_DIR.glob("locale/*/LC_MESSAGES/*.po")):
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
        count += 1
    return count


if __name__ == "__main__":
    print(f"compiled {compile_all()} translation catalogue(s)")
