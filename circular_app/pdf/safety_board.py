"""The 安否確認 board on paper: one A4 report for the 自主防災会 or the 民生委員.

Counts per 班 (無事 / 要支援 / 不在・避難中 / 未確認), then the households that asked for help
(要支援: label, name, phone, time, note), then the 未確認 ones in 班 and route order — the
order in which someone calls them. A drill says 訓練 in its title. More pages only when the
lists are long; each continued table repeats its heading row.

Plain values in (a :class:`~circular_app.domain.safety.Board`), nothing read from the
database here. The caller decides who may print it (管理者 only) and audits it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from circular_app.domain.calendar import wareki
from circular_app.domain.safety import Board, BoardLine
from circular_app.pdf.fonts import register_fonts
from circular_app.pdf.model import MM
from circular_app.pdf.plain_page import PlainPage, column_edges, pdf_file
from circular_app.pdf.typeset import Typesetter

TITLE = "安否確認の状況"
COUNT_COLUMNS = ("班", "無事", "要支援", "不在・避難中", "未確認", "計")
HELP_COLUMNS = ("世帯", "お名前", "電話番号", "時刻", "メモ")
UNKNOWN_COLUMNS = ("世帯", "お名前", "電話番号", "確認した時刻・メモ")
HELP_HEADING = "要支援（助けが必要な世帯）"
UNKNOWN_HEADING = "未確認（回覧順）"
NONE_LINE = "ありません。"
NO_PHONE = "（未登録）"
CONFIDENTIAL = "個人情報です。必要な人だけで使い、使い終わったら処分してください。"
_PAGE_W, _PAGE_H = A4
_LEFT = 15 * MM
_TOP = 14 * MM
_BOTTOM = 14 * MM
_FRAME = _PAGE_W - 2 * _LEFT
_ROW = 9 * MM
_HEADER_ROW = 8 * MM
_SIZE = 11.5


class _Writer:
    """The page cursor, with a new page (and the table's heading row again) when one is full."""

    def __init__(self, canvas: Canvas, setter: Typesetter, board: Board, association: str) -> None:
        self.canvas = canvas
        self.setter = setter
        self.board = board
        self.association = association
        self.page = self._new_page()

    def _new_page(self) -> PlainPage:
        page = PlainPage(self.canvas, self.setter, _LEFT, _FRAME, _PAGE_H - _TOP)
        page.text(CONFIDENTIAL, _LEFT, _BOTTOM - 4 * MM, 8.5, width=_FRAME, grey=True)
        return page

    def break_page(self) -> None:
        self.canvas.showPage()
        self.page = self._new_page()
        self.page.text(f"{TITLE}（続き） {self.board.round.label}", _LEFT, self.page.y, 12, bold=True)
        self.page.y -= 9 * MM

    def room(self, height: float) -> bool:
        return self.page.y - height >= _BOTTOM

    def table(
        self,
        widths_mm: Sequence[float],
        titles: Sequence[str],
        rows: Sequence[Sequence[tuple[str, str, bool]]],
        shade_last: bool = False,
    ) -> None:
        """A ruled table; rows that do not fit go on the next page under the heading row again."""
        edges = column_edges(_LEFT, _FRAME, widths_mm)
        remaining = list(rows)
        while True:
            if not self.room(_HEADER_ROW + _ROW):
                self.break_page()
            top = self.page.y
            self.page.table_header(edges, titles, _HEADER_ROW, size=10.5, offset=2 * MM, pad=MM)
            while remaining and self.room(_ROW):
                cells = remaining.pop(0)
                if shade_last and not remaining:
                    self.canvas.setFillGray(0.93)
                    self.canvas.rect(_LEFT, self.page.y - _ROW, _FRAME, _ROW, stroke=0, fill=1)
                    self.canvas.setFillGray(0)
                self.page.cell_texts(edges, cells, self.page.y - (_ROW - _SIZE) / 2, _SIZE)
                self.page.y -= _ROW
                self.page.rule(self.page.y)
            self.page.vertical_rules(edges, top, self.page.y)
            if not remaining:
                break
            self.break_page()
        self.page.y -= 6 * MM

    def heading(self, text: str) -> None:
        if not self.room(10 * MM + _HEADER_ROW + _ROW):
            self.break_page()
        self.page.text(text, _LEFT, self.page.y, 14, bold=True)
        self.page.y -= 9 * MM

    def line(self, text: str) -> None:
        self.page.text(text, _LEFT + 2 * MM, self.page.y, _SIZE)
        self.page.y -= 10 * MM


def _phone(line: BoardLine) -> tuple[str, str, bool]:
    return (line.household.phone or NO_PHONE, "left", not line.household.phone)


def _counts(board: Board) -> list[list[tuple[str, str, bool]]]:
    def cells(name: str, values: Sequence[int]) -> list[tuple[str, str, bool]]:
        return [(name, "left", False), *((str(v), "centre", False) for v in values)]

    rows = [cells(c.han.name, (c.safe, c.help, c.away, c.unknown, c.total)) for c in board.counts]
    totals = [sum(getattr(c, key) for c in board.counts) for key in ("safe", "help", "away", "unknown")]
    rows.append(cells("合計", (*totals, sum(totals))))
    return rows


def render_safety_board(
    path: Path,
    board: Board,
    association: str,
    font_dir: Path,
    made_at: dt.datetime,
) -> set[str]:
    """Write the board to ``path`` (complete or not at all); returns characters not drawn.

    ``made_at`` is the local time printed as 「作成」. A 未確認 row's last column is left
    empty, to be written in by hand.
    """
    setter = Typesetter(register_fonts(font_dir))
    with pdf_file(path, title=f"{TITLE} {board.round.label}", author=association) as canvas:
        w = _Writer(canvas, setter, board, association)
        page = w.page
        page.text(f"{TITLE}　{board.round.label}", _LEFT, page.y, 18, bold=True)
        page.y -= 10 * MM
        page.text(association, _LEFT, page.y, 11)
        made = f"作成 {wareki(made_at.date(), weekday=True)} {made_at:%H:%M}"
        page.text(made, _LEFT, page.y, 11, width=_FRAME, align="right")
        page.y -= 7 * MM
        started = board.round.started_at.replace(tzinfo=dt.UTC).astimezone()
        opened = f"開始 {wareki(started.date())} {started:%H:%M}"
        if board.round.ended_at is not None:
            ended = board.round.ended_at.replace(tzinfo=dt.UTC).astimezone()
            opened += f"　終了 {wareki(ended.date())} {ended:%H:%M}"
        page.text(f"{opened}　{board.round.message}".strip(), _LEFT, page.y, 11, width=_FRAME)
        page.y -= 9 * MM
        w.table((40.0, 24.0, 24.0, 30.0, 24.0), COUNT_COLUMNS, _counts(board), shade_last=True)
        w.heading(f"{HELP_HEADING} {len(board.needs_help)} 世帯")
        if board.needs_help:
            rows = [
                [
                    (line.label, "left", False),
                    (f"{line.household.name} 様", "left", False),
                    _phone(line),
                    (line.time_text, "centre", False),
                    (line.record.note if line.record else "", "left", False),
                ]
                for line in board.needs_help
            ]
            w.table((22.0, 44.0, 34.0, 16.0), HELP_COLUMNS, rows)
        else:
            w.line(NONE_LINE)
        w.heading(f"{UNKNOWN_HEADING} {len(board.unconfirmed)} 世帯")
        if board.unconfirmed:
            rows = [
                [
                    (line.label, "left", False),
                    (f"{line.household.name} 様", "left", False),
                    _phone(line),
                    ("", "left", False),
                ]
                for line in board.unconfirmed
            ]
            w.table((22.0, 50.0, 38.0), UNKNOWN_COLUMNS, rows)
        else:
            w.line(NONE_LINE)
        canvas.showPage()
    return set(setter.missing)
