"""Indonesian is the default language: every message in the catalogue has its translation."""

from __future__ import annotations

from pathlib import Path

import polib

CATALOGUE = Path(__file__).resolve().parents[2] / "locale/id/LC_MESSAGES/django.po"


def test_every_message_has_an_indonesian_translation_and_none_is_fuzzy():
    missing = [
        entry.msgid
        for entry in polib.pofile(str(CATALOGUE))
        if not entry.obsolete
        and entry.msgid
        and ("fuzzy" in entry.flags or not (entry.msgstr or any(entry.msgstr_plural.values())))
    ]
    assert missing == []
