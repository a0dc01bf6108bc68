"""Routes of this app, spread into hub/urls.py's lists (names live in their namespaces)."""

from django.urls import path

from sharing import api_contribute, views, views_contribute

# Under /org/<slug>/ (namespace "org"): staff pages.
organisation_space: list = [
    path("cases/<int:case_id>/shares/", views.case_shares, name="case-shares"),
    path("shares/<int:grant_id>/revoke/", views.share_revoke_view, name="share-revoke"),
    path("shared-with-us/", views.shared_with_us, name="shared-with-us"),
    path("shared-with-us/<int:grant_id>/", views.shared_case, name="shared-case"),
    path(
        "shared-with-us/<int:grant_id>/contribute/",
        views_contribute.shared_case_contribute_page,
        name="shared-contribute",
    ),
]
# Under /org/<slug>/api/v1/ (namespace "org-api").
organisation_api: list = [
    path(
        "shared-with-us/<int:grant_id>/contributions/",
        api_contribute.SharedCaseContributionsApi.as_view(),
        name="shared-contributions",
    ),
]
# At the site root (network pages such as /network/...), no namespace.
site: list = []
