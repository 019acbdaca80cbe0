"""The fields of the paper form, left of the body: 件名, 分類, 差出人, 対象, dates, 急ぎ, attachments.

:class:`CircularForm` loads a :class:`~circular_app.domain.circulars.CircularDraft` into its
fields and reads one back (with the body from the body column); every change a person makes
is announced with ``changed``. Dates show their 和暦 beside them, and the due date never goes
before the issue date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import QDate, Signal, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from circular_app.domain.calendar import wareki
from circular_app.domain.circulars import MAX_TITLE_LENGTH, Audience, Category, CircularDraft, Urgency
from circular_app.domain.roster import Han
from circular_app.ui.common.widgets import FlowLayout, name_fields_from_labels
from circular_app.ui.compose.attachments import AttachmentsField
from circular_app.ui.compose.texts import audience_label, category_label


def _date(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


def _qdate(value: dt.date) -> QDate:
    return QDate(value.year, value.month, value.day)


class CircularForm(QWidget):
    """Title, category, sender, target 班 and audience, dates, urgency, hint switch, attachments.

    Signals:
        changed(): a field was changed (also while loading; the editor ignores those).
        readability_toggled(bool): the readability-hint switch was turned on or off.
    """

    changed = Signal()
    readability_toggled = Signal(bool)

    def __init__(self, hans: Sequence[Han], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._editable = True
        self._setup_ui(hans)
        self._connect()

    def _setup_ui(self, hans: Sequence[Han]) -> None:
        form_column = QVBoxLayout(self)
        self.form = QFormLayout()
        form_column.addLayout(self.form)
        form_column.addStretch(1)  # extra height goes below the fields, not between them
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.title_label = QLabel(self)
        self.title_edit = QLineEdit(self)
        self.title_edit.setMaxLength(MAX_TITLE_LENGTH)
        self.category_label = QLabel(self)
        self.category_combo = QComboBox(self)
        for category in Category:
            self.category_combo.addItem("", category.value)
        self.sender_label = QLabel(self)
        self.sender_title_edit = QLineEdit(self)
        self.sender_name_edit = QLineEdit(self)
        sender = QWidget(self)
        sender_layout = QHBoxLayout(sender)
        sender_layout.setContentsMargins(0, 0, 0, 0)
        sender_layout.addWidget(self.sender_title_edit, 2)
        sender_layout.addWidget(self.sender_name_edit, 3)

        self.target_label = QLabel(self)
        self.all_hans_radio = QRadioButton(self)
        self.chosen_hans_radio = QRadioButton(self)
        self.target_group = QButtonGroup(self)
        self.target_group.addButton(self.all_hans_radio)
        self.target_group.addButton(self.chosen_hans_radio)
        self.han_box = QWidget(self)
        han_flow = FlowLayout(self.han_box)
        han_flow.setContentsMargins(0, 0, 0, 0)
        self.han_checks: dict[int, QCheckBox] = {}
        for han in hans:
            check = QCheckBox(han.name, self.han_box)
            self.han_checks[han.id] = check
            han_flow.addWidget(check)
        target = QWidget(self)
        target_layout = QVBoxLayout(target)
        target_layout.setContentsMargins(0, 0, 0, 0)
        radios = QHBoxLayout()
        radios.addWidget(self.all_hans_radio)
        radios.addWidget(self.chosen_hans_radio)
        radios.addStretch(1)
        target_layout.addLayout(radios)
        target_layout.addWidget(self.han_box)
        self.audience_label = QLabel(self)
        self.audience_combo = QComboBox(self)
        for audience in Audience:
            self.audience_combo.addItem("", audience.value)

        self.issue_label = QLabel(self)
        self.issue_date_edit = QDateEdit(self)
        self.issue_wareki_label = QLabel(self)
        self.due_label = QLabel(self)
        self.due_date_edit = QDateEdit(self)
        self.due_wareki_label = QLabel(self)
        dates = []
        for edit, wareki_label in (
            (self.issue_date_edit, self.issue_wareki_label),
            (self.due_date_edit, self.due_wareki_label),
        ):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy/MM/dd")
            row = QWidget(self)
            row_layout = QHBoxLayout(row)
            row_layout.setContentsMargins(0, 0, 0, 0)
            row_layout.addWidget(edit)
            row_layout.addWidget(wareki_label, 1)
            dates.append(row)

        self.urgency_label = QLabel(self)
        self.normal_radio = QRadioButton(self)
        self.urgent_radio = QRadioButton(self)
        self.urgency_group = QButtonGroup(self)
        self.urgency_group.addButton(self.normal_radio)
        self.urgency_group.addButton(self.urgent_radio)
        urgency = QWidget(self)
        urgency_layout = QHBoxLayout(urgency)
        urgency_layout.setContentsMargins(0, 0, 0, 0)
        urgency_layout.addWidget(self.normal_radio)
        urgency_layout.addWidget(self.urgent_radio)
        urgency_layout.addStretch(1)
        self.readability_check = QCheckBox(self)

        self.attachments_label = QLabel(self)
        self.attachments = AttachmentsField(self)

        for label, field in (
            (self.title_label, self.title_edit),
            (self.category_label, self.category_combo),
            (self.sender_label, sender),
            (self.target_label, target),
            (self.audience_label, self.audience_combo),
            (self.issue_label, dates[0]),
            (self.due_label, dates[1]),
            (self.urgency_label, urgency),
        ):
            self.form.addRow(label, field)
        self.form.addRow(self.readability_check)
        self.form.addRow(self.attachments_label, self.attachments)
        self.title_label.setBuddy(self.title_edit)
        self.category_label.setBuddy(self.category_combo)
        self.sender_label.setBuddy(self.sender_title_edit)
        self.target_label.setBuddy(self.all_hans_radio)
        self.audience_label.setBuddy(self.audience_combo)
        self.issue_label.setBuddy(self.issue_date_edit)
        self.due_label.setBuddy(self.due_date_edit)
        self.urgency_label.setBuddy(self.normal_radio)
        self.attachments_label.setBuddy(self.attachments.attachment_list)

    def _connect(self) -> None:
        for edit in (self.title_edit, self.sender_title_edit, self.sender_name_edit):
            edit.textChanged.connect(self.changed)
        for combo in (self.category_combo, self.audience_combo):
            combo.currentIndexChanged.connect(self.changed)
        self.target_group.buttonToggled.connect(self._on_target_toggled)
        self.urgency_group.buttonToggled.connect(self.changed)
        for check in self.han_checks.values():
            check.toggled.connect(self.changed)
        self.issue_date_edit.dateChanged.connect(self._on_issue_changed)
        self.due_date_edit.dateChanged.connect(self._on_due_changed)
        self.readability_check.toggled.connect(self.readability_toggled)

    def retranslate_ui(self) -> None:
        """Set every visible text in the current language (the editor calls it with its own)."""
        self.title_label.setText(self.tr("件名(&T)"))
        self.category_label.setText(self.tr("分類(&G)"))
        for index, category in enumerate(Category):
            self.category_combo.setItemText(index, category_label(category))
        self.sender_label.setText(self.tr("差出人(&S)"))
        self.sender_title_edit.setPlaceholderText(self.tr("役職（例: 会長）"))
        self.sender_title_edit.setAccessibleName(self.tr("差出人の役職"))
        self.sender_name_edit.setPlaceholderText(self.tr("氏名"))
        self.sender_name_edit.setAccessibleName(self.tr("差出人の氏名"))
        self.target_label.setText(self.tr("対象(&A)"))
        self.all_hans_radio.setText(self.tr("全班"))
        self.chosen_hans_radio.setText(self.tr("班を選ぶ"))
        self.han_box.setAccessibleName(self.tr("回覧する班"))
        self.audience_label.setText(self.tr("配る相手(&D)"))
        for index, audience in enumerate(Audience):
            self.audience_combo.setItemText(index, audience_label(audience))
        self.issue_label.setText(self.tr("発行日(&I)"))
        self.due_label.setText(self.tr("回覧期限(&U)"))
        self.urgency_label.setText(self.tr("急ぎ(&K)"))
        self.normal_radio.setText(self.tr("通常"))
        self.urgent_radio.setText(self.tr("至急"))
        self.readability_check.setText(self.tr("読みやすさのヒントを表示"))
        self.readability_check.setToolTip(
            self.tr(
                "長い文・漢字の多い文・難しい言葉に、お年寄りにも伝わる「やさしい日本語」の言いかえを示します"
            )
        )
        self.attachments_label.setText(self.tr("添付(&F)"))
        self.attachments.retranslate_ui()
        self.show_wareki()
        name_fields_from_labels(self)  # the date fields sit in a row: Qt would not find their label

    # ----- loading and reading -----------------------------------------------------------------
    def load(self, draft: CircularDraft) -> None:
        """Show the fields of ``draft`` (not its body)."""
        self.title_edit.setText(draft.title)
        self.category_combo.setCurrentIndex(max(0, self.category_combo.findData(draft.category.value)))
        self.sender_title_edit.setText(draft.sender_title)
        self.sender_name_edit.setText(draft.sender_name)
        chosen = set(draft.target_han_ids)
        (self.chosen_hans_radio if chosen else self.all_hans_radio).setChecked(True)
        for han_id, check in self.han_checks.items():
            check.setChecked(han_id in chosen)
        self.audience_combo.setCurrentIndex(max(0, self.audience_combo.findData(draft.audience.value)))
        issue = draft.issue_date or dt.date.today()
        self.issue_date_edit.setDate(_qdate(issue))
        self.due_date_edit.setMinimumDate(_qdate(issue))
        self.due_date_edit.setDate(_qdate(draft.due_date or issue + dt.timedelta(days=14)))
        (self.urgent_radio if draft.urgency is Urgency.URGENT else self.normal_radio).setChecked(True)
        self.readability_check.setChecked(draft.readability_check)

    def finish_loading(self) -> None:
        """Bring the dependent parts (和暦, the 班 choice) in line once loading is over."""
        self.show_wareki()
        self._update_han_box()

    def draft(self, body: str) -> CircularDraft:
        """What the fields hold now, with ``body`` as the body."""
        chosen = (
            tuple(h for h, check in self.han_checks.items() if check.isChecked())
            if self.chosen_hans_radio.isChecked()
            else ()
        )
        return CircularDraft(
            title=self.title_edit.text(),
            body=body,
            category=Category(self.category_combo.currentData()),
            sender_title=self.sender_title_edit.text(),
            sender_name=self.sender_name_edit.text(),
            target_han_ids=chosen,
            audience=Audience(self.audience_combo.currentData()),
            issue_date=_date(self.issue_date_edit.date()),
            due_date=_date(self.due_date_edit.date()),
            urgency=Urgency.URGENT if self.urgent_radio.isChecked() else Urgency.NORMAL,
            readability_check=self.readability_check.isChecked(),
        )

    def set_editable(self, editable: bool, issue_date_editable: bool) -> None:
        """Allow or forbid changes; a correction keeps the first issue date."""
        self._editable = editable
        for line in (self.title_edit, self.sender_title_edit, self.sender_name_edit):
            line.setReadOnly(not editable)
        for widget in (
            self.category_combo,
            self.all_hans_radio,
            self.chosen_hans_radio,
            self.audience_combo,
            self.due_date_edit,
            self.normal_radio,
            self.urgent_radio,
            self.readability_check,
        ):
            widget.setEnabled(editable)
        self._update_han_box()
        self.issue_date_edit.setEnabled(issue_date_editable)

    def show_wareki(self) -> None:
        """Show the Japanese-era date beside each date field."""
        self.issue_wareki_label.setText(wareki(_date(self.issue_date_edit.date()), weekday=True))
        self.due_wareki_label.setText(wareki(_date(self.due_date_edit.date()), weekday=True))

    def _update_han_box(self) -> None:
        self.han_box.setEnabled(self._editable and self.chosen_hans_radio.isChecked())

    # ----- changes -----------------------------------------------------------------------------
    @Slot()
    def _on_target_toggled(self) -> None:
        self._update_han_box()
        self.changed.emit()

    @Slot()
    def _on_issue_changed(self) -> None:
        issue = self.issue_date_edit.date()
        if self.due_date_edit.date() < issue:
            # Keep the 回覧 period when the issue date moves later.
            self.due_date_edit.setDate(issue.addDays(14))
        self.due_date_edit.setMinimumDate(issue)
        self.show_wareki()
        self.changed.emit()

    @Slot()
    def _on_due_changed(self) -> None:
        self.show_wareki()
        self.changed.emit()
