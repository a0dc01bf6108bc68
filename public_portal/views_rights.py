"""Rights information pages: the topics, and one topic in the reader's language."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render

from hub.core.errors import NotFound
from hub.rights.selectors import rights_blocks, rights_topic, rights_topics


def rights_index(request):
    return render(request, "public_portal/rights_index.html", {"topics": rights_topics()})


def rights_page(request, slug: str):
    try:
        topic = rights_topic(slug=slug)
    except NotFound:
        raise Http404 from None
    return render(
        request,
        "public_portal/rights_page.html",
        {
            "topic": topic,
            "blocks": rights_blocks(topic.body),
            "others": rights_topics().exclude(pk=topic.pk),
        },
    )
