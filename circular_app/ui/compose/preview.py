"""The right-hand side of the editor: the live preview and, for corrected circulars, earlier versions.

The preview is rendered by the same renderer as the PDF and the reader page
(:func:`circular_app.domain.document.to_html`), headed by what residents see above the body.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QListWidget, QSplitter, QTabWidget, QTextBrowser, QWidget

from circular_app.domain.calendar import wareki
from circular_app.domain.circulars import Circular, CircularDraft, CircularVersion, Urgency, sender_parts
from circular_app.domain.document import parse_document, to_html
from circular_app.domain.roster import Han
from circular_app.ui.compose.texts import date_text, local_date, target_text, title_marks

_TABLE_STYLE = (
    "table { border-collapse: collapse; margin-top: 4px; margin-bottom: 4px; }"
    " th, td { border: 1px solid #808080; padding: 3px 8px; }"
)


class PreviewPanel(QTabWidget):
    """Two tabs: プレビュー (the circular as residents will see it) and 以前の版 (earlier versions)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._versions: list[CircularVersion] = []
        self.preview = QTextBrowser(self)
        self.preview.setOpenLinks(False)
        self.preview.document().setDefaultStyleSheet(_TABLE_STYLE)
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
        self.addTab(self.preview, "")
        self.addTab(versions, "")
        self.versions_list.currentRowChanged.connect(self._show_version)

    def retranslate_ui(self) -> None:
        """Set every visible text in the current language (the editor calls it with its own)."""
        self.setTabText(0, self.tr("プレビュー"))
        self.setTabText(1, self.tr("以前の版"))
        self.preview.setAccessibleName(self.tr("回覧のプレビュー"))
        self.versions_list.setAccessibleName(self.tr("以前の版の一覧"))
        self.version_view.setAccessibleName(self.tr("選んだ版の内容"))
        self.set_versions(self._versions)

    # ----- preview ---------------------------------------------------------------------------
    def show_html(self, text: str) -> None:
        """Show a new rendering, keeping the reader's scroll position."""
        scroll = self.preview.verticalScrollBar().value()
        self.preview.setHtml(text)
        self.preview.verticalScrollBar().setValue(scroll)

    def preview_html(
        self,
        draft: CircularDraft,
        circular: Circular | None,
        versions: Sequence[CircularVersion],
        hans: Sequence[Han],
    ) -> str:
        """The circular as residents will see it: marks, title, dates, sender, body, attachments."""
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
        sender = " ".join(sender_parts(draft.sender_title, draft.sender_name))
        if sender:
            lines.append(self.tr("差出人 {sender}").format(sender=sender))
        lines.append(
            self.tr("対象 {target}").format(target=target_text(draft.target_han_ids, draft.audience, hans))
        )
        parts = [f"<h1>{html.escape(title)}</h1>", f"<p>{'<br>'.join(html.escape(x) for x in lines)}</p>"]
        if corrected and circular is not None and circular.corrected_at is not None:
            note = versions[-1].note if versions else ""
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

    # ----- earlier versions ----------------------------------------------------------------------
    def set_versions(self, versions: Sequence[CircularVersion]) -> None:
        """List the earlier versions of a corrected circular (oldest first) and show the last."""
        self._versions = list(versions)
        self.versions_list.clear()
        for version in self._versions:
            self.versions_list.addItem(
                self.tr("第{version}版（{date}まで）— 訂正の理由: {note}").format(
                    version=version.version, date=date_text(local_date(version.saved_at)), note=version.note
                )
            )
        self.setTabEnabled(1, bool(self._versions))
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
