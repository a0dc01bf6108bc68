"""App configuration for sharing.access."""

from django.apps import AppConfig


class AccessRequestsConfig(AppConfig):
    name = "sharing.access"
    label = "access_requests"
    verbose_name = "Access requests"
