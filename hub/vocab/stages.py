"""Case stages and handling statuses: shared codes of the network (cases, packages, rollups)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Stage(models.TextChoices):
    REGISTRATION = "registration", _("Registration")
    CONSULTATION = "consultation", _("Consultation")
    CASE_MEETING = "case_meeting", _("Case meeting")
    ACCOMPANIMENT = "accompaniment", _("Accompaniment")
    TERMINATION = "termination", _("Termination")


class Status(models.TextChoices):
    """Handling status (seed 000). `open` is a case not yet decided on, before accompaniment."""

    OPEN = "open", _("In process")
    NOT_ACCOMPANIED = "not_accompanied", _("Not accompanied")
    ACCOMPANIED = "accompanied", _("Accompanied")
    REFERRED = "referred", _("Referred")
    TRANSFERRED = "transferred", _("Transferred")
    CLOSED = "closed", _("Closed")
