"""The practice hub is the composition root's: the hub stack loads only when a hub starts."""

from __future__ import annotations

import subprocess
import sys


def test_starting_the_desktop_does_not_import_the_hub_stack() -> None:
    """Importing the composition root and the main window leaves FastAPI and uvicorn unloaded."""
    code = (
        "import sys; import circular_app.app, circular_app.ui.shell.main_window; "
        "print(sorted(m for m in ('fastapi', 'uvicorn', 'circular_app.hub.web.app') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_services_do_not_import_the_hub() -> None:
    """The practice-hub service module works on a hub it is handed; it never imports one."""
    code = "import sys; import circular_app.services.practice_hub; print('circular_app.hub' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
