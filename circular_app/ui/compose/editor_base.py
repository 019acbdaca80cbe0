"""The editor window without its publish flow: the parts, the draft's life, autosave and closing.

The window puts three parts side by side — the form (:mod:`~circular_app.ui.compose.form`),
the body (:mod:`~circular_app.ui.compose.body_panel`) and the preview
(:mod:`~circular_app.ui.compose.preview`) — and keeps what they show in step with the stored
circular. Publishing and correcting are added by :mod:`~circular_app.ui.compose.publish`.

Autosave: every change marks the draft dirty; it is saved one second after the last change,
and at least every two seconds while typing goes on, so a crash loses at most the last two
seconds. A new circular becomes a draft at its first change. A published circular is not
saved on the fly: changes are published as a correction (訂正) with a reason, and the earlier
versions stay visible.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from circular_app.domain.calendar import fiscal_year_label
from circular_app.domain.circulars import Attachment, Circular, CircularDraft, CircularVersion, Status
from circular_app.domain.errors import UserError
from circular_app.domain.readability import Hint
from circular_app.domain.roster import Han
from circular_app.services.answers import AnswerService
from circular_app.services.circulars import CircularService
from circular_app.services.translations import TranslationService
from circular_app.ui.answers.form_section import FormSection
from circular_app.ui.common import dialogs
from circular_app.ui.common.retranslate import Retranslating
from circular_app.ui.common.widgets import ErrorLabel, bold_font, scrollable, side_by_side
from circular_app.ui.compose.body_panel import BodyPanel
from circular_app.ui.compose.correction_dialog import CorrectionReasonDialog
from circular_app.ui.compose.form import CircularForm
from circular_app.ui.compose.preview import PreviewPanel
from circular_app.ui.compose.templates import SaveTemplateDialog
from circular_app.ui.compose.texts import date_text, error_text, local_date, status_label
from circular_app.ui.compose.translations import TranslationSection

TRANSLATION_TAB = 2  # the 「翻訳」 tab of the side tabs (after プレビュー and 以前の版)


class Mode(enum.Enum):
    """What the editor may do with its circular."""

    DRAFT = "draft"  # saved automatically, published with 発行
    CORRECTION = "correction"  # published: changes go out as a 訂正 with a reason
    READ_ONLY = "read_only"  # closed, or the officer may not compose


class CircularEditorBase(Retranslating, QWidget):
    """One circular in a window of its own: form, body and preview, saved as the officer types.

    Signals:
        circular_saved(Circular): the draft was saved (autosave or on request).
        circular_published(int): the circular (id) was published.
        circular_corrected(int): a correction of the circular (id) was published.
        print_requested(int): after 発行, 「紙の控えを印刷」 was chosen for the circular (id).
    """

    circular_saved = Signal(Circular)
    circular_published = Signal(int)
    circular_corrected = Signal(int)
    print_requested = Signal(int)

    AUTOSAVE_IDLE_MS = 1000
    AUTOSAVE_MAX_MS = 2000
    PREVIEW_DELAY_MS = 250

    def __init__(
        self,
        circulars: CircularService,
        hans: Sequence[Han],
        circular: Circular | None = None,
        draft: CircularDraft | None = None,
        can_compose: bool = True,
        parent: QWidget | None = None,
        answers: AnswerService | None = None,
        translations: TranslationService | None = None,
    ) -> None:
        super().__init__(parent)
        self._answers = answers
        self._translations = translations
        if (circular is None) == (draft is None):
            raise ValueError("give either a stored circular or a new draft")
        self.setWindowFlag(Qt.WindowType.Window)
        self._circulars = circulars
        self._hans = list(hans)
        self._circular = circular
        self._can_compose = can_compose
        self._versions: list[CircularVersion] = []
        self._dirty = False
        self._loading = False
        self._discarding = False
        self._saved_at: dt.datetime | None = None
        self._save_error = ""
        self.ask_reason: Callable[[QWidget], str | None] = CorrectionReasonDialog.ask
        self._idle_timer = self._timer(self.AUTOSAVE_IDLE_MS, self._autosave)
        self._max_timer = self._timer(self.AUTOSAVE_MAX_MS, self._autosave)
        self._preview_timer = self._timer(self.PREVIEW_DELAY_MS, self.update_preview)
        self._setup_ui()
        self._connect()
        initial = circular.as_draft() if circular is not None else draft
        assert initial is not None
        self._load(initial)
        if circular is not None:
            self._versions = circulars.versions(circular.id) if circular.corrected else []
        self.retranslate_ui()
        self._apply_mode()
        self.update_preview()
        self.resize(1320, 820)
        app = QCoreApplication.instance()
        if app is not None:
            # Quitting does not close child windows: save what was typed before the process ends.
            app.aboutToQuit.connect(self.save_now)

    def _timer(self, interval: int, slot: Callable[[], None]) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(interval)
        timer.timeout.connect(slot)
        return timer

    # ----- state ---------------------------------------------------------------------------
    @property
    def circular(self) -> Circular | None:
        """The circular as last saved or published (None while a new one is not saved yet)."""
        return self._circular

    @property
    def circular_id(self) -> int | None:
        """Id of the circular (None while a new one is not saved yet)."""
        return self._circular.id if self._circular is not None else None

    @property
    def mode(self) -> Mode:
        """What may be done with the circular."""
        if not self._can_compose:
            return Mode.READ_ONLY
        if self._circular is None or self._circular.status is Status.DRAFT:
            return Mode.DRAFT
        if self._circular.status is Status.PUBLISHED:
            return Mode.CORRECTION
        return Mode.READ_ONLY

    def is_dirty(self) -> bool:
        """True while changes are not saved (draft) or not published (correction)."""
        return self._dirty

    def versions(self) -> list[CircularVersion]:
        """Earlier versions of a corrected circular, oldest first."""
        return list(self._versions)

    def hints(self) -> list[Hint]:
        """The readability hints shown (empty while the check is off)."""
        return self.body.hints()

    # ----- setup ---------------------------------------------------------------------------
    def _setup_ui(self) -> None:
        self.state_label = QLabel(self)
        self.state_label.setFont(bold_font())
        self.state_label.setWordWrap(True)
        self.save_status_label = QLabel(self)
        self.save_status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        header = QHBoxLayout()
        header.addWidget(self.state_label, 1)
        header.addWidget(self.save_status_label)

        self.form_widget = CircularForm(self._hans, self)
        self.body = BodyPanel(self._circulars.readability, self)
        self.side_tabs = PreviewPanel(self)
        self._expose_parts()
        # 「質問（出欠・アンケート）」 under the form when the editor is given the answer service.
        self.form_section: FormSection | None = None
        form_column: QWidget = self.form_widget
        if self._answers is not None:
            form_column = QWidget(self)
            column = QVBoxLayout(form_column)
            column.setContentsMargins(0, 0, 0, 0)
            column.addWidget(self.form_widget)
            self.form_section = FormSection(self._answers, self._saved_circular_id, form_column)
            column.addWidget(self.form_section)
        # 「翻訳」 (issue 23): a tab beside the preview when the editor is given the service.
        self.translation_section: TranslationSection | None = None
        if self._translations is not None:
            self.translation_section = TranslationSection(
                self._translations, self._translation_circular_id, self.side_tabs
            )
            self.side_tabs.addTab(scrollable(self.translation_section, self.side_tabs), "")
        self.splitter = side_by_side(
            self, [(scrollable(form_column, self), 3), (self.body, 4), (self.side_tabs, 3)]
        )
        self.splitter.setSizes([460, 520, 420])

        self.error_label = ErrorLabel(self)
        self.save_action = QAction(self)
        self.save_action.setShortcut(QKeySequence.StandardKey.Save)
        self.addAction(self.save_action)
        self.template_button = QPushButton(self)
        self.publish_button = QPushButton(self)
        self.publish_button.setDefault(False)
        self.publish_button.setFont(bold_font())
        self.close_button = QPushButton(self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.template_button)
        buttons.addStretch(1)
        buttons.addWidget(self.publish_button)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.error_label)
        layout.addLayout(buttons)

    def _expose_parts(self) -> None:
        """The widgets of the parts under the editor's own names (tests and the trainer use them)."""
        form, body, side, files = self.form_widget, self.body, self.side_tabs, self.form_widget.attachments
        self.title_edit, self.category_combo = form.title_edit, form.category_combo
        self.sender_title_edit, self.sender_name_edit = form.sender_title_edit, form.sender_name_edit
        self.all_hans_radio, self.chosen_hans_radio = form.all_hans_radio, form.chosen_hans_radio
        self.han_box, self.han_checks, self.audience_combo = (
            form.han_box,
            form.han_checks,
            form.audience_combo,
        )
        self.issue_date_edit, self.issue_wareki_label = form.issue_date_edit, form.issue_wareki_label
        self.due_date_edit, self.due_wareki_label = form.due_date_edit, form.due_wareki_label
        self.normal_radio, self.urgent_radio = form.normal_radio, form.urgent_radio
        self.readability_check = form.readability_check
        self.attachment_list, self.attachment_error = files.attachment_list, files.attachment_error
        self.add_attachment_button = files.add_attachment_button
        self.remove_attachment_button = files.remove_attachment_button
        self.body_edit, self.highlighter, self.format_bar = body.body_edit, body.highlighter, body.format_bar
        self.heading_action, self.bold_action = body.heading_action, body.bold_action
        self.bullets_action, self.numbers_action = body.bullets_action, body.numbers_action
        self.table_action, self.rule_action = body.table_action, body.rule_action
        self.raw_action, self.raw_edit = body.raw_action, body.raw_edit
        self.placeholder_list, self.hint_list = body.placeholder_list, body.hint_list
        self.preview, self.versions_list, self.version_view = (
            side.preview,
            side.versions_list,
            side.version_view,
        )

    def _connect(self) -> None:
        self.form_widget.changed.connect(self._on_changed)
        self.form_widget.readability_toggled.connect(self._on_readability_toggled)
        self.body.changed.connect(self._on_changed)
        self.body.title_wanted.connect(self.title_edit.setFocus)
        self.add_attachment_button.clicked.connect(self.choose_attachments)
        self.remove_attachment_button.clicked.connect(self.remove_selected_attachment)
        self.save_action.triggered.connect(self.save_now)
        self.template_button.clicked.connect(self.save_as_template)
        self.close_button.clicked.connect(self.close)
        if self.translation_section is not None:
            # A translation goes 「古い」 when the Japanese it was made from is saved rewritten.
            refresh = self.translation_section.refresh
            self.circular_saved.connect(refresh)
            self.circular_published.connect(refresh)
            self.circular_corrected.connect(refresh)

    def retranslate_ui(self) -> None:
        """Set every visible text in the current language."""
        self.form_widget.retranslate_ui()
        self.body.retranslate_ui()
        self.side_tabs.retranslate_ui()
        if self.translation_section is not None:
            self.translation_section.retranslate_ui()
            self.side_tabs.setTabText(TRANSLATION_TAB, self.tr("翻訳(&J)"))
        self.save_action.setText(self.tr("保存"))
        self.template_button.setText(self.tr("テンプレートとして保存…"))
        self.close_button.setText(self.tr("閉じる"))
        self._show_state()
        self._show_save_status()
        self.side_tabs.set_versions(self._versions)
        self._apply_mode()
        self._preview_timer.start()

    # ----- loading and reading the fields -------------------------------------------------------
    def _load(self, draft: CircularDraft) -> None:
        self._loading = True
        try:
            self.form_widget.load(draft)
            self.body.set_readability_check(draft.readability_check)
            self.body.set_text(draft.body)
        finally:
            self._loading = False
        self._fill_attachments()
        if self.form_section is not None:
            self.form_section.load(self.circular_id)
        if self.translation_section is not None:
            self.translation_section.load(self.circular_id)
        self.form_widget.finish_loading()

    def draft(self) -> CircularDraft:
        """What the fields hold now."""
        return self.form_widget.draft(self.body.text())

    def reload(self) -> None:
        """Show the circular as stored now (after the list published or closed it)."""
        if self._circular is None:
            return
        self._stop_autosave()
        self._circular = self._circulars.get(self._circular.id)
        self._versions = self._circulars.versions(self._circular.id) if self._circular.corrected else []
        self._dirty = False
        self._load(self._circular.as_draft())
        self.side_tabs.set_versions(self._versions)
        self._apply_mode()
        self._show_state()
        self._show_save_status()
        self.update_preview()

    # ----- modes and labels ----------------------------------------------------------------------
    def _apply_mode(self) -> None:
        mode = self.mode
        editable = mode is not Mode.READ_ONLY
        self.form_widget.set_editable(editable, issue_date_editable=mode is Mode.DRAFT)
        self.body.set_editable(editable)
        self.publish_button.setVisible(editable)
        self.publish_button.setText(
            self.tr("発行(&P)…") if mode is Mode.DRAFT else self.tr("訂正として発行(&P)…")
        )
        self.publish_button.setToolTip(
            self.tr("回覧No.を付けて発行します")
            if mode is Mode.DRAFT
            else self.tr("直した内容を【訂正】として発行します（前の版は残ります）")
        )
        self.template_button.setEnabled(self._can_compose)
        self.side_tabs.setTabEnabled(1, bool(self._versions))
        self.form_widget.attachments.set_attachable(mode is Mode.DRAFT)
        if self.form_section is not None:
            self.form_section.set_editable(mode is Mode.DRAFT)
        if self.translation_section is not None:
            # Translations may still be added after publishing (the next sync sends them).
            self.translation_section.set_editable(mode is not Mode.READ_ONLY)
        self._update_title()

    def _update_title(self) -> None:
        title = self.title_edit.text().strip() or self.tr("（件名なし）")
        self.setWindowTitle(self.tr("回覧 — {title}").format(title=title))

    def state_text(self) -> str:
        """What the header says about the circular (number, state, 訂正 mark and date)."""
        circular = self._circular
        if circular is None:
            return self.tr("新しい回覧（書き始めると下書きとして自動で保存されます）")
        if circular.status is Status.DRAFT:
            return self.tr("下書き（自動で保存されます）")
        assert circular.number is not None and circular.fiscal_year is not None
        text = self.tr("回覧No.{number}（{year}）{status}").format(
            number=circular.number,
            year=fiscal_year_label(circular.fiscal_year),
            status=status_label(circular.status),
        )
        if circular.corrected and circular.corrected_at is not None:
            text += self.tr("　【訂正】{date} 訂正（第{version}版）").format(
                date=date_text(local_date(circular.corrected_at)), version=circular.version
            )
        if self.mode is Mode.CORRECTION:
            text += self.tr("　— 直すと「訂正として発行」になります")
        elif circular.status is Status.CLOSED:
            text += self.tr("　— 終了した回覧は変更できません")
        return text

    def _show_state(self) -> None:
        self.state_label.setText(self.state_text())

    def _show_save_status(self) -> None:
        if self._save_error:
            text = self.tr("保存できません: {reason}").format(reason=self._save_error)
        elif self.mode is Mode.CORRECTION:
            text = self.tr("訂正はまだ発行されていません") if self._dirty else ""
        elif self.mode is Mode.READ_ONLY:
            text = ""
        elif self._dirty:
            text = self.tr("未保存の変更があります（まもなく自動保存）")
        elif self._saved_at is not None:
            text = self.tr("自動保存しました（{time}）").format(time=self._saved_at.strftime("%H:%M:%S"))
        else:
            text = ""
        if self.save_status_label.text() != text:
            self.save_status_label.setText(text)

    # ----- changes and autosave ------------------------------------------------------------------
    @Slot()
    def _on_changed(self) -> None:
        if self._loading or self.mode is Mode.READ_ONLY:
            return
        self.error_label.clear_error()
        self._dirty = True
        self._preview_timer.start()
        self._update_title()
        if self.mode is Mode.DRAFT:
            if self._circular is None:
                self.save_now()  # the first change creates the draft
                return
            self._idle_timer.start()  # restarted by every change
            if not self._max_timer.isActive():
                self._max_timer.start()  # not restarted: caps the wait while typing goes on
        self._show_save_status()

    @Slot(bool)
    def _on_readability_toggled(self, enabled: bool) -> None:
        self.body.set_readability_check(enabled)
        self._on_changed()

    def _stop_autosave(self) -> None:
        self._idle_timer.stop()
        self._max_timer.stop()

    @Slot()
    def _autosave(self) -> None:
        self.save_now()

    @Slot()
    def save_now(self) -> bool:
        """Save the draft now if it changed; False when it could not be saved (reason shown)."""
        self._stop_autosave()
        if self.mode is not Mode.DRAFT or not self._dirty or self._discarding:
            return not (self.mode is Mode.DRAFT and self._dirty)
        draft = self.draft()
        try:
            if self._circular is None:
                saved = self._circulars.new_draft(draft)
            else:
                saved = self._circulars.save_draft(self._circular.id, draft)
        except UserError as error:
            self._save_error = error_text(error)
            self._show_save_status()
            return False
        created = self._circular is None
        self._circular = saved
        self._dirty = False
        self._save_error = ""
        self._saved_at = dt.datetime.now()
        self._show_save_status()
        if created:
            self._show_state()
        self.circular_saved.emit(saved)
        return True

    def discard_and_close(self) -> None:
        """Close without saving (the draft is being deleted)."""
        self._discarding = True
        self._stop_autosave()
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        """Save a draft before closing; ask before dropping an unpublished correction."""
        if not self._discarding and self._dirty:
            if self.mode is Mode.DRAFT and not self.save_now():
                if not dialogs.ask(
                    self,
                    self.tr("保存できません"),
                    self.tr("{reason}\n保存できない変更は閉じると失われます。閉じますか？").format(
                        reason=self._save_error
                    ),
                    yes=self.tr("保存せずに閉じる"),
                ):
                    event.ignore()
                    return
            elif self.mode is Mode.CORRECTION and not dialogs.ask(
                self,
                self.tr("訂正を発行していません"),
                self.tr("直した内容はまだ発行されていません。閉じると失われます。閉じますか？"),
                yes=self.tr("発行せずに閉じる"),
            ):
                event.ignore()
                return
        self._stop_autosave()
        super().closeEvent(event)

    # ----- preview -------------------------------------------------------------------------------
    @Slot()
    def update_preview(self) -> None:
        """Render the preview and refresh the placeholder and hint lists."""
        self._preview_timer.stop()
        draft = self.draft()
        self.side_tabs.show_html(self.preview_html(draft))
        self.body.fill_lists(draft)

    def preview_html(self, draft: CircularDraft) -> str:
        """The circular as residents will see it: marks, title, dates, sender, body, attachments."""
        return self.side_tabs.preview_html(draft, self._circular, self._versions, self._hans)

    def preview_text(self) -> str:
        """The preview as plain text (tests, screen readers)."""
        return self.preview.toPlainText()

    # ----- attachments ---------------------------------------------------------------------------
    def _fill_attachments(self) -> None:
        files: Sequence[Attachment] = self._circular.attachments if self._circular is not None else ()
        self.form_widget.attachments.show_files(files)

    def attachment_names(self) -> list[str]:
        """File names of the attachments, in order."""
        return [a.filename for a in self._circular.attachments] if self._circular is not None else []

    @Slot()
    def choose_attachments(self) -> None:
        """Ask for files and attach them."""
        paths = dialogs.open_files(
            self,
            dialogs.Purpose.ATTACHMENT,
            self.tr("添付するファイル"),
            self.tr("PDF・画像 (*.pdf *.png *.jpg *.jpeg);;すべてのファイル (*)"),
        )
        if paths:
            self.attach_files(paths)

    def attach_files(self, paths: Sequence[Path]) -> list[str]:
        """Attach files one by one; the refused ones are explained and not attached."""
        self.attachment_error.clear_error()
        if self.mode is not Mode.DRAFT:
            return []
        if self._circular is None or self._dirty:
            self._dirty = True
            if not self.save_now():
                return []
        assert self._circular is not None
        problems = []
        for path in paths:
            try:
                self._circular = self._circulars.attach(self._circular.id, path)
            except UserError as error:
                problems.append(error_text(error))
        self._fill_attachments()
        self._preview_timer.start()
        if problems:
            self.attachment_error.show_error("\n".join(problems))
        self.circular_saved.emit(self._circular)
        return problems

    def _saved_circular_id(self) -> int | None:
        """The draft's id for its form, saving a new or changed draft first (None: not a draft)."""
        if self.mode is not Mode.DRAFT:
            return None
        if self._circular is None or self._dirty:
            self._dirty = True
            if not self.save_now():
                return None
        return self._circular.id if self._circular is not None else None

    def _translation_circular_id(self) -> int | None:
        """The circular's id for its translations: a new or changed draft is saved first."""
        if self.mode is Mode.DRAFT:
            return self._saved_circular_id()
        return self.circular_id

    def add_translations(self, translations: Mapping[str, tuple[str, str]]) -> bool:
        """Save several translations of this circular at once (lang → (title, body)).

        For other parts of the app (the template filler): all or, on an error, none (the
        reason is shown in the 「翻訳」 tab). False when the editor has no translation tab.
        """
        if self.translation_section is None:
            return False
        return self.translation_section.add_translations(translations)

    @Slot()
    def remove_selected_attachment(self) -> None:
        """Remove the selected attachment from the draft."""
        attachment_id = self.form_widget.attachments.selected_id()
        if attachment_id is None or self._circular is None or self.mode is not Mode.DRAFT:
            return
        try:
            self._circular = self._circulars.detach(self._circular.id, attachment_id)
        except UserError as error:
            self.attachment_error.show_error(error_text(error))
            return
        self._fill_attachments()
        self._preview_timer.start()
        self.circular_saved.emit(self._circular)

    # ----- templates -----------------------------------------------------------------------------
    @Slot()
    def save_as_template(self) -> None:
        """Keep this circular's title and body as a template."""
        if self.mode is Mode.DRAFT:
            self._dirty = self._dirty or self._circular is None
            if not self.save_now():
                return
        if self._circular is None:
            return
        dialog = SaveTemplateDialog(self._circulars, self._circular.id, self._circular.title, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.saved is not None:
            self.error_label.clear_error()
            self.save_status_label.setText(
                self.tr("テンプレート「{name}」を保存しました").format(name=dialog.saved.name)
            )
