"""What others see of a case: one projection, built from named sections, both ways.

Shares, referral copies, transfers, XML packages and dossier PDFs all take their content from
here (export), and imports build a case from it (import). Nothing else decides what leaves.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Section(models.TextChoices):
    SUMMARY = "summary", _("Summary")
    EVENTS = "events", _("Events and acts")
    PEOPLE = "people", _("People without contact details")
    PEOPLE_CONTACT = "people_contact", _("People with contact details")
    SERVICES = "services", _("Services and interventions")
    DOCUMENTS = "documents", _("Documents")


ALL_SECTIONS = frozenset(Section.values)
