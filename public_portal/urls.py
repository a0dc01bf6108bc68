"""Portal pages."""

from django.urls import path

from public_portal import views, views_links

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("pengaduan/", views.complaint_new, name="complaint"),
    path("tanda-terima/<str:receipt_code>/", views.receipt, name="receipt"),
    path("status/", views.status_lookup, name="status-lookup"),
    path("status/<str:receipt_code>/", views.status, name="status"),
    path("tautan/<str:token>/", views_links.link, name="link"),
]
