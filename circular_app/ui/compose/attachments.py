"""The attachments field of the editor form: the attached files, add and remove buttons, refusals.

The field only shows; attaching and removing go through the service in the editor, because
a new circular must be saved as a draft first.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget

from circular_app.domain.circulars import Attachment
from circular_app.ui.common.widgets import ErrorLabel
from circular_app.ui.compose.body import HINT_ROLE

# The attachment id of a list item (the role the editor's lists share).
ATTACHMENT_ID_ROLE = HINT_ROLE


class AttachmentsField(QWidget):
    """The list of attached files with 「ファイルを添付…」 and 「添付を外す」 under it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._attachable = True
        self.attachment_list = QListWidget(self)
        self.attachment_list.setMaximumHeight(self.fontMetrics().height() * 6)
        self.add_attachment_button = QPushButton(self)
        self.remove_attachment_button = QPushButton(self)
        self.attachment_error = ErrorLabel(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.attachment_list)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_attachment_button)
        buttons.addWidget(self.remove_attachment_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addWidget(self.attachment_error)
        self.attachment_list.currentRowChanged.connect(self._update_buttons)

    def retranslate_ui(self) -> None:
        """Set every visible text in the current language (the editor calls it with its own)."""
        self.add_attachment_button.setText(self.tr("ファイルを添付…"))
        self.remove_attachment_button.setText(self.tr("添付を外す"))
        self._update_buttons()

    def show_files(self, files: Sequence[Attachment]) -> None:
        """List ``files`` (name, kind, pages and size)."""
        self.attachment_list.clear()
        for file in files:
            item = QListWidgetItem(self._attachment_text(file), self.attachment_list)
            item.setData(ATTACHMENT_ID_ROLE, file.id)
        self._update_buttons()

    def selected_id(self) -> int | None:
        """Id of the selected attachment, if any."""
        item = self.attachment_list.currentItem()
        return int(item.data(ATTACHMENT_ID_ROLE)) if item is not None else None

    def set_attachable(self, attachable: bool) -> None:
        """Only drafts take attachments; published ones keep theirs."""
        self._attachable = attachable
        self._update_buttons()

    @Slot()
    def _update_buttons(self) -> None:
        attachable = self._attachable
        self.add_attachment_button.setEnabled(attachable)
        self.remove_attachment_button.setEnabled(attachable and self.attachment_list.currentRow() >= 0)
        tip = "" if attachable else self.tr("発行後の添付は変えられません")
        self.add_attachment_button.setToolTip(
            tip or self.tr("PDF（市のチラシなど）や写真（PNG・JPEG）を添付します")
        )
        self.remove_attachment_button.setToolTip(tip)

    def _attachment_text(self, file: Attachment) -> str:
        size = self.tr("{size} KB").format(size=max(1, round(file.size / 1024)))
        if file.media_type == "application/pdf":
            return self.tr("{name}（PDF・{pages}ページ・{size}）").format(
                name=file.filename, pages=file.pages, size=size
            )
        return self.tr("{name}（画像・{size}）").format(name=file.filename, size=size)
