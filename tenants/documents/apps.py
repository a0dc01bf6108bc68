"""App configuration for tenants.documents."""

from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "tenants.documents"
    label = "documents"
    verbose_name = "Documents"

    def ready(self) -> None:
        from tenants.documents import tasks  # noqa: F401  (registers the periodic sweep)
