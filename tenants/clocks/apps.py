"""App configuration for tenants.clocks."""

from django.apps import AppConfig


class ClocksConfig(AppConfig):
    name = "tenants.clocks"
    label = "clocks"
    verbose_name = "Service-level clocks"
