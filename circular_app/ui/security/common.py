"""Pieces shared by the security windows: error texts, role names, password fields, a table model.

:class:`FileImportDialog` is the shared part of the two login-screen dialogs that open a file
as a new profile on this PC (班長コピー and 引き継ぎ): the file row, browsing, and the end of the
flow (the new recovery key shown once, then logging in).

Errors are rendered from the error catalogs through :mod:`circular_app.ui.common.messages`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Slot,
)
from PySide6.QtGui import QGuiApplication, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QWidget,
)

from circular_app.domain.accounts import MIN_PASSWORD_LENGTH, Role, validate_password
from circular_app.domain.errors import UserError, ValidationError
from circular_app.ui.common import dialogs, messages
from circular_app.ui.common.retranslate import Retranslating
from circular_app.ui.common.widgets import ErrorLabel, scrolled_dialog_layout
from circular_app.ui.shell.login import RecoveryKeyDialog

if TYPE_CHECKING:
    from circular_app.app import App, ProfileServices
    from circular_app.services.accounts import ProfileRef

CONTEXT = "SecurityMessages"

# Bound to a plain name so that lupdate extracts the literal calls (see messages.py).
translate = QCoreApplication.translate


def error_text(error: UserError) -> str:
    """One translated line explaining ``error`` (rendered from the error catalogs)."""
    return messages.error_text(error)


def field_reason(error: ValidationError) -> str:
    """The reason part of a validation error, translated (shown beside its field)."""
    return messages.validation_reason(error)


def show_error(parent: QWidget | None, error: UserError) -> None:
    """Show ``error`` in a warning box over ``parent``."""
    dialogs.warn(parent, messages.error_title(error), error_text(error))


def role_name(role: Role) -> str:
    """The role's name in the current language."""
    names = {
        Role.ADMIN: translate("SecurityMessages", "管理者"),
        Role.OFFICER: translate("SecurityMessages", "役員"),
        Role.HAN_LEADER: translate("SecurityMessages", "班長"),
        Role.TRAINEE: translate("SecurityMessages", "練習"),
    }
    return names[role]


def password_rule() -> str:
    """The password rule in plain words: a length, no complexity rules."""
    return translate(
        "SecurityMessages",
        "{count}文字以上にしてください。記号や大文字は要りません。"
        "覚えやすい長めの言葉のほうが安全です（例: sakura ga saku haru）。",
    ).format(count=MIN_PASSWORD_LENGTH)


def set_button_texts(buttons: QDialogButtonBox, texts: dict[QDialogButtonBox.StandardButton, str]) -> None:
    """Give the standard buttons of ``buttons`` their (translated) texts."""
    for which, text in texts.items():
        button = buttons.button(which)
        if button is not None:
            button.setText(text)


def password_edit(parent: QWidget) -> QLineEdit:
    """A line edit that hides what is typed."""
    edit = QLineEdit(parent)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


class NewPasswordFields(QObject):
    """A new password typed twice, the rule in plain words, and the reason when refused.

    The widgets are created on ``parent`` and added as rows to a form by :meth:`add_rows`,
    so that they line up with the owner's other fields.
    """

    def __init__(self, parent: QWidget, passphrase: bool = False) -> None:
        super().__init__(parent)
        self._passphrase = passphrase
        self.first_label = QLabel(parent)
        self.first = password_edit(parent)
        self.first_label.setBuddy(self.first)
        self.second_label = QLabel(parent)
        self.second = password_edit(parent)
        self.second_label.setBuddy(self.second)
        self.rule = QLabel(parent)
        self.rule.setWordWrap(True)
        self.error = ErrorLabel(parent)
        self.retranslate_ui()

    def add_rows(self, form: QFormLayout) -> None:
        """Append the rows (first field, rule, second field, error) to ``form``."""
        form.addRow(self.first_label, self.first)
        form.addRow("", self.rule)
        form.addRow(self.second_label, self.second)
        form.addRow("", self.error)

    def retranslate_ui(self) -> None:
        """Set every visible text in the current language."""
        if self._passphrase:
            self.first_label.setText(self.tr("合言葉(&W)"))
            self.first.setAccessibleName(self.tr("合言葉"))
            self.second_label.setText(self.tr("合言葉（もう一度）(&G)"))
            self.second.setAccessibleName(self.tr("合言葉（もう一度）"))
        else:
            self.first_label.setText(self.tr("新しいパスワード(&N)"))
            self.first.setAccessibleName(self.tr("新しいパスワード"))
            self.second_label.setText(self.tr("新しいパスワード（もう一度）(&G)"))
            self.second.setAccessibleName(self.tr("新しいパスワード（もう一度）"))
        self.rule.setText(password_rule())

    def value(self) -> str | None:
        """The new password when both entries match and follow the rule; else show why and None."""
        self.error.clear_error()
        if self.first.text() != self.second.text():
            self.error.show_error(translate("Messages", "2回の入力が一致しません"))
            self.second.setFocus()
            return None
        try:
            return validate_password(self.first.text())
        except ValidationError as error:
            self.error.show_error(field_reason(error))
            self.first.setFocus()
            return None

    def show_error(self, error: ValidationError) -> None:
        """Show a refused password's reason under the fields."""
        self.error.show_error(field_reason(error))

    def clear(self) -> None:
        """Forget what was typed."""
        self.first.clear()
        self.second.clear()


def show_form_error(
    error: UserError, passwords: NewPasswordFields, fields: Mapping[str, ErrorLabel], general: ErrorLabel
) -> None:
    """Show ``error`` where it belongs in a form with new-password fields.

    A refused password goes under ``passwords``, another field's reason under its label in
    ``fields`` (keyed by field name); anything else goes to ``general`` in full.
    """
    if isinstance(error, ValidationError):
        if error.field_name == "パスワード":
            passwords.show_error(error)
            return
        if error.field_name in fields:
            fields[error.field_name].show_error(field_reason(error))
            return
    general.show_error(error_text(error))


class SecurityDialog(Retranslating, QDialog):
    """A dialog that sets its texts again (:meth:`retranslate_ui`) when the language changes."""


def intro_form(dialog: QDialog) -> tuple[QWidget, QFormLayout, QLabel]:
    """The scrolled content of a form dialog, its form (long rows wrap) and the wrapped intro above it.

    The intro belongs to ``dialog`` (the caller passes it to ``scrolled_dialog_layout`` as ``above``).
    """
    content = QWidget(dialog)
    form = QFormLayout(content)
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
    intro = QLabel(dialog)
    intro.setWordWrap(True)
    return content, form, intro


class FileImportDialog(SecurityDialog):
    """Base of the login-screen dialogs that open a file as a new profile, then log in.

    Shared: the file row with its 「参照…」 button, the 開く/キャンセル buttons, choosing the file,
    and the end — the new profile's recovery key shown once, then logging in. Subclasses add
    their own rows between :meth:`_start_form` and :meth:`_finish_form` and keep every text
    (their ``tr()`` calls stay in their own translation context). After ``Accepted``,
    :attr:`services` is set.
    """

    def __init__(self, app: App, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._app = app
        self.services: ProfileServices | None = None

    def _start_form(self) -> tuple[QWidget, QFormLayout]:
        """The intro and the form with its first row, the file (texts set by the subclass)."""
        content, form, self.intro = intro_form(self)
        self.file_label = QLabel(content)
        file_row, self.file_edit, self.browse_button = file_chooser_row(content)
        self.file_label.setBuddy(self.file_edit)
        form.addRow(self.file_label, file_row)
        return content, form

    def _finish_form(self, content: QWidget) -> None:
        """The general error line and the buttons under the scrolled form."""
        self.general_error = ErrorLabel(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        scrolled_dialog_layout(self, content, self.general_error, self.buttons, above=[self.intro])
        self.browse_button.clicked.connect(self.browse)

    def browse_texts(self) -> tuple[str, str]:
        """The file chooser's title and name filter, in the current language."""
        raise NotImplementedError

    @Slot()
    def browse(self) -> None:
        """Choose the file."""
        title, name_filter = self.browse_texts()
        chosen = dialogs.open_file(self, dialogs.Purpose.HANDOVER, title, name_filter)
        if chosen is not None:
            self.file_edit.setText(str(chosen))

    def _chosen_file(self, error: ErrorLabel, message: str) -> Path | None:
        """The chosen file, or None after showing ``message`` in ``error`` when none is chosen."""
        text = self.file_edit.text().strip()
        if not text:
            error.show_error(message)
            self.browse_button.setFocus()
            return None
        return Path(text)

    def _show_key_and_log_in(self, ref: ProfileRef, recovery_key: str, username: str, password: str) -> bool:
        """Show the new profile's recovery key once, then log in; False (dialog rejected) if that fails."""
        RecoveryKeyDialog(recovery_key, self).exec()
        try:
            context = self._app.profiles.open_profile(ref, username, password)
        except UserError as error:
            # The profile exists now; the login screen lists it, so nothing is lost.
            show_error(self, error)
            self.reject()
            return False
        self.services = self._app.services_for(context)
        return True


T = TypeVar("T")
ModelIndex = QModelIndex | QPersistentModelIndex


class RowsTableModel(QAbstractTableModel, Generic[T]):
    """A read-only table of frozen values; subclasses name the columns and render a cell."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[T] = []

    def headers(self) -> list[str]:
        """Column titles in the current language."""
        raise NotImplementedError

    def cell(self, row: T, column: int) -> str:
        """Display text of one cell."""
        raise NotImplementedError

    def right_aligned(self, column: int) -> bool:
        """True for columns of numbers (sizes, counts), which line up on the right."""
        return False

    def dimmed(self, row: T) -> bool:
        """True for rows shown greyed out (e.g. a disabled account)."""
        return False

    def set_rows(self, rows: Sequence[T]) -> None:
        """Replace every row."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[T]:
        """The rows, in display order."""
        return list(self._rows)

    def row_at(self, row: int) -> T | None:
        """The value shown in ``row``, or None."""
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def retranslate(self) -> None:
        """Re-render headers and cells after a language change."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)
        if self._rows:
            last = self.index(len(self._rows) - 1, self.columnCount() - 1)
            self.dataChanged.emit(self.index(0, 0), last)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: N802, B008 (Qt override)
        """Number of rows (a table has no children)."""
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: N802, B008 (Qt override)
        """Number of columns."""
        return 0 if parent.isValid() else len(self.headers())

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Display text of a cell, its alignment and (for dimmed rows) its colour."""
        if not index.isValid():
            return None
        row = self.row_at(index.row())
        if row is None or not 0 <= index.column() < self.columnCount():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cell(row, index.column())
        if role == Qt.ItemDataRole.TextAlignmentRole and self.right_aligned(index.column()):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and self.dimmed(row):
            # The theme's own disabled colour, so the high-contrast palette stays readable.
            return QGuiApplication.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        return None

    def headerData(  # noqa: N802 (Qt override)
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Column titles; row numbers from 1."""
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            headers = self.headers()
            return headers[section] if 0 <= section < len(headers) else None
        return str(section + 1)


def list_table(model: QAbstractTableModel, stretch: int, parent: QWidget, single: bool = True) -> QTableView:
    """A read-only table of whole rows; column ``stretch`` takes the width the others leave."""
    table = QTableView(parent)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    if single:
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setTabKeyNavigation(False)
    table.verticalHeader().setVisible(False)
    header = table.horizontalHeader()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return table


def select_row(table: QTableView, row: int) -> None:
    """Make ``row`` the selected and current row of ``table``."""
    table.selectRow(row)
    table.setCurrentIndex(table.model().index(row, 0))


def current_value(table: QTableView, model: RowsTableModel[T]) -> T | None:
    """The value of ``model`` in the current row of ``table``, or None."""
    index = table.currentIndex()
    return model.row_at(index.row()) if index.isValid() else None


def select_value(table: QTableView, model: RowsTableModel[T], wanted: Callable[[T], bool]) -> bool:
    """Select the first row whose value is ``wanted``; False when there is none."""
    for row, value in enumerate(model.rows()):
        if wanted(value):
            select_row(table, row)
            return True
    return False


def file_chooser_row(parent: QWidget) -> tuple[QWidget, QLineEdit, QPushButton]:
    """A file field with its 「参照…」 button beside it, for a form row (the caller sets texts)."""
    row = QWidget(parent)
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    edit = QLineEdit(row)
    button = QPushButton(row)
    layout.addWidget(edit, 1)
    layout.addWidget(button)
    return row, edit, button
