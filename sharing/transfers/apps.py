"""App configuration for sharing.transfers."""

from django.apps import AppConfig


class TransfersConfig(AppConfig):
    name = "sharing.transfers"
    label = "transfers"
    verbose_name = "Transfers"
