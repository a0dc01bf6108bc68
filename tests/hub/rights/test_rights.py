"""Rights information: every topic the issue names is there, in both languages, readable
without JavaScript, edited by network admins; plain text never becomes markup."""

from __future__ import annotations

import pytest

from hub.rights.models import RightsTopic
from hub.rights.selectors import Block, rights_blocks

TOPICS = [
    "kontrak-kerja",
    "gaji",
    "dokumen-ditahan",
    "biaya-dan-utang",
    "kekerasan",
    "perdagangan-orang",
    "pulang",
    "bantuan-di-negara-tujuan",
]


def test_every_topic_is_seeded_in_both_languages(db):
    topics = {t.slug: t for t in RightsTopic.objects.all()}
    assert set(TOPICS) <= set(topics)
    for slug in TOPICS:
        topic = topics[slug]
        assert topic.title_id and topic.title_en and topic.body_id and topic.body_en


@pytest.mark.parametrize("slug", TOPICS)
def test_each_topic_page_reads_in_indonesian_then_english(client, db, slug):
    topic = RightsTopic.objects.get(slug=slug)
    page = client.get(f"/hak/{slug}/")
    assert page.status_code == 200
    assert topic.title_id in page.content.decode()
    english = client.get(f"/hak/{slug}/?lang=en")
    assert topic.title_en in english.content.decode()


def test_the_index_and_the_home_page_list_the_topics(client, db):
    index = client.get("/hak/").content.decode()
    home = client.get("/").content.decode()
    for slug in TOPICS:
        assert f"/hak/{slug}/" in index and f"/hak/{slug}/" in home


def test_an_unknown_or_unpublished_topic_is_404(client, db):
    assert client.get("/hak/tidak-ada/").status_code == 404
    RightsTopic.objects.filter(slug="gaji").update(published=False)
    assert client.get("/hak/gaji/").status_code == 404
    assert "/hak/gaji/" not in client.get("/hak/").content.decode()


def test_an_admins_text_is_escaped_never_markup(client, db):
    RightsTopic.objects.filter(slug="gaji").update(
        body_id="<script>alert(1)</script>\n\n- <b>x</b>"
    )
    page = client.get("/hak/gaji/").content.decode()
    assert "<script>alert(1)" not in page and "&lt;script&gt;" in page


def test_blocks_are_paragraphs_and_lists():
    assert rights_blocks("Satu\ndua.\n\n- a\n- b\n\n\n") == [
        Block("p", ("Satu dua.",)),
        Block("ul", ("a", "b")),
    ]


def test_a_list_may_follow_its_intro_line_without_a_blank_line():
    assert rights_blocks("Simpan:\n- slip\n- catatan\nLalu adukan.") == [
        Block("p", ("Simpan:",)),
        Block("ul", ("slip", "catatan")),
        Block("p", ("Lalu adukan.",)),
    ]


def test_network_admins_edit_topics_in_the_admin(client, db):
    from hub.accounts.models import Membership, User
    from hub.accounts.roles import Role

    admin = User.objects.create_user("admin-jaringan@test", "x-pass-1234", is_staff=True)
    Membership.objects.create(user=admin, role=Role.NETWORK_ADMIN)
    admin.is_superuser = True
    admin.save()
    client.force_login(admin)
    topic = RightsTopic.objects.get(slug="gaji")
    assert client.get(f"/admin/rights/rightstopic/{topic.pk}/change/").status_code == 200


def test_every_public_page_has_a_quick_exit_and_staff_pages_do_not(client, org_a):
    from hub.accounts.roles import Role

    for path in ("/", "/hak/", "/hak/gaji/", "/pengaduan/", "/status/"):
        assert 'id="quick-exit"' in client.get(path).content.decode(), path
    client.force_login(org_a.users[Role.DIVISION_HEAD])
    assert 'id="quick-exit"' not in client.get(f"/org/{org_a.organisation.slug}/").content.decode()
