"""「研修の記録」: the trainer's workshops, their yearly totals and the senior total, CSV export.

The records are the same file as the ``workshop`` command's (``trainer/workshops.json`` in the
data folder), kept across resets of the practice profile. Only counts are recorded, never
participants' names. The cumulative total of 高齢者スマホ講座 participants is the figure the
city's plan counts as 高齢者向け電子申請講座参加者数 (target 1,500).
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from circular_app.domain.calendar import fiscal_year, wareki
from circular_app.domain.errors import UserError
from circular_app.domain.exercises import Exercise
from circular_app.services.trainer import SENIOR_KIND, WORKSHOP_KINDS, Workshop, WorkshopLog
from circular_app.ui.common import dialogs, messages
from circular_app.ui.common.retranslate import Retranslating
from circular_app.ui.common.row_models import TitledRowsModel

ModelIndex = QModelIndex | QPersistentModelIndex
# Bound to a plain name so that lupdate, which looks for calls named ``translate``, extracts them.
translate = QCoreApplication.translate
WORKSHOPS_FILE = Path("trainer") / "workshops.json"  # in the data folder, as for `workshop`


def workshop_log(data_dir: Path) -> WorkshopLog:
    """The trainer's workshop records of this data folder."""
    return WorkshopLog(data_dir / WORKSHOPS_FILE)


class Column(enum.IntEnum):
    """Columns of the workshop table."""

    DATE = 0
    YEAR = 1
    PLACE = 2
    KIND = 3
    PARTICIPANTS = 4
    EXERCISES = 5


class WorkshopTableModel(TitledRowsModel[tuple[str, ...]]):
    """Workshops as rows, newest first."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(len(Column), parent)
        self.retranslate()

    def set_rows(self, workshops: Sequence[Workshop], exercise_titles: Mapping[str, str]) -> None:
        """Replace every row; exercise ids are shown by their titles where known."""
        self.beginResetModel()
        self._rows = [
            (
                wareki(w.held_on, weekday=True),
                self.tr("{year}年度").format(year=fiscal_year(w.held_on)),
                w.place,
                kind_label(w.kind),
                str(w.participants),
                "、".join(exercise_titles.get(e, e) for e in w.exercises_completed),
            )
            for w in sorted(workshops, key=lambda w: w.held_on, reverse=True)
        ]
        self.endResetModel()

    def retranslate(self) -> None:
        """Recompute the headers in the current language."""
        self._titles = (
            self.tr("日付"),
            self.tr("年度"),
            self.tr("場所"),
            self.tr("種類"),
            self.tr("参加者数"),
            self.tr("完了した演習"),
        )
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(Column) - 1)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Display text; numbers right-aligned."""
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == Column.PARTICIPANTS:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        return None


def kind_label(kind: str) -> str:
    """A workshop kind (stored in Japanese) in the current language."""
    labels = {
        "役員向け": translate("WorkshopKinds", "役員向け"),
        "住民向け": translate("WorkshopKinds", "住民向け"),
        SENIOR_KIND: translate("WorkshopKinds", "高齢者スマホ講座"),
    }
    return labels.get(kind, kind)


class WorkshopDialog(Retranslating, QDialog):
    """Record a workshop; see every record with yearly totals and the senior total; export CSV.

    ``senior_target`` is the plan's target for 高齢者向け電子申請講座参加者数 (None: unknown).

    Signals:
        workshop_added(object): a :class:`Workshop` was recorded.
    """

    workshop_added = Signal(object)

    def __init__(
        self,
        log: WorkshopLog,
        exercises: Sequence[Exercise],
        language: str,
        senior_target: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._log = log
        self._exercises = list(exercises)
        self._language = language
        self._senior_target = senior_target
        self.model = WorkshopTableModel(self)
        self._setup_ui()
        self._connect()
        self.retranslate_ui()

    # ----- setup ---------------------------------------------------------------------------
    def _setup_ui(self) -> None:
        self.form_box = QGroupBox(self)
        form = QFormLayout(self.form_box)
        self.date_label = QLabel(self.form_box)
        self.date_edit = QDateEdit(self.form_box)
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy/MM/dd")
        self.date_edit.setDate(QDate.currentDate())
        self.place_label = QLabel(self.form_box)
        self.place_edit = QLineEdit(self.form_box)
        self.kind_label = QLabel(self.form_box)
        self.kind_combo = QComboBox(self.form_box)
        for kind in WORKSHOP_KINDS:
            self.kind_combo.addItem("", kind)
        self.participants_label = QLabel(self.form_box)
        self.participants_spin = QSpinBox(self.form_box)
        self.participants_spin.setRange(1, 1000)
        self.participants_spin.setValue(10)
        self.exercises_label = QLabel(self.form_box)
        self.exercises_list = QListWidget(self.form_box)
        for exercise in self._exercises:
            item = QListWidgetItem(self.exercises_list)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            item.setData(Qt.ItemDataRole.UserRole, exercise.id)
        self.exercises_list.setMaximumHeight(self.fontMetrics().height() * 7)
        for label, field in (
            (self.date_label, self.date_edit),
            (self.place_label, self.place_edit),
            (self.kind_label, self.kind_combo),
            (self.participants_label, self.participants_spin),
            (self.exercises_label, self.exercises_list),
        ):
            label.setBuddy(field)
            form.addRow(label, field)
        self.add_button = QPushButton(self.form_box)
        form.addRow(self.add_button)

        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.totals_label = QLabel(self)
        self.totals_label.setWordWrap(True)
        self.totals_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.senior_label = QLabel(self)
        self.senior_label.setWordWrap(True)
        self.senior_label.setProperty("role", "summary")

        self.export_button = QPushButton(self)
        self.buttons = dialogs.button_box(self, None)
        bottom = QHBoxLayout()
        bottom.addWidget(self.export_button)
        bottom.addStretch(1)
        bottom.addWidget(self.buttons)

        layout = QVBoxLayout(self)
        layout.addWidget(self.form_box)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.totals_label)
        layout.addWidget(self.senior_label)
        layout.addLayout(bottom)
        self.resize(self.fontMetrics().averageCharWidth() * 100, self.fontMetrics().height() * 40)

    def _connect(self) -> None:
        self.add_button.clicked.connect(self.add)
        self.export_button.clicked.connect(self.export_csv)
        self.buttons.rejected.connect(self.reject)

    def retranslate_ui(self) -> None:
        """Set every visible text in the current language."""
        self.setWindowTitle(self.tr("研修の記録"))
        self.form_box.setTitle(self.tr("研修を記録する"))
        self.date_label.setText(self.tr("日付(&D)"))
        self.place_label.setText(self.tr("場所(&L)"))
        self.place_edit.setPlaceholderText(self.tr("例: 見本地区公民館"))
        self.kind_label.setText(self.tr("種類(&K)"))
        for index, kind in enumerate(WORKSHOP_KINDS):
            self.kind_combo.setItemText(index, kind_label(kind))
        self.participants_label.setText(self.tr("参加者数(&N)"))
        self.participants_spin.setSuffix(self.tr("人"))
        self.exercises_label.setText(self.tr("完了した演習(&E)"))
        for row, exercise in enumerate(self._exercises):
            item = self.exercises_list.item(row)
            if item is not None:
                item.setText(
                    self.tr("演習{number}　{title}").format(
                        number=exercise.number, title=exercise.title.get(self._language)
                    )
                )
        self.add_button.setText(self.tr("記録を追加(&A)"))
        self.table.setAccessibleName(self.tr("研修の記録の一覧"))
        self.export_button.setText(self.tr("CSVに書き出す(&C)…"))
        self.model.retranslate()
        self.reload()  # the rows and the totals, in the new language

    # ----- content -----------------------------------------------------------------------------
    def reload(self) -> None:
        """Show the records as they are in the file."""
        try:
            workshops = self._log.list()
        except UserError as error:
            messages.show_error(self, error)
            workshops = []
        titles = {e.id: e.title.get(self._language) for e in self._exercises}
        self.model.set_rows(workshops, titles)
        self._show_totals()

    def _show_totals(self) -> None:
        try:
            totals = self._log.yearly_totals()
            seniors = self._log.yearly_totals(SENIOR_KIND)
            senior_total = self._log.senior_total()
        except UserError:
            return  # reload() has said why
        lines = [
            self.tr("{year}年度: 計 {total}人（うち高齢者スマホ講座 {seniors}人）").format(
                year=year, total=f"{total:,}", seniors=f"{seniors.get(year, 0):,}"
            )
            for year, total in sorted(totals.items(), reverse=True)
        ]
        self.totals_label.setText("\n".join(lines) if lines else self.tr("まだ記録がありません"))
        if self._senior_target is None:
            text = self.tr("高齢者スマホ講座の参加者 累計 {total}人").format(total=f"{senior_total:,}")
        else:
            text = self.tr(
                "高齢者スマホ講座の参加者 累計 {total}人（計画のKPI「高齢者向け電子申請講座参加者数」の目標 {target}人）"
            ).format(total=f"{senior_total:,}", target=f"{self._senior_target:,}")
        self.senior_label.setText(text)

    def completed_exercises(self) -> tuple[str, ...]:
        """Ids of the exercises ticked in the form."""
        ids = []
        for row in range(self.exercises_list.count()):
            item = self.exercises_list.item(row)
            if item is not None and item.checkState() == Qt.CheckState.Checked:
                ids.append(str(item.data(Qt.ItemDataRole.UserRole)))
        return tuple(ids)

    # ----- actions -----------------------------------------------------------------------------
    @Slot()
    def add(self) -> Workshop | None:
        """Record the workshop of the form; show why when it is refused."""
        held_on = self.date_edit.date().toPython()
        assert isinstance(held_on, dt.date)
        workshop = Workshop(
            held_on,
            self.place_edit.text(),
            str(self.kind_combo.currentData()),
            self.participants_spin.value(),
            self.completed_exercises(),
        )
        try:
            self._log.add(workshop)
        except UserError as error:
            messages.show_error(self, error)
            return None
        except OSError as exc:
            dialogs.warn(self, self.tr("記録できません"), messages.os_error_text(exc))
            return None
        self.place_edit.clear()
        self.reload()
        self.workshop_added.emit(workshop)
        return workshop

    @Slot()
    def export_csv(self) -> Path | None:
        """Ask where, and write every record as an Excel-friendly CSV."""
        suggested = self.tr("研修の記録_{date}.csv").format(date=dt.date.today().isoformat())
        path = dialogs.save_csv(self, dialogs.Purpose.TRAINING, self.tr("研修の記録を書き出す"), suggested)
        if path is None:
            return None
        try:
            self._log.export_csv(path)
        except UserError as error:
            messages.show_error(self, error)
            return None
        except OSError as exc:
            dialogs.warn(self, self.tr("書き出せません"), messages.os_error_text(exc))
            return None
        dialogs.inform(self, self.tr("研修の記録"), self.tr("{path} に書き出しました").format(path=path))
        return path
