"""The coalition hub: project package and the public-schema layer."""

from hub.celery import app as celery_app

__all__ = ["celery_app"]
