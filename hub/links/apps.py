"""App configuration for hub.links."""

from django.apps import AppConfig


class LinksConfig(AppConfig):
    name = "hub.links"
    label = "links"
    verbose_name = "Client links"
