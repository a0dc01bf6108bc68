"""App configuration for hub.consent."""

from django.apps import AppConfig


class ConsentConfig(AppConfig):
    name = "hub.consent"
    label = "consent"
    verbose_name = "Consent"

    def ready(self) -> None:
        from hub.consent.links import PURPOSE
        from hub.links.purposes import register_purpose

        register_purpose(PURPOSE)
