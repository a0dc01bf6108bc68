"""The Django admin site, open to network admins only."""

from django.contrib import admin


class HubAdminSite(admin.AdminSite):
    site_header = "Coalition Hub"

    def has_permission(self, request) -> bool:
        from hub.accounts.models import Membership
        from hub.accounts.roles import Role

        user = request.user
        return bool(
            user.is_active
            and user.is_staff
            and Membership.objects.filter(
                user=user, organisation__isnull=True, role=Role.NETWORK_ADMIN
            ).exists()
        )
