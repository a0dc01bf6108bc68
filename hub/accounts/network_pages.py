"""The door of the network's staff pages (/network/...): who may open them, asked of the policy."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import render

from hub.accounts import policy
from hub.accounts.access import network_actor
from hub.accounts.policy import Action
from hub.core.errors import DomainError


def network_page(action: Action):
    """Anonymous → login; not of the network's staff allowed `action` → the 404 of a missing
    page; a refusal raised inside → its page with its status. The view finds `request.actor`."""

    def decorate(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            actor = network_actor(user=request.user)
            if actor is None or not policy.allows(actor, action):
                raise Http404
            request.actor = actor
            try:
                return view(request, *args, **kwargs)
            except DomainError as exc:
                return render(request, "error.html", {"error": exc}, status=exc.status)

        return wrapped

    return decorate
