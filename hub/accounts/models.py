"""User (email login) and Membership(user, organisation, role) in the public schema."""

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from oauth2_provider.models import Application

from hub.accounts.roles import NETWORK_ROLE_CODES, NETWORK_ROLES, Role
from hub.organisations.models import Organisation


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra):
        if not email:
            raise ValueError("An email address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(_("email"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    is_active = models.BooleanField(default=True)
    # Django admin access: network admins only (set by accounts.services).
    is_staff = models.BooleanField(default=False)
    date_joined = models.DateTimeField(auto_now_add=True)

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    def __str__(self) -> str:
        return self.full_name or self.email


class Membership(models.Model):
    """A user's role in one organisation, or a network role (no organisation)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, null=True, blank=True, related_name="memberships"
    )
    role = models.CharField(max_length=32, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"], name="membership_unique_role"
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(organisation__isnull=True, role__in=NETWORK_ROLE_CODES)
                    | models.Q(organisation__isnull=False) & ~models.Q(role__in=NETWORK_ROLE_CODES)
                ),
                name="membership_network_roles_have_no_organisation",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.organisation or 'network'}"

    def clean(self):
        if (self.role in NETWORK_ROLES) != (self.organisation_id is None):
            raise ValidationError(_("Network roles have no organisation; others need one."))


class OrganisationApplication(models.Model):
    """Binds an OAuth2 application to the one organisation it may act for."""

    application = models.OneToOneField(
        Application, on_delete=models.CASCADE, related_name="organisation_binding"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="applications"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.application.name} → {self.organisation.slug}"


class TokenEndpointFailure(models.Model):
    """Failed client authentications at the OAuth2 token endpoint, per client id or address
    (`key`), shared by every worker process (hub.accounts.locks)."""

    key = models.CharField(max_length=300, unique=True)
    failures = models.PositiveIntegerField(default=0)
    first_failed_at = models.DateTimeField()
    locked_until = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.key}: {self.failures}"
