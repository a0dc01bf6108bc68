"""Routes of this app, spread into hub/urls.py's lists (names live in their namespaces)."""

# Under /org/<slug>/ (namespace "org"): staff pages.
organisation_space: list = []
# Under /org/<slug>/api/v1/ (namespace "org-api").
organisation_api: list = []
# At the site root (network pages such as /network/...), no namespace.
site: list = []
