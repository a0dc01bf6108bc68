"""App configuration for tenants.contributions."""

from django.apps import AppConfig


class ContributionsConfig(AppConfig):
    name = "tenants.contributions"
    label = "contributions"
    verbose_name = "Contributions"

    def ready(self) -> None:
        from hub.links.purposes import register_purpose
        from tenants.contributions.links import PURPOSE

        register_purpose(PURPOSE)
