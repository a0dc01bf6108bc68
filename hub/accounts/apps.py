"""App configuration for hub.accounts, and the admin site restricted to network admins."""

from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class AccountsConfig(AppConfig):
    default = True
    name = "hub.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self):
        from hub.accounts import schema  # noqa: F401 - registers the OpenAPI extension


class HubAdminConfig(admin_apps.AdminConfig):
    default = False
    default_site = "hub.accounts.admin_site.HubAdminSite"
