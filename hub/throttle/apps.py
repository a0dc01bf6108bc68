"""App configuration for hub.throttle."""

from django.apps import AppConfig


class ThrottleConfig(AppConfig):
    name = "hub.throttle"
    label = "throttle"
    verbose_name = "Abuse protection"
