"""Every standard dialog the app opens: questions, notices, button rows, file and folder choices.

One place so that each of them speaks the installed language with verbs on its buttons
(「発行する」「やめる」, not はい/いいえ/OK): a senior officer reads what the button *does*.
The texts come from the caller (already translated with ``self.tr``); the defaults here are
translated in the ``Dialogs`` context.

File dialogs are Qt's own widget dialog (the platform's native one would ignore the installed
translation) and start in a folder remembered per purpose — the last folder used for that kind
of file, else ``<Documents>/回覧デスク/<purpose>`` created on demand — never in the program's
folder. The remembered folders live in the app settings (``file_folders``); a
:class:`FileFolders` object installed on the QApplication by the composition root keeps them.

Tests replace the functions of this module (``monkeypatch.setattr(dialogs, "ask", …)``; for
file dialogs :func:`run_file_dialog`, so that suffixes and remembered folders still run), so
callers import the module and call ``dialogs.ask(…)``.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

# The message box, file, input dialog and standard-path classes are reached through their
# modules when a dialog opens: PySide6 builds a class and its enums on first import, and this
# module is loaded with the log-in window, which shows none of them.
from PySide6 import QtCore, QtWidgets
from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLineEdit, QWidget

from circular_app.settings import FILE_FOLDERS, Settings

if TYPE_CHECKING:
    from PySide6.QtWidgets import QFileDialog, QMessageBox

CONTEXT = "Dialogs"
# Bound to a plain name so that lupdate, which looks for calls named ``translate``, extracts them.
translate = QCoreApplication.translate

#: The folder under the user's documents that holds the app's per-purpose folders.
APP_FOLDER = "回覧デスク"


class Purpose(Enum):
    """What a file dialog is for; each purpose remembers its own folder.

    The value is the name of its folder under ``<Documents>/回覧デスク``.
    """

    PRINT = "印刷"
    ROSTER = "名簿"
    ATTACHMENT = "添付"
    BACKUP = "バックアップ"
    HANDOVER = "引継ぎ"
    HUB = "ハブ"
    TRAINING = "演習"
    CITY = "市・校下"
    SAFETY = "安否確認"


def close_text() -> str:
    """「閉じる」 in the current language."""
    return translate("Dialogs", "閉じる")


def cancel_text() -> str:
    """「やめる」 in the current language (the button that leaves without doing anything)."""
    return translate("Dialogs", "やめる")


def _box(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str, details: str) -> QMessageBox:
    box = QtWidgets.QMessageBox(icon, title, text, QtWidgets.QMessageBox.StandardButton.NoButton, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    if details:
        box.setInformativeText(details)
    return box


def ask(
    parent: QWidget | None,
    title: str,
    text: str,
    *,
    yes: str,
    no: str | None = None,
    default_yes: bool = False,
    details: str = "",
) -> bool:
    """Ask a question answered by two verbs; True when the person chose ``yes``.

    ``no`` defaults to 「やめる」. The default (Enter) is ``no`` unless ``default_yes``: a
    stray Enter must not publish or delete. Escape always means ``no``.
    """
    box = _box(parent, QtWidgets.QMessageBox.Icon.Question, title, text, details)
    yes_button = box.addButton(yes, QtWidgets.QMessageBox.ButtonRole.AcceptRole)
    no_button = box.addButton(
        no if no is not None else cancel_text(), QtWidgets.QMessageBox.ButtonRole.RejectRole
    )
    box.setDefaultButton(yes_button if default_yes else no_button)
    box.setEscapeButton(no_button)
    box.exec()
    return box.clickedButton() is yes_button


def inform(parent: QWidget | None, title: str, text: str, *, details: str = "") -> None:
    """Tell something that went well; one 「閉じる」 button."""
    box = _box(parent, QtWidgets.QMessageBox.Icon.Information, title, text, details)
    box.addButton(close_text(), QtWidgets.QMessageBox.ButtonRole.AcceptRole)
    box.exec()


def warn(parent: QWidget | None, title: str, text: str, *, details: str = "") -> None:
    """Tell why something could not be done; one 「閉じる」 button."""
    box = _box(parent, QtWidgets.QMessageBox.Icon.Warning, title, text, details)
    box.addButton(close_text(), QtWidgets.QMessageBox.ButtonRole.AcceptRole)
    box.exec()


def notice_box(
    parent: QWidget | None, icon: QtWidgets.QMessageBox.Icon, title: str, text: str, details: str = ""
) -> QMessageBox:
    """A window-modal notice with a 「閉じる」 button, not yet shown (the caller ``open()``s it)."""
    box = _box(parent, icon, title, text, details)
    box.addButton(close_text(), QtWidgets.QMessageBox.ButtonRole.AcceptRole)
    return box


def button_box(parent: QWidget | None, accept: str | None, reject: str | None = None) -> QDialogButtonBox:
    """The button row of a custom dialog: an accepting verb and a leaving verb.

    The buttons are Qt's Ok (accept) and Cancel (reject), or Close when there is nothing to
    accept, so ``buttons.button(StandardButton.Ok)`` finds them; their texts are ours.
    ``reject`` defaults to 「やめる」, or 「閉じる」 without an accept button. Call
    :func:`set_button_texts` again from the dialog's retranslation.
    """
    buttons = QDialogButtonBox(parent)
    if accept is not None:
        buttons.setStandardButtons(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
    else:
        buttons.setStandardButtons(QDialogButtonBox.StandardButton.Close)
    set_button_texts(buttons, accept, reject)
    return buttons


def set_button_texts(buttons: QDialogButtonBox, accept: str | None, reject: str | None = None) -> None:
    """(Re)set the texts of a :func:`button_box` row in the current language."""
    ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
    if ok is not None and accept is not None:
        ok.setText(accept)
    cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
    if cancel is not None:
        cancel.setText(reject if reject is not None else cancel_text())
    close = buttons.button(QDialogButtonBox.StandardButton.Close)
    if close is not None:
        close.setText(reject if reject is not None else close_text())


def ask_text(parent: QWidget | None, title: str, label: str, text: str = "", *, accept: str) -> str | None:
    """Ask for one line of text; None when the person left with 「やめる」."""
    dialog = QtWidgets.QInputDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)
    dialog.setTextEchoMode(QLineEdit.EchoMode.Normal)
    dialog.setTextValue(text)
    dialog.setOkButtonText(accept)
    dialog.setCancelButtonText(cancel_text())
    if not dialog.exec():
        return None
    return dialog.textValue()


def choose_item(
    parent: QWidget | None, title: str, label: str, items: list[str], *, accept: str
) -> str | None:
    """Let the person pick one of ``items`` from a list; None when they left with 「やめる」."""
    dialog = QtWidgets.QInputDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)
    dialog.setComboBoxItems(items)
    dialog.setComboBoxEditable(False)
    dialog.setOkButtonText(accept)
    dialog.setCancelButtonText(cancel_text())
    if not dialog.exec():
        return None
    return dialog.textValue()


# --------------------------------------------------------------------------- file dialogs


def documents_folder() -> Path:
    """The user's documents folder (the home folder when the system names none)."""
    documents = QtCore.QStandardPaths.writableLocation(
        QtCore.QStandardPaths.StandardLocation.DocumentsLocation
    )
    return Path(documents) if documents else Path.home()


def default_folder(purpose: Purpose) -> Path:
    """``<Documents>/回覧デスク/<purpose>``, the first folder a file dialog of ``purpose`` shows."""
    return documents_folder() / APP_FOLDER / purpose.value


class FileFolders(QObject):
    """The folder each purpose's file dialog starts in, remembered in the app settings.

    One lives on the QApplication (:meth:`install`); without one, dialogs start in the default
    folders and remember nothing.
    """

    def __init__(self, settings: Settings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._settings = settings

    @classmethod
    def install(cls, settings: Settings) -> FileFolders:
        """Put a keeper of ``settings`` on the running application (replacing an earlier one)."""
        qapp = QApplication.instance()
        for old in qapp.findChildren(FileFolders) if qapp is not None else []:
            old.setParent(None)
            old.deleteLater()
        return cls(settings, qapp)

    @classmethod
    def current(cls) -> FileFolders | None:
        """The keeper installed on the running application, if any."""
        qapp = QApplication.instance()
        return qapp.findChild(FileFolders) if qapp is not None else None

    def remembered(self, purpose: Purpose) -> Path | None:
        """The folder last used for ``purpose`` when it still exists."""
        folders: dict[str, str] = self._settings.get(FILE_FOLDERS)
        stored = folders.get(purpose.name)
        if isinstance(stored, str) and stored and Path(stored).is_dir():
            return Path(stored)
        return None

    def remember(self, purpose: Purpose, folder: Path) -> None:
        """Start the next dialog of ``purpose`` in ``folder``."""
        folders: dict[str, str] = self._settings.get(FILE_FOLDERS)
        self._settings.set(FILE_FOLDERS, {**folders, purpose.name: str(folder)})


def start_folder(purpose: Purpose) -> Path:
    """The folder a dialog of ``purpose`` opens in: the remembered one, else the default (created)."""
    keeper = FileFolders.current()
    remembered = keeper.remembered(purpose) if keeper is not None else None
    if remembered is not None:
        return remembered
    folder = default_folder(purpose)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        # A read-only documents folder: start there rather than fail to offer a dialog.
        return documents_folder()
    return folder


def _remember(purpose: Purpose, folder: Path) -> None:
    keeper = FileFolders.current()
    if keeper is not None:
        keeper.remember(purpose, folder)


def file_dialog(parent: QWidget | None, purpose: Purpose, title: str, file_filter: str = "") -> QFileDialog:
    """Qt's own (translated) file dialog for ``purpose``, not yet shown."""
    dialog = QtWidgets.QFileDialog(parent, title, str(start_folder(purpose)), file_filter)
    dialog.setOption(QtWidgets.QFileDialog.Option.DontUseNativeDialog, True)
    # Qt's Japanese catalog lacks some of Qt 6's texts (「&Look in:」 stays English): set them all.
    dialog.setLabelText(QtWidgets.QFileDialog.DialogLabel.LookIn, translate("Dialogs", "場所(&L):"))
    dialog.setLabelText(QtWidgets.QFileDialog.DialogLabel.FileName, translate("Dialogs", "ファイル名(&N):"))
    dialog.setLabelText(QtWidgets.QFileDialog.DialogLabel.FileType, translate("Dialogs", "ファイルの種類:"))
    return dialog


def run_file_dialog(dialog: QFileDialog) -> list[Path]:
    """Show ``dialog`` and return what was chosen (empty when cancelled); tests replace this."""
    if not dialog.exec():
        return []
    return [Path(name) for name in dialog.selectedFiles()]


def _run(dialog: QFileDialog, purpose: Purpose) -> list[Path]:
    # Set last: changing the accept mode puts Qt's own 「キャンセル」/"Cancel" back.
    dialog.setLabelText(QtWidgets.QFileDialog.DialogLabel.Reject, cancel_text())
    chosen = run_file_dialog(dialog)
    if chosen:
        first = chosen[0]
        _remember(
            purpose, first if dialog.fileMode() == QtWidgets.QFileDialog.FileMode.Directory else first.parent
        )
    return chosen


def open_file(parent: QWidget | None, purpose: Purpose, title: str, file_filter: str) -> Path | None:
    """Ask for one existing file; None when cancelled."""
    dialog = file_dialog(parent, purpose, title, file_filter)
    dialog.setFileMode(QtWidgets.QFileDialog.FileMode.ExistingFile)
    dialog.setLabelText(QtWidgets.QFileDialog.DialogLabel.Accept, translate("Dialogs", "開く"))
    chosen = _run(dialog, purpose)
    return chosen[0] if chosen else None


def open_files(parent: QWidget | None, purpose: Purpose, title: str, file_filter: str) -> list[Path]:
    """Ask for one or more existing files; empty when cancelled."""
    dialog = file_dialog(parent, purpose, title, file_filter)
    dialog.setFileMode(QtWidgets.QFileDialog.FileMode.ExistingFiles)
    dialog.setLabelText(QtWidgets.QFileDialog.DialogLabel.Accept, translate("Dialogs", "開く"))
    return _run(dialog, purpose)


def save_file(
    parent: QWidget | None, purpose: Purpose, title: str, suggested: str, file_filter: str, suffix: str = ""
) -> Path | None:
    """Ask where to save a file named ``suggested`` at first; None when cancelled.

    A ``suffix`` (``".pdf"``) is added to a name typed without it. Qt asks before replacing
    an existing file.
    """
    dialog = file_dialog(parent, purpose, title, file_filter)
    dialog.setAcceptMode(QtWidgets.QFileDialog.AcceptMode.AcceptSave)
    dialog.setFileMode(QtWidgets.QFileDialog.FileMode.AnyFile)
    dialog.setLabelText(QtWidgets.QFileDialog.DialogLabel.Accept, translate("Dialogs", "保存する"))
    dialog.selectFile(
        str(Path(dialog.directory().absolutePath()) / Path(suggested).name) if suggested else ""
    )
    chosen = _run(dialog, purpose)
    if not chosen:
        return None
    path = chosen[0]
    if suffix and path.suffix.lower() != suffix.lower():
        path = path.with_name(path.name + suffix)
    return path


def save_csv(parent: QWidget | None, purpose: Purpose, title: str, suggested: str) -> Path | None:
    """Ask where to save a CSV file (``.csv`` added to a name typed without it); None when cancelled."""
    return save_file(parent, purpose, title, suggested, translate("Dialogs", "CSVファイル (*.csv)"), ".csv")


def choose_folder(parent: QWidget | None, purpose: Purpose, title: str) -> Path | None:
    """Ask for a folder; None when cancelled."""
    dialog = file_dialog(parent, purpose, title)
    dialog.setFileMode(QtWidgets.QFileDialog.FileMode.Directory)
    dialog.setOption(QtWidgets.QFileDialog.Option.ShowDirsOnly, True)
    dialog.setLabelText(
        QtWidgets.QFileDialog.DialogLabel.Accept, translate("Dialogs", "このフォルダーを選ぶ")
    )
    chosen = _run(dialog, purpose)
    return chosen[0] if chosen else None
