"""App configuration for hub.vocab."""

from django.apps import AppConfig


class VocabConfig(AppConfig):
    name = "hub.vocab"
    label = "vocab"
    verbose_name = "Vocabularies"
