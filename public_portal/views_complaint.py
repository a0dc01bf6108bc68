"""The complaint form in short steps at /pengaduan/: each step posts its answers with the
others (signed), Next checks only that step, Back checks nothing, Send checks everything
again through the service. Works without JavaScript."""

from __future__ import annotations

import contextlib

from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from hub.consent.services import ConsentChoices
from hub.core.errors import DomainError
from hub.core.forms import form_refused
from hub.intake.attachments import attachment_remove, attachment_upload, draft_attachments
from hub.intake.services import ComplaintInput, MemberInput, complaint_submit
from hub.throttle import ratelimit
from hub.throttle.idempotency import once
from public_portal.complaint_draft import (
    CHECK,
    GROUP,
    STEPS,
    WHAT,
    Draft,
    DraftUnreadable,
    Step,
    error_links,
    member_rows,
    step_of,
    step_with_field,
    summary,
)
from public_portal.forms import HONEYPOT_MESSAGE, MEMBER_ROWS_MAX, MEMBER_ROWS_STEP, ComplaintForm


def complaint_new(request):
    if request.method != "POST":
        return _show(request, Draft.new(), STEPS[0])
    try:
        draft = Draft.load(request.POST.get("state", ""))
        step = step_of(request.POST.get("step", ""))
    except DraftUnreadable:
        return _unreadable(request)
    if step.number != CHECK:
        draft.keep(step, request.POST)
    upload_errors = _attachments_changed(request, draft) if step.number == WHAT else []
    action = request.POST.get("action", "next")
    if "goto" in request.POST:  # "change" on the check page: no check, nothing lost
        try:
            return _show(request, draft, step_of(request.POST["goto"]))
        except DraftUnreadable:
            return _unreadable(request)
    if "remove" in request.POST or action == "upload":
        return _show_checked_uploads(request, draft, step, upload_errors)
    if action == "back":
        return _show(request, draft, STEPS[max(step.number - 2, 0)])
    if action == "rows" and step.number == GROUP:
        draft.rows = min(draft.rows + MEMBER_ROWS_STEP, MEMBER_ROWS_MAX)
        return _show(request, draft, step)
    if step.number == CHECK:
        if request.POST.get("website"):
            return _show(request, draft, step, errors=[HONEYPOT_MESSAGE], status=400)
        return _send(request, draft)
    form = draft.form(step, bound=True)
    if request.POST.get("website"):
        form.add_error(None, HONEYPOT_MESSAGE)
    for message in upload_errors:
        form.add_error("attachments", message)
    if not form.is_valid():
        return _show(request, draft, step, form=form, status=400)
    following = CHECK if draft.checked else step.number + 1
    return _show(request, draft, STEPS[following - 1])


def _attachments_changed(request, draft: Draft) -> list[str]:
    """Remove the file asked for, store the files chosen; a refused file is a message naming
    it, and loses nothing else."""
    if "remove" in request.POST:
        with contextlib.suppress(DomainError):  # already gone (a second tap): the list says so
            attachment_remove(draft_key=draft.token, attachment_id=request.POST["remove"])
    errors = []
    for upload in request.FILES.getlist("attachments"):
        try:
            attachment_upload(draft_key=draft.token, file=upload)
        except DomainError as exc:
            errors.append(f"{upload.name}: {exc.message}")
    return errors


def _show_checked_uploads(request, draft: Draft, step: Step, errors: list[str]):
    form = draft.form(step)
    if errors:
        form = draft.form(step, bound=True)
        form.is_valid()
        form.errors.clear()  # only the files are in question here, not the other answers
        for message in errors:
            form.add_error("attachments", message)
    return _show(request, draft, step, form=form, status=400 if errors else 200)


def _throttled(request, scope: str, retry_after: int):
    """Too many complaints from this address: the check page again, everything kept."""
    draft = Draft.load(request.POST.get("state", ""))
    response = _show(
        request,
        draft,
        STEPS[-1],
        throttled=ratelimit.message(scope, retry_after),
        status=429,
    )
    response["Retry-After"] = str(retry_after)
    return response


@ratelimit.rate_limited("submit", refuse=_throttled, methods=("POST",))
def _send(request, draft: Draft):
    """The last step's Send: every answer checked again, then the service (the same rules as
    the JSON API). A double tap gets the first one's receipt. Only this is rate-limited."""
    everything = ComplaintForm(data=draft.data())
    group = draft.form(STEPS[GROUP - 1], bound=True)
    if not everything.is_valid() or not group.is_valid():
        wrong = everything.errors or group.errors
        step = step_with_field(next(iter(wrong)))
        form = draft.form(step, bound=True) if step.form else None
        if form is not None:
            form.is_valid()
        return _show(request, draft, step, form=form, status=400)
    data = dict(everything.cleaned_data)
    consent = ConsentChoices(
        contact=data.pop("consent_contact"),
        share=data.pop("consent_share"),
        refer=data.pop("consent_refer"),
        statistics=data.pop("consent_statistics"),
    )
    for name in ("website", "attachments"):
        data.pop(name)
    data["issue_types"] = tuple(data["issue_types"])
    complaint_input = ComplaintInput(
        consent=consent,
        language=request.LANGUAGE_CODE,
        members=tuple(MemberInput(**member) for member in group.members()),
        draft_key=draft.token,
        **data,
    )
    try:
        code, _replayed = once(
            scope="complaint-form",
            key=draft.token,
            print_="",
            produce=lambda: complaint_submit(data=complaint_input).receipt_code,
        )
    except DomainError as exc:
        return _refused(request, draft, exc)
    return redirect("portal:receipt", receipt_code=code)


def _refused(request, draft: Draft, exc: DomainError):
    """The service's refusal: to the step that asks for the first field it names."""
    step = step_with_field(next(iter(exc.fields), ""))
    if step.form is None:
        return _show(request, draft, step, errors=[exc.message], status=400)
    form = draft.form(step, bound=True)
    form.is_valid()
    form_refused(form, exc)
    if step.number == GROUP:
        for message in exc.fields.get("members", []):
            form.add_error(None, message)
    return _show(request, draft, step, form=form, status=400)


def _show(request, draft: Draft, step: Step, *, form=None, errors=(), throttled="", status=200):
    if step.number == CHECK:
        draft.checked = True
    if form is None and step.form is not None:
        form = draft.form(step)
    links = error_links(form) if form is not None and form.is_bound else []
    top = list(errors) + (list(form.non_field_errors()) if form is not None else [])
    context = {
        "step": step,
        "steps": STEPS,
        "form": form,
        "state": draft.dumps(),
        "error_links": links,
        "errors": top,
        "throttled": throttled,
    }
    if step.number == WHAT:
        context["attachments"] = draft_attachments(draft_key=draft.token)
    if step.number == GROUP:
        context["more_rows"] = draft.rows < MEMBER_ROWS_MAX
    if step.number == CHECK:
        context["summary"] = summary(draft)
        context["members"] = member_rows(draft)
        context["attachments"] = draft_attachments(draft_key=draft.token)
    return render(request, "public_portal/complaint_form.html", context, status=status)


def _unreadable(request):
    message = _(
        "This form could not be read: it is more than a day old, or it was damaged on the "
        "way. Nothing was filed. Please start again."
    )
    context = {"error": {"status": 400, "message": message}, "restart": True}
    return render(request, "public_portal/complaint_unreadable.html", context, status=400)
