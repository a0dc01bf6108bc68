"""App configuration for hub.organisations."""

from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "hub.organisations"
    label = "organisations"
    verbose_name = "Organisations"
