"""App configuration for sharing.transfers."""

from django.apps import AppConfig


class TransfersConfig(AppConfig):
    name = "sharing.transfers"
    label = "transfers"
    verbose_name = "Transfers"

    def ready(self) -> None:
        from hub.core.outbox import subscribe
        from sharing.transfers import alerts, tasks  # noqa: F401  (registers the task)

        subscribe("transfer.", alerts.notify_transfer_events)
        subscribe("case.transition", alerts.notify_receiver_to_name)
