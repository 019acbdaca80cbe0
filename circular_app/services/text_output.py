"""Plain-text rendering of a circular for the command line (``show-circular``)."""

from __future__ import annotations

from collections.abc import Sequence

from circular_app.domain.calendar import wareki
from circular_app.domain.circulars import Circular, CircularVersion, Urgency, sender_parts
from circular_app.domain.document import (
    Heading,
    ListBlock,
    Paragraph,
    Rule,
    Table,
    inline_text,
    parse_document,
)


def format_circular_text(
    circular: Circular, han_names: Sequence[str], versions: Sequence[CircularVersion]
) -> str:
    """The circular as a reader would see it, with its header, 訂正 history and attachments."""
    lines = []
    head = f"{circular.label}　{circular.status.label_ja}"
    if circular.urgency is Urgency.URGENT:
        head = f"【至急】{head}"
    if circular.corrected and circular.corrected_at:
        head += f"　【訂正 {wareki(circular.corrected_at.date())}】"
    lines += [head, f"件名: {circular.title}", f"分類: {circular.category.label_ja}"]
    lines.append(f"発行日: {wareki(circular.issue_date)}　回覧期限: {wareki(circular.due_date)}")
    lines.append(f"差出人: {' '.join(sender_parts(circular.sender_title, circular.sender_name))}".rstrip())
    lines.append(
        f"回覧先: {'全班' if circular.targets_all else '、'.join(han_names)}（{circular.audience.label_ja}）"
    )
    lines.append("-" * 40)
    for block in parse_document(circular.body).blocks:
        if isinstance(block, Heading):
            lines += ["", f"■ {inline_text(block.content)}"]
        elif isinstance(block, Paragraph):
            lines.append(inline_text(block.content))
        elif isinstance(block, ListBlock):
            for n, item in enumerate(block.items, start=block.start):
                lines.append(f"  {f'{n}.' if block.ordered else '・'} {inline_text(item)}")
        elif isinstance(block, Table):
            for row in (block.header, *block.rows):
                if row:
                    lines.append("  | " + " | ".join(inline_text(c) for c in row) + " |")
        elif isinstance(block, Rule):
            lines.append("-" * 20)
    for file in circular.attachments:
        lines.append(f"添付: {file.filename}（{file.pages}ページ）")
    for version in versions:
        lines.append(f"訂正前（第{version.version}版、{wareki(version.saved_at.date())}）: {version.note}")
    return "\n".join(lines)
