"""App configuration for hub.intake."""

from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "hub.intake"
    label = "intake"
    verbose_name = "Intake"

    def ready(self) -> None:
        from hub.core.outbox import subscribe
        from hub.intake import handlers, recovery, tasks, verification  # noqa: F401 - tasks
        from hub.links.purposes import register_purpose

        subscribe("case.transition", handlers.complaint_follow_case)
        subscribe("transfer.accepted", handlers.complaint_follow_transfer)
        register_purpose(verification.PURPOSE)
        subscribe("complaint.submitted", verification.complaints_submitted_verify)
