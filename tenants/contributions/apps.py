"""App configuration for tenants.contributions."""

from django.apps import AppConfig


class ContributionsConfig(AppConfig):
    name = "tenants.contributions"
    label = "contributions"
    verbose_name = "Contributions"

    def ready(self) -> None:
        from hub.core.outbox import subscribe
        from hub.links.purposes import register_purpose
        from tenants.contributions import handlers
        from tenants.contributions.links import PURPOSE

        register_purpose(PURPOSE)
        subscribe(handlers.ADDED, handlers.notify_contribution_added)
