"""App configuration for tenants.clientlinks."""

from django.apps import AppConfig


class ClientLinksConfig(AppConfig):
    name = "tenants.clientlinks"
    label = "clientlinks"
    verbose_name = "Client links (staff)"
