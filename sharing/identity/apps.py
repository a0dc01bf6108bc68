"""App configuration for sharing.identity."""

from django.apps import AppConfig


class IdentityConfig(AppConfig):
    name = "sharing.identity"
    label = "identity"
    verbose_name = "Identity"

    def ready(self) -> None:
        from hub.core.outbox import subscribe
        from sharing.identity import handlers

        subscribe("case.", handlers.hashes_after_case_events)
        subscribe("person.updated", handlers.hashes_after_person_events)
