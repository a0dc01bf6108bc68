"""App configuration for hub.rights."""

from django.apps import AppConfig


class RightsConfig(AppConfig):
    name = "hub.rights"
    label = "rights"
    verbose_name = "Rights information"
