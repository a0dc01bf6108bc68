"""App configuration for tenants.care."""

from django.apps import AppConfig


class CareConfig(AppConfig):
    name = "tenants.care"
    label = "care"
    verbose_name = "Services to the client"
