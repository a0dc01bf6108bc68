"""App configuration for tenants.cases."""

from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "tenants.cases"
    label = "cases"
    verbose_name = "Cases"
