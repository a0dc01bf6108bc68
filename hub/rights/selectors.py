"""Reads of the rights pages: the published topics, one topic, and its body as blocks."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from hub.core.errors import NotFound
from hub.rights.models import RightsTopic


def rights_topics() -> QuerySet[RightsTopic]:
    return RightsTopic.objects.filter(published=True)


def rights_topic(*, slug: str) -> RightsTopic:
    topic = rights_topics().filter(slug=slug).first()
    if topic is None:
        raise NotFound("Not found.")
    return topic


@dataclass(frozen=True)
class Block:
    kind: str  # "p" (a paragraph) or "ul" (a list)
    lines: tuple[str, ...]


def rights_blocks(text: str) -> list[Block]:
    """Plain text to paragraphs and lists: a blank line ends a block; lines starting "- " are
    list items, so "What to keep:" followed by items is a paragraph, then a list."""
    blocks: list[Block] = []
    for chunk in text.replace("\r\n", "\n").split("\n\n"):
        lines = [line.strip() for line in chunk.strip().splitlines() if line.strip()]
        run: list[str] = []
        for line in lines:
            kind = "ul" if line.startswith("- ") else "p"
            if run and (kind == "p") != (not run[0].startswith("- ")):
                blocks.append(_block(run))
                run = []
            run.append(line)
        if run:
            blocks.append(_block(run))
    return blocks


def _block(lines: list[str]) -> Block:
    if lines[0].startswith("- "):
        return Block("ul", tuple(line[2:].strip() for line in lines))
    return Block("p", (" ".join(lines),))
