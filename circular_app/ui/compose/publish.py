"""The publish flow of the editor: save, ask, publish (発行) — or publish a correction (訂正).

A draft is saved first and published after a confirmation; a refusal (［placeholders］ left,
say) is shown under the form and the first placeholder is selected. A published circular's
changes go out as a correction with a reason (:class:`CorrectionReasonDialog`), and the earlier
version stays visible.
"""

from __future__ import annotations

from PySide6.QtCore import Slot

from circular_app.domain.circulars import Circular
from circular_app.domain.errors import UserError
from circular_app.ui.common import dialogs
from circular_app.ui.compose.editor_base import CircularEditorBase, Mode
from circular_app.ui.compose.texts import error_text


class PublishingEditor(CircularEditorBase):
    """The editor window with its publish button working: 発行 for drafts, 訂正 once published."""

    def _connect(self) -> None:
        super()._connect()
        self.publish_button.clicked.connect(self._on_publish_clicked)

    @Slot()
    def _on_publish_clicked(self) -> None:
        if self.mode is Mode.DRAFT:
            self.publish()
        elif self.mode is Mode.CORRECTION:
            self.publish_correction()

    def publish(self) -> Circular | None:
        """Save, ask, and publish the draft; a refusal (e.g. ［placeholders］ left) is shown."""
        self.error_label.clear_error()
        if self.mode is not Mode.DRAFT:
            return None
        if self._circular is None:
            self._dirty = True
        if not self.save_now():
            return None
        assert self._circular is not None
        if not dialogs.ask(
            self,
            self.tr("回覧の発行"),
            self.tr("この回覧を発行します。発行後に直すと「訂正」として記録されます。よろしいですか？"),
            yes=self.tr("発行する"),
        ):
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
