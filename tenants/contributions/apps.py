"""App configuration for tenants.contributions."""

from django.apps import AppConfig


class ContributionsConfig(AppConfig):
    name = "tenants.contributions"
    label = "contributions"
    verbose_name = "Contributions"
