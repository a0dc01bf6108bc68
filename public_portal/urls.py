"""Portal pages."""

from django.urls import path

from public_portal import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("status/", views.status_lookup, name="status-lookup"),
    path("status/<str:receipt_code>/", views.status, name="status"),
]
