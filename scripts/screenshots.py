"""Regenerate the README's main-window screenshots from a fresh demo profile.

    xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python scripts/screenshots.py [OUT_DIR]

Writes, 1400x860 each, into OUT_DIR (default docs/screenshots):

- main_ja.png: the window as the demo opens it (ホーム), in Japanese;
- roster_ja.png: the 名簿 tab, in Japanese;
- main_en.png: the window as it opens, in English.

The demo lives in a temporary data folder, and the keyring is keyring's null backend, so
nothing of the machine is read or changed. The demo's dates are relative to today.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # the source tree next to this file, not an installed copy
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.null.Keyring"

from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from circular_app.app import App  # noqa: E402
from circular_app.services.demo import create_demo  # noqa: E402
from circular_app.ui.common.appearance import Look  # noqa: E402
from circular_app.ui.shell.main import create_application  # noqa: E402
from circular_app.ui.shell.main_window import MainWindow  # noqa: E402

SIZE = (1400, 860)


def settle(qapp: QApplication, seconds: float = 1.5) -> None:
    """Let layouts, fonts and deferred loads finish before a picture is taken."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        qapp.processEvents()
        time.sleep(0.02)


def main(argv: list[str]) -> int:
    """Take the pictures; exit 0."""
    out = Path(argv[1]) if len(argv) > 1 else ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="kairan-shots-") as data:
        app = App.build(data)
        demo = create_demo(app.profiles)
        services = app.services_for(demo.context)
        qapp, appearance = create_application(app)
        window = MainWindow(app, services, appearance)
        try:
            window.resize(*SIZE)
            window.show()
            opening: QWidget = window.tabs.currentWidget()
            shots = [
                ("main_ja.png", "ja", opening),
                ("roster_ja.png", "ja", window.page),
                ("main_en.png", "en", opening),
            ]
            for name, language, tab in shots:
                appearance.apply(Look(language=language))
                window.tabs.setCurrentWidget(tab)
                settle(qapp)
                if not window.grab().save(str(out / name)):
                    raise OSError(f"could not write {out / name}")
                print(out / name)
        finally:
            window.close()
            services.context.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
