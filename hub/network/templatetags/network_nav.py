"""The network pages' own navigation: the pages the signed-in network member may open."""

from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils.translation import gettext as _

from hub.accounts import policy
from hub.accounts.access import network_actor
from hub.accounts.policy import Action

register = template.Library()


@register.simple_tag(takes_context=True)
def network_links(context) -> list[dict]:
    request = context.get("request")
    actor = network_actor(user=request.user) if request is not None else None
    if actor is None:
        return []
    pages = [
        ("network-home", _("Network figures"), Action.NETWORK_STATS),
        ("network-triage", _("Complaints to place"), Action.COMPLAINT_TRIAGE),
        ("network-routing", _("Routing rules"), Action.ROUTING_VIEW),
        ("network-directory", _("Service directory"), Action.DIRECTORY_READ),
    ]
    links = []
    for name, label, action in pages:
        if policy.allows(actor, action):
            url = reverse(name)
            links.append({"url": url, "label": label, "current": request.path == url})
    return links
