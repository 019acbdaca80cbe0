"""Subprocess of test_compose_kill: types into a new circular in the editor until it is killed.

Usage: ``python -m tests.ui.compose.kill_worker DATA_DIR``

Opens the only profile, opens the circular editor on the first template, and every 100 ms
commits one more piece of Japanese text through a ``QInputMethodEvent`` (as an IME does).
After each piece it prints ``TYPED <step> <monotonic seconds> <text>``; the test SIGKILLs the
process at some point and then checks which pieces the saved draft holds.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QTimer
from PySide6.QtGui import QInputMethodEvent, QTextCursor
from PySide6.QtWidgets import QApplication

from circular_app.app import App
from circular_app.ui.compose.editor import CircularEditor
from tests.conftest import ADMIN_PASSWORD, ADMIN_USER, TEST_KDF

STEP_MS = 100


def piece(step: int) -> str:
    """The text committed at ``step`` (unique, so the test can look for each one)."""
    return f"入力{step:04d}です。"


def main() -> int:
    """Open the profile and the editor, then type until killed."""
    data_dir = Path(sys.argv[1])
    app = App.build(data_dir, kdf=TEST_KDF)
    (ref,) = app.profiles.list_profiles()
    services = app.services_for(app.profiles.open_profile(ref, ADMIN_USER, ADMIN_PASSWORD))
    qapp = QApplication([sys.argv[0]])
    template = services.circulars.templates()[0]
    editor = CircularEditor(
        services.circulars,
        services.roster.list_hans(),
        draft=services.circulars.draft_from_template(template),
    )
    editor.show()
    editor.body_edit.moveCursor(QTextCursor.MoveOperation.End)
    step = 0

    def type_piece() -> None:
        nonlocal step
        step += 1
        text = piece(step)
        preedit = QInputMethodEvent(text, [])  # the IME shows the reading first...
        QApplication.sendEvent(editor.body_edit, preedit)
        commit = QInputMethodEvent("", [])  # ...then commits the converted text
        commit.setCommitString(text)
        QApplication.sendEvent(editor.body_edit, commit)
        print(f"TYPED {step} {time.monotonic():.3f} {text}", flush=True)

    timer = QTimer()
    timer.setInterval(STEP_MS)
    timer.timeout.connect(type_piece)
    timer.start()
    print("READY", flush=True)
    return qapp.exec()


if __name__ == "__main__":
    sys.exit(main())
