"""Routes of this app, spread into hub/urls.py's lists (names live in their namespaces)."""

from django.urls import path

from sharing.access import api, views

# Under /org/<slug>/ (namespace "org"): staff pages.
organisation_space: list = [
    path("access-requests/", views.access_requests_page, name="access-requests"),
    path("access-requests/new/", views.access_request_new, name="access-request-new"),
    path(
        "access-requests/received/",
        views.access_requests_received_page,
        name="access-requests-received",
    ),
    path(
        "access-requests/<int:access_request_id>/withdraw/",
        views.access_request_withdraw_view,
        name="access-request-withdraw",
    ),
    path(
        "access-requests/<int:access_request_id>/decide/",
        views.access_request_decide_view,
        name="access-request-decide",
    ),
]
# Under /org/<slug>/api/v1/ (namespace "org-api").
organisation_api: list = [
    path("access-requests/", api.AccessRequestListApi.as_view(), name="access-requests"),
    path(
        "access-requests/received/",
        api.AccessRequestReceivedApi.as_view(),
        name="access-requests-received",
    ),
    path(
        "access-requests/<int:access_request_id>/",
        api.AccessRequestDetailApi.as_view(),
        name="access-request",
    ),
    path(
        "access-requests/<int:access_request_id>/decide/",
        api.AccessRequestDecideApi.as_view(),
        name="access-request-decide",
    ),
    path(
        "access-requests/<int:access_request_id>/withdraw/",
        api.AccessRequestWithdrawApi.as_view(),
        name="access-request-withdraw",
    ),
]
# At the site root (network pages such as /network/...), no namespace.
site: list = []
