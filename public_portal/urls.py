"""Portal pages."""

from django.urls import path

from public_portal import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("pengaduan/", views.complaint_new, name="complaint"),
    path("tanda-terima/<str:receipt_code>/", views.receipt, name="receipt"),
    path("status/", views.status_lookup, name="status-lookup"),
    path("status/<str:receipt_code>/", views.status, name="status"),
]
