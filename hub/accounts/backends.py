"""Network admins hold every Django admin permission by their role, not by per-model grants."""

from __future__ import annotations

from django.contrib.auth.backends import BaseBackend

from hub.accounts.roles import Role


def is_network_admin(user) -> bool:
    if not (user and user.is_authenticated and user.is_active and user.is_staff):
        return False
    cached = getattr(user, "_is_network_admin", None)
    if cached is None:
        cached = user.memberships.filter(
            organisation__isnull=True, role=Role.NETWORK_ADMIN
        ).exists()
        user._is_network_admin = cached
    return cached


class NetworkAdminBackend(BaseBackend):
    """Authenticates nobody; answers permission checks for network admins."""

    def has_perm(self, user_obj, perm, obj=None) -> bool:
        return is_network_admin(user_obj)

    def has_module_perms(self, user_obj, app_label) -> bool:
        return is_network_admin(user_obj)
