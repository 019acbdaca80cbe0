"""「翻訳」: the editor's tab for translations of the circular's title and body (issue 23).

An officer or a volunteer pastes a translation: the language (its own name and its Japanese
name), the title and the body (the same Markdown subset as the Japanese), 「保存」. The list
shows the languages present; one made before the Japanese was rewritten is marked
「古い（日本語を書きかえた後）」. Households whose page is in that language read it on the hub,
with the Japanese original one tap away.

Other parts fill several languages at once through :meth:`TranslationSection.add_translations`
(the template filler). The section asks the editor for the circular's id (a new circular is
saved as a draft first), and never decides anything itself: the service checks and stores.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from circular_app.domain.errors import UserError
from circular_app.domain.reader_languages import READER_LANGUAGES
from circular_app.domain.translations import TRANSLATION_LANGUAGES, Translation
from circular_app.services.translations import TranslationService
from circular_app.ui.common import dialogs
from circular_app.ui.common.languages import local_language_name
from circular_app.ui.common.messages import error_text
from circular_app.ui.common.widgets import ErrorLabel, bold_font


class TranslationSection(QWidget):
    """The translations of one circular: choose a language, paste, save; the list; remove.

    ``circular_id`` returns the circular's id, saving a new one as a draft first (None: it
    could not be saved). ``confirm_remove`` asks before a translation is removed (replaceable
    in tests).

    Signals:
        translations_changed(): a translation was saved or removed.
    """

    translations_changed = Signal()

    def __init__(
        self,
        translations: TranslationService,
        circular_id: Callable[[], int | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._service = translations
        self._circular_id = circular_id
        self._loaded_id: int | None = None
        self._editable = True
        self.current: dict[str, Translation] = {}
        self.stale: set[str] = set()
        self.confirm_remove: Callable[[str], bool] = self._ask_remove
        self._setup_ui()
        self._connect()
        self.retranslate_ui()

    # ----- setup ---------------------------------------------------------------------------
    def _setup_ui(self) -> None:
        self.intro_label = QLabel(self)
        self.intro_label.setWordWrap(True)
        self.language_combo = QComboBox(self)
        for code in TRANSLATION_LANGUAGES:
            self.language_combo.addItem("", code)
        self.title_edit = QLineEdit(self)
        self.body_edit = QPlainTextEdit(self)
        # Tab moves on to 「保存」 (keyboard use); a translation's body needs no tab characters.
        self.body_edit.setTabChangesFocus(True)
        self.body_edit.setMinimumHeight(self.fontMetrics().height() * 8)
        self.save_button = QPushButton(self)
        self.save_button.setFont(bold_font())
        self.error = ErrorLabel(self)
        self.list_label = QLabel(self)
        self.list_label.setFont(bold_font())
        self.language_list = QListWidget(self)
        self.language_list.setWordWrap(True)
        self.language_list.setMaximumHeight(self.fontMetrics().height() * 9)
        self.list_label.setBuddy(self.language_list)
        self.remove_button = QPushButton(self)

        self.fields = QFormLayout()
        self.fields.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.language_label = QLabel(self)
        self.language_label.setBuddy(self.language_combo)
        self.title_label = QLabel(self)
        self.title_label.setBuddy(self.title_edit)
        self.body_label = QLabel(self)
        self.body_label.setBuddy(self.body_edit)
        self.fields.addRow(self.language_label, self.language_combo)
        self.fields.addRow(self.title_label, self.title_edit)
        self.fields.addRow(self.body_label, self.body_edit)
        save_row = QHBoxLayout()
        save_row.addStretch(1)
        save_row.addWidget(self.save_button)
        remove_row = QHBoxLayout()
        remove_row.addStretch(1)
        remove_row.addWidget(self.remove_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.intro_label)
        layout.addLayout(self.fields)
        layout.addLayout(save_row)
        layout.addWidget(self.error)
        layout.addWidget(self.list_label)
        layout.addWidget(self.language_list)
        layout.addLayout(remove_row)
        layout.addStretch(1)

    def _connect(self) -> None:
        self.language_combo.currentIndexChanged.connect(self._on_language_chosen)
        self.save_button.clicked.connect(self.save)
        self.remove_button.clicked.connect(self.remove_selected)
        self.language_list.currentRowChanged.connect(self._on_row_chosen)
        self.language_list.itemActivated.connect(lambda _item: self.title_edit.setFocus())

    def retranslate_ui(self) -> None:
        """Set every visible text in the current language."""
        self.intro_label.setText(
            self.tr(
                "ほかの言語の訳をはりつけて保存すると、その言語の世帯のスマホに訳が表示されます"
                "（「日本語の原文」もすぐに見られます）。"
            )
        )
        for index in range(self.language_combo.count()):
            self.language_combo.setItemText(index, self.language_name(self.language_combo.itemData(index)))
        self.language_label.setText(self.tr("言語(&Y)"))
        self.language_combo.setAccessibleName(self.tr("訳す言語"))
        self.title_label.setText(self.tr("訳した件名(&K)"))
        self.title_edit.setAccessibleName(self.tr("訳した件名"))
        self.body_label.setText(self.tr("訳した本文(&M)"))
        self.body_edit.setAccessibleName(self.tr("訳した本文"))
        self.body_edit.setPlaceholderText(self.tr("訳した本文をここにはりつけます"))
        self.save_button.setText(self.tr("保存(&V)"))
        self.save_button.setAccessibleName(self.tr("訳を保存"))
        self.list_label.setText(self.tr("訳がある言語"))
        self.language_list.setAccessibleName(self.tr("訳がある言語"))
        self.remove_button.setText(self.tr("この訳を削除(&X)"))
        self.remove_button.setAccessibleName(self.tr("選んだ言語の訳を削除"))
        self._show_list()

    def language_name(self, code: str) -> str:
        """「Tiếng Việt（ベトナム語）」: the language's own name and its name in the UI's language."""
        return self.tr("{own}（{name}）").format(own=READER_LANGUAGES[code], name=local_language_name(code))

    # ----- state ---------------------------------------------------------------------------
    def load(self, circular_id: int | None) -> None:
        """Show the translations of the circular (none for a circular not saved yet)."""
        self._loaded_id = circular_id
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        """Read the translations and which are stale again (after the Japanese was saved)."""
        if self._loaded_id is None:
            self.current, self.stale = {}, set()
        else:
            self.current = self._service.latest_per_lang(self._loaded_id)
            self.stale = self._service.stale_languages(self._loaded_id)
        self._show_list()

    def set_editable(self, editable: bool) -> None:
        """A closed circular (or an officer who may not compose) shows its translations only."""
        self._editable = editable
        for widget in (self.language_combo, self.save_button):
            widget.setEnabled(editable)
        self.title_edit.setReadOnly(not editable)
        self.body_edit.setReadOnly(not editable)
        self._show_list()

    def chosen_language(self) -> str:
        """The code of the language chosen in the combo box."""
        return str(self.language_combo.currentData())

    def choose_language(self, code: str) -> None:
        """Choose ``code`` in the combo box (its saved translation fills the fields)."""
        index = self.language_combo.findData(code)
        if index >= 0:
            self.language_combo.setCurrentIndex(index)

    def list_lines(self) -> list[str]:
        """The lines of the list as shown (tests, screen readers)."""
        return [self.language_list.item(i).text() for i in range(self.language_list.count())]

    def _show_list(self) -> None:
        chosen = self.language_list.currentItem()
        keep = chosen.data(Qt.ItemDataRole.UserRole) if chosen is not None else None
        self.language_list.blockSignals(True)
        self.language_list.clear()
        for code in TRANSLATION_LANGUAGES:
            found = self.current.get(code)
            if found is None:
                continue
            text = self.tr("{language}：{title}").format(language=self.language_name(code), title=found.title)
            if code in self.stale:
                text += self.tr("　【古い（日本語を書きかえた後）】")
            item = QListWidgetItem(text, self.language_list)
            item.setData(Qt.ItemDataRole.UserRole, code)
            if code == keep:
                self.language_list.setCurrentItem(item)
        self.language_list.blockSignals(False)
        if not self.current:
            QListWidgetItem(self.tr("（まだ訳はありません）"), self.language_list).setFlags(
                Qt.ItemFlag.NoItemFlags
            )
        self.remove_button.setEnabled(self._editable and self._selected_code() is not None)

    def _selected_code(self) -> str | None:
        item = self.language_list.currentItem()
        code = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return str(code) if code else None

    @Slot(int)
    def _on_language_chosen(self, _index: int) -> None:
        found = self.current.get(self.chosen_language())
        self.title_edit.setText(found.title if found is not None else "")
        self.body_edit.setPlainText(found.body if found is not None else "")
        self.error.clear_error()

    @Slot(int)
    def _on_row_chosen(self, _row: int) -> None:
        code = self._selected_code()
        self.remove_button.setEnabled(self._editable and code is not None)
        if code is not None:
            self.choose_language(code)
            self._on_language_chosen(self.language_combo.currentIndex())

    # ----- actions -------------------------------------------------------------------------
    @Slot()
    def save(self) -> bool:
        """Save what the fields hold as the chosen language's translation."""
        return self.add_translations(
            {self.chosen_language(): (self.title_edit.text(), self.body_edit.toPlainText())}
        )

    def add_translations(self, translations: Mapping[str, tuple[str, str]]) -> bool:
        """Save several translations at once (lang → (title, body)); all or, on an error, none.

        Called by other parts (the template filler) as well as by 「保存」. A new circular is
        saved as a draft first. Returns False when nothing was saved (the reason is shown).
        """
        self.error.clear_error()
        if not translations or not self._editable:
            return False
        try:
            circular_id = self._circular_id()
            if circular_id is None:
                return False
            self._service.set_many(circular_id, translations)
        except UserError as exc:
            self.error.show_error(error_text(exc))
            return False
        self._loaded_id = circular_id
        self.refresh()
        self.translations_changed.emit()
        return True

    @Slot()
    def remove_selected(self) -> bool:
        """Remove the translation chosen in the list (after asking)."""
        code = self._selected_code()
        circular_id = self._loaded_id
        if code is None or circular_id is None or not self._editable:
            return False
        if not self.confirm_remove(self.language_name(code)):
            return False
        try:
            self._service.remove(circular_id, code)
        except UserError as exc:
            self.error.show_error(error_text(exc))
            return False
        self.refresh()
        if self.chosen_language() == code:
            self._on_language_chosen(self.language_combo.currentIndex())
        self.translations_changed.emit()
        return True

    def _ask_remove(self, language: str) -> bool:
        return dialogs.ask(
            self,
            self.tr("訳の削除"),
            self.tr("{language}の訳を削除しますか？\nその言語の世帯には日本語が表示されます。").format(
                language=language
            ),
            yes=self.tr("削除する"),
        )
