"""Settings for the coalition hub, driven by environment variables (12-factor)."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from hub import dbserver
from hub.throttle.rates import parse_rate

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEMO_SECRET_KEY = "demo-insecure-key-change-me-in-production-0123456789abcdef"
SECRET_KEY = os.environ.get("SECRET_KEY", DEMO_SECRET_KEY)
DEBUG = env_bool("DEBUG", False)
HUB_ENV = os.environ.get("HUB_ENV", "demo")  # demo | production
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list(
    "CSRF_TRUSTED_ORIGINS", "http://127.0.0.1:8000,http://localhost:8000"
)

PRODUCTION = HUB_ENV == "production"
if PRODUCTION and (SECRET_KEY == DEMO_SECRET_KEY or DEBUG):
    raise ImproperlyConfigured("Production refuses the demo SECRET_KEY and DEBUG=on.")

# Apps in the public schema (the hub layer) and in every organisation's schema (tenants/).
SHARED_APPS = [
    "django_tenants",
    "hub.core",
    "hub.organisations",
    "hub.accounts",
    "hub.vocab",
    "hub.consent",
    "hub.links",
    "hub.intake",
    "hub.rights",
    "hub.throttle",
    "hub.network",
    "sharing",
    "sharing.referrals",
    "sharing.transfers",
    "sharing.access",
    "sharing.identity",
    "sharing.queues",
    "public_portal",
    "hub.demo",
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.sessions",
    "django.contrib.messages",
    "hub.accounts.apps.HubAdminConfig",
    "django.contrib.staticfiles",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "oauth2_provider",
    "axes",
]
TENANT_APPS = [
    "hub.core",  # its audit table exists in every schema: each organisation's own trail
    "tenants.people",
    "tenants.events",
    "tenants.cases",
    "tenants.litigation",
    "tenants.documents",
    "tenants.clientlinks",
    "tenants.care",
    "tenants.notifications",
    "tenants.clocks",
    "tenants.search",
    "tenants.inbox",
    "tenants.contributions",
]
INSTALLED_APPS = SHARED_APPS + [app for app in TENANT_APPS if app not in SHARED_APPS]

TENANT_MODEL = "organisations.Organisation"
TENANT_DOMAIN_MODEL = "organisations.Domain"
PUBLIC_SCHEMA_NAME = "public"
TENANT_LIMIT_SET_CALLS = True
TEMPLATE_SCHEMA_NAME = "org_template"
ORGANISATION_PROVISIONING = os.environ.get("ORGANISATION_PROVISIONING", "clone")  # clone | migrate
DATABASE_ROUTERS = ("django_tenants.routers.TenantSyncRouter",)

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "hub.core.middleware.LanguageMiddleware",
    "hub.core.middleware.BodySizeLimitMiddleware",
    "hub.organisations.middleware.OrganisationMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "hub.core.middleware.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "hub.core.security.SecurityHeadersMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "hub.urls"
WSGI_APPLICATION = "hub.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "hub" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "tenants.notifications.context_processors.notification_badge",
                "sharing.queues.context_processors.work_queue_summary",
            ],
        },
    },
]

DATABASES = {"default": dbserver.django_database(dbserver.database_url())}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "hub.accounts.backends.NetworkAdminBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:home"
LOGOUT_REDIRECT_URL = "portal:home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / ".data" / "media"))

# Request bodies: JSON APIs take at most 1 MB; uploads come with their own limit later.
API_MAX_BODY_BYTES = int(os.environ.get("API_MAX_BODY_BYTES", 1024 * 1024))
DATA_UPLOAD_MAX_MEMORY_SIZE = API_MAX_BODY_BYTES
UPLOAD_MAX_BYTES = 30 * 1024 * 1024

# Abuse protection on the public portal and API (hub.throttle; counts in the database, shared
# by every worker). Rates are `N/unit` (s, m, h, d; e.g. `30/h`, `20/15m`) per client address:
# generous, as a shelter or a carrier's NAT puts many workers behind one address.
RATELIMIT_ENABLE = env_bool("RATELIMIT_ENABLE", True)
RATELIMIT_SUBMIT = os.environ.get("RATELIMIT_SUBMIT", "30/h")
RATELIMIT_LOOKUP_FAILURES = os.environ.get("RATELIMIT_LOOKUP_FAILURES", "20/h")
# Requests for lost receipt codes by e-mail, per address, whether or not the e-mail is known.
RATELIMIT_RECOVER = os.environ.get("RATELIMIT_RECOVER", "10/h")
RATELIMIT_PROXY_HOPS = int(os.environ.get("RATELIMIT_PROXY_HOPS", "0"))
for _name in ("RATELIMIT_SUBMIT", "RATELIMIT_LOOKUP_FAILURES", "RATELIMIT_RECOVER"):
    try:
        parse_rate(globals()[_name])
    except ValueError as exc:
        raise ImproperlyConfigured(f"{_name}: {exc}") from None
if HUB_ENV == "production" and not RATELIMIT_ENABLE:
    raise ImproperlyConfigured("Production refuses RATELIMIT_ENABLE=false (for load tests only).")


def _identity_hash_keys(value: str) -> dict[str, str]:
    keys = {}
    for item in value.split(","):
        key_id, sep, secret = item.strip().partition(":")
        if not item.strip():
            continue
        if not sep or not key_id.strip() or len(secret.strip()) < 16:
            raise ImproperlyConfigured(
                "IDENTITY_HASH_KEYS: give key_id:secret pairs, each secret of 16+ characters."
            )
        keys[key_id.strip()] = secret.strip()
    return keys


# Workers' identifiers (passport, NIK, phone) are kept in the public schema only as keyed
# hashes (sharing.identity), each tagged with the id of the key that made it.
# IDENTITY_HASH_KEYS="k1:secret,k2:secret"; IDENTITY_HASH_KEY_ID names the current one. After a
# rotation keep the old key listed until `manage.py identity_rehash` has recomputed every hash.
# DEMO DEFAULT: without the variable, one key "derived" is made from SECRET_KEY (so it is only as
# secret as SECRET_KEY, and changes with it): a real network sets its own keys.
IDENTITY_HASH_KEYS = _identity_hash_keys(os.environ.get("IDENTITY_HASH_KEYS", "")) or {
    "derived": "identity-hash:" + SECRET_KEY
}
IDENTITY_HASH_KEY_ID = os.environ.get("IDENTITY_HASH_KEY_ID") or next(iter(IDENTITY_HASH_KEYS))
if IDENTITY_HASH_KEY_ID not in IDENTITY_HASH_KEYS:
    raise ImproperlyConfigured("IDENTITY_HASH_KEY_ID must name one of IDENTITY_HASH_KEYS.")

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", PRODUCTION)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Production is served over HTTPS only: HSTS, and plain HTTP redirected. Behind a proxy that
# ends TLS, SECURE_PROXY_SSL_HEADER=X-Forwarded-Proto names the header it sets (and the proxy
# must overwrite it, never pass a client's through).
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 31536000 if PRODUCTION else 0))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", PRODUCTION)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", PRODUCTION)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", PRODUCTION)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # the load balancer's probe speaks plain HTTP
if os.environ.get("SECURE_PROXY_SSL_HEADER"):
    SECURE_PROXY_SSL_HEADER = (
        "HTTP_" + os.environ["SECURE_PROXY_SSL_HEADER"].upper().replace("-", "_"),
        "https",
    )
# Every page: no inline script or style, no framing (hub.core.security).
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
# Responses under these paths carry personal data: never stored by a browser or proxy.
NO_STORE_PATH_PREFIXES = (
    "/org/",
    "/network/",
    "/accounts/",
    "/admin/",
    "/o/",
    "/api/v1/public/complaints/",
    "/api/v1/network/",
    "/tautan/",
    "/status/",
    "/tanda-terima/",
    "/pengaduan/",
    "/lupa-kode/",
)

# Staff login: locked after LOGIN_FAILURE_LIMIT wrong passwords for one e-mail from one
# address, for LOGIN_COOLOFF_MINUTES (django-axes; the attempts are in the database, shared
# by every worker). A success clears the count.
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("LOGIN_COOLOFF_MINUTES", "30")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "hub.accounts.locks.login_locked"
AXES_CLIENT_IP_CALLABLE = "hub.accounts.locks.login_client_address"
AXES_USERNAME_FORM_FIELD = "username"
AXES_VERBOSE = False
# The OAuth2 token endpoint: failed client authentications per client id and per address,
# counted in the database (hub.accounts.locks).
TOKEN_FAILURE_LIMIT = int(os.environ.get("TOKEN_FAILURE_LIMIT", "10"))
TOKEN_COOLOFF_MINUTES = int(os.environ.get("TOKEN_COOLOFF_MINUTES", "15"))

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "hub.accounts.authentication.OrganisationTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [
        "rest_framework.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "hub.core.api.exception_handler",
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Coalition Hub API",
    "DESCRIPTION": (
        "Case handling across a coalition of legal-aid and migrant-worker groups.\n\n"
        "Coded fields (case types, reasons, occupations, rights violated, legal basis, ...) "
        "take the stable codes of the shared vocabularies: each field names its vocabulary, "
        "and `GET /api/v1/public/vocabularies/{vocabulary}/` lists its codes and labels. "
        "Lists are cursor-paginated: follow `next`. Edits carry the `version` they were "
        "made on; a stale one is a 409 and changes nothing. Errors always have the shape "
        '`{"error": {"code", "message", "fields"}}`.'
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Two fields called `role` mean different things: who works on a case, and a person's
    # part in it.
    "ENUM_NAME_OVERRIDES": {
        "AssignmentRoleEnum": "tenants.cases.models.ASSIGNABLE_ROLE_CHOICES",
        "CasePersonRoleEnum": "tenants.cases.models.PersonRole",
        # Share sections (what another member sees) and restricted case sections differ.
        "ShareSectionEnum": "tenants.cases.projection.Section",
        "SharePermissionEnum": "sharing.models.SharePermission",
        "ShareStatusEnum": "sharing.models.ShareStatus",
        "CaseSectionEnum": "tenants.cases.models.CaseSection",
        "LinkStateEnum": "hub.links.models.LinkState",
        # A complaint's status (public API) and a case's handling status.
        "ComplaintStatusEnum": "hub.intake.models.ComplaintStatus",
        "CaseStatusEnum": "hub.vocab.stages.Status",
        # What was added to a case from outside, and whether it joined the record.
        "ContributionKindEnum": "tenants.contributions.models.ContributionKind",
        "ContributionStatusEnum": "tenants.contributions.models.ContributionStatus",
        "TransferStatusEnum": "sharing.transfers.models.TransferStatus",
        "AccessStatusEnum": "sharing.access.models.AccessStatus",
        "ReferralStatusEnum": "sharing.referrals.models.ReferralStatus",
    },
}
OAUTH2_PROVIDER = {
    "ACCESS_TOKEN_EXPIRE_SECONDS": 3600,
    "SCOPES": {
        "read": "Read the organisation's data",
        "write": "Change the organisation's data",
    },
    "DEFAULT_SCOPES": ["read", "write"],
    "PKCE_REQUIRED": True,
    # RFC 9700 (OAuth 2.0 Security BCP): no implicit or password grant, PKCE S256 only,
    # tokens only in the Authorization header, `iss` in authorization responses, tokens
    # hashed at rest, a replayed refresh token revokes its whole family.
    "COMPLIANT_BCP_RFC9700_IMPLICIT_GRANT": True,
    "COMPLIANT_BCP_RFC9700_PASSWORD_GRANT": True,
    "COMPLIANT_BCP_RFC9700_PKCE_METHOD": True,
    "COMPLIANT_BCP_RFC9700_ACCESS_TOKEN_TRANSPORT": True,
    "COMPLIANT_BCP_RFC9700_AUTHZ_RESPONSE_ISS": True,
    "COMPLIANT_BCP_RFC9700_TOKEN_STORAGE": True,
    "COMPLIANT_BCP_RFC9700_REFRESH_TOKEN": True,
    "REFRESH_TOKEN_REUSE_PROTECTION": True,
    # Registering a client offers only client credentials and authorization code.
    "APPLICATION_ADMIN_CLASS": "hub.accounts.oauth_admin.HubApplicationAdmin",
    # Redirect URIs of registered clients: https only in production (http for the demo).
    "ALLOWED_REDIRECT_URI_SCHEMES": ["https"] if PRODUCTION else ["https", "http"],
}

# No broker configured: tasks run eagerly, in-process (the in-memory URL is never used).
CELERY_TASK_ALWAYS_EAGER = not os.environ.get("CELERY_BROKER_URL")
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL") or "memory://"
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = TIME_ZONE
# The periodic tick (Celery beat with a broker; `manage.py run_ticker` in the demo without one):
# clock alerts and notifications, in every organisation's schema.
TICK_SECONDS = float(os.environ.get("TICK_SECONDS", "60"))
CELERY_BEAT_SCHEDULE = {
    "notifications-tick": {"task": "notifications.tick", "schedule": TICK_SECONDS},
    # Files a rolled-back upload left in storage (tenants.documents.services).
    "documents-sweep": {"task": "documents.sweep", "schedule": 3600},
    # Complaints not accepted within the service level go on (hub.intake.tasks).
    "intake-escalate": {"task": "intake.escalate", "schedule": 900},
    # Attachments of complaint forms never sent, after a day (hub.intake.attachments).
    "intake-attachments-sweep": {"task": "intake.attachments_sweep", "schedule": 3600},
    # Transfers whose complete file is due soon or overdue warn both sides (sharing.transfers).
    "transfers-clock": {"task": "transfers.clock_alerts", "schedule": 900},
}
# The network's service level for complaints: hours an inbox has before a complaint escalates.
INTAKE_ACCEPT_HOURS = int(os.environ.get("INTAKE_ACCEPT_HOURS", "24"))

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "hub@localhost")
# Where staff open the links in e-mails from the hub (notifications).
HUB_SITE_URL = os.environ.get("HUB_SITE_URL", "http://127.0.0.1:8000")

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
ORGANISATION_CACHE_SECONDS = int(os.environ.get("ORGANISATION_CACHE_SECONDS", "30"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
HUB_VERSION = "0.1.0"
OAUTH2_PROVIDER_APPLICATION_MODEL = "oauth2_provider.Application"
OAUTH2_PROVIDER_ACCESS_TOKEN_MODEL = "oauth2_provider.AccessToken"
OAUTH2_PROVIDER_REFRESH_TOKEN_MODEL = "oauth2_provider.RefreshToken"
OAUTH2_PROVIDER_ID_TOKEN_MODEL = "oauth2_provider.IDToken"
OAUTH2_PROVIDER_GRANT_MODEL = "oauth2_provider.Grant"
