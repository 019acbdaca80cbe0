"""Templates: choosing what a new circular starts from, and keeping a circular as a template.

The picker lists a blank page, the bundled templates (every category, in natural Japanese
with ［placeholders］) and the officers' own, with a preview rendered by the same document
renderer as the editor's preview.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from circular_app.domain.circulars import Category, CircularDraft
from circular_app.domain.document import parse_document, to_html
from circular_app.domain.errors import UserError
from circular_app.domain.templates import Template
from circular_app.services.circulars import CircularService
from circular_app.ui.common.retranslate import Retranslating
from circular_app.ui.common.widgets import ErrorLabel, bold_font, side_by_side
from circular_app.ui.compose.texts import category_label, error_text

TEMPLATE_ROLE = Qt.ItemDataRole.UserRole + 1
BLANK = "blank"


def blank_template() -> Template:
    """A template with nothing in it (a blank お知らせ)."""
    return Template("", Category.NOTICE, "", "")


class TemplatePickerDialog(Retranslating, QDialog):
    """Pick a blank page, a bundled template or an own one; a preview shows what it holds."""

    def __init__(self, templates: Sequence[Template], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._templates = list(templates)
        self._setup_ui()
        self.list.currentItemChanged.connect(self._show_preview)
        self.list.itemActivated.connect(self._on_activated)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.retranslate_ui()
        self.resize(900, 560)

    def _setup_ui(self) -> None:
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.list = QListWidget(self)
        self.preview = QTextBrowser(self)
        self.preview.setOpenLinks(False)
        splitter = side_by_side(self, [(self.list, 2), (self.preview, 3)])
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.buttons)

    def _section(self, text: str) -> None:
        item = QListWidgetItem(text, self.list)
        item.setFlags(Qt.ItemFlag.NoItemFlags)
        item.setFont(bold_font())

    def _fill(self) -> None:
        chosen = self.selected_template()
        self.list.clear()
        blank = QListWidgetItem(self.tr("白紙から書く"), self.list)
        blank.setData(TEMPLATE_ROLE, BLANK)
        bundled = [t for t in self._templates if t.user_id is None]
        own = [t for t in self._templates if t.user_id is not None]
        for title, group in (
            (self.tr("町会の見本（分類ごと）"), bundled),
            (self.tr("保存したテンプレート"), own),
        ):
            if not group:
                continue
            self._section(title)
            for template in group:
                item = QListWidgetItem(
                    self.tr("{name}（{category}）").format(
                        name=template.name, category=category_label(template.category)
                    ),
                    self.list,
                )
                item.setData(TEMPLATE_ROLE, self._templates.index(template))
        wanted = 0 if chosen is None else 1 + self._templates.index(chosen)
        self._select_row(wanted)

    def _select_row(self, wanted: int) -> None:
        """Select the blank item (0) or the template at index ``wanted - 1``."""
        for row in range(self.list.count()):
            data = self.list.item(row).data(TEMPLATE_ROLE)
            if (wanted == 0 and data == BLANK) or (isinstance(data, int) and data == wanted - 1):
                self.list.setCurrentRow(row)
                return

    def retranslate_ui(self) -> None:
        """Set every visible text in the current language."""
        self.setWindowTitle(self.tr("新しい回覧 — テンプレートを選ぶ"))
        self.intro.setText(self.tr("書き始めるもとを選んでください。［　］の部分は発行前に書きかえます。"))
        self.list.setAccessibleName(self.tr("テンプレートの一覧"))
        self.preview.setAccessibleName(self.tr("テンプレートの見本"))
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("これで書き始める(&S)"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("キャンセル"))
        self._fill()

    def templates_shown(self) -> list[str]:
        """Names of the templates in the list, in order (the blank page first, as an empty name)."""
        names = []
        for row in range(self.list.count()):
            data = self.list.item(row).data(TEMPLATE_ROLE)
            if data == BLANK:
                names.append("")
            elif isinstance(data, int):
                names.append(self._templates[data].name)
        return names

    def select_template(self, name: str) -> bool:
        """Select the template called ``name`` ("" for the blank page)."""
        if not name:
            self._select_row(0)
            return True
        for index, template in enumerate(self._templates):
            if template.name == name:
                self._select_row(index + 1)
                return True
        return False

    def selected_template(self) -> Template | None:
        """The chosen template; None for the blank page or nothing chosen."""
        item = self.list.currentItem()
        data = item.data(TEMPLATE_ROLE) if item is not None else None
        return self._templates[data] if isinstance(data, int) else None

    def draft_for(self, circulars: CircularService) -> CircularDraft:
        """A new circular's draft from the choice (dated today, signed by the officer)."""
        return circulars.draft_from_template(self.selected_template() or blank_template())

    @Slot()
    def _show_preview(self) -> None:
        template = self.selected_template()
        if template is None:
            self.preview.setHtml(f"<p>{html.escape(self.tr('何も書かれていない回覧から始めます。'))}</p>")
            return
        self.preview.setHtml(
            f"<h1>{html.escape(template.title)}</h1>\n{to_html(parse_document(template.body))}"
        )

    @Slot(QListWidgetItem)
    def _on_activated(self, item: QListWidgetItem) -> None:
        if item.data(TEMPLATE_ROLE) is not None:
            self.accept()


class SaveTemplateDialog(Retranslating, QDialog):
    """Ask for a name and keep a circular's title and body as a template.

    ``saved`` holds the template after the dialog was accepted.
    """

    def __init__(
        self, circulars: CircularService, circular_id: int, suggested: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._circulars = circulars
        self._circular_id = circular_id
        self.saved: Template | None = None
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.name_label = QLabel(self)
        self.name_edit = QLineEdit(suggested, self)
        self.name_edit.selectAll()
        self.name_label.setBuddy(self.name_edit)
        self.error_label = ErrorLabel(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        form = QFormLayout()
        form.addRow(self.name_label, self.name_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.name_edit.textChanged.connect(self.error_label.clear_error)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        """Set every visible text in the current language."""
        self.setWindowTitle(self.tr("テンプレートとして保存"))
        self.intro.setText(self.tr("この回覧の件名と本文を、次から使えるテンプレートとして残します。"))
        self.name_label.setText(self.tr("テンプレート名(&N)"))
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("保存"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("キャンセル"))

    @Slot()
    def save(self) -> bool:
        """Save under the typed name; a refused name is explained and the dialog stays open."""
        try:
            self.saved = self._circulars.save_as_template(self._circular_id, self.name_edit.text())
        except UserError as error:
            self.error_label.show_error(error_text(error))
            return False
        self.accept()
        return True
