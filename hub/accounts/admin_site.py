"""The Django admin site, open to network admins only."""

from django.contrib import admin


class HubAdminSite(admin.AdminSite):
    site_header = "Coalition Hub"

    def has_permission(self, request) -> bool:
        from hub.accounts.backends import is_network_admin

        return is_network_admin(request.user)
