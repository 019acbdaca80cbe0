"""The circular editor: the fields of the paper form, a body with formatting buttons, a preview.

The body is the documented Markdown subset (``circular_app.domain.document``), but an officer
never has to know it: the buttons and shortcuts (見出し, 太字 Ctrl+B, 箇条書き, 番号付き, 表,
区切り線) write the marks, a highlighter shows headings and bold text as such, and the preview
beside the text is rendered by the same renderer as the PDF and the reader page.

Autosave: every change marks the draft dirty; it is saved one second after the last change,
and at least every two seconds while typing goes on, so a crash loses at most the last two
seconds. A new circular becomes a draft at its first change. A published circular is not
saved on the fly: changes are published as a correction (訂正) with a reason, and the earlier
versions stay visible.
"""

from __future__ import annotations

import datetime as dt
import enum
import html
import re
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDate, QEvent, Qt, QTimer, Signal, Slot
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QColor,
    QFont,
    QHelpEvent,
    QKeySequence,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QToolBar,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from circular_app.domain.calendar import fiscal_year_label, wareki
from circular_app.domain.circulars import (
    MAX_TITLE_LENGTH,
    Attachment,
    Audience,
    Category,
    Circular,
    CircularDraft,
    CircularVersion,
    Status,
    Urgency,
)
from circular_app.domain.document import (
    BULLET_MARK,
    HEADING_MARK,
    LAYOUT_SPACES,
    NUMBER_MARK,
    Heading,
    ListBlock,
    Rule,
    Table,
    parse_document,
    parse_inline,
    to_html,
)
from circular_app.domain.errors import UserError
from circular_app.domain.readability import Hint, HintKind
from circular_app.domain.roster import Han
from circular_app.domain.templates import placeholders
from circular_app.services.circulars import CircularService
from circular_app.ui.common.widgets import ErrorLabel, FlowLayout, bold_font, scrollable
from circular_app.ui.compose.templates import SaveTemplateDialog
from circular_app.ui.compose.texts import (
    audience_label,
    category_label,
    date_text,
    error_text,
    hint_text,
    local_date,
    status_label,
    target_text,
    title_marks,
)

HINT_ROLE = Qt.ItemDataRole.UserRole + 1

# The document model's own markers, so the editor greys out and toggles exactly what it reads.
_ANY_MARK = (HEADING_MARK, BULLET_MARK, NUMBER_MARK)


def utf16_index(text: str, index: int) -> int:
    """Qt's position (UTF-16 units) of the Python index ``index`` in ``text`` (𠮷 counts twice)."""
    head = text[:index]
    return index + sum(1 for c in head if ord(c) > 0xFFFF)


def python_index(text: str, position: int) -> int:
    """The Python index of Qt position ``position`` (UTF-16 units) in ``text``."""
    units = 0
    for index, char in enumerate(text):
        if units >= position:
            return index
        units += 2 if ord(char) > 0xFFFF else 1
    return len(text)


class Mode(enum.Enum):
    """What the editor may do with its circular."""

    DRAFT = "draft"  # saved automatically, published with 発行
    CORRECTION = "correction"  # published: changes go out as a 訂正 with a reason
    READ_ONLY = "read_only"  # closed, or the officer may not compose


class BodyHighlighter(QSyntaxHighlighter):
    """Shows the Markdown marks quietly, headings and bold as such, ［placeholders］ and hints.

    Each line is looked at on its own: sentences, placeholders and difficult words never span
    a line break, so the hints of a line are the service's hints for that line.
    """

    def __init__(self, document: QTextDocument, readability: Callable[[str], list[Hint]]) -> None:
        super().__init__(document)
        self._readability = readability
        self._check = False
        self.mark_format = QTextCharFormat()
        self.mark_format.setForeground(QColor("#7a7a7a"))
        self.bold_format = QTextCharFormat()
        self.bold_format.setFontWeight(QFont.Weight.Bold)
        self.placeholder_format = QTextCharFormat()
        self.placeholder_format.setBackground(QColor("#ffe27a"))
        self.placeholder_format.setForeground(QColor("#000000"))
        # A wavy underline is not drawn with the BIZ UD font (it falls below the line box):
        # a plain underline on a pale background, with dark text also in high contrast.
        self.hint_format = QTextCharFormat()
        self.hint_format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
        self.hint_format.setUnderlineColor(QColor("#c05000"))
        self.hint_format.setBackground(QColor("#ffe0c0"))
        self.hint_format.setForeground(QColor("#000000"))

    def set_readability_check(self, enabled: bool) -> None:
        """Underline readability hints (or stop doing so)."""
        if enabled != self._check:
            self._check = enabled
            self.rehighlight()

    def hints_of_line(self, text: str) -> list[Hint]:
        """The readability hints of one line (empty while the check is off)."""
        return self._readability(text) if self._check else []

    def _format(self, text: str, start: int, end: int, fmt: QTextCharFormat) -> None:
        first = utf16_index(text, start)
        self.setFormat(first, utf16_index(text, end) - first, fmt)

    def highlightBlock(self, text: str) -> None:  # noqa: N802 (Qt override)
        """Format one line of the body."""
        if not text.strip(LAYOUT_SPACES):
            return
        blocks = parse_document(text).blocks
        block = blocks[0] if blocks else None
        if isinstance(block, Heading):
            self._format(text, 0, len(text), self.bold_format)
            mark = HEADING_MARK.match(text)
            if mark:
                self._format(text, 0, mark.end(), self.mark_format)
        elif isinstance(block, Rule):
            self._format(text, 0, len(text), self.mark_format)
        elif isinstance(block, Table):
            for index, char in enumerate(text):
                if char in "|-:":
                    self._format(text, index, index + 1, self.mark_format)
        elif isinstance(block, ListBlock):
            mark = (NUMBER_MARK if block.ordered else BULLET_MARK).match(text)
            if mark:
                self._format(text, 0, mark.end(), self.mark_format)
        position = 0
        for span in parse_inline(text):
            if span.bold:
                self._format(text, position, position + 2, self.mark_format)
                self._format(text, position + 2, position + 2 + len(span.text), self.bold_format)
                self._format(
                    text, position + 2 + len(span.text), position + 4 + len(span.text), self.mark_format
                )
                position += len(span.text) + 4
            else:
                position += len(span.text)
        for hint in self.hints_of_line(text):
            self._merge(text, hint.start, hint.end, self.hint_format)
        for placeholder in placeholders(text):
            found = text.find(placeholder)
            while found >= 0:
                self._format(text, found, found + len(placeholder), self.placeholder_format)
                found = text.find(placeholder, found + len(placeholder))

    def _merge(self, text: str, start: int, end: int, fmt: QTextCharFormat) -> None:
        """Add ``fmt`` over what the range already has (a hint inside bold text stays bold)."""
        for index in range(start, end):
            position = utf16_index(text, index)
            merged = QTextCharFormat(self.format(position))
            merged.merge(fmt)
            self.setFormat(position, 2 if ord(text[index]) > 0xFFFF else 1, merged)


class BodyEdit(QPlainTextEdit):
    """The body text with formatting commands; hovering a hint shows its suggestion."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tooltip_for: Callable[[QTextCursor], str | None] | None = None
        self.setTabChangesFocus(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)

    def event(self, event: QEvent) -> bool:
        """Show the readability suggestion under the mouse as a tooltip."""
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent) and self.tooltip_for:
            cursor = self.cursorForPosition(self.viewport().mapFrom(self, event.pos()))
            text = self.tooltip_for(cursor)
            if text:
                QToolTip.showText(event.globalPos(), text, self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    # ----- formatting commands (each one undo step) -----------------------------------------
    def _selected_blocks(self) -> list[int]:
        cursor = self.textCursor()
        document = self.document()
        first = document.findBlock(cursor.selectionStart()).blockNumber()
        last_block = document.findBlock(cursor.selectionEnd())
        last = last_block.blockNumber()
        if cursor.hasSelection() and last > first and cursor.selectionEnd() == last_block.position():
            last -= 1  # a selection ending at the start of a line does not include that line
        return list(range(first, last + 1))

    def _replace_prefix(self, block_number: int, old_length: int, new_prefix: str) -> None:
        block = self.document().findBlockByNumber(block_number)
        cursor = QTextCursor(block)
        cursor.setPosition(block.position())
        cursor.setPosition(block.position() + old_length, QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(new_prefix)

    def _toggle_prefix(self, mark: re.Pattern[str], prefix: Callable[[int], str]) -> None:
        numbers = self._selected_blocks()
        texts = {n: self.document().findBlockByNumber(n).text() for n in numbers}
        lines = [n for n in numbers if texts[n].strip(LAYOUT_SPACES)] or numbers
        cursor = self.textCursor()
        cursor.beginEditBlock()
        if all(mark.match(texts[n]) for n in lines):
            for n in lines:
                found = mark.match(texts[n])
                assert found is not None
                self._replace_prefix(n, utf16_index(texts[n], found.end()), "")
        else:
            for count, n in enumerate(lines, start=1):
                old = max((m.end() for m in (p.match(texts[n]) for p in _ANY_MARK) if m), default=0)
                self._replace_prefix(n, utf16_index(texts[n], old), prefix(count))
        cursor.endEditBlock()

    def toggle_heading(self) -> None:
        """Make the current lines headings, or plain lines again."""
        self._toggle_prefix(HEADING_MARK, lambda _n: "## ")

    def toggle_bullets(self) -> None:
        """Make the current lines a bullet list, or plain lines again."""
        self._toggle_prefix(BULLET_MARK, lambda _n: "- ")

    def toggle_numbers(self) -> None:
        """Make the current lines a numbered list, or plain lines again."""
        self._toggle_prefix(NUMBER_MARK, lambda n: f"{n}. ")

    def toggle_bold(self, sample: str) -> None:
        """Make the selection bold (or not bold again); without a selection insert ``sample`` bold."""
        cursor = self.textCursor()
        whole = self.toPlainText()
        start, end = cursor.selectionStart(), cursor.selectionEnd()
        start_py, end_py = python_index(whole, start), python_index(whole, end)
        selected = whole[start_py:end_py]
        cursor.beginEditBlock()
        if not selected:
            cursor.insertText(f"**{sample}**")
            self._select(start + 2, start + 2 + utf16_index(sample, len(sample)))
        elif selected.startswith("**") and selected.endswith("**") and len(selected) >= 4:
            inner = selected[2:-2]
            cursor.insertText(inner)
            self._select(start, start + utf16_index(inner, len(inner)))
        elif whole[max(0, start_py - 2) : start_py] == "**" and whole[end_py : end_py + 2] == "**":
            cursor.setPosition(start - 2)
            cursor.setPosition(end + 2, QTextCursor.MoveMode.KeepAnchor)
            cursor.insertText(selected)
            self._select(start - 2, end - 2)
        else:
            cursor.insertText(f"**{selected}**")
            self._select(start + 2, end + 2)
        cursor.endEditBlock()

    def _select(self, start: int, end: int) -> None:
        cursor = self.textCursor()
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)

    def _insert_lines(self, lines: Sequence[str]) -> int:
        """Insert ``lines`` as lines of their own at the cursor; returns where they start."""
        cursor = self.textCursor()
        cursor.beginEditBlock()
        cursor.clearSelection()
        if cursor.block().text():
            cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
            cursor.insertText("\n")
        start = cursor.position()
        cursor.insertText("\n".join(lines) + "\n")
        cursor.endEditBlock()
        self.setTextCursor(cursor)
        return start

    def insert_table(self, first: str, second: str) -> None:
        """Insert a two-column table with a header row and one empty row."""
        start = self._insert_lines([f"| {first} | {second} |", "|---|---|", "|  |  |"])
        self._select(start + 2, start + 2 + utf16_index(first, len(first)))

    def insert_rule(self) -> None:
        """Insert a horizontal rule on a line of its own."""
        self._insert_lines(["---"])


class CorrectionReasonDialog(QDialog):
    """Asks what a correction changes; the reason is kept with the previous version."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.reason_label = QLabel(self)
        self.reason_edit = QLineEdit(self)
        self.reason_label.setBuddy(self.reason_edit)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        form = QFormLayout()
        form.addRow(self.reason_label, self.reason_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.reason_edit.textChanged.connect(self._update_ok)
        self.retranslate_ui()
        self._update_ok()
        self.resize(520, self.sizeHint().height())

    def retranslate_ui(self) -> None:
        """Set every visible text in the current language."""
        self.setWindowTitle(self.tr("訂正として発行"))
        self.intro.setText(
            self.tr(
                "何を訂正したかを一言で書いてください（例: 集合時間を9時に訂正）。"
                "回覧には【訂正】の印と日付が付き、前の内容も残ります。"
            )
        )
        self.reason_label.setText(self.tr("訂正の理由(&R)"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("訂正を発行"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("キャンセル"))

    @Slot()
    def _update_ok(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(
            bool(self.reason().strip(" \u3000"))
        )

    def reason(self) -> str:
        """The reason as typed."""
        return self.reason_edit.text()

    @staticmethod
    def ask(parent: QWidget) -> str | None:
        """Show the dialog; the reason, or None when cancelled."""
        dialog = CorrectionReasonDialog(parent)
        return dialog.reason() if dialog.exec() == QDialog.DialogCode.Accepted else None


def _date(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


def _qdate(value: dt.date) -> QDate:
    return QDate(value.year, value.month, value.day)


class CircularEditor(QWidget):
    """One circular in a window of its own: the form, the body and the live preview.

    Open it on a stored ``circular`` or on a new ``draft`` (from a template); a new one is
    created as a draft at its first change. ``ask_reason`` asks for the reason of a correction
    (replaceable, e.g. in tests).

    Signals:
        circular_saved(Circular): the draft was saved (autosave or on request).
        circular_published(int): the circular (id) was published.
        circular_corrected(int): a correction of the circular (id) was published.
    """

    circular_saved = Signal(Circular)
    circular_published = Signal(int)
    circular_corrected = Signal(int)

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
    ) -> None:
        super().__init__(parent)
        if (circular is None) == (draft is None):
            raise ValueError("give either a stored circular or a new draft")
        self.setWindowFlag(Qt.WindowType.Window)
        self._circulars = circulars
        self._hans = list(hans)
        self._circular = circular
        self._can_compose = can_compose
        self._versions: list[CircularVersion] = []
        self._hints: list[Hint] = []
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
        return list(self._hints)

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

        self._setup_form()
        body = self._setup_body()
        self._setup_side()
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(scrollable(self.form_widget, self))
        self.splitter.addWidget(body)
        self.splitter.addWidget(self.side_tabs)
        self.splitter.setChildrenCollapsible(False)
        for index, stretch in enumerate((3, 4, 3)):
            self.splitter.setStretchFactor(index, stretch)
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

    def _setup_form(self) -> None:
        """The fields of the paper form, left of the body."""
        self.form_widget = QWidget(self)
        form_column = QVBoxLayout(self.form_widget)
        self.form = QFormLayout()
        form_column.addLayout(self.form)
        form_column.addStretch(1)  # extra height goes below the fields, not between them
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.title_label = QLabel(self.form_widget)
        self.title_edit = QLineEdit(self.form_widget)
        self.title_edit.setMaxLength(MAX_TITLE_LENGTH)
        self.category_label = QLabel(self.form_widget)
        self.category_combo = QComboBox(self.form_widget)
        for category in Category:
            self.category_combo.addItem("", category.value)
        self.sender_label = QLabel(self.form_widget)
        self.sender_title_edit = QLineEdit(self.form_widget)
        self.sender_name_edit = QLineEdit(self.form_widget)
        sender = QWidget(self.form_widget)
        sender_layout = QHBoxLayout(sender)
        sender_layout.setContentsMargins(0, 0, 0, 0)
        sender_layout.addWidget(self.sender_title_edit, 2)
        sender_layout.addWidget(self.sender_name_edit, 3)

        self.target_label = QLabel(self.form_widget)
        self.all_hans_radio = QRadioButton(self.form_widget)
        self.chosen_hans_radio = QRadioButton(self.form_widget)
        self.target_group = QButtonGroup(self)
        self.target_group.addButton(self.all_hans_radio)
        self.target_group.addButton(self.chosen_hans_radio)
        self.han_box = QWidget(self.form_widget)
        han_flow = FlowLayout(self.han_box)
        han_flow.setContentsMargins(0, 0, 0, 0)
        self.han_checks: dict[int, QCheckBox] = {}
        for han in self._hans:
            check = QCheckBox(han.name, self.han_box)
            self.han_checks[han.id] = check
            han_flow.addWidget(check)
        target = QWidget(self.form_widget)
        target_layout = QVBoxLayout(target)
        target_layout.setContentsMargins(0, 0, 0, 0)
        radios = QHBoxLayout()
        radios.addWidget(self.all_hans_radio)
        radios.addWidget(self.chosen_hans_radio)
        radios.addStretch(1)
        target_layout.addLayout(radios)
        target_layout.addWidget(self.han_box)
        self.audience_label = QLabel(self.form_widget)
        self.audience_combo = QComboBox(self.form_widget)
        for audience in Audience:
            self.audience_combo.addItem("", audience.value)

        self.issue_label = QLabel(self.form_widget)
        self.issue_date_edit = QDateEdit(self.form_widget)
        self.issue_wareki_label = QLabel(self.form_widget)
        self.due_label = QLabel(self.form_widget)
        self.due_date_edit = QDateEdit(self.form_widget)
        self.due_wareki_label = QLabel(self.form_widget)
        dates = []
        for edit, wareki_label in (
            (self.issue_date_edit, self.issue_wareki_label),
            (self.due_date_edit, self.due_wareki_label),
        ):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy/MM/dd")
            row = QWidget(self.form_widget)
            row_layout = QHBoxLayout(row)
            row_layout.setContentsMargins(0, 0, 0, 0)
            row_layout.addWidget(edit)
            row_layout.addWidget(wareki_label, 1)
            dates.append(row)

        self.urgency_label = QLabel(self.form_widget)
        self.normal_radio = QRadioButton(self.form_widget)
        self.urgent_radio = QRadioButton(self.form_widget)
        self.urgency_group = QButtonGroup(self)
        self.urgency_group.addButton(self.normal_radio)
        self.urgency_group.addButton(self.urgent_radio)
        urgency = QWidget(self.form_widget)
        urgency_layout = QHBoxLayout(urgency)
        urgency_layout.setContentsMargins(0, 0, 0, 0)
        urgency_layout.addWidget(self.normal_radio)
        urgency_layout.addWidget(self.urgent_radio)
        urgency_layout.addStretch(1)
        self.readability_check = QCheckBox(self.form_widget)

        self.attachments_label = QLabel(self.form_widget)
        self.attachment_list = QListWidget(self.form_widget)
        self.attachment_list.setMaximumHeight(self.fontMetrics().height() * 6)
        self.add_attachment_button = QPushButton(self.form_widget)
        self.remove_attachment_button = QPushButton(self.form_widget)
        self.attachment_error = ErrorLabel(self.form_widget)
        attachments = QWidget(self.form_widget)
        attachments_layout = QVBoxLayout(attachments)
        attachments_layout.setContentsMargins(0, 0, 0, 0)
        attachments_layout.addWidget(self.attachment_list)
        attachment_buttons = QHBoxLayout()
        attachment_buttons.addWidget(self.add_attachment_button)
        attachment_buttons.addWidget(self.remove_attachment_button)
        attachment_buttons.addStretch(1)
        attachments_layout.addLayout(attachment_buttons)
        attachments_layout.addWidget(self.attachment_error)

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
        self.form.addRow(self.attachments_label, attachments)
        self.title_label.setBuddy(self.title_edit)
        self.category_label.setBuddy(self.category_combo)
        self.sender_label.setBuddy(self.sender_title_edit)
        self.target_label.setBuddy(self.all_hans_radio)
        self.audience_label.setBuddy(self.audience_combo)
        self.issue_label.setBuddy(self.issue_date_edit)
        self.due_label.setBuddy(self.due_date_edit)
        self.urgency_label.setBuddy(self.normal_radio)
        self.attachments_label.setBuddy(self.attachment_list)

    def _setup_body(self) -> QWidget:
        """The formatting bar, the body text and, under it, what still needs attention."""
        self.body_edit = BodyEdit(self)
        self.highlighter = BodyHighlighter(self.body_edit.document(), self._circulars.readability)
        self.body_edit.tooltip_for = self._tooltip_at
        self.format_bar = QToolBar(self)
        self.format_bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.heading_action = self._format_action("Ctrl+Shift+H")
        self.bold_action = self._format_action(QKeySequence.StandardKey.Bold)
        self.bullets_action = self._format_action("Ctrl+Shift+L")
        self.numbers_action = self._format_action("Ctrl+Shift+O")
        self.table_action = self._format_action("Ctrl+Shift+T")
        self.rule_action = self._format_action("Ctrl+Shift+R")
        self.body_label = QLabel(self)
        self.body_label.setBuddy(self.body_edit)
        self.placeholders_label = QLabel(self)
        self.placeholder_list = QListWidget(self)
        self.hints_label = QLabel(self)
        self.hint_list = QListWidget(self)
        self.hint_list.setWordWrap(True)
        # Long suggestions wrap instead of scrolling sideways.
        self.hint_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.hint_list.setResizeMode(QListWidget.ResizeMode.Adjust)
        for widget in (self.placeholder_list, self.hint_list):
            widget.setMaximumHeight(self.fontMetrics().height() * 7)
        attention = QHBoxLayout()
        for label, widget in (
            (self.placeholders_label, self.placeholder_list),
            (self.hints_label, self.hint_list),
        ):
            column = QVBoxLayout()
            column.addWidget(label)
            column.addWidget(widget)
            attention.addLayout(column, 1)
        body = QWidget(self)
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 0, 0)
        body_layout.addWidget(self.body_label)
        body_layout.addWidget(self.format_bar)
        body_layout.addWidget(self.body_edit, 1)
        body_layout.addLayout(attention)

        return body

    def _setup_side(self) -> None:
        """The preview and, for corrected circulars, the earlier versions."""
        self.preview = QTextBrowser(self)
        self.preview.setOpenLinks(False)
        self.preview.document().setDefaultStyleSheet(
            "table { border-collapse: collapse; margin-top: 4px; margin-bottom: 4px; }"
            " th, td { border: 1px solid #808080; padding: 3px 8px; }"
        )
        self.versions_list = QListWidget(self)
        self.versions_list.setWordWrap(True)
        self.versions_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.versions_list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.version_view = QTextBrowser(self)
        self.version_view.document().setDefaultStyleSheet(self.preview.document().defaultStyleSheet())
        versions = QSplitter(Qt.Orientation.Vertical, self)
        versions.addWidget(self.versions_list)
        versions.addWidget(self.version_view)
        versions.setStretchFactor(1, 1)
        versions.setSizes([self.fontMetrics().height() * 6, self.fontMetrics().height() * 30])
        self.side_tabs = QTabWidget(self)
        self.side_tabs.addTab(self.preview, "")
        self.side_tabs.addTab(versions, "")

    def _format_action(self, shortcut: str | QKeySequence.StandardKey) -> QAction:
        action = QAction(self)
        action.setShortcut(QKeySequence(shortcut))
        # Only while the body has focus: Ctrl+B in the title field must not change the body.
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.body_edit.addAction(action)
        self.format_bar.addAction(action)
        return action

    def _connect(self) -> None:
        for edit in (self.title_edit, self.sender_title_edit, self.sender_name_edit):
            edit.textChanged.connect(self._on_changed)
        self.body_edit.textChanged.connect(self._on_changed)
        for combo in (self.category_combo, self.audience_combo):
            combo.currentIndexChanged.connect(self._on_changed)
        self.target_group.buttonToggled.connect(self._on_target_toggled)
        self.urgency_group.buttonToggled.connect(self._on_changed)
        for check in self.han_checks.values():
            check.toggled.connect(self._on_changed)
        self.issue_date_edit.dateChanged.connect(self._on_issue_changed)
        self.due_date_edit.dateChanged.connect(self._on_due_changed)
        self.readability_check.toggled.connect(self._on_readability_toggled)
        self.heading_action.triggered.connect(self.body_edit.toggle_heading)
        self.bold_action.triggered.connect(lambda: self.body_edit.toggle_bold(self.tr("太字", "sample text")))
        self.bullets_action.triggered.connect(self.body_edit.toggle_bullets)
        self.numbers_action.triggered.connect(self.body_edit.toggle_numbers)
        self.table_action.triggered.connect(
            lambda: self.body_edit.insert_table(self.tr("項目"), self.tr("内容"))
        )
        self.rule_action.triggered.connect(self.body_edit.insert_rule)
        self.placeholder_list.itemActivated.connect(self._go_to_placeholder)
        self.placeholder_list.itemClicked.connect(self._go_to_placeholder)
        self.hint_list.itemActivated.connect(self._go_to_hint)
        self.hint_list.itemClicked.connect(self._go_to_hint)
        self.add_attachment_button.clicked.connect(self.choose_attachments)
        self.remove_attachment_button.clicked.connect(self.remove_selected_attachment)
        self.attachment_list.currentRowChanged.connect(self._update_buttons)
        self.versions_list.currentRowChanged.connect(self._show_version)
        self.save_action.triggered.connect(self.save_now)
        self.template_button.clicked.connect(self.save_as_template)
        self.publish_button.clicked.connect(self._on_publish_clicked)
        self.close_button.clicked.connect(self.close)

    def retranslate_ui(self) -> None:
        """Set every visible text in the current language."""
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
        self.add_attachment_button.setText(self.tr("ファイルを添付…"))
        self.add_attachment_button.setToolTip(self.tr("PDF（市のチラシなど）や写真（PNG・JPEG）を添付します"))
        self.remove_attachment_button.setText(self.tr("添付を外す"))
        self.body_label.setText(self.tr("本文(&B)"))
        self.body_edit.setAccessibleName(self.tr("本文"))
        self.format_bar.setWindowTitle(self.tr("書式"))
        for action, text, tip in (
            (self.heading_action, self.tr("見出し"), self.tr("行を見出しにします")),
            (self.bold_action, self.tr("太字"), self.tr("選んだ文字を太字にします")),
            (self.bullets_action, self.tr("箇条書き"), self.tr("行の頭に「・」を付けて並べます")),
            (self.numbers_action, self.tr("番号付き"), self.tr("行の頭に 1. 2. 3. と番号を付けます")),
            (
                self.table_action,
                self.tr("表を挿入"),
                self.tr("2列の表を入れます（| で区切った行が表になります）"),
            ),
            (self.rule_action, self.tr("区切り線"), self.tr("区切りの横線を入れます")),
        ):
            action.setText(text)
            shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(self.tr("{tip}（{shortcut}）").format(tip=tip, shortcut=shortcut))
        self.placeholders_label.setText(self.tr("書きかえる所 ［　］"))
        self.placeholder_list.setAccessibleName(self.tr("まだ書きかえていない［　］の一覧"))
        self.hints_label.setText(self.tr("読みやすさのヒント"))
        self.hint_list.setAccessibleName(self.tr("読みやすさのヒントの一覧"))
        self.side_tabs.setTabText(0, self.tr("プレビュー"))
        self.side_tabs.setTabText(1, self.tr("以前の版"))
        self.preview.setAccessibleName(self.tr("回覧のプレビュー"))
        self.save_action.setText(self.tr("保存"))
        self.template_button.setText(self.tr("テンプレートとして保存…"))
        self.close_button.setText(self.tr("閉じる"))
        self._show_state()
        self._show_save_status()
        self._show_wareki()
        self._fill_versions()
        self._apply_mode()
        self._preview_timer.start()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        """Re-translate on a language change."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # ----- loading and reading the fields -------------------------------------------------------
    def _load(self, draft: CircularDraft) -> None:
        self._loading = True
        try:
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
            self.highlighter.set_readability_check(draft.readability_check)
            if self.body_edit.toPlainText() != draft.body:
                self.body_edit.setPlainText(draft.body)
        finally:
            self._loading = False
        self._fill_attachments()
        self._show_wareki()
        self.han_box.setEnabled(self.chosen_hans_radio.isChecked() and self.mode is not Mode.READ_ONLY)

    def draft(self) -> CircularDraft:
        """What the fields hold now."""
        chosen = (
            tuple(h for h, check in self.han_checks.items() if check.isChecked())
            if self.chosen_hans_radio.isChecked()
            else ()
        )
        return CircularDraft(
            title=self.title_edit.text(),
            body=self.body_edit.toPlainText(),
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

    def reload(self) -> None:
        """Show the circular as stored now (after the list published or closed it)."""
        if self._circular is None:
            return
        self._stop_autosave()
        self._circular = self._circulars.get(self._circular.id)
        self._versions = self._circulars.versions(self._circular.id) if self._circular.corrected else []
        self._dirty = False
        self._load(self._circular.as_draft())
        self._fill_versions()
        self._apply_mode()
        self._show_state()
        self._show_save_status()
        self.update_preview()

    # ----- modes and labels ----------------------------------------------------------------------
    def _apply_mode(self) -> None:
        mode = self.mode
        editable = mode is not Mode.READ_ONLY
        for line in (self.title_edit, self.sender_title_edit, self.sender_name_edit):
            line.setReadOnly(not editable)
        self.body_edit.setReadOnly(not editable)
        for widget in (
            self.category_combo,
            self.all_hans_radio,
            self.chosen_hans_radio,
            self.audience_combo,
            self.due_date_edit,
            self.normal_radio,
            self.urgent_radio,
            self.readability_check,
            self.format_bar,
        ):
            widget.setEnabled(editable)
        self.han_box.setEnabled(editable and self.chosen_hans_radio.isChecked())
        # A correction keeps the first issue date (the service keeps it too).
        self.issue_date_edit.setEnabled(mode is Mode.DRAFT)
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
        self._update_buttons()
        self._update_title()

    @Slot()
    def _update_buttons(self) -> None:
        attachable = self.mode is Mode.DRAFT
        self.add_attachment_button.setEnabled(attachable)
        self.remove_attachment_button.setEnabled(attachable and self.attachment_list.currentRow() >= 0)
        tip = "" if attachable else self.tr("発行後の添付は変えられません")
        self.add_attachment_button.setToolTip(
            tip or self.tr("PDF（市のチラシなど）や写真（PNG・JPEG）を添付します")
        )
        self.remove_attachment_button.setToolTip(tip)

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

    def _show_wareki(self) -> None:
        self.issue_wareki_label.setText(wareki(_date(self.issue_date_edit.date()), weekday=True))
        self.due_wareki_label.setText(wareki(_date(self.due_date_edit.date()), weekday=True))

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

    @Slot()
    def _on_target_toggled(self) -> None:
        self.han_box.setEnabled(self.chosen_hans_radio.isChecked() and self.mode is not Mode.READ_ONLY)
        self._on_changed()

    @Slot()
    def _on_issue_changed(self) -> None:
        issue = self.issue_date_edit.date()
        if self.due_date_edit.date() < issue:
            # Keep the 回覧 period when the issue date moves later.
            self.due_date_edit.setDate(issue.addDays(14))
        self.due_date_edit.setMinimumDate(issue)
        self._show_wareki()
        self._on_changed()

    @Slot()
    def _on_due_changed(self) -> None:
        self._show_wareki()
        self._on_changed()

    @Slot(bool)
    def _on_readability_toggled(self, enabled: bool) -> None:
        self.highlighter.set_readability_check(enabled)
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

    def _confirm(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(
            self,
            title,
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        """Save a draft before closing; ask before dropping an unpublished correction."""
        if not self._discarding and self._dirty:
            if self.mode is Mode.DRAFT and not self.save_now():
                if not self._confirm(
                    self.tr("保存できません"),
                    self.tr("{reason}\n保存できない変更は閉じると失われます。閉じますか？").format(
                        reason=self._save_error
                    ),
                ):
                    event.ignore()
                    return
            elif self.mode is Mode.CORRECTION and not self._confirm(
                self.tr("訂正を発行していません"),
                self.tr("直した内容はまだ発行されていません。閉じると失われます。閉じますか？"),
            ):
                event.ignore()
                return
        self._stop_autosave()
        super().closeEvent(event)

    # ----- preview, placeholders, hints ----------------------------------------------------------
    @Slot()
    def update_preview(self) -> None:
        """Render the preview and refresh the placeholder and hint lists."""
        self._preview_timer.stop()
        draft = self.draft()
        scroll = self.preview.verticalScrollBar().value()
        self.preview.setHtml(self.preview_html(draft))
        self.preview.verticalScrollBar().setValue(scroll)
        self._fill_placeholders(draft)
        self._fill_hints(draft)

    def preview_html(self, draft: CircularDraft) -> str:
        """The circular as residents will see it: marks, title, dates, sender, body, attachments."""
        circular = self._circular
        corrected = circular is not None and circular.corrected
        title = title_marks(
            draft.title.strip() or self.tr("（件名なし）"), draft.urgency is Urgency.URGENT, corrected
        )
        lines = []
        if circular is not None and circular.number is not None:
            lines.append(self.tr("回覧No.{number}").format(number=circular.number))
        if draft.issue_date is not None:
            lines.append(self.tr("発行日 {date}").format(date=wareki(draft.issue_date, weekday=True)))
        if draft.due_date is not None:
            lines.append(self.tr("回覧期限 {date}").format(date=wareki(draft.due_date, weekday=True)))
        sender = " ".join(p for p in (draft.sender_title.strip(), draft.sender_name.strip()) if p)
        if sender:
            lines.append(self.tr("差出人 {sender}").format(sender=sender))
        lines.append(
            self.tr("対象 {target}").format(
                target=target_text(draft.target_han_ids, draft.audience, self._hans)
            )
        )
        parts = [f"<h1>{html.escape(title)}</h1>", f"<p>{'<br>'.join(html.escape(x) for x in lines)}</p>"]
        if corrected and circular is not None and circular.corrected_at is not None:
            note = self._versions[-1].note if self._versions else ""
            parts.append(
                "<p><b>{}</b></p>".format(
                    html.escape(
                        self.tr("【訂正】{date} 訂正: {note}").format(
                            date=wareki(local_date(circular.corrected_at)), note=note
                        )
                    )
                )
            )
        parts.append("<hr>")
        parts.append(to_html(parse_document(draft.body)))
        if circular is not None and circular.attachments:
            names = "、".join(a.filename for a in circular.attachments)
            parts.append(f"<p>{html.escape(self.tr('添付: {files}').format(files=names))}</p>")
        return "\n".join(parts)

    def preview_text(self) -> str:
        """The preview as plain text (tests, screen readers)."""
        return self.preview.toPlainText()

    def _fill_placeholders(self, draft: CircularDraft) -> None:
        left = placeholders(draft.title + "\n" + draft.body)
        if [self.placeholder_list.item(i).text() for i in range(self.placeholder_list.count())] != left:
            self.placeholder_list.clear()
            self.placeholder_list.addItems(left)
        self.placeholders_label.setText(
            self.tr("書きかえる所 ［　］: {count}か所").format(count=len(left))
            if left
            else self.tr("書きかえる所 ［　］: なし")
        )

    def _fill_hints(self, draft: CircularDraft) -> None:
        self._hints = self._circulars.readability(draft.body) if draft.readability_check else []
        self.hint_list.clear()
        for hint in self._hints:
            advice = hint_text(hint, draft.body)
            if hint.kind is not HintKind.DIFFICULT_WORD:  # the advice names the word itself
                advice = self.tr("「{text}」: {advice}").format(
                    text=_shorten(draft.body[hint.start : hint.end]), advice=advice
                )
            item = QListWidgetItem(advice, self.hint_list)
            item.setData(HINT_ROLE, (hint.start, hint.end))
            item.setToolTip(hint_text(hint, draft.body))
        self.hints_label.setText(
            self.tr("読みやすさのヒント: {count}件").format(count=len(self._hints))
            if draft.readability_check
            else self.tr("読みやすさのヒント（オフ）")
        )
        self.hint_list.setEnabled(draft.readability_check)

    def _select_body(self, start: int, end: int) -> None:
        text = self.body_edit.toPlainText()
        cursor = self.body_edit.textCursor()
        cursor.setPosition(utf16_index(text, start))
        cursor.setPosition(utf16_index(text, end), QTextCursor.MoveMode.KeepAnchor)
        self.body_edit.setTextCursor(cursor)
        self.body_edit.setFocus()

    @Slot(QListWidgetItem)
    def _go_to_placeholder(self, item: QListWidgetItem) -> None:
        text = self.body_edit.toPlainText()
        found = text.find(item.text())
        if found >= 0:
            self._select_body(found, found + len(item.text()))
        else:
            self.title_edit.setFocus()

    @Slot(QListWidgetItem)
    def _go_to_hint(self, item: QListWidgetItem) -> None:
        span = item.data(HINT_ROLE)
        if span:
            self._select_body(int(span[0]), int(span[1]))

    def _tooltip_at(self, cursor: QTextCursor) -> str | None:
        text = cursor.block().text()
        index = python_index(text, cursor.positionInBlock())
        for hint in self.highlighter.hints_of_line(text):
            if hint.start <= index < hint.end:
                return hint_text(hint, text)
        return None

    # ----- attachments ---------------------------------------------------------------------------
    def _fill_attachments(self) -> None:
        self.attachment_list.clear()
        files: Sequence[Attachment] = self._circular.attachments if self._circular is not None else ()
        for file in files:
            item = QListWidgetItem(self._attachment_text(file), self.attachment_list)
            item.setData(HINT_ROLE, file.id)
        self._update_buttons()

    def _attachment_text(self, file: Attachment) -> str:
        size = self.tr("{size} KB").format(size=max(1, round(file.size / 1024)))
        if file.media_type == "application/pdf":
            return self.tr("{name}（PDF・{pages}ページ・{size}）").format(
                name=file.filename, pages=file.pages, size=size
            )
        return self.tr("{name}（画像・{size}）").format(name=file.filename, size=size)

    def attachment_names(self) -> list[str]:
        """File names of the attachments, in order."""
        return [a.filename for a in self._circular.attachments] if self._circular is not None else []

    @Slot()
    def choose_attachments(self) -> None:
        """Ask for files and attach them."""
        names, _filter = QFileDialog.getOpenFileNames(
            self,
            self.tr("添付するファイル"),
            "",
            self.tr("PDF・画像 (*.pdf *.png *.jpg *.jpeg);;すべてのファイル (*)"),
        )
        if names:
            self.attach_files([Path(n) for n in names])

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

    @Slot()
    def remove_selected_attachment(self) -> None:
        """Remove the selected attachment from the draft."""
        item = self.attachment_list.currentItem()
        if item is None or self._circular is None or self.mode is not Mode.DRAFT:
            return
        try:
            self._circular = self._circulars.detach(self._circular.id, int(item.data(HINT_ROLE)))
        except UserError as error:
            self.attachment_error.show_error(error_text(error))
            return
        self._fill_attachments()
        self._preview_timer.start()
        self.circular_saved.emit(self._circular)

    # ----- versions --------------------------------------------------------------------------------
    def _fill_versions(self) -> None:
        self.versions_list.clear()
        for version in self._versions:
            self.versions_list.addItem(
                self.tr("第{version}版（{date}まで）— 訂正の理由: {note}").format(
                    version=version.version, date=date_text(local_date(version.saved_at)), note=version.note
                )
            )
        self.side_tabs.setTabEnabled(1, bool(self._versions))
        if self._versions:
            self.versions_list.setCurrentRow(len(self._versions) - 1)
        else:
            self.version_view.clear()

    @Slot(int)
    def _show_version(self, row: int) -> None:
        if not 0 <= row < len(self._versions):
            self.version_view.clear()
            return
        version = self._versions[row]
        self.version_view.setHtml(
            f"<h1>{html.escape(version.title)}</h1>\n{to_html(parse_document(version.body))}"
        )

    # ----- publishing ---------------------------------------------------------------------------------
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
        if not self._confirm(
            self.tr("回覧の発行"),
            self.tr("この回覧を発行します。発行後に直すと「訂正」として記録されます。よろしいですか？"),
        ):
            return None
        try:
            published = self._circulars.publish(self._circular.id)
        except UserError as error:
            self.error_label.show_error(error_text(error))
            left = placeholders(self.body_edit.toPlainText())
            if left:
                found = self.body_edit.toPlainText().find(left[0])
                self._select_body(found, found + len(left[0]))
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
        self._fill_versions()
        self._apply_mode()
        self._show_state()
        self._show_save_status()
        self.update_preview()

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


def _shorten(text: str, limit: int = 16) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
