"""Bar charts drawn on the server as SVG: the same figure on screen and on paper, no script."""

from __future__ import annotations

from dataclasses import dataclass

from hub.core.labels import choice_label
from hub.vocab.stages import Stage, Status

LABELS = {"stage": Stage, "status": Status}
WIDTH, LABEL_WIDTH, ROW = 600, 230, 28
BAR_SPACE = WIDTH - LABEL_WIDTH - 60  # room for the value after the longest bar


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    y: int
    length: int  # pixels


@dataclass(frozen=True)
class BarChart:
    bars: tuple[Bar, ...]
    width: int = WIDTH
    label_width: int = LABEL_WIDTH

    @property
    def height(self) -> int:
        return len(self.bars) * ROW


def bar_chart(counts: dict[str, int], *, labels: str | None = None) -> BarChart:
    """Largest first; codes shown with their labels when the vocabulary is known."""
    choices = LABELS.get(labels)
    largest = max(counts.values(), default=0) or 1
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return BarChart(
        bars=tuple(
            Bar(
                label=choice_label(choices, code) if choices else code,
                value=value,
                y=index * ROW,
                length=max(1, round(BAR_SPACE * value / largest)),
            )
            for index, (code, value) in enumerate(ordered)
        )
    )
