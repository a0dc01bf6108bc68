"""Text that displays differently from what it says is refused at every door."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from hub.accounts.roles import Role
from hub.core.fields import validate_plain_text
from tenants.cases.models import Case
from tests.builders import in_schema

HIDDEN = ["\x00", "\x1b", "\x7f", "\x85", "\x9b", "\u202a", "\u202e", "\u2066", "\u2069"]


@pytest.mark.parametrize("char", HIDDEN)
def test_control_characters_and_direction_overrides_are_refused(char):
    with pytest.raises(ValidationError):
        validate_plain_text(f"Siti{char}Aminah")


@pytest.mark.parametrize("text", ["Siti Aminah", "Gaji\tbelum\r\ndibayar", "محمد", "黃小姐"])
def test_ordinary_text_in_any_script_passes(text):
    validate_plain_text(text)


@pytest.mark.parametrize("char", ["\u202e", "\x85"])
def test_api_and_staff_form_refuse_them_and_write_nothing(client, org_a, char):
    a = org_a.organisation
    client.force_login(org_a.users[Role.RECEPTIONIST])
    with in_schema(a):
        before = Case.objects.count()
    api = client.post(
        f"/org/{a.slug}/api/v1/cases/", {"title": f"x{char}y"}, content_type="application/json"
    )
    assert api.status_code == 400 and "title" in api.json()["error"]["fields"]
    page = client.post(
        f"/org/{a.slug}/register/",
        {"client_name": f"Ri{char}na", "client_role": "complainant", "title": "Uji"},
    )
    assert page.status_code == 400
    assert "karakter kontrol" in page.content.decode()
    with in_schema(a):
        assert Case.objects.count() == before
