"""App configuration for tenants.care."""

from django.apps import AppConfig


class CareConfig(AppConfig):
    name = "tenants.care"
    label = "care"
    verbose_name = "Services to the client"

    def ready(self) -> None:
        from hub.links.purposes import register_purpose
        from tenants.care.links import PLAN_PURPOSE, TERMINATION_PURPOSE

        register_purpose(PLAN_PURPOSE)
        register_purpose(TERMINATION_PURPOSE)
