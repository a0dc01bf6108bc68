"""A code shown as its label in the active language (or as itself when unknown)."""

from django.db import models


def choice_label(choices: type[models.TextChoices], code: str) -> str:
    return str(choices(code).label) if code in choices.values else code
