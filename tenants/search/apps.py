"""App configuration for tenants.search."""

from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "tenants.search"
    label = "search"
    verbose_name = "Search"
