"""Routes of this app, spread into hub/urls.py's lists (names live in their namespaces)."""

from django.urls import path

from sharing.queues import api, views

# Under /org/<slug>/ (namespace "org"): staff pages.
organisation_space: list = [
    path("queue/", views.work_queue_page, name="work-queue"),
]
# Under /org/<slug>/api/v1/ (namespace "org-api"). Not "queue/": that is the consultation
# queue's (cases waiting to be taken).
organisation_api: list = [
    path("work-queue/", api.WorkQueueApi.as_view(), name="work-queue"),
]
# At the site root (network pages such as /network/...), no namespace.
site: list = []
