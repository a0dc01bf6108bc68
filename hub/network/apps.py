"""App configuration for hub.network."""

from django.apps import AppConfig


class NetworkConfig(AppConfig):
    name = "hub.network"
    label = "network"
    verbose_name = "Network"
