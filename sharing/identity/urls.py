"""Routes of this app, spread into hub/urls.py's lists (names live in their namespaces)."""

from django.urls import path

from sharing.identity import api, views

# Under /org/<slug>/ (namespace "org"): staff pages.
organisation_space: list = [
    path("cases/<int:case_id>/matches/", views.case_matches_page, name="case-matches"),
]
# Under /org/<slug>/api/v1/ (namespace "org-api").
organisation_api: list = [
    path("cases/<int:case_id>/matches/", api.CaseMatchesApi.as_view(), name="case-matches"),
]
# At the site root (network pages such as /network/...), no namespace.
site: list = []
