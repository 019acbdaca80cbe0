"""Shared pieces of the action-plan sidebar: its wording (:class:`PlanTexts`) and plain-text cards.

Plan files are data: every label made here shows plain text, never rich text, and no widget
sets a text size, so the sidebar follows the application's 100–200 % text-size setting.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale, QObject, QRectF, Qt
from PySide6.QtGui import QPainter, QPalette, QPen
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from circular_app.domain.action_plan import ActionPlanError, FigureKind, PlanDate, PlanProblem, StatusEntry

_CARD_RADIUS = 6.0
# Section headings: bold with space above; the size comes from the application font.
HEADING_STYLE = "font-weight: bold; margin-top: 0.5em;"
STRIP_STYLE = """
QLabel#planYear { border: 1px solid palette(mid); border-radius: 4px; padding: 2px 4px; }
QLabel#currentYear {
    border: 3px solid palette(highlight); border-radius: 4px; padding: 2px 4px; font-weight: bold;
}
QLabel#outsideYear { border: 2px dashed palette(highlight); border-radius: 4px; padding: 2px 4px; }
"""


# ----- small helpers ---------------------------------------------------------------------------
def plain_label(text: str = "", *, bold: bool = False, name: str = "") -> QLabel:
    """A word-wrapped plain-text label (plan files are data, never markup)."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    if bold:
        label.setStyleSheet("font-weight: bold;")
    if name:
        label.setObjectName(name)
    return label


def paint_card(widget: QWidget, hovered: bool) -> None:
    """Rounded panel in palette colours; a thick highlight border shows keyboard focus."""
    painter = QPainter(widget)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    palette = widget.palette()
    focused = widget.hasFocus()
    width = 3.0 if focused else 1.0
    border = palette.color(QPalette.ColorRole.Highlight if focused else QPalette.ColorRole.Mid)
    fill = palette.color(QPalette.ColorRole.AlternateBase if hovered else QPalette.ColorRole.Base)
    painter.setPen(QPen(border, width))
    painter.setBrush(fill)
    inset = width / 2 + 0.5
    painter.drawRoundedRect(
        QRectF(widget.rect()).adjusted(inset, inset, -inset, -inset), _CARD_RADIUS, _CARD_RADIUS
    )
    painter.end()


def card_size_policy() -> QSizePolicy:
    """Cards take the width they are given and the height their wrapped text needs."""
    policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    policy.setHeightForWidth(True)
    return policy


class PlanTexts(QObject):
    """Translated wording shared by the dock, its items and the detail dialog."""

    def date(self, value: PlanDate) -> str:
        """``2023年7月`` or ``2023年3月31日`` (as precise as the data)."""
        month_name = QLocale(QLocale.Language.English).monthName(value.month)
        if value.day is None:
            return self.tr("{year}年{month}月").format(
                year=value.year, month=value.month, month_name=month_name
            )
        return self.tr("{year}年{month}月{day}日").format(
            year=value.year, month=value.month, day=value.day, month_name=month_name
        )

    def fiscal_year(self, year: int) -> str:
        """``2026年度``."""
        return self.tr("{year}年度").format(year=year)

    def period(self, first: int, last: int) -> str:
        """``2023〜2025年度``."""
        return self.tr("{first}〜{last}年度").format(first=first, last=last)

    def version(self, number: int) -> str:
        """``第2版``."""
        return self.tr("第{number}版").format(number=number)

    def number(self, value: float) -> str:
        """``1,655`` (no decimals for whole numbers)."""
        return f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"

    def quantity(self, value: float, unit: str) -> str:
        """``39校下(地区)`` / ``1,655人``."""
        return self.tr("{value}{unit}").format(value=self.number(value), unit=unit)

    def step(self, word: str) -> str:
        """The step word of the plan table in the UI language."""
        words = {
            "推進": self.tr("推進"),
            "開始": self.tr("開始"),
            "実施": self.tr("実施"),
            "拡大": self.tr("拡大"),
            "導入": self.tr("導入"),
            "支援": self.tr("支援"),
            "設置": self.tr("設置"),
            "検討": self.tr("検討"),
            "拡大検討": self.tr("拡大検討"),
            "モデル事業実施": self.tr("モデル事業実施"),
        }
        return words.get(word, word)

    def figure_kind(self, kind: FigureKind) -> str:
        """実績 or 調査."""
        return self.tr("調査") if kind is FigureKind.SURVEY else self.tr("実績")

    def status_lines(self, entry: StatusEntry) -> tuple[str, str]:
        """(現状 text, 課題 text or "") of one status entry, bulleted when several lines."""

        def join(lines: tuple[str, ...]) -> str:
            return lines[0] if len(lines) == 1 else "".join(f"\n・{line}" for line in lines)

        current = self.tr("現状（{date}）: {text}").format(
            date=self.date(entry.as_of), text=join(entry.current)
        )
        issues = self.tr("課題: {text}").format(text=join(entry.issues)) if entry.issues else ""
        return current, issues

    def reason(self, error: ActionPlanError) -> str:
        """Why a plan file was refused, in the UI language."""
        types = {
            "object": self.tr("オブジェクト {…}"),
            "array": self.tr("配列 […]"),
            "string": self.tr("文字列"),
            "integer": self.tr("整数"),
            "number": self.tr("数"),
            "boolean": self.tr("true / false"),
        }
        detail = error.detail
        problem = error.problem
        if problem is PlanProblem.NOT_JSON and error.line:
            return self.tr("JSON として読めません（{line}行目 {column}文字目）").format(
                line=error.line, column=error.column
            )
        reasons = {
            PlanProblem.NOT_UTF8: self.tr("UTF-8 のテキストではありません"),
            PlanProblem.NOT_JSON: self.tr("JSON として読めません（{detail}）"),
            PlanProblem.DUPLICATE_KEY: self.tr("キー {detail} が重複しています"),
            PlanProblem.WRONG_FORMAT: self.tr(
                "アクションプランのファイルではありません（format が {detail}）"
            ),
            PlanProblem.NEWER_FORMAT: self.tr(
                "新しい形式（第{detail}版）のファイルです。アプリを更新してください"
            ),
            PlanProblem.MISSING_KEY: self.tr("必須の項目がありません"),
            PlanProblem.UNKNOWN_KEY: self.tr("知らない項目です"),
            PlanProblem.WRONG_TYPE: self.tr("{detail}ではありません"),
            PlanProblem.EMPTY: self.tr("空です"),
            PlanProblem.BAD_ID: self.tr("ID {detail} は半角英小文字・数字・ハイフンで書いてください"),
            PlanProblem.DUPLICATE_ID: self.tr("ID {detail} が重複しています"),
            PlanProblem.BAD_DATE: self.tr(
                "日付 {detail} は YYYY-MM または YYYY-MM-DD の実在する日付で書いてください"
            ),
            PlanProblem.BAD_NUMBER: self.tr("{detail} は 0 以上の数ではありません"),
            PlanProblem.BAD_YEARS: self.tr("計画年度は連続した年度を昇順に並べてください（{detail}）"),
            PlanProblem.UNKNOWN_STEP: self.tr("不明な段階 {detail}"),
            PlanProblem.MISSING_YEAR: self.tr("計画年度 {detail} の段階がありません"),
            PlanProblem.EXTRA_YEAR: self.tr("{detail} は計画年度ではありません"),
            PlanProblem.UNKNOWN_GROUP: self.tr("グループ {detail} がありません"),
            PlanProblem.UNKNOWN_CHOICE: self.tr("{detail} は使えない値です"),
            PlanProblem.DUPLICATE_DATE: self.tr("同じ日付 {detail} の状況が二つあります"),
            PlanProblem.SEVERAL_LIVE: self.tr("町会の実績を表示できる施策は一つだけです（{detail}）"),
            PlanProblem.UNREADABLE: self.tr("ファイルを読めません（{detail}）"),
            PlanProblem.TOO_LARGE: self.tr("ファイルが大きすぎます（{detail} バイト）"),
            PlanProblem.OLDER_VERSION: self.tr("表示中の第{detail}版より古い版です"),
            PlanProblem.SAME_VERSION: self.tr("表示中の第{detail}版と同じ版です"),
        }
        if problem is PlanProblem.NOT_JSON and detail == "nesting":
            return self.tr("JSON の入れ子が深すぎます")
        if problem is PlanProblem.WRONG_TYPE:
            detail = types.get(detail, detail)
        return reasons[problem].format(detail=detail)


# ----- the step strip ----------------------------------------------------------------------------
