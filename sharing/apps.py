"""App configuration for sharing."""

from django.apps import AppConfig


class SharingConfig(AppConfig):
    name = "sharing"
    label = "sharing"
    verbose_name = "Sharing"

    def ready(self) -> None:
        from hub.core.outbox import subscribe
        from sharing import handlers

        subscribe("consent.withdrawn", handlers.shares_after_consent_withdrawn)
        subscribe("transfer.accepted", handlers.shares_after_transfer)
        subscribe("case.restriction_changed", handlers.shares_after_restriction)
