"""Routes of this app, spread into hub/urls.py's lists (names live in their namespaces)."""

from django.urls import path

from sharing import views

# Under /org/<slug>/ (namespace "org"): staff pages.
organisation_space: list = [
    path("cases/<int:case_id>/shares/", views.case_shares, name="case-shares"),
    path("shares/<int:grant_id>/revoke/", views.share_revoke_view, name="share-revoke"),
    path("shared-with-us/", views.shared_with_us, name="shared-with-us"),
    path("shared-with-us/<int:grant_id>/", views.shared_case, name="shared-case"),
]
# Under /org/<slug>/api/v1/ (namespace "org-api").
organisation_api: list = []
# At the site root (network pages such as /network/...), no namespace.
site: list = []
