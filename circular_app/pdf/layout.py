"""Vertical layout: blocks of fixed height placed on pages, with the few rules a sheet needs.

A sheet is a list of :class:`Item` (a line of text, a table row, an image, a gap). The
:class:`Paginator` places them top to bottom: a gap at the top of a page is dropped, an item
marked ``keep_with_next`` moves to the next page with its follower (a heading never ends a
page), a table row that starts a page brings its header row again, a group that fits on one
page is never split, and an item marked ``bottom`` sits at the foot of the last page (the
tear-off 確認票). Laying out is separate from drawing, so the body of a circular is laid out
once and drawn on every copy.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

# draw(canvas, x_left, y_top, copy): ``copy`` is the CopySpec being drawn (most items ignore it).
Draw = Callable[[Any, float, float, Any], None]


@dataclass(frozen=True)
class Item:
    """A block of fixed height."""

    height: float
    draw: Draw | None = None
    keep_with_next: bool = False
    space: bool = False  # a gap: dropped at the top of a page
    header: Item | None = None  # repeated first when this item starts a page
    bottom: bool = False  # placed at the foot of the page


@dataclass(frozen=True)
class Placed:
    """An item and its distance from the top of the frame."""

    item: Item
    y: float


@dataclass
class Paginator:
    """Places items on pages of ``first`` (page 1) and ``rest`` (later pages) usable height."""

    first: float
    rest: float
    pages: list[list[Placed]] = field(default_factory=lambda: [[]])
    used: float = 0.0

    def copy(self) -> Paginator:
        """An independent paginator in the same state (the cached body, extended per copy)."""
        return Paginator(self.first, self.rest, [list(p) for p in self.pages], self.used)

    @property
    def capacity(self) -> float:
        """Usable height of the current page."""
        return self.first if len(self.pages) == 1 else self.rest

    @property
    def remaining(self) -> float:
        """Height left on the current page."""
        return self.capacity - self.used

    def new_page(self) -> None:
        """Start a page."""
        self.pages.append([])
        self.used = 0.0

    def _place(self, item: Item) -> None:
        if item.space:
            if self.used == 0.0:
                return
            if item.height > self.remaining:
                self.new_page()
                return
        elif item.height > self.remaining + 0.01 and self.used > 0.0:
            self.new_page()
        if item.header is not None and self.used == 0.0:
            self.pages[-1].append(Placed(item.header, 0.0))
            self.used = item.header.height
        if item.bottom:
            self.pages[-1].append(Placed(item, self.capacity - item.height))
            self.used = self.capacity
            return
        self.pages[-1].append(Placed(item, self.used))
        self.used += item.height

    def add(self, items: Sequence[Item]) -> None:
        """Place items in order."""
        for index, item in enumerate(items):
            if item.keep_with_next and not item.space and self.used > 0.0:
                chain = _chain_height(items, index)
                if chain > self.remaining and chain <= self.rest:
                    self.new_page()
            self._place(item)

    def add_together(self, items: Sequence[Item]) -> None:
        """Place a group on one page when it fits on one (else flow it, headers repeated)."""
        total = sum(i.height for i in items if not i.space or i is not items[0])
        if self.used > 0.0 and total > self.remaining and total <= self.rest:
            self.new_page()
        self.add(items)


def _chain_height(items: Sequence[Item], index: int) -> float:
    height = 0.0
    for item in items[index:]:
        height += item.height
        if not item.keep_with_next:
            break
    return height
