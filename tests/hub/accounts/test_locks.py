"""Locks on the doors: the staff login lockout, the token endpoint's throttle, bearer tokens in
the Authorization header only, no implicit or password grant, and 401 before 403 on the API."""

from __future__ import annotations

import pytest
from django.conf import settings

from hub.accounts.roles import Role
from tests.builders import org_api
from tests.conftest import PASSWORD
from tests.routes import MISSING_IDS, all_routes, fill

LOGIN = "/accounts/login/"


def _login(client, email: str, password: str, address: str = "203.0.113.7"):
    return client.post(LOGIN, {"username": email, "password": password}, REMOTE_ADDR=address)


def _token(client, org, secret: str | None = None, address: str = "203.0.113.7", **extra):
    return client.post(
        "/o/token/",
        {
            "grant_type": "client_credentials",
            "client_id": org.application.client_id,
            "client_secret": secret if secret is not None else org.client_secret,
            **extra,
        },
        REMOTE_ADDR=address,
    )


# The staff login


def test_login_locks_after_repeated_wrong_passwords_even_for_the_right_one(client, org_a):
    email = org_a.users[Role.CASE_LAWYER].email
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        answer = _login(client, email, "salah")
        assert answer.status_code == (429 if attempt == settings.AXES_FAILURE_LIMIT - 1 else 200)
    locked = _login(client, email, PASSWORD)
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session
    assert "Login locked for now" in locked.content.decode() or "dikunci" in locked.content.decode()
    assert locked["Content-Security-Policy"] and "no-store" in locked["Cache-Control"]


def test_lockout_page_is_in_indonesian_by_default(client, org_a):
    email = org_a.users[Role.CASE_LAWYER].email
    for _attempt in range(settings.AXES_FAILURE_LIMIT + 1):
        page = _login(client, email, "salah")
    assert page.status_code == 429
    assert page["Content-Language"] == "id"


def test_another_colleague_from_the_same_address_is_not_locked(client, org_a):
    for _attempt in range(settings.AXES_FAILURE_LIMIT + 1):
        _login(client, org_a.users[Role.CASE_LAWYER].email, "salah")
    response = _login(client, org_a.users[Role.PARALEGAL].email, PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(org_a.users[Role.PARALEGAL].pk)


def test_the_same_person_from_another_address_is_not_locked(client, org_a):
    email = org_a.users[Role.CASE_LAWYER].email
    for _attempt in range(settings.AXES_FAILURE_LIMIT + 1):
        _login(client, email, "salah")
    assert _login(client, email, PASSWORD, address="198.51.100.20").status_code == 302


def test_a_successful_login_clears_the_count(client, org_a):
    email = org_a.users[Role.CASE_LAWYER].email
    for _round in range(2):
        for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
            assert _login(client, email, "salah").status_code == 200
        assert _login(client, email, PASSWORD).status_code == 302
        client.logout()


# The token endpoint


def test_token_endpoint_refuses_a_client_after_repeated_failed_authentications(client, org_a):
    for _attempt in range(settings.TOKEN_FAILURE_LIMIT):
        assert _token(client, org_a, "wrong").status_code == 401
    refused = _token(client, org_a, address="198.51.100.20")  # the right secret, elsewhere
    assert refused.status_code == 429
    assert refused.json()["error"]["code"] == "throttled"
    assert int(refused["Retry-After"]) > 0
    assert "no-store" in refused["Cache-Control"]


def test_token_endpoint_refuses_an_address_that_tries_many_clients(client, org_a, org_b):
    for attempt in range(settings.TOKEN_FAILURE_LIMIT):
        response = client.post(
            "/o/token/",
            {
                "grant_type": "client_credentials",
                "client_id": f"guess-{attempt}",
                "client_secret": "x",
            },
            REMOTE_ADDR="203.0.113.9",
        )
        assert response.status_code == 401
    assert _token(client, org_b, address="203.0.113.9").status_code == 429
    assert _token(client, org_b, address="198.51.100.20").status_code == 200


def test_token_endpoint_failures_below_the_limit_then_success_clear_the_client(client, org_a):
    for round_ in range(2):
        address = f"198.51.100.{round_ + 1}"
        for _attempt in range(settings.TOKEN_FAILURE_LIMIT - 1):
            assert _token(client, org_a, "wrong", address=address).status_code == 401
        assert _token(client, org_a, address="198.51.100.99").status_code == 200


def test_token_endpoint_with_basic_credentials_is_counted_by_client_id(client, org_a):
    import base64

    basic = base64.b64encode(f"{org_a.application.client_id}:wrong".encode()).decode()
    for _attempt in range(settings.TOKEN_FAILURE_LIMIT):
        response = client.post(
            "/o/token/",
            {"grant_type": "client_credentials"},
            HTTP_AUTHORIZATION=f"Basic {basic}",
            REMOTE_ADDR="203.0.113.10",
        )
        assert response.status_code == 401
    assert _token(client, org_a, address="198.51.100.20").status_code == 429


@pytest.mark.parametrize("grant_type", ["password", "implicit"])
def test_no_password_or_implicit_grant(client, org_a, grant_type):
    response = _token(
        client, org_a, grant_type=grant_type, username="x@lbh-uji.test", password=PASSWORD
    )
    assert response.status_code in (400, 401)
    assert "access_token" not in response.json()


# Bearer tokens


def test_access_token_is_accepted_in_the_authorization_header_only(client, org_a):
    token = _token(client, org_a).json()["access_token"]
    url = org_api(org_a, "cases/")
    assert client.get(url, HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 200
    in_query = client.get(url, {"access_token": token})
    assert in_query.status_code == 401
    assert in_query.json()["error"]["code"] == "authentication_failed"
    in_body = client.post(url, {"access_token": token, "title": "x"})
    assert in_body.status_code == 401


# 401 before 403


def _anonymous_api_routes() -> list[str]:
    public = ("api/v1/public/", "api/schema/", "api/docs/")
    return [r for r in all_routes() if "api/" in r and not r.startswith(public)]


def test_every_api_route_answers_401_with_a_challenge_to_an_anonymous_caller(client, org_a):
    samples = {**MISSING_IDS, "org_slug": org_a.organisation.slug}
    routes = _anonymous_api_routes()
    assert len(routes) >= 40
    wrong = []
    for route in routes:
        url = fill(route, samples)
        for method in (client.get, client.post):
            response = method(url)
            if response.status_code != 401 or "Bearer" not in response.get("WWW-Authenticate", ""):
                wrong.append((method.__name__, url, response.status_code))
    assert wrong == []


def test_an_invalid_bearer_token_is_401_and_a_token_without_the_scope_is_403(client, org_a):
    url = org_api(org_a, "cases/")
    assert client.get(url, HTTP_AUTHORIZATION="Bearer not-a-token").status_code == 401
    token = _token(client, org_a, scope="read").json()["access_token"]
    response = client.post(
        url, {}, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}"
    )
    assert response.status_code == 403


def test_registering_a_client_offers_no_implicit_or_password_grant(rf, coordinator):
    from django.contrib import admin
    from oauth2_provider.models import Application

    model_admin = admin.site._registry[Application]
    request = rf.get("/admin/oauth2_provider/application/add/")
    request.user = coordinator
    field = model_admin.get_form(request).base_fields["authorization_grant_type"]
    offered = {code for code, _label in field.choices}
    assert offered == {Application.GRANT_CLIENT_CREDENTIALS, Application.GRANT_AUTHORIZATION_CODE}


def test_behind_a_proxy_the_locks_count_the_forwarded_address(client, org_a, settings):
    settings.RATELIMIT_PROXY_HOPS = 1
    email = org_a.users[Role.CASE_LAWYER].email
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            LOGIN,
            {"username": email, "password": "salah"},
            HTTP_X_FORWARDED_FOR="203.0.113.7",
            **proxy,
        )
    other = client.post(
        LOGIN,
        {"username": email, "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="198.51.100.3",
        **proxy,
    )
    assert other.status_code == 302
    for _attempt in range(settings.TOKEN_FAILURE_LIMIT):
        client.post(
            "/o/token/",
            {"grant_type": "client_credentials", "client_id": "guess", "client_secret": "x"},
            HTTP_X_FORWARDED_FOR="203.0.113.7",
            **proxy,
        )
    allowed = client.post(
        "/o/token/",
        {
            "grant_type": "client_credentials",
            "client_id": org_a.application.client_id,
            "client_secret": org_a.client_secret,
        },
        HTTP_X_FORWARDED_FOR="198.51.100.3",
        **proxy,
    )
    assert allowed.status_code == 200
