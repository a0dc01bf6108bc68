"""App configuration for sharing.identity."""

from django.apps import AppConfig


class IdentityConfig(AppConfig):
    name = "sharing.identity"
    label = "identity"
    verbose_name = "Identity"
