"""App configuration for hub.consent."""

from django.apps import AppConfig


class ConsentConfig(AppConfig):
    name = "hub.consent"
    label = "consent"
    verbose_name = "Consent"
