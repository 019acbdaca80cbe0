"""The circular editor: the fields of the paper form, a body with formatting buttons, a preview.

:class:`CircularEditor` is a composition of parts, each in a module of its own:

- the form (:mod:`~circular_app.ui.compose.form`, with the attachments field of
  :mod:`~circular_app.ui.compose.attachments`): title, category, sender, target 班, dates;
- the body (:mod:`~circular_app.ui.compose.body_panel`, :mod:`~circular_app.ui.compose.body`):
  the text, formatting buttons, ［placeholder］ highlighting and やさしい日本語 hints;
- the preview and earlier versions (:mod:`~circular_app.ui.compose.preview`), and the
  「翻訳」 tab beside them (:mod:`~circular_app.ui.compose.translations`, issue 23);
- the window, loading, autosave and closing (:mod:`~circular_app.ui.compose.editor_base`);
- the publish flow, 発行 and 訂正 (:mod:`~circular_app.ui.compose.publish`,
  :mod:`~circular_app.ui.compose.correction_dialog`).
"""

from __future__ import annotations

from circular_app.ui.compose.body import BodyEdit, BodyHighlighter, python_index, utf16_index
from circular_app.ui.compose.correction_dialog import CorrectionReasonDialog
from circular_app.ui.compose.editor_base import Mode
from circular_app.ui.compose.publish import PublishingEditor

__all__ = [
    "BodyEdit",
    "BodyHighlighter",
    "CircularEditor",
    "CorrectionReasonDialog",
    "Mode",
    "python_index",
    "utf16_index",
]


class CircularEditor(PublishingEditor):
    """One circular in a window of its own: the form, the body and the live preview.

    Open it on a stored ``circular`` or on a new ``draft`` (from a template); a new one is
    created as a draft at its first change. ``ask_reason`` asks for the reason of a correction
    (replaceable, e.g. in tests).

    Signals:
        circular_saved(Circular): the draft was saved (autosave or on request).
        circular_published(int): the circular (id) was published.
        circular_corrected(int): a correction of the circular (id) was published.
        print_requested(int): after 発行, 「紙の控えを印刷」 was chosen for the circular (id).
    """
