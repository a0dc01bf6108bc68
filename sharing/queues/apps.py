"""App configuration for sharing.queues."""

from django.apps import AppConfig


class QueuesConfig(AppConfig):
    name = "sharing.queues"
    label = "queues"
    verbose_name = "Work queues"
