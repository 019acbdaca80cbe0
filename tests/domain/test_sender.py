"""The sender line of a circular never says the same word twice."""

from __future__ import annotations

import pytest

from circular_app.domain.circulars import sender_parts


@pytest.mark.parametrize(
    ("title", "name", "parts"),
    [
        ("会長", "見本 太郎", ("会長", "見本 太郎")),
        ("会長", "会長", ("会長",)),
        ("会長", " 会長 ", ("会長",)),
        ("会長", "会長 太郎", ("会長 太郎",)),
        ("会長", "見本会長", ("見本会長",)),
        ("", "見本 太郎", ("見本 太郎",)),
        ("会長", "", ("会長",)),
        ("", "", ()),
    ],
)
def test_sender_parts(title: str, name: str, parts: tuple[str, ...]) -> None:
    """Title and name, the title left out when the name already says it, empty parts dropped."""
    assert sender_parts(title, name) == parts
