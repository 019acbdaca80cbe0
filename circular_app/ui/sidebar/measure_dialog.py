"""The detail dialog of one measure of the action plan (opened from the sidebar)."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QDialog, QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from circular_app.domain.action_plan import ActionPlan, Measure, PeriodState
from circular_app.services.action_plan import LiveFigures
from circular_app.ui.common import dialogs
from circular_app.ui.sidebar.plan_items import LiveFiguresPanel, StepStrip
from circular_app.ui.sidebar.plan_texts import HEADING_STYLE, PlanTexts, plain_label


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
            layout.addWidget(plain_label(group.statement or group.title))
        heading = plain_label(measure.title, name="measureTitle")
        heading.setStyleSheet("font-weight: bold;")
        layout.addWidget(heading)
        layout.addWidget(StepStrip(measure, state, texts))
        section = plain_label(self.tr("内容"))
        section.setStyleSheet(HEADING_STYLE)
        layout.addWidget(section)
        self.description_labels: list[QLabel] = []
        bulleted = len(measure.description) > 1
        for paragraph in measure.description:
            label = plain_label(f"・{paragraph}" if bulleted else paragraph)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.description_labels.append(label)
            layout.addWidget(label)
        if measure.note:
            layout.addWidget(plain_label(self.tr("注: {note}").format(note=measure.note)))
        if measure.shows_live_figures:
            layout.addWidget(LiveFiguresPanel(live, state.fiscal_year, texts))
        section = plain_label(self.tr("状況の履歴"))
        section.setStyleSheet(HEADING_STYLE)
        layout.addWidget(section)
        self.history_labels: list[QLabel] = []
        if not measure.status:
            layout.addWidget(plain_label(self.tr("状況の記録はありません")))
        for entry in reversed(measure.status):
            current, issues = texts.status_lines(entry)
            for text in (current, issues):
                if text:
                    label = plain_label(text)
                    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                    self.history_labels.append(label)
                    layout.addWidget(label)
        source = plan.source
        layout.addWidget(
            plain_label(
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
        buttons = dialogs.button_box(None, None)
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
