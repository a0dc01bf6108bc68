"""App configuration for tenants.people."""

from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "tenants.people"
    label = "people"
    verbose_name = "People"

    def ready(self) -> None:
        from hub.links.purposes import register_purpose
        from tenants.people.link_verification import PURPOSE

        register_purpose(PURPOSE)
