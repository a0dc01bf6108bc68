"""Routes of this app, spread into hub/urls.py's lists (names live in their namespaces)."""

from django.urls import path

from sharing.transfers import api, views

# Under /org/<slug>/ (namespace "org"): staff pages.
organisation_space: list = [
    path("cases/<int:case_id>/transfer/", views.case_transfer_page, name="case-transfer"),
    path("cases/<int:case_id>/transfer/ask/", views.case_transfer_ask, name="case-transfer-ask"),
    path("transfers/", views.transfers_page, name="transfers"),
    path("transfers/<int:transfer_id>/", views.transfer_page, name="transfer"),
    path(
        "transfers/<int:transfer_id>/answer/",
        views.transfer_answer_view,
        name="transfer-answer",
    ),
    path(
        "transfers/<int:transfer_id>/withdraw/",
        views.transfer_withdraw_view,
        name="transfer-withdraw",
    ),
    path(
        "transfers/<int:transfer_id>/package.xml",
        views.transfer_package_view,
        name="transfer-package",
    ),
]
# Under /org/<slug>/api/v1/ (namespace "org-api").
organisation_api: list = [
    path("transfers/", api.TransferListApi.as_view(), name="transfers"),
    path("transfers/<int:transfer_id>/", api.TransferDetailApi.as_view(), name="transfer"),
    path(
        "transfers/<int:transfer_id>/accept/",
        api.TransferAcceptApi.as_view(),
        name="transfer-accept",
    ),
    path(
        "transfers/<int:transfer_id>/decline/",
        api.TransferDeclineApi.as_view(),
        name="transfer-decline",
    ),
    path(
        "transfers/<int:transfer_id>/withdraw/",
        api.TransferWithdrawApi.as_view(),
        name="transfer-withdraw",
    ),
]
# At the site root (network pages such as /network/...), no namespace.
site: list = []
