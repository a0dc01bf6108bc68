"""App configuration for tenants.notifications."""

from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "tenants.notifications"
    label = "notifications"
    verbose_name = "Notifications"

    def ready(self) -> None:
        from hub.core.outbox import subscribe
        from tenants.notifications import producers, tasks  # noqa: F401  (registers the task)

        subscribe("case.assigned", producers.notify_assigned)
        subscribe("decision.", producers.notify_decisions)
        subscribe("link.answered", producers.notify_link_answered)
