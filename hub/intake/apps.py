"""App configuration for hub.intake."""

from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "hub.intake"
    label = "intake"
    verbose_name = "Intake"

    def ready(self) -> None:
        from hub.core.outbox import subscribe
        from hub.intake import handlers, tasks  # noqa: F401 - the task registers itself

        subscribe("case.transition", handlers.complaint_follow_case)
