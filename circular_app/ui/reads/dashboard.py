"""The start page 「ホーム」: this month's circulars, read rate, digital share, overdue, stuck boards.

Everything comes from one call, :meth:`~circular_app.services.reads.ReaderService.dashboard`,
made again each time the page is shown (right after it has been painted). Figures sit on large cards (their size follows the
text-size setting: the big number is rich text sized relative to the application font).
Clicking an overdue circular or a stuck board asks to open that circular's status.
"""

from __future__ import annotations

import functools
import html
import itertools

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from circular_app.domain.calendar import wareki
from circular_app.domain.circulars import Circular, Status
from circular_app.services.circulars import CircularService
from circular_app.services.reads import Dashboard, ReaderService
from circular_app.ui.common.retranslate import Retranslating
from circular_app.ui.common.tasks import runner_for
from circular_app.ui.common.widgets import FlowLayout, bold_font, scrollable
from circular_app.ui.reads.text import circular_text, rate_text, stuck_text

CIRCULAR_ID_ROLE = Qt.ItemDataRole.UserRole + 1
HAN_ID_ROLE = Qt.ItemDataRole.UserRole + 2


class FigureCard(QFrame):
    """One figure: a title, the figure in large type, and a line of detail."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setFrameShadow(QFrame.Shadow.Raised)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self._figure = ""
        self.title = QLabel(self)
        self.title.setFont(bold_font())
        self.value = QLabel(self)
        self.value.setTextFormat(Qt.TextFormat.RichText)
        self.detail = QLabel(self)
        self.detail.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.value)
        layout.addWidget(self.detail)

    def set_content(self, title: str, value: str, detail: str) -> None:
        """Show ``value`` large under ``title``; screen readers hear all three."""
        self._figure = value
        self.title.setText(title)
        # Relative size: grows with the application font (the text-size setting).
        self.value.setText(f'<span style="font-size:xx-large; font-weight:bold">{html.escape(value)}</span>')
        self.detail.setText(detail)
        self.setAccessibleName(f"{title} {value} {detail}")
        minimum = self.fontMetrics().averageCharWidth() * 18
        self.setMinimumWidth(minimum)

    @property
    def figure(self) -> str:
        """The figure as plain text."""
        return self._figure


def _figures(reads: ReaderService, circulars: CircularService) -> tuple[Dashboard, dict[int, Circular]]:
    """The dashboard's figures and the published circulars by id (runs on a worker thread)."""
    return reads.dashboard(), {c.id: c for c in circulars.list_circulars(status=Status.PUBLISHED)}


class ReadsDashboard(Retranslating, QWidget):
    """The 「ホーム」 page.

    Signals:
        circular_requested(int, int): open the status of circular (id), for 班 (id, 0: any).
    """

    circular_requested = Signal(int, int)

    def __init__(
        self, reads: ReaderService, circulars: CircularService, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._reads = reads
        self._circulars = circulars
        self._dashboard: Dashboard | None = None
        self._published_now: dict[int, Circular] = {}
        self._load_ids = itertools.count(1)
        self._load_id = 0  # the load whose answer is awaited (0: none)
        self._tasks = runner_for(self)
        self._setup_ui()
        self._connect()
        self.retranslate_ui()

    # ----- setup ---------------------------------------------------------------------------
    def _setup_ui(self) -> None:
        self.heading = QLabel(self)
        self.heading.setProperty("role", "summary")
        self.refresh_button = QPushButton(self)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.refresh_button)

        self.cards_box = QWidget(self)
        flow = FlowLayout(self.cards_box)
        flow.setContentsMargins(0, 0, 0, 0)
        self.month_card = FigureCard(self.cards_box)
        self.rate_card = FigureCard(self.cards_box)
        self.digital_card = FigureCard(self.cards_box)
        self.overdue_card = FigureCard(self.cards_box)
        for card in (self.month_card, self.rate_card, self.digital_card, self.overdue_card):
            flow.addWidget(card)

        self.overdue_label = QLabel(self)
        self.overdue_label.setFont(bold_font())
        self.overdue_list = QListWidget(self)
        self.overdue_label.setBuddy(self.overdue_list)
        self.stuck_label = QLabel(self)
        self.stuck_label.setFont(bold_font())
        self.stuck_list = QListWidget(self)
        self.stuck_label.setBuddy(self.stuck_list)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)

        lists = QHBoxLayout()
        for label, widget in ((self.overdue_label, self.overdue_list), (self.stuck_label, self.stuck_list)):
            column = QVBoxLayout()
            column.addWidget(label)
            column.addWidget(widget, 1)
            lists.addLayout(column, 1)

        for widget in (self.overdue_list, self.stuck_list):
            widget.setWordWrap(True)
            widget.setMinimumHeight(widget.fontMetrics().height() * 6)
        # At large text sizes the page scrolls instead of squeezing the cards.
        content = QWidget(self)
        content_layout = QVBoxLayout(content)
        content_layout.addLayout(top)
        content_layout.addWidget(self.cards_box)
        content_layout.addLayout(lists, 1)
        content_layout.addWidget(self.hint)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scrollable(content, self))

    def _connect(self) -> None:
        self.cards_box.installEventFilter(self)
        self.refresh_button.clicked.connect(self.refresh_later)
        for widget in (self.overdue_list, self.stuck_list):
            widget.itemClicked.connect(self._on_item)
            widget.itemActivated.connect(self._on_item)

    def retranslate_ui(self) -> None:
        """Set every visible text in the current language."""
        self.heading.setText(self.tr("回覧の状況（今年度）"))
        self.refresh_button.setText(self.tr("最新にする(&L)"))
        self.overdue_label.setText(self.tr("期限を過ぎて未読のある回覧(&O)"))
        self.overdue_list.setAccessibleName(self.tr("期限を過ぎて未読のある回覧"))
        self.stuck_label.setText(self.tr("止まっている可能性のある回覧板(&B)"))
        self.stuck_list.setAccessibleName(self.tr("止まっている可能性のある回覧板"))
        self.hint.setText(self.tr("項目をクリックすると、その回覧の状況と記録の入力を開きます。"))
        if self._dashboard is not None:
            self._show(self._dashboard, self._published_now)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        """Keep the cards box as tall as its wrapped rows of cards."""
        if watched is self.cards_box and event.type() == QEvent.Type.Resize:
            self._fit_cards()
        return False

    def _fit_cards(self) -> None:
        # The flow layout reports one card as its minimum; in the scroll area the box would
        # then be squeezed below the height its wrapped rows need.
        layout = self.cards_box.layout()
        if layout is not None and self.cards_box.width() > 0:
            self.cards_box.setMinimumHeight(layout.heightForWidth(self.cards_box.width()))

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        """The figures are fresh whenever the page comes into view (computed off the GUI thread)."""
        super().showEvent(event)
        # As the start page this is shown with the window, which must appear and answer at once:
        # the figures of 1,000 households × 200 circulars take a second or more. Asked for in
        # the next pass of the event loop, so the worker does not compete with the first paint.
        QTimer.singleShot(0, self, self.refresh_later)

    # ----- content -----------------------------------------------------------------------------
    @property
    def dashboard(self) -> Dashboard | None:
        """The figures shown."""
        return self._dashboard

    @property
    def loading(self) -> bool:
        """True while the figures are computed on a worker thread."""
        return self._load_id != 0

    @Slot()
    def refresh(self) -> None:
        """Ask the service for the figures now and show them (a load under way is overtaken)."""
        self._load_id = 0
        self._apply(_figures(self._reads, self._circulars))

    @Slot()
    def refresh_later(self) -> None:
        """Compute the figures on a worker thread and show them when they arrive."""
        reads, circulars = self._reads, self._circulars
        self._load_id = load_id = next(self._load_ids)
        self.refresh_button.setEnabled(False)
        self._tasks.run(
            lambda: _figures(reads, circulars),
            functools.partial(self._loaded, load_id),
            functools.partial(self._load_failed, load_id),
        )

    def _loaded(self, load_id: int, figures: tuple[Dashboard, dict[int, Circular]]) -> None:
        if load_id == self._load_id:
            self._load_id = 0
            self._apply(figures)

    def _load_failed(self, load_id: int, _error: BaseException) -> None:
        # Logged by the runner; the figures shown stay, and 最新にする tries again.
        if load_id == self._load_id:
            self._load_id = 0
            self.refresh_button.setEnabled(True)

    def _apply(self, figures: tuple[Dashboard, dict[int, Circular]]) -> None:
        self._dashboard, self._published_now = figures
        self.refresh_button.setEnabled(True)
        self._show(self._dashboard, self._published_now)

    def _show(self, figures: Dashboard, circulars: dict[int, Circular]) -> None:
        self.month_card.set_content(
            self.tr("今月の回覧"),
            self.tr("{count}件").format(count=figures.circulars_this_month),
            self.tr("今月発行した回覧"),
        )
        rate = figures.overall_rate
        self.rate_card.set_content(
            self.tr("既読率"),
            f"{rate.ratio:.0%}" if rate.targeted else "—",
            self.tr("今年度の回覧 {read}/{targeted}件の確認").format(read=rate.read, targeted=rate.targeted),
        )
        self.digital_card.set_content(
            self.tr("デジタル率"),
            f"{figures.digital_share:.0%}",
            self.tr("{digital}/{active}世帯がデジタルで受け取り").format(
                digital=figures.digital_households, active=figures.active_households
            ),
        )
        overdue = len(figures.overdue)
        self.overdue_card.set_content(
            self.tr("期限切れ"),
            self.tr("！ {count}件").format(count=overdue)
            if overdue
            else self.tr("{count}件").format(count=0),
            self.tr("期限を過ぎて未読のある回覧"),
        )
        self.overdue_list.clear()
        for circular in figures.overdue:
            item = QListWidgetItem(
                self.tr("！ {circular}（回覧期限 {due}）").format(
                    circular=circular_text(circular), due=wareki(circular.due_date, weekday=True)
                )
            )
            item.setData(CIRCULAR_ID_ROLE, circular.id)
            item.setData(HAN_ID_ROLE, 0)
            self.overdue_list.addItem(item)
        if not figures.overdue:
            self._placeholder(self.overdue_list, self.tr("期限切れの回覧はありません"))
        self.stuck_list.clear()
        for board in figures.stuck:
            shown = circulars.get(board.circular_id)
            prefix = self.tr("No.{number}").format(number=shown.number) if shown else ""
            item = QListWidgetItem(
                self.tr("{circular}　{board}").format(circular=prefix, board=stuck_text(board))
            )
            item.setData(CIRCULAR_ID_ROLE, board.circular_id)
            item.setData(HAN_ID_ROLE, board.han.id)
            if shown is not None:
                item.setToolTip(circular_text(shown))
            self.stuck_list.addItem(item)
        if not figures.stuck:
            self._placeholder(self.stuck_list, self.tr("止まっている回覧板はありません"))
        self.heading.setAccessibleName(self.heading.text())
        self._fit_cards()
        self.rate_card.setToolTip(rate_text(rate))

    @staticmethod
    def _placeholder(widget: QListWidget, text: str) -> None:
        item = QListWidgetItem(text)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        widget.addItem(item)

    @Slot(QListWidgetItem)
    def _on_item(self, item: QListWidgetItem) -> None:
        circular_id = item.data(CIRCULAR_ID_ROLE)
        if circular_id is not None:
            self.circular_requested.emit(int(circular_id), int(item.data(HAN_ID_ROLE) or 0))
