"""Regenerate the officer screens' screenshots from a fresh demo profile (run by screenshots.sh).

    bash scripts/screenshots.sh [--out DIR]        (default DIR: docs/screenshots)

Each screen is taken three times, on a 1,366 × 768 screen (the small laptop many community
halls have): in Japanese at 100 % and at 200 % text size, and in English at 100 %. Files are
named ``<screen>_<lang>_<scale>.png``, e.g. ``home_ja_200.png``:

- ``login``: the log-in window (with its 文字の大きさ choice);
- ``home``, ``circulars``, ``entry`` (既読 entry), ``matrix``, ``roster``: the main window's
  areas, the window at the screen's full size;
- ``editor``: a circular with a table in the word-processor editor;
- ``publish``: the publish confirmation; ``after_publish``: the print offer after 発行;
- ``file_dialog``: a save dialog (Qt's own, translated, in the remembered print folder);
- ``settings``: the settings dialog.

The demo lives in a temporary data folder (its Documents folder too), and the keyring is
keyring's null backend, so nothing of the machine is read or changed. The demo's dates are
relative to today. Prints each file written; exits 1 if one could not be written.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # the source tree next to this file, not an installed copy
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.null.Keyring"

from PySide6.QtCore import QStandardPaths  # noqa: E402
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QWidget  # noqa: E402

from circular_app.app import App, ProfileServices  # noqa: E402
from circular_app.domain.circulars import CircularDraft  # noqa: E402
from circular_app.services.demo import create_demo  # noqa: E402
from circular_app.ui.common import dialogs  # noqa: E402
from circular_app.ui.common.appearance import Appearance, Look  # noqa: E402
from circular_app.ui.compose.page import compose_page  # noqa: E402
from circular_app.ui.compose.publish_dialogs import AfterPublishDialog, PublishConfirmDialog  # noqa: E402
from circular_app.ui.reads.dashboard import ReadsDashboard  # noqa: E402
from circular_app.ui.reads.page import ReadsPage  # noqa: E402
from circular_app.ui.shell.login import LoginDialog  # noqa: E402
from circular_app.ui.shell.main import create_application  # noqa: E402
from circular_app.ui.shell.main_window import MainWindow  # noqa: E402
from circular_app.ui.shell.settings_dialog import SettingsDialog  # noqa: E402

SCREEN = (1366, 768)
VARIANTS = (("ja", 100), ("ja", 200), ("en", 100))

TABLE_BODY = """## 日時・集合場所

| 日時 | 場所 |
|---|---|
| 12月13日（日）午前9時 | 町会館前 |
| 雨の場合 | 12月20日（日）に延期 |

## 持ち物

- 軍手
- ごみ袋（町会で用意します）
"""


def settle(qapp: QApplication, seconds: float = 1.0) -> None:
    """Let layouts, fonts and deferred loads finish before a picture is taken."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        qapp.processEvents()
        time.sleep(0.02)


class Camera:
    """Takes and saves the pictures of one run; remembers what it wrote."""

    def __init__(self, qapp: QApplication, out: Path) -> None:
        self.qapp = qapp
        self.out = out
        self.written: list[Path] = []

    def shoot(self, widget: QWidget, name: str) -> None:
        """Save ``widget`` as it is on screen now."""
        settle(self.qapp)
        path = self.out / f"{name}.png"
        if not widget.grab().save(str(path)):
            raise OSError(f"could not write {path}")
        self.written.append(path)
        print(path)

    def shoot_dialog(self, dialog: QDialog, name: str) -> None:
        """Show ``dialog`` without blocking, save it, close it."""
        dialog.show()
        dialog.adjustSize()
        self.shoot(dialog, name)
        dialog.reject()
        dialog.deleteLater()


@contextmanager
def documents_in(folder: Path) -> Iterator[None]:
    """Point Qt's Documents location into ``folder`` (the file dialogs' remembered folders live there)."""
    real = QStandardPaths.writableLocation

    def location(kind: QStandardPaths.StandardLocation) -> str:
        return str(folder) if kind == QStandardPaths.StandardLocation.DocumentsLocation else real(kind)

    QStandardPaths.writableLocation = location  # type: ignore[method-assign]
    try:
        yield
    finally:
        QStandardPaths.writableLocation = real  # type: ignore[method-assign]


def table_draft(services: ProfileServices) -> int:
    """A draft with a table and a list, as an officer would write a 清掃 notice; its id."""
    draft = CircularDraft(title="町内一斉清掃のお知らせ", body=TABLE_BODY)
    return services.circulars.new_draft(draft).id


def main_window_shots(camera: Camera, window: MainWindow, suffix: str) -> None:
    """The main window's areas, at the screen's full size."""
    window.build_all_pages()  # tabs not shown yet are placeholders until built
    home = window.findChild(ReadsDashboard)
    reads = window.findChild(ReadsPage)
    circulars = compose_page(window)
    areas: list[tuple[str, QWidget | None, Callable[[], None]]] = [
        ("home", home, lambda: None),
        ("circulars", circulars, lambda: None),
        ("entry", reads, lambda: reads.show_entry() if reads is not None else None),
        ("matrix", reads, lambda: reads.show_matrix() if reads is not None else None),
        ("roster", window.page, lambda: None),
    ]
    for name, page, prepare in areas:
        if page is None:
            raise RuntimeError(f"the main window has no {name} page")
        window.tabs.setCurrentWidget(page)
        prepare()
        settle(camera.qapp, 2.0 if name == "matrix" else 1.0)  # the matrix loads on the task runner
        camera.shoot(window, f"{name}_{suffix}")


def dialog_shots(camera: Camera, app: App, window: MainWindow, appearance: Appearance, suffix: str) -> None:
    """The editor and the dialogs an officer meets around publishing, saving and settings."""
    circulars = compose_page(window)
    if circulars is None:
        raise RuntimeError("the main window has no circular list")
    editor = circulars.open_editor(table_draft(window.services))
    editor.resize(*SCREEN)
    editor.show()
    camera.shoot(editor, f"editor_{suffix}")
    camera.shoot_dialog(PublishConfirmDialog(editor.draft().title, editor), f"publish_{suffix}")
    camera.shoot_dialog(AfterPublishDialog(editor.draft().title, editor), f"after_publish_{suffix}")
    editor.close()
    file_dialog = dialogs.file_dialog(window, dialogs.Purpose.PRINT, "", "PDF (*.pdf)")
    file_dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)  # as 「印刷用PDF」 saves
    file_dialog.resize(min(1000, SCREEN[0]), min(600, SCREEN[1]))
    file_dialog.show()
    camera.shoot(file_dialog, f"file_dialog_{suffix}")
    file_dialog.reject()
    camera.shoot_dialog(SettingsDialog(app.settings, appearance, window), f"settings_{suffix}")


def run(out: Path) -> list[Path]:
    """Take every picture into ``out``; the files written."""
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="kairan-shots-") as data, documents_in(Path(data) / "Documents"):
        app = App.build(data)
        demo = create_demo(app.profiles)
        services = app.services_for(demo.context)
        qapp, appearance = create_application(app)
        camera = Camera(qapp, out)
        window = MainWindow(app, services, appearance)
        try:
            for language, scale in VARIANTS:
                suffix = f"{language}_{scale}"
                look = Look(language=language, text_scale=scale)
                appearance.apply(look)
                login = LoginDialog(app, appearance=appearance)
                # Its 文字の大きさ shows (and applies) the officer's remembered size: choose ours.
                login.scale_combo.setCurrentIndex(login.scale_combo.findData(scale))
                camera.shoot_dialog(login, f"login_{suffix}")
                appearance.apply(look)
                window.resize(*SCREEN)
                window.show()
                main_window_shots(camera, window, suffix)
                dialog_shots(camera, app, window, appearance, suffix)
        finally:
            window.close()
            services.context.close()
    return camera.written


def main(argv: list[str]) -> int:
    """Parse ``--out`` and take the pictures."""
    parser = argparse.ArgumentParser(description="Regenerate docs/screenshots from a fresh demo profile.")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args(argv[1:])
    try:
        run(args.out)
    except OSError as exc:
        print(exc, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
