"""Health, API schema and docs (offline), portal in Indonesian and English, admin gate, 404s."""

from __future__ import annotations

from hub.accounts.models import Membership, User
from hub.accounts.roles import Role


def test_healthz_reports_database_ok(client, world, db):
    body = client.get("/healthz").json()
    assert body == {"status": "ok", "database": "ok"}


def test_openapi_schema_lists_the_contract_paths(client, world, db):
    response = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    for path in [
        "/api/v1/public/complaints/",
        "/api/v1/public/complaints/{receipt_code}/",
        "/api/v1/public/organisations/",
        "/api/v1/network/stats/",
        "/org/{org_slug}/api/v1/cases/",
        "/org/{org_slug}/api/v1/cases/{case_id}/package.xml",
    ]:
        assert path in paths, path


def test_every_operation_documents_the_errors_it_answers_in_the_error_shape(client, world, db):
    document = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    undocumented = []
    for path, operations in document["paths"].items():
        if path in ("/api/v1/public/organisations/", "/api/v1/public/vocabularies/"):
            continue  # a plain public list: nothing to refuse
        for method, operation in operations.items():
            errors = {code: r for code, r in operation["responses"].items() if code[0] == "4"}
            shaped = all(
                "ErrorOutput" in str(r.get("content", {}).get("application/json", {}))
                for r in errors.values()
            )
            if not errors or not shaped:
                undocumented.append(f"{method.upper()} {path}")
    assert undocumented == []


def test_api_docs_are_served_without_any_other_host(client, world, db):
    page = client.get("/api/docs/").content.decode()
    assert "swagger" in page.lower()
    assert "cdn" not in page.lower() and "https://" not in page


def test_portal_home_is_indonesian_by_default_and_english_on_request(client, world, db):
    indonesian = client.get("/").content.decode()
    assert 'lang="id"' in indonesian and "Bantuan untuk pekerja migran" in indonesian
    english = client.get("/?lang=en").content.decode()
    assert 'lang="en"' in english and "Help for Indonesian migrant workers" in english


def test_portal_status_page_for_unknown_code_explains_in_indonesian(client, world, db):
    response = client.get("/status/RP-2222-3333/")
    assert response.status_code == 404
    assert "Periksa" in response.content.decode()


def test_unknown_api_path_answers_json_404(client, world, db):
    response = client.get("/api/v1/nothing-here/")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_admin_is_for_network_admins_only(client, org_a, world):
    office_admin = org_a.users[Role.OFFICE_ADMIN]
    client.force_login(office_admin)
    assert client.get("/admin/").status_code == 302  # sent to the admin login
    admin = User.objects.create_user("netadmin@network.test", "pw-123456789", is_staff=True)
    Membership.objects.create(user=admin, role=Role.NETWORK_ADMIN)
    client.force_login(admin)
    assert client.get("/admin/").status_code == 200
    # by role, without per-model grants: the organisations list opens
    assert client.get("/admin/organisations/organisation/").status_code == 200


def test_login_page_logs_a_member_in_and_lands_in_their_organisation(client, org_a):
    user = org_a.users[Role.CASE_LAWYER]
    response = client.post(
        "/accounts/login/", {"username": user.email, "password": "test-password-1234"}
    )
    assert response.status_code == 302
    landing = client.get(response["Location"])
    assert landing.status_code == 302 and landing["Location"] == f"/org/{org_a.organisation.slug}/"


def test_portal_stays_indonesian_for_a_phone_set_to_english(client, world, db):
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert "Bantuan untuk pekerja migran" in page


def test_language_choice_is_remembered(client, world, db):
    client.get("/?lang=en")
    assert "Help for Indonesian migrant workers" in client.get("/").content.decode()


def test_api_errors_follow_accept_language(client, world, db):
    english = client.get("/api/v1/public/complaints/RP-2222-2222/", HTTP_ACCEPT_LANGUAGE="en")
    assert english.json()["error"]["message"] == "No complaint with this receipt code."
    indonesian = client.get("/api/v1/public/complaints/RP-2222-2222/")
    assert (
        indonesian.json()["error"]["message"] == "Tidak ada pengaduan dengan kode tanda terima ini."
    )


def test_openapi_document_generates_without_warnings_and_validates(tmp_path, world, db):
    from django.core.management import call_command

    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "s.yaml"))
    assert (tmp_path / "s.yaml").stat().st_size > 1000


def test_the_frameworks_own_messages_come_in_indonesian(client, world, db):
    response = client.put("/api/v1/public/complaints/", {}, content_type="application/json")
    assert response.status_code == 405
    assert response.json()["error"]["message"] == 'Metode "PUT" tidak diizinkan.'
