"""Routes of this app, spread into hub/urls.py's lists (names live in their namespaces)."""

from django.urls import path

from tenants.contributions import api, views

# Under /org/<slug>/ (namespace "org"): staff pages.
organisation_space: list = [
    path(
        "cases/<int:case_id>/contributions/<int:contribution_id>/hide/",
        views.contribution_hide_view,
        name="contribution-hide",
    ),
    path(
        "cases/<int:case_id>/contributions/<int:contribution_id>/review/",
        views.contribution_review_view,
        name="contribution-review",
    ),
]
# Under /org/<slug>/api/v1/ (namespace "org-api").
organisation_api: list = [
    path(
        "cases/<int:case_id>/contributions/",
        api.CaseContributionsApi.as_view(),
        name="case-contributions",
    ),
    path(
        "cases/<int:case_id>/contributions/<int:contribution_id>/hide/",
        api.ContributionHideApi.as_view(),
        name="contribution-hide",
    ),
    path(
        "cases/<int:case_id>/contributions/<int:contribution_id>/review/",
        api.ContributionReviewApi.as_view(),
        name="contribution-review",
    ),
]
# At the site root (network pages such as /network/...), no namespace.
site: list = []
