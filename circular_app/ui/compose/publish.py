"""The publish flow of the editor: save, check, ask, publish (発行) — or publish a correction (訂正).

A draft is saved first. ［Placeholders］ left are listed before anything else
(:class:`~circular_app.ui.compose.publish_dialogs.PlaceholdersDialog`, 「ここへ移動」 selects
one); only a draft without any is offered 「発行する」. After 発行 with the button, one dialog
offers 「紙の控えを印刷」 (``print_requested``, which the list turns into the paper-copies
dialog) or 「閉じる」. A refusal by the service is still shown under the form. A published circular's
changes go out as a correction with a reason (:class:`CorrectionReasonDialog`), and the earlier
version stays visible.
"""

from __future__ import annotations

from PySide6.QtCore import Slot

from circular_app.domain.circulars import Circular
from circular_app.domain.errors import UserError
from circular_app.domain.templates import placeholders
from circular_app.ui.compose.editor_base import CircularEditorBase, Mode
from circular_app.ui.compose.publish_dialogs import (
    AfterPublishDialog,
    PlaceholdersDialog,
    PublishConfirmDialog,
)
from circular_app.ui.compose.texts import error_text


class PublishingEditor(CircularEditorBase):
    """The editor window with its publish button working: 発行 for drafts, 訂正 once published."""

    def _connect(self) -> None:
        super()._connect()
        self.publish_button.clicked.connect(self._on_publish_clicked)

    @Slot()
    def _on_publish_clicked(self) -> None:
        if self.mode is Mode.DRAFT:
            published = self.publish()
            if published is not None:
                self.offer_printing(published)
        elif self.mode is Mode.CORRECTION:
            self.publish_correction()

    def offer_printing(self, published: Circular) -> None:
        """Offer 「紙の控えを印刷」 once; chosen, ``print_requested`` asks for the paper copies."""
        label = self.tr("回覧No.{number}「{title}」").format(number=published.number, title=published.title)
        if AfterPublishDialog.offer(self, label):
            self.print_requested.emit(published.id)

    def publish(self) -> Circular | None:
        """Save, list the ［placeholders］ left (then stop), ask, and publish the draft."""
        self.error_label.clear_error()
        if self.mode is not Mode.DRAFT:
            return None
        if self._circular is None:
            self._dirty = True
        if not self.save_now():
            return None
        assert self._circular is not None
        draft = self.draft()
        left = placeholders(draft.title + "\n" + draft.body)
        if left:
            chosen = PlaceholdersDialog.choose(self, left)
            if chosen is not None:
                self.body.select_placeholder(chosen)
            return None
        if not PublishConfirmDialog.ask(self, draft.title):
            return None
        try:
            published = self._circulars.publish(self._circular.id)
        except UserError as error:
            self.error_label.show_error(error_text(error))
            self.body.select_first_placeholder()
            return None
        self._circular = published
        self._after_publication()
        self.circular_published.emit(published.id)
        return published

    def publish_correction(self, reason: str | None = None) -> Circular | None:
        """Ask for the reason and publish the changes as a correction (訂正)."""
        self.error_label.clear_error()
        if self.mode is not Mode.CORRECTION or self._circular is None:
            return None
        if not self._dirty:
            self.error_label.show_error(self.tr("訂正する内容がありません。直してから押してください。"))
            return None
        note = reason if reason is not None else self.ask_reason(self)
        if note is None:
            return None
        try:
            corrected = self._circulars.correct(self._circular.id, self.draft(), note)
        except UserError as error:
            self.error_label.show_error(error_text(error))
            return None
        self._circular = corrected
        self._versions = self._circulars.versions(corrected.id)
        self._after_publication()
        self.circular_corrected.emit(corrected.id)
        return corrected

    def _after_publication(self) -> None:
        self._dirty = False
        self._saved_at = None
        self._stop_autosave()
        self.side_tabs.set_versions(self._versions)
        self._apply_mode()
        self._show_state()
        self._show_save_status()
        self.update_preview()
