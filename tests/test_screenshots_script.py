"""scripts/screenshots.sh: every officer screen, in each language and size, from a fresh demo.

Runs the real script under Xvfb (installed by scripts/install.sh, like the README's set-up), so
a screen that cannot be opened any more, or a main window that grows past the 1,366 × 768
screen at 200 %, fails here rather than when someone regenerates docs/screenshots.
"""

from __future__ import annotations

import os
import struct
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCREENS = (
    "login",
    "home",
    "circulars",
    "editor",
    "publish",
    "after_publish",
    "file_dialog",
    "entry",
    "matrix",
    "roster",
    "settings",
)
WINDOWS = ("home", "circulars", "entry", "matrix", "roster", "editor")  # sized to the whole screen
VARIANTS = ("ja_100", "ja_200", "en_100")


def _png_size(path: Path) -> tuple[int, int]:
    width, height = struct.unpack(">II", path.read_bytes()[16:24])
    return width, height


def test_screenshots_script_takes_every_screen(tmp_path: Path) -> None:
    """33 pictures named <screen>_<lang>_<scale>.png; the windows are exactly the screen's size."""
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    env["KAIRAN_DATA_DIR"] = str(tmp_path / "data")  # the scripts' language: the default (ja)
    result = subprocess.run(
        ["bash", "scripts/screenshots.sh", "--out", str(tmp_path / "shots")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    written = sorted(p.name for p in (tmp_path / "shots").glob("*.png"))
    assert written == sorted(f"{screen}_{variant}.png" for screen in SCREENS for variant in VARIANTS)
    for variant in VARIANTS:
        for screen in WINDOWS:
            # Larger would mean the window's minimum outgrew the screen (cut off on a real one).
            assert _png_size(tmp_path / "shots" / f"{screen}_{variant}.png") == (1366, 768), (screen, variant)
        login_100 = _png_size(tmp_path / "shots" / "login_ja_100.png")
        login_200 = _png_size(tmp_path / "shots" / "login_ja_200.png")
        assert login_200[1] > login_100[1]  # the log-in window grows with its 文字の大きさ
