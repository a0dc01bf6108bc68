"""App configuration for public_portal."""

from django.apps import AppConfig


class PublicPortalConfig(AppConfig):
    name = "public_portal"
    label = "public_portal"
    verbose_name = "Public portal"
