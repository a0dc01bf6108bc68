"""App configuration for tenants.cases."""

from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "tenants.cases"
    label = "cases"
    verbose_name = "Cases"

    def ready(self) -> None:
        from hub.core.outbox import subscribe
        from tenants.cases import handlers

        subscribe("case.", handlers.rollup_after_case_events)
        subscribe("consent.withdrawn", handlers.rollup_after_consent_withdrawn)
