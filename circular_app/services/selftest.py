"""``self-test``: prove on this machine (or in a frozen bundle) that the essentials work.

Migrates a temporary encrypted profile, renders a PDF with Japanese text and checks the font
is embedded, checks the bundled font covers the UI's Japanese, and reports the keyring.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from circular_app import secrets
from circular_app.paths import AppPaths
from circular_app.pdf.fonts import missing_glyphs, register_fonts
from circular_app.pdf.sample import SAMPLE_TEXT, render_sample
from circular_app.services.profiles import ProfileService
from circular_app.storage.database import current_revision, known_revisions
from circular_app.storage.keyfile import KdfParams
from circular_app.storage.profiles import ProfileStore


@dataclass(frozen=True)
class Check:
    """One self-test result."""

    name: str
    ok: bool
    detail: str


def _check_migrations(paths: AppPaths, tmp: Path) -> Check:
    store = ProfileStore(tmp / "profiles", paths.migrations, kdf=KdfParams(n=2**14))
    created = ProfileService(store).create_profile(
        "自己診断町会", "自己診断校下", "selftest", "self-test-password"
    )
    try:
        revision = current_revision(created.context.engine)
    finally:
        created.context.close()
    _known, head = known_revisions(paths.migrations)
    raw = created.context.ref.db_path.read_bytes()
    encrypted = b"SQLite format 3" not in raw[:16] and "自己診断町会".encode() not in raw
    ok = revision == head and encrypted
    return Check(
        "データベース", ok, f"スキーマ {revision}（最新 {head}）、暗号化 {'あり' if encrypted else 'なし'}"
    )


def _check_pdf(paths: AppPaths, tmp: Path) -> Check:
    pdf = tmp / "sample.pdf"
    render_sample(pdf, paths.fonts)
    data = pdf.read_bytes()
    embedded = b"/FontFile2" in data
    return Check(
        "PDF",
        embedded and data.startswith(b"%PDF"),
        f"{len(data)} バイト、フォント埋め込み {'あり' if embedded else 'なし'}",
    )


def _check_font_coverage(paths: AppPaths) -> Check:
    register_fonts(paths.fonts)
    missing = missing_glyphs(SAMPLE_TEXT)
    return Check(
        "日本語フォント",
        not missing,
        "すべて表示できます" if not missing else f"表示できない文字: {''.join(missing)}",
    )


def _check_keyring() -> Check:
    state = secrets.status()
    # A missing keyring is not a failure: secrets then stay encrypted inside the profile.
    detail = (
        state.backend
        if state.usable
        else f"{state.backend}（{state.reason}。秘密情報はプロファイル内に暗号化して保存します）"
    )
    return Check("キーリング", True, detail)


def run_self_test(paths: AppPaths) -> Iterator[Check]:
    """Yield each check in turn; never raises for a failed check, only reports it."""
    with tempfile.TemporaryDirectory(prefix="kairan-selftest-") as tmp_name:
        tmp = Path(tmp_name)
        yield _check_migrations(paths, tmp)
        yield _check_pdf(paths, tmp)
    yield _check_font_coverage(paths)
    yield _check_keyring()
