"""Draw the application icon: a 回覧板 clipboard with 回 on its sheet.

Writes ``resources/icons/app.png`` (512 px, Linux desktop files and the window icon),
``app.ico`` (16-256 px, the Windows executable) and ``app.icns`` (the macOS bundle). The colours
follow ``kairan-desk.svg``. Drawn at 1024 px and scaled down so that edges stay smooth; 回 is
set in the bundled BIZ UDPGothic Bold so that the icon needs no system font.

Usage: ``.venv/bin/python scripts/make_icon.py`` (Pillow is already a dependency of reportlab).
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "resources" / "icons"
FONT = ROOT / "resources" / "fonts" / "BIZUDPGothic-Bold.ttf"

SIZE = 1024
BOARD = "#8a5a2b"
BOARD_EDGE = "#6b4420"
PAPER = "#ffffff"
CLIP = "#4a4a4a"
CLIP_HOLE = "#8a5a2b"
INK = "#1f3b73"
STAMP = "#c0392b"
ICO_SIZES = [(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)]


def draw(size: int = SIZE) -> Image.Image:
    """The icon at ``size`` pixels, transparent around the board."""
    s = size / 1024
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)

    def box(x0: float, y0: float, x1: float, y1: float) -> tuple[int, int, int, int]:
        return (round(x0 * s), round(y0 * s), round(x1 * s), round(y1 * s))

    # Board with a darker edge, then the sheet of paper.
    d.rounded_rectangle(box(150, 110, 874, 980), radius=round(80 * s), fill=BOARD_EDGE)
    d.rounded_rectangle(box(164, 124, 860, 962), radius=round(70 * s), fill=BOARD)
    d.rounded_rectangle(box(236, 230, 788, 900), radius=round(24 * s), fill=PAPER)
    # The metal clip at the top, with its hole.
    d.rounded_rectangle(box(362, 48, 662, 250), radius=round(48 * s), fill=CLIP)
    d.ellipse(box(477, 82, 547, 152), fill=CLIP_HOLE)
    # 回 large in the middle of the sheet.
    font = ImageFont.truetype(str(FONT), round(390 * s))
    d.text((500 * s, 515 * s), "回", font=font, fill=INK, anchor="mm")
    # A red seal (the 既読 stamp officers put on the sheet) in the lower right corner.
    d.ellipse(box(640, 752, 756, 868), outline=STAMP, width=max(1, round(20 * s)))
    return img


def main() -> None:
    """Write the PNG, ICO and ICNS files."""
    ICONS.mkdir(parents=True, exist_ok=True)
    big = draw()
    big.resize((512, 512), Image.Resampling.LANCZOS).save(ICONS / "app.png", optimize=True)
    big.resize((256, 256), Image.Resampling.LANCZOS).save(ICONS / "app.ico", sizes=ICO_SIZES)
    big.save(ICONS / "app.icns")
    for name in ("app.png", "app.ico", "app.icns"):
        print(f"{ICONS / name}: {(ICONS / name).stat().st_size} bytes")


if __name__ == "__main__":
    main()
