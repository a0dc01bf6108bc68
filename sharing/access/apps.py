"""App configuration for sharing.access."""

from django.apps import AppConfig


class AccessRequestsConfig(AppConfig):
    name = "sharing.access"
    label = "access_requests"
    verbose_name = "Access requests"

    def ready(self) -> None:
        from hub.core.outbox import subscribe
        from sharing.access import handlers

        subscribe("access.", handlers.notify_access_requests)
