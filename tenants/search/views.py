"""The staff search page: a GET form, ranked results, and a link to the next page."""

from __future__ import annotations

from django.shortcuts import render

from hub.accounts.access import organisation_member_required
from hub.core.errors import DomainError
from hub.core.forms import form_refused
from tenants.search.forms import SearchForm
from tenants.search.selectors import (
    SearchFilters,
    SearchKind,
    search,
    search_assignees,
    search_people_cases,
)


@organisation_member_required
def search_page(request):
    actor = request.actor
    form = SearchForm(request.GET or None, assignees=search_assignees(actor=actor))
    page, cases_of, status = None, {}, 200
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        try:
            page = search(
                actor=actor,
                kind=data["kind"],
                q=data["q"],
                filters=SearchFilters.from_data(data),
                # Not a field of the form: a new search starts from the first page.
                cursor=request.GET.get("cursor", ""),
            )
        except DomainError as exc:
            form_refused(form, exc)
            status = exc.status
        else:
            if page.kind == SearchKind.PEOPLE:
                cases_of = search_people_cases(actor=actor, people=page.results)
    if form.errors and status == 200:
        status = 400
    next_query = ""
    if page is not None and page.next_cursor:
        query = request.GET.copy()
        query["cursor"] = page.next_cursor
        next_query = query.urlencode()
    people = [(person, cases_of.get(person.pk, [])) for person in page.results] if page else []
    return render(
        request,
        "search/search.html",
        {
            "organisation": request.organisation,
            "form": form,
            "page": page,
            "people": people,
            "next_query": next_query,
        },
        status=status,
    )
