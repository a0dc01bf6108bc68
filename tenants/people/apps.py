"""App configuration for tenants.people."""

from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "tenants.people"
    label = "people"
    verbose_name = "People"
