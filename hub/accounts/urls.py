"""Login, logout and the landing page after login."""

from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from hub.accounts import views

app_name = "accounts"
urlpatterns = [
    path("login/", auth_views.LoginView.as_view(template_name="accounts/login.html"), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("home/", views.home, name="home"),
    # A new colleague sets their own password through the link the office admin hands over.
    path(
        "password/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="accounts/password_set.html",
            success_url=reverse_lazy("accounts:password-set-done"),
        ),
        name="password-set",
    ),
    path(
        "password/done/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/password_set_done.html"
        ),
        name="password-set-done",
    ),
]
