"""The action-plan sidebar: the city's DX action plan (地域) beside the officer's daily work.

:class:`ActionPlanDock` is a self-contained ``QDockWidget`` for the main window::

    dock = ActionPlanDock(
        plan_service,                        # ActionPlanService: the shown plan, import
        live=roster_live_figures(roster),    # () -> LiveFigures, or None without an open profile
        today=None,                          # a fixed date for tests/screenshots; None = today
        parent=main_window,
    )
    main_window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    dock.set_collapsed(saved_value)                 # restore the officer's choice...
    dock.collapsed_changed.connect(save_value)      # ...and remember changes
    dock.refresh()                                  # after roster changes (live figures)

Every text a person reads goes through ``tr`` with Japanese source text; English is in
``resources/i18n/action_plan_en.ts``, loaded with the other catalogs by
:mod:`circular_app.ui.common.i18n`. No widget sets a text size: everything inherits the application font, so the
sidebar follows the 100–200 % text-size setting (emphasis is bold only); the content scrolls.
Data from a plan file is always shown as plain text, never interpreted as rich text.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import (
    QEvent,
    QLocale,
    QObject,
    QRectF,
    QSize,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QAction, QKeyEvent, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialog,
    QDialogButtonBox,
    QDockWidget,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from circular_app.domain.action_plan import (
    ActionPlan,
    ActionPlanError,
    FigureKind,
    Kpi,
    KpiDirection,
    Measure,
    PeriodState,
    PlanDate,
    PlanPhase,
    PlanProblem,
    StatusEntry,
    plan_period_state,
)
from circular_app.services.action_plan import (
    ActionPlanService,
    LiveFigures,
    LiveFiguresProvider,
    LoadedPlan,
    PlanOrigin,
)

_CARD_RADIUS = 6.0
# Section headings: bold with space above; the size comes from the application font.
_HEADING_STYLE = "font-weight: bold; margin-top: 0.5em;"
_STRIP_STYLE = """
QLabel#planYear { border: 1px solid palette(mid); border-radius: 4px; padding: 2px 4px; }
QLabel#currentYear {
    border: 3px solid palette(highlight); border-radius: 4px; padding: 2px 4px; font-weight: bold;
}
QLabel#outsideYear { border: 2px dashed palette(highlight); border-radius: 4px; padding: 2px 4px; }
"""


# ----- small helpers ---------------------------------------------------------------------------
def _label(text: str = "", *, bold: bool = False, name: str = "") -> QLabel:
    """A word-wrapped plain-text label (plan files are data, never markup)."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    if bold:
        label.setStyleSheet("font-weight: bold;")
    if name:
        label.setObjectName(name)
    return label


def _paint_card(widget: QWidget, hovered: bool) -> None:
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


def _card_size_policy() -> QSizePolicy:
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
class StepStrip(QWidget):
    """One cell per plan year (year and step word); the current fiscal year is marked.

    Past the plan period a dashed cell after the strip marks the current year as outside it;
    before the period, a dashed cell precedes it.
    """

    def __init__(self, measure: Measure, state: PeriodState, texts: PlanTexts, parent: QWidget | None = None):
        super().__init__(parent)
        self.setStyleSheet(_STRIP_STYLE)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.cells: list[QLabel] = []
        if state.phase is PlanPhase.BEFORE:
            self._add_outside(layout, state, texts, before=True)
        for step in measure.steps:
            current = state.phase is PlanPhase.WITHIN and step.year == state.fiscal_year
            word = texts.step(step.word)
            lines = [str(step.year), word] + ([self.tr("今年度")] if current else [])
            cell = _label("\n".join(lines), name="currentYear" if current else "planYear")
            cell.setAlignment(Qt.AlignmentFlag.AlignCenter)
            spoken = self.tr("{year}: {step}").format(year=texts.fiscal_year(step.year), step=word)
            if current:
                spoken = self.tr("{cell}（今年度）").format(cell=spoken)
            cell.setAccessibleName(spoken)
            layout.addWidget(cell, 1)
            self.cells.append(cell)
        if state.phase is PlanPhase.ENDED:
            self._add_outside(layout, state, texts, before=False)

    def _add_outside(self, layout: QHBoxLayout, state: PeriodState, texts: PlanTexts, before: bool) -> None:
        cell = _label(f"{state.fiscal_year}\n{self.tr('今年度')}", name="outsideYear")
        cell.setAlignment(Qt.AlignmentFlag.AlignCenter)
        gap = _label("…")
        gap.setAlignment(Qt.AlignmentFlag.AlignCenter)
        gap.setAccessibleName(self.tr("計画期間外"))
        year = texts.fiscal_year(state.fiscal_year)
        if before:
            cell.setAccessibleName(self.tr("今年度（{year}）は計画期間の前です").format(year=year))
            layout.addWidget(cell)
            layout.addWidget(gap)
        else:
            cell.setAccessibleName(self.tr("今年度（{year}）は計画期間の後です").format(year=year))
            layout.addWidget(gap)
            layout.addWidget(cell)
        cell.setToolTip(cell.accessibleName())
        self.outside_cell = cell


# ----- live figures ------------------------------------------------------------------------------
class LiveFiguresPanel(QFrame):
    """This association's own figures beside 町会活動のデジタル化推進; unknown ones say so."""

    def __init__(
        self, live: LiveFigures | None, fiscal_year: int, texts: PlanTexts, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.setObjectName("liveFigures")
        self.setStyleSheet("QFrame#liveFigures { border: 1px solid palette(mid); border-radius: 4px; }")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(2)
        layout.addWidget(_label(self.tr("この町会の状況"), bold=True))
        self.lines = [
            self.tr("デジタルで読む世帯: {value}").format(value=self._households(live)),
            self.tr("今年度（{year}）のデジタル回覧: {value}").format(
                year=texts.fiscal_year(fiscal_year), value=self._circulars(live)
            ),
            self.tr("導入している校下（市全体）: {value}").format(value=self._hub(live, texts)),
        ]
        for line in self.lines:
            layout.addWidget(_label(line))
        self.setAccessibleName(self.tr("この町会の状況"))
        self.setAccessibleDescription("\n".join(self.lines))

    def _households(self, live: LiveFigures | None) -> str:
        if live is None:
            return self.tr("町会のデータを開くと表示")
        share = live.digital_share
        if share is None:
            return self.tr("名簿に世帯がありません")
        return self.tr("{digital} / {households}世帯（{percent}%）").format(
            digital=live.digital_households, households=live.households, percent=round(share * 100)
        )

    def _circulars(self, live: LiveFigures | None) -> str:
        if live is None or live.digital_circulars_this_fy is None:
            return self.tr("未集計")
        return self.tr("{count}件").format(count=live.digital_circulars_this_fy)

    def _hub(self, live: LiveFigures | None, texts: PlanTexts) -> str:
        if live is None or live.adopting_school_districts is None:
            return self.tr("同期後に表示")
        count = self.tr("{count}校下").format(count=live.adopting_school_districts)
        if live.hub_synced_on is None:
            return count
        synced = PlanDate(live.hub_synced_on.year, live.hub_synced_on.month, live.hub_synced_on.day)
        return self.tr("{count}（{date}同期）").format(count=count, date=texts.date(synced))


# ----- a measure ---------------------------------------------------------------------------------
class MeasureItem(QAbstractButton):
    """One measure: title, step strip, latest known status; click, Enter or Space opens details.

    Up/Down move to the previous/next item. The panel is painted in palette colours so that the
    high-contrast theme applies; focus is a thick highlight border.
    """

    def __init__(
        self,
        measure: Measure,
        state: PeriodState,
        texts: PlanTexts,
        live: LiveFigures | None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.measure = measure
        self.setText(measure.title)
        self.setAttribute(Qt.WidgetAttribute.WA_Hover)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(_card_size_policy())
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(6)
        layout.addWidget(_label(measure.title, bold=True))
        self.strip = StepStrip(measure, state, texts)
        layout.addWidget(self.strip)
        status = state.status_of(measure.id)
        spoken: list[str] = [cell.accessibleName() for cell in self.strip.cells]
        if status is None:
            text = self.tr("状況の記録はありません")
            layout.addWidget(_label(text))
            spoken.append(text)
        else:
            current, issues = texts.status_lines(status)
            layout.addWidget(_label(current))
            spoken.append(current)
            if issues:
                layout.addWidget(_label(issues))
                spoken.append(issues)
        self.live_panel: LiveFiguresPanel | None = None
        if measure.shows_live_figures:
            self.live_panel = LiveFiguresPanel(live, state.fiscal_year, texts)
            layout.addWidget(self.live_panel)
            spoken.extend(self.live_panel.lines)
        hint = self.tr("Enter キーで詳しい内容と状況の履歴を表示")
        spoken.append(hint)
        self.setToolTip(hint)
        self.setAccessibleName(measure.title)
        self.setAccessibleDescription("\n".join(spoken))

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 -- Qt virtual, name fixed by Qt
        """Draw the card panel (children draw the text)."""
        _paint_card(self, self.underMouse())

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 -- Qt virtual, name fixed by Qt
        """Enter opens, Up/Down move between items; other keys as usual."""
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.click()
        elif key == Qt.Key.Key_Down:
            self.focusNextChild()
        elif key == Qt.Key.Key_Up:
            self.focusPreviousChild()
        else:
            super().keyPressEvent(event)


# ----- a KPI -------------------------------------------------------------------------------------
class KpiCard(QFrame):
    """A KPI: newest figure against the target, 目標達成 when reached, every figure with its date."""

    def __init__(self, kpi: Kpi, texts: PlanTexts, parent: QWidget | None = None):
        super().__init__(parent)
        self.kpi = kpi
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_Hover)
        self.setSizePolicy(_card_size_policy())
        self.setStyleSheet(
            "QLabel#achievedBadge { background: palette(highlight); color: palette(highlighted-text);"
            " border-radius: 4px; padding: 2px 8px; font-weight: bold; }"
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(4)
        title = self.tr("{title}（累計）").format(title=kpi.title) if kpi.cumulative else kpi.title
        layout.addWidget(_label(title, bold=True))
        spoken = [title]
        if kpi.note:
            layout.addWidget(_label(kpi.note))
            spoken.append(kpi.note)
        target = texts.quantity(kpi.target, kpi.unit)
        latest = kpi.latest
        if latest is None:
            self.headline = _label(self.tr("実績はまだありません（目標 {target}）").format(target=target))
        else:
            value = texts.quantity(latest.value, kpi.unit)
            if latest.kind is FigureKind.SURVEY:
                value = self.tr("{value}（{kind}）").format(value=value, kind=texts.figure_kind(latest.kind))
            self.headline = _label(
                self.tr("{value} ／ 目標 {target}").format(value=value, target=target), name="kpiHeadline"
            )
            self.headline.setStyleSheet("font-weight: bold;")
        layout.addWidget(self.headline)
        spoken.append(self.headline.text())
        self.badge: QLabel | None = None
        if kpi.achieved:
            row = QHBoxLayout()
            self.badge = _label(self.tr("目標達成"), name="achievedBadge")
            self.badge.setWordWrap(False)
            row.addWidget(self.badge)
            row.addStretch(1)
            layout.addLayout(row)
            spoken.append(self.badge.text())
        elif latest is not None:
            gap = abs(kpi.target - latest.value)
            text = (
                self.tr("目標まで あと {gap} 減").format(gap=texts.quantity(gap, kpi.unit))
                if kpi.direction is KpiDirection.DECREASE
                else self.tr("目標まで あと {gap}").format(gap=texts.quantity(gap, kpi.unit))
            )
            layout.addWidget(_label(text))
            spoken.append(text)
        self.figure_lines: list[str] = []
        for figure in kpi.figures:
            kind = texts.figure_kind(figure.kind)
            what = self.tr("{kind}・{note}").format(kind=kind, note=figure.note) if figure.note else kind
            line = self.tr("{date}: {value}（{what}）").format(
                date=texts.date(figure.as_of), value=texts.quantity(figure.value, kpi.unit), what=what
            )
            self.figure_lines.append(line)
            layout.addWidget(_label(line))
        spoken.extend(self.figure_lines)
        self.setAccessibleName(title)
        self.setAccessibleDescription("\n".join(spoken))

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 -- Qt virtual, name fixed by Qt
        """Draw the card panel (children draw the text)."""
        _paint_card(self, False)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 -- Qt virtual, name fixed by Qt
        """Up/Down move between items; other keys as usual."""
        if event.key() == Qt.Key.Key_Down:
            self.focusNextChild()
        elif event.key() == Qt.Key.Key_Up:
            self.focusPreviousChild()
        else:
            super().keyPressEvent(event)


# ----- the detail dialog -------------------------------------------------------------------------
class MeasureDialog(QDialog):
    """Full description and status history of one measure (newest first)."""

    def __init__(
        self,
        plan: ActionPlan,
        measure: Measure,
        state: PeriodState,
        texts: PlanTexts,
        live: LiveFigures | None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.measure = measure
        self.setWindowTitle(measure.title)
        self.setAccessibleName(measure.title)
        group = next((g for g in plan.groups if g.id == measure.group_id), None)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setSpacing(8)
        if group is not None:
            layout.addWidget(_label(group.statement or group.title))
        heading = _label(measure.title, name="measureTitle")
        heading.setStyleSheet("font-weight: bold;")
        layout.addWidget(heading)
        layout.addWidget(StepStrip(measure, state, texts))
        section = _label(self.tr("内容"))
        section.setStyleSheet(_HEADING_STYLE)
        layout.addWidget(section)
        self.description_labels: list[QLabel] = []
        bulleted = len(measure.description) > 1
        for paragraph in measure.description:
            label = _label(f"・{paragraph}" if bulleted else paragraph)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.description_labels.append(label)
            layout.addWidget(label)
        if measure.note:
            layout.addWidget(_label(self.tr("注: {note}").format(note=measure.note)))
        if measure.shows_live_figures:
            layout.addWidget(LiveFiguresPanel(live, state.fiscal_year, texts))
        section = _label(self.tr("状況の履歴"))
        section.setStyleSheet(_HEADING_STYLE)
        layout.addWidget(section)
        self.history_labels: list[QLabel] = []
        if not measure.status:
            layout.addWidget(_label(self.tr("状況の記録はありません")))
        for entry in reversed(measure.status):
            current, issues = texts.status_lines(entry)
            for text in (current, issues):
                if text:
                    label = _label(text)
                    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                    self.history_labels.append(label)
                    layout.addWidget(label)
        source = plan.source
        layout.addWidget(
            _label(
                self.tr("出典: {document}（{date}）").format(
                    document=source.document, date=texts.date(source.date)
                )
            )
        )
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        outer = QVBoxLayout(self)
        outer.addWidget(scroll, 1)
        outer.addWidget(buttons)
        em = self.fontMetrics().horizontalAdvance("あ")
        size = QSize(em * 42, em * 34)
        screen = self.screen()
        if screen is not None:
            size = size.boundedTo(screen.availableGeometry().size() * 0.9)
        self.resize(size)


# ----- the dock ------------------------------------------------------------------------------------
class ActionPlanDock(QDockWidget):
    """Sidebar with the city's action plan, its KPIs and this association's live figures.

    Args:
        plan_service: gives the plan to show (bundled or imported) and imports newer files.
        live: called on every :meth:`refresh` for this association's figures; ``None`` when no
            profile is open (the figures then say so).
        today: the date to judge the plan period and fiscal year by; ``None`` means the real
            current date at each refresh.
        parent: usually the main window.

    Signals:
        collapsed_changed(bool): the content was collapsed (True) or expanded (False), by the
            toggle button or :meth:`set_collapsed`. Persist it per officer.
        plan_imported(int): a newer plan file was imported; carries its ``data_version``.
    """

    collapsed_changed = Signal(bool)
    plan_imported = Signal(int)

    def __init__(
        self,
        plan_service: ActionPlanService,
        live: LiveFiguresProvider | None = None,
        today: dt.date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._service = plan_service
        self._live = live
        self._today = today
        self._texts = PlanTexts(self)
        self._collapsed = False
        self._expanded_width = 0
        self._built = False
        self._items: list[MeasureItem] = []
        self._cards: list[KpiCard] = []
        self._state: PeriodState | None = None
        self._live_now: LiveFigures | None = None
        self.dialog: MeasureDialog | None = None
        self.message_box: QMessageBox | None = None
        self.notice: QLabel | None = None
        self.version_label: QLabel | None = None
        self.import_button: QPushButton | None = None
        self.import_action = QAction(self)
        self._setup_ui()
        self._connect()
        self._retranslate()
        self._built = True
        self.refresh()

    # ----- construction ------------------------------------------------------------------------
    def _setup_ui(self) -> None:
        self.setObjectName("actionPlanDock")
        self.setAllowedAreas(Qt.DockWidgetArea.LeftDockWidgetArea | Qt.DockWidgetArea.RightDockWidgetArea)
        container = QWidget()
        outer = QVBoxLayout(container)
        outer.setContentsMargins(4, 4, 4, 4)
        outer.setSpacing(4)
        self.toggle_button = QToolButton()
        # Text-only with ▼/▶ glyphs: an arrow icon would stay small at 200 % text size.
        self.toggle_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.toggle_button.setAutoRaise(True)
        self.toggle_button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        outer.addWidget(self.toggle_button, 0, Qt.AlignmentFlag.AlignLeft)
        self._scroll = QScrollArea()
        self._scroll.setWidgetResizable(True)
        self._scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer.addWidget(self._scroll, 1)
        outer.addStretch(0)  # takes the height while collapsed, keeping the toggle at the top
        self.setWidget(container)

    def _connect(self) -> None:
        self.toggle_button.clicked.connect(self._on_toggle)
        self.import_action.triggered.connect(self._choose_and_import)

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("アクションプラン"))
        self.setAccessibleName(self.tr("アクションプラン"))
        self.import_action.setText(self.tr("計画ファイルを取り込む…"))
        self.import_action.setToolTip(self.tr("市から届いた新しい版の計画ファイル（JSON）を取り込みます"))
        self._scroll.setAccessibleName(self.tr("アクションプランの内容"))
        self._update_toggle()

    def _update_toggle(self) -> None:
        if self._collapsed:
            self.toggle_button.setText(self.tr("▶ アクションプランを開く"))
            self.toggle_button.setAccessibleName(self.tr("アクションプランを開く"))
        else:
            self.toggle_button.setText(self.tr("▼ 折りたたむ"))
            self.toggle_button.setAccessibleName(self.tr("アクションプランを折りたたむ"))

    # ----- public API --------------------------------------------------------------------------
    def refresh(self) -> None:
        """Re-read the plan and the live figures and rebuild the content (keeps scroll and focus)."""
        loaded = self._service.current()
        plan = loaded.plan
        today = self._today or dt.date.today()
        state = plan_period_state(plan, today)
        live = (
            self._live()
            if self._live is not None and any(m.shows_live_figures for m in plan.measures)
            else None
        )
        focused = next((i.measure.id for i in self._items if i.hasFocus()), None)
        scroll_value = self._scroll.verticalScrollBar().value()
        self._state, self._live_now = state, live
        # The old content may hold the sender of the current signal (the import button):
        # detach it and let the event loop delete it, rather than deleting it here.
        old = self._scroll.takeWidget()
        if old is not None:
            old.deleteLater()
        self._scroll.setWidget(self._build_content(loaded, state, live))
        self._scroll.verticalScrollBar().setValue(scroll_value)
        if focused is not None:
            for item in self._items:
                if item.measure.id == focused:
                    item.setFocus()

    def set_live_provider(self, live: LiveFiguresProvider | None) -> None:
        """Use another association's figures (a profile was opened or closed) and refresh."""
        self._live = live
        self.refresh()

    def is_collapsed(self) -> bool:
        """True while only the toggle button is shown."""
        return self._collapsed

    def set_collapsed(self, collapsed: bool) -> None:
        """Collapse or expand the content; emits ``collapsed_changed`` when the state changes."""
        if collapsed == self._collapsed:
            return
        self._collapsed = collapsed
        self._scroll.setVisible(not collapsed)
        self._update_toggle()
        self._resize_in_main_window(collapsed)
        self.collapsed_changed.emit(collapsed)

    def measure_items(self) -> list[MeasureItem]:
        """The measure items in display order."""
        return list(self._items)

    def kpi_cards(self) -> list[KpiCard]:
        """The KPI cards in display order."""
        return list(self._cards)

    def open_measure(self, measure_id: str) -> MeasureDialog:
        """Open (window-modal, non-blocking) the detail dialog of a measure and return it."""
        plan = self._service.current().plan
        state = self._state or plan_period_state(plan, self._today or dt.date.today())
        dialog = MeasureDialog(plan, plan.measure(measure_id), state, self._texts, self._live_now, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(self._forget_dialog)
        self.dialog = dialog
        dialog.open()
        return dialog

    def import_plan_file(self, path: Path) -> bool:
        """Import a plan file through the service; report success or the reason in a message box."""
        path = Path(path)
        shown = self._service.current().plan
        try:
            loaded = self._service.import_plan(path)
        except ActionPlanError as error:
            self._show_message(
                QMessageBox.Icon.Warning,
                self.tr("計画ファイルを取り込めませんでした"),
                self.tr("「{file}」を取り込めませんでした。").format(file=path.name),
                self._failure_details(error, shown),
            )
            return False
        self.refresh()
        plan = loaded.plan
        self._show_message(
            QMessageBox.Icon.Information,
            self.tr("計画ファイルを取り込みました"),
            self.tr("{version}（{date}時点）を表示しています。").format(
                version=self._texts.version(plan.data_version), date=self._texts.date(plan.data_date)
            ),
        )
        self.plan_imported.emit(plan.data_version)
        return True

    # ----- content -----------------------------------------------------------------------------
    def _build_content(self, loaded: LoadedPlan, state: PeriodState, live: LiveFigures | None) -> QWidget:
        plan = loaded.plan
        texts = self._texts
        body = QWidget()
        body.setObjectName("actionPlanBody")
        layout = QVBoxLayout(body)
        layout.setContentsMargins(2, 2, 2, 8)
        layout.setSpacing(8)

        title = _label(plan.title, name="planTitle")
        title.setStyleSheet("font-weight: bold;")
        layout.addWidget(title)
        layout.addWidget(
            _label(
                self.tr("{domain}: {theme}").format(domain=plan.domain.name, theme=plan.domain.theme),
                bold=True,
            )
        )
        origin = (
            self.tr("取り込んだファイル") if loaded.origin is PlanOrigin.IMPORTED else self.tr("アプリに同梱")
        )
        self.version_label = _label(
            self.tr("{version}・{date}時点のデータ（{origin}）").format(
                version=texts.version(plan.data_version), date=texts.date(plan.data_date), origin=origin
            ),
            name="planVersion",
        )
        layout.addWidget(self.version_label)
        if loaded.stored_problem is not None:
            layout.addWidget(
                _label(
                    self.tr(
                        "取り込み済みの計画ファイルを読めないため、同梱の計画を表示しています（{reason}）"
                    ).format(reason=texts.reason(loaded.stored_problem)),
                    name="storedProblem",
                )
            )
        self.notice = self._notice(state)
        layout.addWidget(self.notice)
        self._items = []
        for group in plan.groups:
            measures = plan.measures_of(group.id)
            if not measures:
                continue
            heading = _label(group.title, name="groupTitle")
            heading.setStyleSheet(_HEADING_STYLE)
            layout.addWidget(heading)
            for measure in measures:
                item = MeasureItem(measure, state, texts, live)
                item.clicked.connect(self._on_item_clicked)
                self._items.append(item)
                layout.addWidget(item)

        self._cards = []
        if plan.kpis:
            heading = _label(self.tr("成果指標（KPI）"), name="kpiHeading")
            heading.setStyleSheet(_HEADING_STYLE)
            layout.addWidget(heading)
            for kpi in plan.kpis:
                card = KpiCard(kpi, texts)
                self._cards.append(card)
                layout.addWidget(card)

        heading = _label(self.tr("{domain}分野のねらい").format(domain=plan.domain.name), name="themeHeading")
        heading.setStyleSheet(_HEADING_STYLE)
        layout.addWidget(heading)
        layout.addWidget(_label(plan.domain.text))
        source = plan.source
        layout.addWidget(
            _label(
                self.tr("出典: {document}（{date}）").format(
                    document=source.document, date=texts.date(source.date)
                )
            )
        )
        button = QPushButton(self.import_action.text())
        button.setToolTip(self.import_action.toolTip())
        button.setAccessibleName(self.import_action.text())
        button.clicked.connect(self.import_action.trigger)
        layout.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
        self.import_button = button
        layout.addStretch(1)
        em = self.fontMetrics().horizontalAdvance("あ")
        body.setMinimumWidth(em * 16)
        return body

    def _notice(self, state: PeriodState) -> QLabel:
        texts = self._texts
        period = texts.period(state.first_year, state.last_year)
        as_of = state.status_as_of
        if state.phase is PlanPhase.ENDED:
            if as_of is None:
                text = self.tr("計画期間（{period}）は終了しています。状況の記録はありません").format(
                    period=period
                )
            else:
                text = self.tr(
                    "計画期間（{period}）は終了しています。最新の状況（{date}時点）を表示しています"
                ).format(period=period, date=texts.date(as_of))
        elif state.phase is PlanPhase.BEFORE:
            text = self.tr("計画期間（{period}）はまだ始まっていません").format(period=period)
        else:
            n = state.fiscal_year - state.first_year + 1
            year = texts.fiscal_year(state.fiscal_year)
            if as_of is None:
                text = self.tr("今年度（{year}）は計画期間（{period}）の{n}年目です").format(
                    year=year, period=period, n=n
                )
            else:
                text = self.tr(
                    "今年度（{year}）は計画期間（{period}）の{n}年目です。状況は{date}時点のものです"
                ).format(year=year, period=period, n=n, date=texts.date(as_of))
        notice = _label(text, name="periodNotice")
        notice.setStyleSheet(
            "QLabel#periodNotice { border: 2px solid palette(highlight); border-radius: 4px; padding: 6px; }"
        )
        notice.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        notice.setAccessibleName(self.tr("計画期間のお知らせ"))
        notice.setAccessibleDescription(text)
        return notice

    def _failure_details(self, error: ActionPlanError, shown: ActionPlan) -> str:
        lines = []
        if error.path:
            lines.append(self.tr("場所: {path}").format(path=error.path))
        lines.append(self.tr("理由: {reason}").format(reason=self._texts.reason(error)))
        lines += [
            "",
            self.tr("表示中の計画（{version}）はそのままです。").format(
                version=self._texts.version(shown.data_version)
            ),
        ]
        return "\n".join(lines)

    def _show_message(self, icon: QMessageBox.Icon, title: str, text: str, details: str = "") -> None:
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        if details:
            box.setInformativeText(details)
        # Wide enough (in em, so it scales with the text size) for a JSON path on one line.
        box.setStyleSheet("QLabel#qt_msgbox_label, QLabel#qt_msgbox_informativelabel { min-width: 24em; }")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(self._forget_message)
        self.message_box = box
        box.open()

    def _resize_in_main_window(self, collapsed: bool) -> None:
        window = self.parentWidget()
        if not isinstance(window, QMainWindow) or self.isFloating():
            return
        if collapsed:
            self._expanded_width = self.width()
            width = self.widget().minimumSizeHint().width() + 8
        else:
            width = self._expanded_width or self.sizeHint().width()
        window.resizeDocks([self], [width], Qt.Orientation.Horizontal)

    # ----- events and slots --------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 -- Qt virtual, name fixed by Qt
        """Re-translate everything when the application language changes."""
        super().changeEvent(event)
        if not self._built:
            return
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
            self.refresh()

    @Slot()
    def _on_toggle(self) -> None:
        self.set_collapsed(not self._collapsed)

    @Slot()
    def _on_item_clicked(self) -> None:
        item = self.sender()
        if isinstance(item, MeasureItem):
            self.open_measure(item.measure.id)

    @Slot()
    def _choose_and_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("計画ファイルを選ぶ"),
            "",
            self.tr("計画ファイル (*.json);;すべてのファイル (*)"),
        )
        if path:
            self.import_plan_file(Path(path))

    @Slot()
    def _forget_dialog(self) -> None:
        self.dialog = None

    @Slot()
    def _forget_message(self) -> None:
        self.message_box = None
