"""Portal pages."""

from django.urls import path

from public_portal import (
    views,
    views_complaint,
    views_consent,
    views_links,
    views_pages,
    views_rights,
)
from public_portal.views_receipt import lost_code, receipt, receipt_pin

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("pengaduan/", views_complaint.complaint_new, name="complaint"),
    path("anggota/", views_pages.directory, name="directory"),
    path("privasi/", views_pages.privacy, name="privacy"),
    path("hak/", views_rights.rights_index, name="rights"),
    path("hak/<slug:slug>/", views_rights.rights_page, name="rights-page"),
    path("tanda-terima/<str:receipt_code>/", receipt, name="receipt"),
    path("tanda-terima/<str:receipt_code>/pin/", receipt_pin, name="receipt-pin"),
    path(
        "tanda-terima/<str:receipt_code>/tarik-persetujuan/",
        views_consent.consent_withdraw,
        name="consent-withdraw",
    ),
    path("lupa-kode/", lost_code, name="lost-code"),
    path("status/", views.status_lookup, name="status-lookup"),
    path("status/<str:receipt_code>/", views.status, name="status"),
    path("tautan/<str:token>/", views_links.link, name="link"),
]
