"""The parts of the action-plan sidebar: a measure's step strip, the live figures, measure items, KPI cards."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QPaintEvent
from PySide6.QtWidgets import QAbstractButton, QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from circular_app.domain.action_plan import (
    FigureKind,
    Kpi,
    KpiDirection,
    Measure,
    PeriodState,
    PlanDate,
    PlanPhase,
)
from circular_app.services.action_plan import LiveFigures
from circular_app.ui.common.widgets import FlowLayout
from circular_app.ui.sidebar.plan_texts import (
    STRIP_STYLE,
    PlanTexts,
    card_size_policy,
    paint_card,
    plain_label,
)


class StepStrip(QWidget):
    """One cell per plan year (year and step word); the current fiscal year is marked.

    Past the plan period a dashed cell after the strip marks the current year as outside it;
    before the period, a dashed cell precedes it.
    """

    def __init__(self, measure: Measure, state: PeriodState, texts: PlanTexts, parent: QWidget | None = None):
        super().__init__(parent)
        self.setStyleSheet(STRIP_STYLE)
        # Flowing: in a narrow sidebar (150 %, 200 % text) the cells wrap to a second line
        # instead of being squeezed until 「2023」 shows as 「?023」.
        layout = FlowLayout(self, spacing=4)
        layout.setContentsMargins(0, 0, 0, 0)
        self.cells: list[QLabel] = []
        if state.phase is PlanPhase.BEFORE:
            self._add_outside(layout, state, texts, before=True)
        for step in measure.steps:
            current = state.phase is PlanPhase.WITHIN and step.year == state.fiscal_year
            word = texts.step(step.word)
            lines = [str(step.year), word] + ([self.tr("今年度")] if current else [])
            cell = plain_label("\n".join(lines), name="currentYear" if current else "planYear")
            # Lines are already broken; wrapping would let a narrow sidebar cut the year.
            cell.setWordWrap(False)
            cell.setAlignment(Qt.AlignmentFlag.AlignCenter)
            spoken = self.tr("{year}: {step}").format(year=texts.fiscal_year(step.year), step=word)
            if current:
                spoken = self.tr("{cell}（今年度）").format(cell=spoken)
            cell.setAccessibleName(spoken)
            layout.addWidget(cell)
            self.cells.append(cell)
        if state.phase is PlanPhase.ENDED:
            self._add_outside(layout, state, texts, before=False)

    def _add_outside(self, layout: FlowLayout, state: PeriodState, texts: PlanTexts, before: bool) -> None:
        cell = plain_label(f"{state.fiscal_year}\n{self.tr('今年度')}", name="outsideYear")
        cell.setWordWrap(False)
        cell.setAlignment(Qt.AlignmentFlag.AlignCenter)
        gap = plain_label("…")
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
        self,
        live: LiveFigures | None,
        fiscal_year: int,
        texts: PlanTexts,
        parent: QWidget | None = None,
        *,
        loading: bool = False,
    ):
        super().__init__(parent)
        self._loading = loading  # the figures are being counted (they follow in a moment)
        self.setObjectName("liveFigures")
        self.setStyleSheet("QFrame#liveFigures { border: 1px solid palette(mid); border-radius: 4px; }")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(2)
        layout.addWidget(plain_label(self.tr("この町会の状況"), bold=True))
        self.lines = [
            self.tr("デジタルで読む世帯: {value}").format(value=self._households(live)),
            self.tr("今年度（{year}）のデジタル回覧: {value}").format(
                year=texts.fiscal_year(fiscal_year), value=self._circulars(live)
            ),
            self.tr("導入している校下（市全体）: {value}").format(value=self._hub(live, texts)),
        ]
        for line in self.lines:
            layout.addWidget(plain_label(line))
        self.setAccessibleName(self.tr("この町会の状況"))
        self.setAccessibleDescription("\n".join(self.lines))

    def _households(self, live: LiveFigures | None) -> str:
        if live is None and self._loading:
            return self.tr("集計中…")
        if live is None:
            return self.tr("町会のデータを開くと表示")
        share = live.digital_share
        if share is None:
            return self.tr("名簿に世帯がありません")
        return self.tr("{digital} / {households}世帯（{percent}%）").format(
            digital=live.digital_households, households=live.households, percent=round(share * 100)
        )

    def _circulars(self, live: LiveFigures | None) -> str:
        if live is None and self._loading:
            return self.tr("集計中…")
        if live is None or live.digital_circulars_this_fy is None:
            return self.tr("未集計")
        return self.tr("{count}件").format(count=live.digital_circulars_this_fy)

    def _hub(self, live: LiveFigures | None, texts: PlanTexts) -> str:
        if live is None and self._loading:
            return self.tr("集計中…")
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
        *,
        loading: bool = False,
    ):
        super().__init__(parent)
        self.measure = measure
        self.setText(measure.title)
        self.setAttribute(Qt.WidgetAttribute.WA_Hover)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(card_size_policy())
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(6)
        layout.addWidget(plain_label(measure.title, bold=True))
        self.strip = StepStrip(measure, state, texts)
        layout.addWidget(self.strip)
        status = state.status_of(measure.id)
        spoken: list[str] = [cell.accessibleName() for cell in self.strip.cells]
        if status is None:
            text = self.tr("状況の記録はありません")
            layout.addWidget(plain_label(text))
            spoken.append(text)
        else:
            current, issues = texts.status_lines(status)
            layout.addWidget(plain_label(current))
            spoken.append(current)
            if issues:
                layout.addWidget(plain_label(issues))
                spoken.append(issues)
        self.live_panel: LiveFiguresPanel | None = None
        if measure.shows_live_figures:
            self.live_panel = LiveFiguresPanel(live, state.fiscal_year, texts, loading=loading)
            layout.addWidget(self.live_panel)
            spoken.extend(self.live_panel.lines)
        hint = self.tr("Enter キーで詳しい内容と状況の履歴を表示")
        spoken.append(hint)
        self.setToolTip(hint)
        self.setAccessibleName(measure.title)
        self.setAccessibleDescription("\n".join(spoken))

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 -- Qt virtual, name fixed by Qt
        """Draw the card panel (children draw the text)."""
        paint_card(self, self.underMouse())

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
        self.setSizePolicy(card_size_policy())
        self.setStyleSheet(
            "QLabel#achievedBadge { background: palette(highlight); color: palette(highlighted-text);"
            " border-radius: 4px; padding: 2px 8px; font-weight: bold; }"
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(4)
        title = self.tr("{title}（累計）").format(title=kpi.title) if kpi.cumulative else kpi.title
        layout.addWidget(plain_label(title, bold=True))
        spoken = [title]
        if kpi.note:
            layout.addWidget(plain_label(kpi.note))
            spoken.append(kpi.note)
        target = texts.quantity(kpi.target, kpi.unit)
        latest = kpi.latest
        if latest is None:
            self.headline = plain_label(
                self.tr("実績はまだありません（目標 {target}）").format(target=target)
            )
        else:
            value = texts.quantity(latest.value, kpi.unit)
            if latest.kind is FigureKind.SURVEY:
                value = self.tr("{value}（{kind}）").format(value=value, kind=texts.figure_kind(latest.kind))
            self.headline = plain_label(
                self.tr("{value} ／ 目標 {target}").format(value=value, target=target), name="kpiHeadline"
            )
            self.headline.setStyleSheet("font-weight: bold;")
        layout.addWidget(self.headline)
        spoken.append(self.headline.text())
        self.badge: QLabel | None = None
        if kpi.achieved:
            row = QHBoxLayout()
            self.badge = plain_label(self.tr("目標達成"), name="achievedBadge")
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
            layout.addWidget(plain_label(text))
            spoken.append(text)
        self.figure_lines: list[str] = []
        for figure in kpi.figures:
            kind = texts.figure_kind(figure.kind)
            what = self.tr("{kind}・{note}").format(kind=kind, note=figure.note) if figure.note else kind
            line = self.tr("{date}: {value}（{what}）").format(
                date=texts.date(figure.as_of), value=texts.quantity(figure.value, kpi.unit), what=what
            )
            self.figure_lines.append(line)
            layout.addWidget(plain_label(line))
        spoken.extend(self.figure_lines)
        self.setAccessibleName(title)
        self.setAccessibleDescription("\n".join(spoken))

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 -- Qt virtual, name fixed by Qt
        """Draw the card panel (children draw the text)."""
        paint_card(self, False)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 -- Qt virtual, name fixed by Qt
        """Up/Down move between items; other keys as usual."""
        if event.key() == Qt.Key.Key_Down:
            self.focusNextChild()
        elif event.key() == Qt.Key.Key_Up:
            self.focusPreviousChild()
        else:
            super().keyPressEvent(event)


# ----- the detail dialog -------------------------------------------------------------------------
