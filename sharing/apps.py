"""App configuration for sharing."""

from django.apps import AppConfig


class SharingConfig(AppConfig):
    name = "sharing"
    label = "sharing"
    verbose_name = "Sharing"
