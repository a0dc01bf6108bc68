"""Issue 9's "done when" walked in Chromium as people would: organisation A shares a case with B
limited to its events, B sees exactly that and A sees B's read in its trail; the worker
withdraws sharing on the portal (phone, JavaScript off) and B gets 404 at once; A refers a case
for psychosocial support and the receiver's acceptance shows up at A; A transfers a case and
its page shows the working days left; a national office asks A for access, A approves, and the
case appears under the national office's "shared with us".

The test world has two members: B plays the receiver of the referral too (the brief's C).
Staff use a desktop viewport with JavaScript off. What the walk commits (by the live server or
by `committed` below) is removed at the end of the module: every row of the public schema and of
both organisations' schemas added after the module's start (`_Snapshot`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.db.models import ProtectedError
from django.utils import timezone, translation
from django.utils.translation import gettext

from hub.accounts.roles import Role
from hub.organisations.context import organisation_context
from hub.organisations.models import Organisation
from hub.organisations.selectors import organisation_cache_clear
from tests.builders import committed, complaint, member
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

PIN = "4826"
SHOTS = Path("/work/briefs/shots")
# Never the organisations themselves, nor accounts: the walk makes none, and removing an
# organisation would drop its schema.
KEPT_APPS = {"organisations", "accounts", "contenttypes", "auth", "django_tenants", "vocab"}


def _id(msgid: str) -> str:
    with translation.override("id"):
        return gettext(msgid)


# --- the committed world -------------------------------------------------------------------


class _Snapshot:
    """The highest integer primary key of every table in the public schema and in each
    organisation's schema at the start; `remove()` deletes every row above it (passes in turn,
    as protected references free up), so the walk leaves the database as it found it."""

    def __init__(self, organisations):
        self.organisations = organisations
        self.marks = {None: self._marks(settings.SHARED_APPS)}
        for organisation in organisations:
            with organisation_context(organisation):
                self.marks[organisation.pk] = self._marks(settings.TENANT_APPS)

    @staticmethod
    def _models(app_names):
        for app_name in app_names:
            config = next((c for c in apps.get_app_configs() if c.name == app_name), None)
            if config is None or config.label in KEPT_APPS:
                continue
            for model in config.get_models(include_auto_created=True):
                if isinstance(model._meta.pk, models.AutoField | models.BigAutoField):
                    yield model

    def _marks(self, app_names) -> dict:
        return {
            model: model.objects.aggregate(top=models.Max("pk"))["top"] or 0
            for model in self._models(app_names)
        }

    @staticmethod
    def _remove(marks: dict) -> None:
        for _ in range(8):
            left = False
            for model, top in marks.items():
                try:
                    with transaction.atomic():
                        model._base_manager.filter(pk__gt=top).delete()
                except (ProtectedError, IntegrityError):
                    left = True
            if not left:
                return
        raise AssertionError("the walk's rows could not all be removed")

    def remove(self) -> None:
        for organisation in self.organisations:
            with organisation_context(organisation):
                self._remove(self.marks[organisation.pk])
        self._remove(self.marks[None])

    def left(self) -> list[str]:
        """The tables that still hold a row added after the start (none after `remove`)."""
        found = [
            m._meta.label
            for m, top in self.marks[None].items()
            if m.objects.filter(pk__gt=top).exists()
        ]
        for organisation in self.organisations:
            with organisation_context(organisation):
                found += [
                    f"{organisation.slug}:{m._meta.label}"
                    for m, top in self.marks[organisation.pk].items()
                    if m.objects.filter(pk__gt=top).exists()
                ]
        return found


@dataclass(frozen=True)
class Walk:
    a: object  # the test world's OrgWorld of A
    b: object
    shared_code: str  # the worker's receipt code (PIN set); the case A shares with B
    shared_case: int
    shared_number: str
    referred_number: str
    referred_case: int
    transferred_case: int
    transferred_number: str
    asked_number: str


def _portal_case(org, name: str, *, pin: str = "") -> tuple[str, object]:
    """A complaint filed on the portal for `org` with consent to share, accepted by its
    division head: the receipt code and the case."""
    from hub.intake.pin import complaint_pin_set
    from tenants.cases.registration import case_open_from_complaint

    filed = complaint(org.organisation, share=True, reporter_name=name)
    if pin:
        complaint_pin_set(receipt_code=filed.receipt_code, pin=pin)
    with organisation_context(org.organisation):
        case = case_open_from_complaint(
            actor=member(org, Role.DIVISION_HEAD), receipt_code=filed.receipt_code
        )
    return filed.receipt_code, case


def _build(a, b) -> Walk:
    from tenants.cases.assignments import case_take
    from tenants.events.services import EventData, event_record

    code, shared = _portal_case(a, "Walk Sulastri Rahayu", pin=PIN)
    with organisation_context(a.organisation):
        event_record(
            actor=member(a, Role.DIVISION_HEAD),
            case=shared.pk,
            data=EventData(
                description="Majikan menahan paspor dan gaji tiga bulan tidak dibayar.",
                occurred_on=timezone.localdate() - timedelta(days=40),
            ),
        )
    _, referred = _portal_case(a, "Walk Dewi Anggraini")
    _, transferred = _portal_case(a, "Walk Nur Hasanah")
    with organisation_context(a.organisation):
        case_take(actor=member(a, Role.CONSULTATION_LAWYER), case_id=transferred.pk)
    _, asked = _portal_case(a, "Walk Yuliani")
    return Walk(
        a=a,
        b=b,
        shared_code=code,
        shared_case=shared.pk,
        shared_number=shared.number,
        referred_number=referred.number,
        referred_case=referred.pk,
        transferred_case=transferred.pk,
        transferred_number=transferred.number,
        asked_number=asked.number,
    )


@pytest.fixture(scope="module")
def walk(world, django_db_blocker):
    a, b = world["a"], world["b"]
    organisations = [a.organisation, b.organisation]
    with django_db_blocker.unblock():
        snapshot = committed(None, lambda: _Snapshot(organisations))
        try:
            yield committed(None, lambda: _build(a, b))
        finally:
            committed(None, snapshot.remove)
            organisation_cache_clear()
            assert committed(None, snapshot.left) == []


@pytest.fixture
def desk(browser):
    """Staff pages: a desktop, JavaScript off; each `desk()` is a fresh session."""
    contexts = []

    def open_page():
        context = browser.new_context(
            viewport={"width": 1280, "height": 800}, locale="id-ID", java_script_enabled=False
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        return page

    yield open_page
    for context in contexts:
        context.close()


def _login(page, live_url: str, user, then: str) -> None:
    page.goto(f"{live_url}/accounts/login/?next={then}")
    page.fill("input[name=username]", user.email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("form button[type=submit]").last.click()
    page.wait_for_load_state()


def _submit(page, label: str) -> None:
    page.get_by_role("button", name=label).first.click()
    page.wait_for_load_state()


def _shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / name), full_page=True)


def _h2s(page) -> list[str]:
    return [h.strip() for h in page.locator("main h2").all_inner_texts()]


# --- the walk --------------------------------------------------------------------------------


def test_a_share_limited_to_events_is_read_audited_and_ends_with_the_workers_withdrawal(
    live_url, browser, desk, walk
):
    from sharing.models import ShareStatus
    from tenants.cases.projection import Section

    a, b = walk.a, walk.b
    slug_a, slug_b = a.organisation.slug, b.organisation.slug

    # A's division head opens the case and follows "Bagikan" to the share page.
    owner = desk()
    _login(owner, live_url, a.users[Role.DIVISION_HEAD], f"/org/{slug_a}/cases/{walk.shared_case}/")
    owner.locator("main a", has_text=re.compile(rf"^{re.escape(_id('Share'))}$")).first.click()
    owner.wait_for_load_state()
    assert owner.url.endswith(f"/org/{slug_a}/cases/{walk.shared_case}/shares/")
    owner.select_option("select[name=recipient]", slug_b)
    owner.check(f"input[name=sections][value={Section.EVENTS}]")
    owner.check("input[name=permission][value=read]")
    owner.locator("form button[type=submit]", has_text=_id("Share")).click()
    owner.wait_for_load_state()
    assert owner.locator("#error-summary").count() == 0
    rows = owner.locator("table", has=owner.locator("th", has_text=_id("Permission"))).first
    assert b.organisation.name in rows.inner_text()

    # B's staff: "Dibagikan kepada kami" lists it; the case shows its events only.
    reader = desk()
    _login(reader, live_url, b.users[Role.DIVISION_HEAD], f"/org/{slug_b}/")
    reader.locator("main a", has_text=_id("Shared with us")).first.click()
    reader.wait_for_load_state()
    assert reader.locator("h1").inner_text().strip() == _id("Shared with us")
    _shot(reader, "shared-with-us.png")
    reader.locator("main tbody a", has_text=walk.shared_number).click()
    reader.wait_for_load_state()
    shared_url = reader.url
    headings = _h2s(reader)
    with translation.override("id"):
        events, summary = str(Section.EVENTS.label), str(Section.SUMMARY.label)
        people, contact = str(Section.PEOPLE.label), str(Section.PEOPLE_CONTACT.label)
    assert events in headings
    assert not {summary, people, contact} & set(headings)
    assert "Majikan menahan paspor" in reader.locator("main").inner_text()
    assert "Walk Sulastri" not in reader.locator("main").inner_text()

    # A sees B's read under "Siapa yang membaca kasus ini".
    owner.reload()
    reads = owner.locator("#reads ~ table").first
    assert b.organisation.name in reads.inner_text()
    assert b.users[Role.DIVISION_HEAD].email in reads.inner_text()

    # The worker, on a phone without JavaScript: status page → "Tarik persetujuan" → sharing.
    context = browser.new_context(
        viewport={"width": 360, "height": 640}, locale="id-ID", java_script_enabled=False
    )
    try:
        worker = context.new_page()
        worker.set_default_timeout(15_000)
        assert worker.goto(f"{live_url}/status/{walk.shared_code}/").status == 200
        worker.locator("a", has_text=_id("Withdraw your consent")).click()
        worker.wait_for_load_state()
        assert worker.url.endswith(f"/tanda-terima/{walk.shared_code}/tarik-persetujuan/")
        worker.check("input[name=purposes][value=share]")
        worker.fill("#withdraw_pin", PIN)
        worker.check("#withdraw_confirm")
        worker.locator("form button[type=submit]").click()
        worker.wait_for_load_state()
        assert worker.locator("[role=status]").is_visible()
    finally:
        context.close()

    # B reloads the shared case: gone at once; the list no longer has it.
    assert reader.url == shared_url
    assert reader.reload().status == 404
    reader.goto(f"{live_url}/org/{slug_b}/shared-with-us/")
    assert walk.shared_number not in reader.locator("main").inner_text()

    # A's share page says why the share ended.
    owner.reload()
    with translation.override("id"):
        ended = str(ShareStatus.CONSENT_WITHDRAWN.label)
    row = owner.locator("tr", has_text=b.organisation.name).first
    assert row.locator(".badge").inner_text().strip() == ended


def test_a_referral_for_psychosocial_support_is_accepted_and_a_sees_it(live_url, desk, walk):
    from sharing.referrals.models import ReferralStatus

    a, b = walk.a, walk.b
    slug_a, slug_b = a.organisation.slug, b.organisation.slug

    sender = desk()
    _login(
        sender, live_url, a.users[Role.DIVISION_HEAD], f"/org/{slug_a}/cases/{walk.referred_case}/"
    )
    sender.locator("main a", has_text=_id("Refer to another member or an agency")).click()
    sender.wait_for_load_state()
    form = sender.locator("form[method=post]", has=sender.locator("select[name=receiver]"))
    form.locator("select[name=service]").select_option("psychosocial")
    form.locator("select[name=receiver]").select_option(slug_b)
    form.locator("textarea[name=reason]").fill(
        "Klien mengalami trauma setelah pulang; mohon pendampingan psikososial di Indramayu."
    )
    form.locator("input[name=sections][value=events]").check()
    form.locator("button[type=submit]").click()
    sender.wait_for_load_state()
    assert walk.referred_number in sender.locator("main").inner_text()

    receiver = desk()
    _login(receiver, live_url, b.users[Role.DIVISION_HEAD], f"/org/{slug_b}/referrals/")
    row = receiver.locator("tr", has_text=walk.referred_number).first
    row.locator("button[name=move][value=accept]").click()
    receiver.wait_for_load_state()

    with translation.override("id"):
        accepted = str(ReferralStatus.ACCEPTED.label)
    sender.goto(f"{live_url}/org/{slug_a}/referrals/")
    sent = sender.locator("tr", has_text=walk.referred_number).first
    assert sent.locator(".badge").first.inner_text().strip() == accepted
    sender.goto(f"{live_url}/org/{slug_a}/cases/{walk.referred_case}/referrals/")
    assert accepted in sender.locator("tr", has_text=b.organisation.name).first.inner_text()


def test_a_transfer_shows_the_working_days_left_and_waits_in_the_work_queue(live_url, desk, walk):
    from django.utils.translation import ngettext

    from sharing.transfers.clock import WORKING_DAYS

    a, b = walk.a, walk.b
    slug_a, slug_b = a.organisation.slug, b.organisation.slug

    head = desk()
    _login(
        head, live_url, a.users[Role.DIVISION_HEAD], f"/org/{slug_a}/cases/{walk.transferred_case}/"
    )
    head.locator("main a", has_text=_id("Transfer to another member")).click()
    head.wait_for_load_state()
    head.select_option("select[name=receiver]", slug_b)
    head.fill("textarea[name=note]", "Klien pindah ke Indramayu dan minta ditangani SBMI.")
    head.locator("main form[method=post] button[type=submit]").click()
    head.wait_for_load_state()
    with translation.override("id"):
        left = ngettext("%(n)d working day left", "%(n)d working days left", WORKING_DAYS) % {
            "n": WORKING_DAYS
        }
    # Decided now: the 10th working day after today is 10 working days away, whatever today is.
    badges = [t.strip() for t in head.locator("main .badge").all_inner_texts()]
    assert left in badges, badges
    assert b.organisation.name in head.locator("main").inner_text()

    head.goto(f"{live_url}/org/{slug_a}/queue/")
    row = head.locator("main tr", has_text=walk.transferred_number).first
    assert left in row.inner_text()

    # The receiver sees the same clock among its incoming transfers.
    receiver = desk()
    _login(receiver, live_url, b.users[Role.DIVISION_HEAD], f"/org/{slug_b}/transfers/")
    incoming = receiver.locator("main tr", has_text=walk.transferred_number).first
    assert left in incoming.inner_text()
    assert a.organisation.name in incoming.inner_text()


def test_the_national_office_asks_for_access_and_the_office_approves(live_url, desk, walk):
    a, b = walk.a, walk.b
    slug_a, slug_b = a.organisation.slug, b.organisation.slug

    def national(flag: bool) -> None:
        Organisation.objects.filter(pk=b.organisation.pk).update(is_national_office=flag)
        Organisation.objects.filter(pk=a.organisation.pk).update(
            national_office=b.organisation if flag else None
        )

    committed(None, lambda: national(True))
    organisation_cache_clear()
    try:
        asker = desk()
        _login(asker, live_url, b.users[Role.DIVISION_HEAD], f"/org/{slug_b}/access-requests/new/")
        asker.select_option("select[name=owner]", slug_a)
        asker.fill("input[name=case_number]", walk.asked_number)
        asker.fill(
            "textarea[name=reason]",
            "Pemantauan nasional kasus perdagangan orang untuk laporan tahunan YLBHI.",
        )
        asker.check("input[name=sections][value=events]")
        asker.fill("input[name=duration_days]", "14")
        asker.locator("main form[method=post] button[type=submit]").click()
        asker.wait_for_load_state()
        assert asker.url.endswith(f"/org/{slug_b}/access-requests/")
        assert walk.asked_number in asker.locator("main").inner_text()

        office = desk()
        _login(
            office,
            live_url,
            a.users[Role.DIVISION_HEAD],
            f"/org/{slug_a}/access-requests/received/",
        )
        # A's work queue: the request to decide, beside the transfer waiting for B (when the
        # transfer test ran first).
        office.goto(f"{live_url}/org/{slug_a}/queue/")
        assert walk.asked_number in office.locator("main tbody").inner_text()
        _shot(office, "work-queue.png")
        office.goto(f"{live_url}/org/{slug_a}/access-requests/received/")
        card = office.locator(".card", has_text=walk.asked_number).first
        card.locator("button[name=decision][value=approved]").click()
        office.wait_for_load_state()
        assert office.locator(".card", has_text=walk.asked_number).count() == 0

        asker.goto(f"{live_url}/org/{slug_b}/shared-with-us/")
        asker.locator("main tbody a", has_text=walk.asked_number).click()
        asker.wait_for_load_state()
        assert walk.asked_number in asker.locator("h1").inner_text()
    finally:
        committed(None, lambda: national(False))
        organisation_cache_clear()
