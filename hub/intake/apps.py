"""App configuration for hub.intake."""

from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "hub.intake"
    label = "intake"
    verbose_name = "Intake"
