"""Routes of this app, spread into hub/urls.py's lists (names live in their namespaces)."""

from django.urls import path

from sharing.referrals import api, directory_views, views

# Under /org/<slug>/ (namespace "org"): staff pages.
organisation_space: list = [
    path("cases/<int:case_id>/referrals/", views.case_referrals, name="case-referrals"),
    path("referrals/", views.referrals_page, name="referrals"),
    path("referrals/<int:referral_id>/", views.referral_detail, name="referral"),
    path("referrals/<int:referral_id>/move/", views.referral_move_view, name="referral-move"),
    path(
        "referrals/<int:referral_id>/letter.pdf",
        views.referral_letter_view,
        name="referral-letter",
    ),
    path("directory/", views.directory_page, name="directory"),
]
# Under /org/<slug>/api/v1/ (namespace "org-api").
organisation_api: list = [
    path("referrals/", api.ReferralListApi.as_view(), name="referrals"),
    path("referrals/<int:referral_id>/", api.ReferralDetailApi.as_view(), name="referral"),
    path(
        "referrals/<int:referral_id>/answer/",
        api.ReferralAnswerApi.as_view(),
        name="referral-answer",
    ),
    path(
        "referrals/<int:referral_id>/complete/",
        api.ReferralCompleteApi.as_view(),
        name="referral-complete",
    ),
    path(
        "referrals/<int:referral_id>/withdraw/",
        api.ReferralWithdrawApi.as_view(),
        name="referral-withdraw",
    ),
    path("agencies/", api.AgencyListApi.as_view(), name="agencies"),
]
# At the site root (network pages such as /network/...), no namespace.
site: list = [
    path("network/directory/", directory_views.network_directory, name="network-directory"),
    path(
        "network/directory/new/", directory_views.network_agency_new, name="network-directory-new"
    ),
    path(
        "network/directory/<int:agency_id>/",
        directory_views.network_agency_edit,
        name="network-directory-edit",
    ),
    path(
        "network/directory/<int:agency_id>/deactivate/",
        directory_views.network_agency_deactivate,
        name="network-directory-deactivate",
    ),
]
