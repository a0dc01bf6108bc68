"""App configuration for tenants.litigation."""

from django.apps import AppConfig


class LitigationConfig(AppConfig):
    name = "tenants.litigation"
    label = "litigation"
    verbose_name = "Litigation"
