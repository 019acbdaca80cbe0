"""Dialogs for one household: add or edit it (:class:`HouseholdDialog`), record a move-out.

Validation is the domain's (:func:`~circular_app.domain.roster.validate_household`, called by
the service): the dialog sends what was typed, and shows a refused field's reason beside that
field. Nothing is saved while any field is refused; the dialog stays open.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import QDate, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from circular_app.domain.care import validate_care_note
from circular_app.domain.errors import UserError, ValidationError
from circular_app.domain.reader_languages import READER_LANGUAGES, unsupported_language
from circular_app.domain.roster import Delivery, Han, Household, HouseholdDraft
from circular_app.domain.text import normalize_phone
from circular_app.services.care import CareService
from circular_app.services.roster import RosterService
from circular_app.ui.common import dialogs, messages
from circular_app.ui.common.languages import local_language_names
from circular_app.ui.common.retranslate import Retranslating
from circular_app.ui.common.widgets import (
    ErrorLabel,
    field_with_error,
    scrolled_dialog_layout,
    show_field_error,
)

# The reader page and paper languages (circular_app.domain.reader_languages), in its order.
LANGUAGE_CODES = tuple(READER_LANGUAGES)


class HouseholdDialog(Retranslating, QDialog):
    """Add a household (``household`` None) or edit one; saves through the roster service.

    With ``care`` and an officer who may see the household's 要配慮 (管理者, own 班長), the
    form has a 要配慮 check box and note; for anyone else nothing of it is shown or read.

    Signals:
        household_saved(Household): the household was added or changed.
    """

    household_saved = Signal(Household)

    def __init__(
        self,
        roster: RosterService,
        hans: Sequence[Han],
        household: Household | None = None,
        han_id: int | None = None,
        parent: QWidget | None = None,
        care: CareService | None = None,
    ) -> None:
        super().__init__(parent)
        self._roster = roster
        self._hans = list(hans)
        self._household = household
        if care is not None and not (care.may_see_household(household) if household else care.may_see):
            care = None
        self._care = care
        self._care_loaded: tuple[bool, str] = (False, "")
        self.saved: Household | None = None
        self._setup_ui()
        self.retranslate_ui()
        self._load(household, han_id)
        self.language_combo.currentIndexChanged.connect(self._show_language_note)

    # ----- setup ---------------------------------------------------------------------------
    def _setup_ui(self) -> None:
        self.name_edit = QLineEdit(self)
        self.reading_edit = QLineEdit(self)
        self.han_combo = QComboBox(self)
        for han in self._hans:
            self.han_combo.addItem(han.name, han.id)
        self.delivery_combo = QComboBox(self)
        self.delivery_combo.addItem("", Delivery.PAPER.value)
        self.delivery_combo.addItem("", Delivery.DIGITAL.value)
        self.large_print_check = QCheckBox(self)
        self.language_combo = QComboBox(self)
        for code in LANGUAGE_CODES:
            self.language_combo.addItem("", code)
        self.phone_edit = QLineEdit(self)
        self.email_edit = QLineEdit(self)
        self.notes_edit = QPlainTextEdit(self)
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setMinimumHeight(self.fontMetrics().lineSpacing() * 4)
        # 要配慮: sensitive; the widgets exist only for an officer who may see it.
        self.care_check: QCheckBox | None = None
        self.care_note_edit: QLineEdit | None = None
        if self._care is not None:
            self.care_check = QCheckBox(self)
            self.care_note_edit = QLineEdit(self)

        self.errors: dict[str, ErrorLabel] = {}
        self._fields: dict[str, QWidget] = {
            "氏名": self.name_edit,
            "フリガナ": self.reading_edit,
            "班": self.han_combo,
            "受取方法": self.delivery_combo,
            "大きな文字": self.large_print_check,
            "言語": self.language_combo,
            "電話": self.phone_edit,
            "メール": self.email_edit,
            "備考": self.notes_edit,
        }
        if self.care_check is not None and self.care_note_edit is not None:
            self._fields["要配慮"] = self.care_check
            self._fields["要配慮のメモ"] = self.care_note_edit
        self._labels: dict[str, QLabel] = {}
        content = QWidget(self)
        form = QFormLayout(content)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        for key, field in self._fields.items():
            label = QLabel(content)
            label.setBuddy(field)
            error = ErrorLabel(content)
            self._labels[key] = label
            self.errors[key] = error
            row = field_with_error(field, error, spacing=2)
            if key == "言語":
                # A 言語 from a CSV that names no supported language: kept, with a note under it.
                self.language_note = QLabel(content)
                self.language_note.setWordWrap(True)
                self.language_note.hide()
                row = _stacked(row, self.language_note)
            form.addRow(label, row)

        self.general_error = ErrorLabel(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        scrolled_dialog_layout(self, content, self.general_error, self.buttons)

    def retranslate_ui(self) -> None:
        """Set every visible text in the current language."""
        self.setWindowTitle(self.tr("世帯を追加") if self._household is None else self.tr("世帯を編集"))
        texts = {
            "氏名": self.tr("氏名(&N)"),
            "フリガナ": self.tr("フリガナ(&R)"),
            "班": self.tr("班(&B)"),
            "受取方法": self.tr("受取方法(&D)"),
            "大きな文字": self.tr("大きな文字(&L)"),
            "言語": self.tr("言語(&G)"),
            "電話": self.tr("電話(&P)"),
            "メール": self.tr("メール(&M)"),
            "備考": self.tr("備考(&O)"),
            "要配慮": self.tr("要配慮(&C)"),
            "要配慮のメモ": self.tr("要配慮のメモ"),
        }
        names = {
            "氏名": self.tr("氏名"),
            "フリガナ": self.tr("フリガナ"),
            "班": self.tr("班"),
            "受取方法": self.tr("受取方法"),
            "大きな文字": self.tr("大きな文字"),
            "言語": self.tr("言語"),
            "電話": self.tr("電話"),
            "メール": self.tr("メール"),
            "備考": self.tr("備考"),
            "要配慮": self.tr("要配慮"),
            "要配慮のメモ": self.tr("要配慮のメモ"),
        }
        for key, label in self._labels.items():
            label.setText(texts[key])
            self._fields[key].setAccessibleName(names[key])
        self.reading_edit.setPlaceholderText(self.tr("カタカナ（ひらがな・半角カナも可）"))
        self.phone_edit.setPlaceholderText(self.tr("例: 076-000-0000"))
        self.delivery_combo.setItemText(0, self.tr("紙"))
        self.delivery_combo.setItemText(1, self.tr("デジタル"))
        self.large_print_check.setText(self.tr("大きな文字で印刷する"))
        language_names = local_language_names()
        for index, code in enumerate(LANGUAGE_CODES):
            self.language_combo.setItemText(index, language_names[code])
        self._show_language_note()
        if self.care_check is not None and self.care_note_edit is not None:
            self.care_check.setText(self.tr("避難に手助けが必要（管理者と班長だけが見られます）"))
            self.care_note_edit.setPlaceholderText(self.tr("例: 車いす、耳が遠い"))
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        if save is not None:
            save.setText(self.tr("保存"))
        if cancel is not None:
            cancel.setText(dialogs.cancel_text())

    def _load(self, household: Household | None, han_id: int | None) -> None:
        draft = household.as_draft() if household else HouseholdDraft(name="", han_id=han_id or 0)
        self.name_edit.setText(draft.name)
        self.reading_edit.setText(draft.reading)
        index = self.han_combo.findData(draft.han_id)
        self.han_combo.setCurrentIndex(max(index, 0))
        self.delivery_combo.setCurrentIndex(self.delivery_combo.findData(draft.delivery.value))
        self.large_print_check.setChecked(draft.large_print)
        if self.language_combo.findData(draft.language) < 0:
            # Keep a language code set elsewhere (CSV) instead of silently changing it.
            self.language_combo.addItem(draft.language, draft.language)
        self.language_combo.setCurrentIndex(self.language_combo.findData(draft.language))
        self._show_language_note()
        self.phone_edit.setText(draft.phone)
        self.email_edit.setText(draft.email)
        self.notes_edit.setPlainText(draft.notes)
        if self._care is not None and household is not None and self.care_check and self.care_note_edit:
            need = self._care.care_need(household.id)  # audited as a view
            self._care_loaded = (need is not None, need.note if need else "")
            self.care_check.setChecked(need is not None)
            self.care_note_edit.setText(need.note if need else "")

    @Slot()
    def _show_language_note(self) -> None:
        value = str(self.language_combo.currentData() or "")
        if unsupported_language(value):
            self.language_note.setText(
                self.tr("言語『{value}』は読むページと紙の言語にありません。日本語で表示・印刷します").format(
                    value=value
                )
            )
            self.language_note.show()
        else:
            self.language_note.hide()

    def care_state(self) -> tuple[bool, str] | None:
        """The 要配慮 box and note as set in the form (None: not shown to this officer)."""
        if self.care_check is None or self.care_note_edit is None:
            return None
        checked = self.care_check.isChecked()
        return checked, self.care_note_edit.text() if checked else ""

    # ----- saving ----------------------------------------------------------------------------
    def draft(self) -> HouseholdDraft:
        """What the form holds now, as typed (the service validates it)."""
        han_id = self.han_combo.currentData()
        return HouseholdDraft(
            name=self.name_edit.text(),
            han_id=int(han_id) if han_id is not None else 0,
            reading=self.reading_edit.text(),
            delivery=Delivery(self.delivery_combo.currentData()),
            large_print=self.large_print_check.isChecked(),
            language=str(self.language_combo.currentData()),
            # The same folding as a CSV import, so typed and imported numbers compare equal.
            phone=normalize_phone(self.phone_edit.text()),
            email=self.email_edit.text(),
            notes=self.notes_edit.toPlainText(),
        )

    def clear_errors(self) -> None:
        """Hide every error line."""
        for error in self.errors.values():
            error.clear_error()
        self.general_error.clear_error()

    def show_validation_error(self, error: ValidationError) -> None:
        """Show ``error`` beside its field (or under the form) and focus the field."""
        if show_field_error(error, self.errors, self.general_error):
            self._fields[error.field_name].setFocus()

    @Slot()
    def accept(self) -> None:
        """Save through the service; stay open and show the reason when refused."""
        self.clear_errors()
        draft = self.draft()
        if not self._hans:
            self.general_error.show_error(self.tr("先に班を追加してください"))
            return
        care = self.care_state()
        try:
            if care is not None and care[0]:
                validate_care_note(care[1])  # refused before anything is saved
            if self._household is None:
                saved = self._roster.add_household(draft)
            else:
                saved = self._roster.update_household(self._household.id, draft)
            if self._care is not None and care is not None and care != self._care_loaded:
                self._care.set_care_need(saved.id, care[0], care[1])
        except ValidationError as error:
            self.show_validation_error(error)
            return
        except UserError as error:
            self.general_error.show_error(messages.error_text(error))
            return
        self.saved = saved
        self.household_saved.emit(saved)
        super().accept()


class MoveOutDialog(Retranslating, QDialog):
    """Record that a household moved out (転出) on a date, today by default.

    Signals:
        household_moved_out(Household): the move-out was recorded.
    """

    household_moved_out = Signal(Household)

    def __init__(
        self,
        roster: RosterService,
        household: Household,
        today: dt.date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._roster = roster
        self._household = household
        self.saved: Household | None = None
        day = today or dt.date.today()
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.date_label = QLabel(self)
        self.date_edit = QDateEdit(QDate(day.year, day.month, day.day), self)
        self.date_edit.setCalendarPopup(True)
        self.date_label.setBuddy(self.date_edit)
        self.error = ErrorLabel(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        form = QFormLayout()
        form.addRow(self.date_label, self.date_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        """Set every visible text in the current language."""
        self.setWindowTitle(self.tr("転出を登録"))
        self.intro.setText(
            self.tr("{name} さんを回覧の順路から外します。名簿には転出済みとして残ります。").format(
                name=self._household.name
            )
        )
        self.date_label.setText(self.tr("転出日(&D)"))
        self.date_edit.setAccessibleName(self.tr("転出日"))
        self.date_edit.setDisplayFormat(self.tr("yyyy年M月d日"))
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        if ok is not None:
            ok.setText(self.tr("転出を登録"))
        if cancel is not None:
            cancel.setText(dialogs.cancel_text())

    def chosen_date(self) -> dt.date:
        """The date in the date field."""
        date = self.date_edit.date()
        return dt.date(date.year(), date.month(), date.day())

    @Slot()
    def accept(self) -> None:
        """Record the move-out; stay open and show the reason when refused."""
        try:
            saved = self._roster.move_out(self._household.id, self.chosen_date())
        except UserError as error:
            self.error.show_error(messages.error_text(error))
            return
        self.saved = saved
        self.household_moved_out.emit(saved)
        super().accept()


def _stacked(top: QWidget, bottom: QWidget) -> QWidget:
    """``top`` with ``bottom`` under it, as one form field."""
    box = QWidget(top.parentWidget())
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    layout.addWidget(top)
    layout.addWidget(bottom)
    return box
